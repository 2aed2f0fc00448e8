import { endsSentence } from './conventions';

/**
 * OCR noise removed from an article body, never silently: each rule returns the
 * text it removed with the source line, and the caller reports it as a warning.
 */

/** `rule`: the body rule that removed it (its function's name). */
export type Removal = { line: number; removed: string; message: string; rule: string };
/** A paragraph and where each of its source lines starts in its text (paragraphs are joined across column breaks). */
export type Para = { kind: 'p' | 'h'; text: string; line: number; segments?: Array<{ offset: number; line: number }> };

export function lineAt(para: Para, offset: number): number {
  let line = para.line;
  for (const s of para.segments ?? []) if (s.offset <= offset) line = s.line;
  return line;
}

/** Removes text[start, end) and keeps the line map right. */
function removeRange(para: Para, start: number, end: number) {
  const len = end - start;
  para.text = para.text.slice(0, start) + para.text.slice(end);
  para.segments = (para.segments ?? []).map((s) => (s.offset >= end ? { ...s, offset: s.offset - len } : s.offset > start ? { ...s, offset: start } : s));
}

/** Applies `decide` to every match, last first; a returned string is the part of the match to remove (from its start). */
function removeMatches(
  rule: string,
  para: Para,
  re: RegExp,
  decide: (m: RegExpMatchArray) => { remove: string; at?: number; message: string } | null,
  removals: Removal[],
) {
  const matches = [...para.text.matchAll(re)].reverse();
  for (const m of matches) {
    const d = decide(m);
    if (!d) continue;
    const start = m.index! + (d.at ?? 0);
    removals.push({ line: lineAt(para, start), removed: d.remove, message: d.message, rule });
    removeRange(para, start, start + d.remove.length);
  }
}

// Characters that Chinese doubles on purpose (人人, 常常, 渐渐…): never taken for an OCR double.
const REDUPLICATES = new Set([
  ...'人常天年月日家户处时事样个点渐刚往仅偏纷默层步一二三看想说走试谈听等多少大小高远慢快好早满紧轻重深浅长短亮红绿白黑星片条件项桩种座匹',
]);
// Two-character words that are legitimately said twice (研究研究): kept.
const ABAB_ALLOWED = new Set([
  '研究',
  '讨论',
  '学习',
  '商量',
  '考虑',
  '休息',
  '打扫',
  '收拾',
  '锻炼',
  '了解',
  '体验',
  '介绍',
  '活动',
  '交流',
  '溜达',
  '琢磨',
  '比划',
  '检查',
  '整理',
  '清理',
  '准备',
  '思考',
  '高兴',
  '热闹',
  '暖和',
  '凉快',
  '干净',
  '明白',
  '清楚',
  '漂亮',
  '舒服',
  '轻松',
  '快乐',
]);

const isHan = (ch: string | undefined) => !!ch && /\p{Script=Han}/u.test(ch);

/** Column ends break paragraphs mid-sentence; a paragraph that does not end a sentence continues in the next one. */
export function joinColumnBreaks(paras: Para[], removals: Removal[]): { paras: Para[]; joins: Array<{ para: number; offset: number; line: number }> } {
  const out: Para[] = [];
  const joins: Array<{ para: number; offset: number; line: number }> = [];
  for (const p of paras) {
    const prev = out[out.length - 1];
    if (prev && prev.kind === 'p' && p.kind === 'p' && !endsSentence(prev.text) && !/[：:]$/u.test(prev.text)) {
      let next = p.text;
      const last = prev.text[prev.text.length - 1];
      if (isHan(last) && next[0] === last && !REDUPLICATES.has(last)) {
        removals.push({ line: p.line, removed: last, message: `removed "${last}" doubled across a column break`, rule: 'joinColumnBreaks' });
        next = next.slice(1);
      }
      joins.push({ para: out.length - 1, offset: prev.text.length, line: p.line });
      prev.segments = [...(prev.segments ?? [{ offset: 0, line: prev.line }]), { offset: prev.text.length, line: p.line }];
      prev.text += next;
    } else {
      out.push({ ...p, segments: [{ offset: 0, line: p.line }] });
    }
  }
  return { paras: out, joins };
}

