import type { Check, Hit0 } from './context';
import { isDigit, isHan, isLatin, lines } from './text';

/** GB/T 15835-2011 出版物上数字用法. Counted as number-usage errors (0.1 each: error-rate.ts). */

const CN_DIGIT = '〇一二三四五六七八九';

/** `二0二四年`, `二零二四年`, `二O二四年`: a year in Chinese digits writes its zero 〇 (GB/T 15835-2011 4.1.2, 〇 is the digit; 零 reads a number: 三百零五). */
export const numberZero: Check = (ctx) => {
  const out: Hit0[] = [];
  const t = ctx.text;
  for (const m of t.matchAll(/[〇零一二三四五六七八九0OoＯ０]{2,}/gu)) {
    const run = m[0];
    const at = m.index!;
    const hanDigits = [...run].filter((ch) => '一二三四五六七八九'.includes(ch)).length;
    const year = t.startsWith('年', at + run.length);
    const wrong = /[0OoＯ０]/u.test(run) || (year && run.includes('零'));
    // Runs touching Latin letters or digits are codes (O2O, 5G); 零 elsewhere reads a number aloud (一零一).
    if (!wrong || hanDigits < (year ? 1 : 2) || isLatin(t[at - 1]) || isLatin(t[at + run.length]) || isDigit(t[at - 1]) || isDigit(t[at + run.length]))
      continue;
    const fixed = [...run].map((ch) => (CN_DIGIT.includes(ch) ? ch : '〇')).join('');
    out.push({ start: at, end: at + run.length, suggestion: fixed, message: `汉字数字中的零应写作“〇”，不混用“0”“O”“零”（GB/T 15835-2011）` });
  }
  return out;
};

const TIME_UNITS = /^(?:年代|年|月份|月|日|号|时|点|世纪|周|天|时期)/u;
const RANGE_UNITS = /^(?:%|‰|℃|[\p{Script=Han}])/u;

/**
 * `3-5月`, `20-30人`: a range is not written with a hyphen. GB/T 15834-2011 4.13.3.2 joins
 * the start and end of a span of time or place with the one-em dash (1031—1095年, 3—5月);
 * 4.13.3.3 joins a numeric range with the wave dash (25～30人, 5～10%). Dates (2024-05-01),
 * phone numbers and codes (12345-6, DR-3) keep their hyphen.
 */
export const numberRange: Check = (ctx) => {
  const out: Hit0[] = [];
  const t = ctx.text;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)([-－‐‑–])(\d+(?:\.\d+)?)/gu)) {
    const at = m.index!;
    const endAt = at + m[0].length;
    const before = t[at - 1];
    const after = t.slice(endAt);
    if (ctx.mask[at] || isLatin(before) || before === '-' || /^[-－‐‑–.\dA-Za-z]/u.test(after) || before === '/' || before === '.') continue;
    if (!RANGE_UNITS.test(after) || !(isHan(before) || before === undefined || /[\s，。、：（“]/u.test(before))) continue;
    // 0991-1234567: an area code and a number, not a range.
    if (/^0\d{2,}$/.test(m[1])) continue;
    const time = TIME_UNITS.test(after);
    const dash = time ? '—' : '～';
    out.push({
      start: at + m[1].length,
      end: at + m[1].length + 1,
      suggestion: dash,
      message: time
        ? `时间的起止用一字线“—”，不用连字符（GB/T 15834-2011 4.13.3.2）：${m[1]}—${m[3]}`
        : `数值范围用浪纹线“～”，不用连字符（GB/T 15834-2011 4.13.3.3）：${m[1]}～${m[3]}`,
    });
  }
  return out;
};

/**
 * One number written half in Chinese numerals, half in digits: `十2个`, `3十人`, `5百万`.
 * GB/T 15835-2011 allows digits with 万 and 亿 as units (5万, 3亿4500万, 3千万 read as 3 × 千万);
 * 千 beside digits is left alone too (千米, 千克, 千瓦 are units).
 */
export const numberMixed: Check = (ctx) => {
  const out: Hit0[] = [];
  for (const m of ctx.text.matchAll(/[一二三四五六七八九]?[十百](?=\d)|\d+[十百](?![分])/gu)) {
    const at = m.index!;
    if (ctx.mask[at]) continue;
    out.push({ start: at, end: at + m[0].length, message: `同一个数不宜汉字数字与阿拉伯数字混用（GB/T 15835-2011）：“${m[0]}…”全用阿拉伯数字或全用汉字` });
  }
  return out;
};

// Numbering at a paragraph's start (or after 。；): 一、 / （一） / 1. / 1、 / （1） / ①.
type Marker = { style: string; n: number; start: number; end: number; text: string };
const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const cnValue = (s: string) => (s.length === 1 ? CN_NUM[s] : s === '十一' ? 11 : s === '十二' ? 12 : NaN);
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';
const MARKER = /^(?:([一二三四五六七八九十]{1,2})、|[（(]([一二三四五六七八九十]{1,2})[）)]|(\d{1,2})[.．](?!\d)|(\d{1,2})、|[（(](\d{1,2})[）)]|([①-⑩]))/u;

function marker(text: string, at: number): Marker | null {
  const m = MARKER.exec(text.slice(at));
  if (!m) return null;
  const [style, n] = m[1]
    ? ['一、', cnValue(m[1])]
    : m[2]
      ? ['（一）', cnValue(m[2])]
      : m[3]
        ? ['1.', Number(m[3])]
        : m[4]
          ? ['1、', Number(m[4])]
          : m[5]
            ? ['（1）', Number(m[5])]
            : ['①', CIRCLED.indexOf(m[6]) + 1];
  return Number.isFinite(n) ? { style, n, start: at, end: at + m[0].length, text: m[0] } : null;
}

const render = (style: string, n: number) =>
  style === '一、'
    ? `${'〇一二三四五六七八九十'[n] ?? n}、`
    : style === '（一）'
      ? `（${'〇一二三四五六七八九十'[n] ?? n}）`
      : style === '1.'
        ? `${n}.`
        : style === '1、'
          ? `${n}、`
          : style === '（1）'
            ? `（${n}）`
            : (CIRCLED[n - 1] ?? `${n}`);

/**
 * `一、…二、…3、…` or `(1)…(2)…③…`: the next number of a list in another style. A
 * marker is flagged when the one before it is n−1 in another style and no marker of its
 * own style with n−1 came before (so a nested list, 一、 1. 2. 二、, is fine).
 */
export const numberList: Check = (ctx) => {
  const t = ctx.text;
  const markers: Marker[] = [];
  for (const { start, text } of lines(t)) {
    const lead = text.length - text.trimStart().length;
    const first = marker(t, start + lead);
    if (first) markers.push(first);
    for (const m of text.matchAll(/[。；;](?=[（(]?[一二三四五六七八九十\d①-⑩])/gu)) {
      const inner = marker(t, start + m.index! + 1);
      if (inner) markers.push(inner);
    }
  }
  const out: Hit0[] = [];
  for (let i = 1; i < markers.length; i += 1) {
    const m = markers[i];
    const prev = markers[i - 1];
    if (m.n < 2 || prev.n !== m.n - 1 || prev.style === m.style) continue;
    if (markers.slice(0, i).some((x) => x.style === m.style && x.n === m.n - 1)) continue;
    const want = render(prev.style, m.n);
    out.push({ start: m.start, end: m.end, suggestion: want, message: `同一组序号体例不一：前为“${prev.text}”，此处宜作“${want}”` });
  }
  return out;
};
