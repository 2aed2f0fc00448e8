import type { Check, Hit0 } from './context';
import { isCjk, isDigit, isHan, isLatin } from './text';

/**
 * GB/T 15834-2011: Chinese text takes full-width punctuation. A half-width , . ; : ? ! ( )
 * touching Chinese is flagged with its full-width form; left alone: numbers (3.5, 1,000),
 * times and ratios (9:30), Latin words and abbreviations, URLs, e-mail addresses, link
 * targets and code (the mask), and Markdown (list markers `1.` at a line's start, `![`).
 */
const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）', '.': '。' };
const NAME: Record<string, string> = { ',': '逗号', ';': '分号', ':': '冒号', '?': '问号', '!': '叹号', '(': '括号', ')': '括号', '.': '句点' };

/** The nearest non-space character before/after k on the same line. */
function near(t: string, k: number, step: -1 | 1) {
  for (let j = k + step; j >= 0 && j < t.length; j += step) {
    const ch = t[j];
    if (ch === '\n') return undefined;
    if (ch !== ' ' && ch !== '\t') return ch;
  }
  return undefined;
}

export const halfwidth: Check = (ctx) => {
  const t = ctx.text;
  const out: Hit0[] = [];
  if (!/[,.;:?!()]/.test(t)) return out;
  let skipTo = 0;
  for (const m of t.matchAll(/[,.;:?!()]/g)) {
    const k = m.index!;
    const ch = m[0];
    if (k < skipTo || ctx.mask[k]) continue;
    const before = near(t, k, -1);
    const after = near(t, k, 1);
    let suggestion = FULL[ch];
    let end = k + 1;
    if (ch === '.') {
      // Only after Chinese: a digit before it is a decimal or a list number, a letter an abbreviation or a domain.
      if (!isCjk(t[k - 1]) || isDigit(after)) continue;
      while (t[end] === '.') end += 1;
      if (end - k >= 2) suggestion = '……';
    } else if (ch === '(' || ch === ')') {
      if (!parenInChinese(t, k)) continue;
    } else {
      if (!isCjk(before) && !isCjk(after)) continue;
      if (ch === ':' && isDigit(before) && isDigit(after)) continue;
      if (ch === ',' && isDigit(before) && isDigit(after)) continue;
      if (ch === '!' && t[k + 1] === '[') continue;
    }
    out.push({ start: k, end, suggestion, message: `中文里用了半角${NAME[ch]}“${t.slice(k, end)}”，应为全角“${suggestion}”（GB/T 15834-2011）` });
    skipTo = end;
  }
  return out;
};

/** A half-width bracket belongs to Chinese when it or its partner touches Chinese, or what it encloses is Chinese. */
function parenInChinese(t: string, k: number) {
  const lineStart = t.lastIndexOf('\n', k - 1) + 1;
  const lineEnd = t.indexOf('\n', k) < 0 ? t.length : t.indexOf('\n', k);
  let open = k;
  let close = k;
  if (t[k] === '(') {
    close = t.indexOf(')', k);
    if (close < 0 || close > lineEnd) close = -1;
  } else {
    open = t.lastIndexOf('(', k);
    if (open < lineStart) open = -1;
    // `1)` at a line's start is a list marker.
    if (/^\s*(?:\d{1,2}|[A-Za-z])$/.test(t.slice(lineStart, k))) return false;
  }
  const inner = open >= 0 && close >= 0 ? t.slice(open + 1, close) : '';
  const touches = (j: number) => j >= 0 && (isHan(t[j - 1]) || isCjk(t[j - 1]) || isHan(t[j + 1]) || isCjk(t[j + 1]));
  if (/\p{Script=Han}/u.test(inner)) return true;
  if (open >= 0 && (isCjk(t[open - 1]) || isCjk(t[open + 1]))) return true;
  if (close >= 0 && (isCjk(t[close - 1]) || isCjk(t[close + 1]))) return true;
  return (open < 0 || close < 0) && touches(k) && !isLatin(t[k - 1]);
}