/**
 * OCR repeats a passage at a photo or a column end. Two patterns are certain
 * enough to act on: the words just before a break printed again just after it,
 * and the same words ending two different breaks (a column's last line read
 * twice). The later copy goes; a phrase that merely recurs in the text stays.
 */
export function dropRepeatedPassages(paras: Para[], joins: Array<{ para: number; offset: number; line: number }>, removals: Removal[]) {
  const ADJACENT_MIN = 6;
  const TWICE_MIN = 8;
  // Later joins first, so the offsets of earlier ones stay valid.
  const ordered = [...joins].sort((a, b) => a.para - b.para || a.offset - b.offset);
  for (let k = ordered.length - 1; k >= 0; k -= 1) {
    const j = ordered[k];
    const p = paras[j.para];
    const before = (len: number) => p.text.slice(j.offset - len, j.offset);
    // Before the break, printed again right after it.
    let adjacent = 0;
    for (let len = ADJACENT_MIN; len <= j.offset && j.offset + len <= p.text.length; len += 1) {
      if (before(len) === p.text.slice(j.offset, j.offset + len)) adjacent = len;
    }
    if (adjacent) {
      const piece = p.text.slice(j.offset, j.offset + adjacent);
      removals.push({ line: lineAt(p, j.offset), removed: piece, message: `removed a passage repeated by OCR: "${piece}"`, rule: 'dropRepeatedPassages' });
      removeRange(p, j.offset, j.offset + adjacent);
      continue;
    }
    // The same words ending an earlier break.
    let twice = 0;
    for (let len = TWICE_MIN; len <= j.offset; len += 1) {
      const piece = before(len);
      const earlier = ordered.slice(0, k).some((e) => e.offset >= len && paras[e.para].text.slice(e.offset - len, e.offset) === piece);
      if (earlier) twice = len;
      else if (len > twice + 3) break;
    }
    if (twice) {
      const piece = before(twice);
      removals.push({
        line: lineAt(p, j.offset - twice),
        removed: piece,
        message: `removed a passage repeated by OCR: "${piece}"`,
        rule: 'dropRepeatedPassages',
      });
      removeRange(p, j.offset - twice, j.offset);
    }
  }
  // A whole paragraph printed twice.
  const seen = new Set<string>();
  return paras.filter((p) => {
    if (p.kind === 'p' && p.text.length >= TWICE_MIN && seen.has(p.text)) {
      removals.push({ line: p.line, removed: p.text, message: 'removed a paragraph repeated by OCR', rule: 'dropRepeatedPassages' });
      return false;
    }
    seen.add(p.text);
    return true;
  });
}

/** `“我为群众办实事”“我为群众办实事”` and `困难困难` are OCR doubles; `研究研究` and `人人` are Chinese. */
export function dropDoubledWords(para: Para, removals: Removal[]) {
  removeMatches(
    'dropDoubledWords',
    para,
    /(“[^“”]{2,30}”)\1/gu,
    (m) => ({ remove: m[1], at: m[1].length, message: `removed doubled quotation ${m[1]}` }),
    removals,
  );
  removeMatches(
    'dropDoubledWords',
    para,
    /(\p{Script=Han}{2,4})\1/gu,
    (m) => {
      const w = m[1];
      if (w.length === 2 && (ABAB_ALLOWED.has(w) || w[0] === w[1])) return null; // 研究研究; AAAA is not ABAB
      if (/^[一二三四五六七八九十百千万]/u.test(w)) return null; // 一步一步
      if (para.text[m.index! - 1] === w[w.length - 1]) return null;
      return { remove: w, at: w.length, message: `removed doubled word "${w}"` };
    },
    removals,
  );
}

/** An English word OCR left between Chinese words (`表率 and 解放思想`): removed, never translated. */
export function dropStrayWords(para: Para, removals: Removal[]) {
  removeMatches(
    'dropStrayWords',
    para,
    /(?<=\p{Script=Han})\s*\b(and|the|of)\b\s*(?=\p{Script=Han})/gu,
    (m) => ({ remove: m[0], message: `removed the stray word "${m[1]}" between Chinese words` }),
    removals,
  );
}
