import { pinyin } from 'pinyin-pro';

/** Small text helpers the rules share. Offsets are UTF-16 code units, as String.slice counts. */

const HAN_RE = /\p{Script=Han}/u;
/** One UTF-16 unit is Han (the BMP's CJK blocks; a surrogate half is not, which only makes rules more cautious). */
export const isHan = (ch: string | undefined) => !!ch && HAN_RE.test(ch);
/** Full-width Chinese punctuation that sits where Chinese text is. */
export const CJK_PUNCT = '“”‘’《》〈〉（）【】、。，；：！？…—～·';
export const isCjk = (ch: string | undefined) => !!ch && (isHan(ch) || CJK_PUNCT.includes(ch));
export const isDigit = (ch: string | undefined) => !!ch && ch >= '0' && ch <= '9';
export const isLatin = (ch: string | undefined) => !!ch && /[A-Za-z]/.test(ch);

/** Lines of a field with their offsets: a paragraph is a line (Markdown bodies keep one paragraph per line). */
export function lines(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let start = 0;
  for (const line of text.split('\n')) {
    out.push({ start, text: line.replace(/\r$/, '') });
    start += line.length + 1;
  }
  return out;
}

// Where no punctuation rule looks: URLs, e-mail addresses, Markdown link targets and inline code.
const PROTECTED = [
  /\b(?:https?|ftp):\/\/[^\s\u3000-\u303f\uff00-\uffef\p{Script=Han}]+/giu,
  /\bwww\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s\p{Script=Han}]*/giu,
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
  /\]\((?:[^()\s]|\([^()\s]*\))*\)/g,
  /`[^`\n]*`/g,
];

/** A mask of the text's protected units (1 = leave alone). */
export function protectedMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  if (!/[:@.`\]]/.test(text)) return mask;
  for (const re of PROTECTED) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) mask.fill(1, m.index!, m.index! + m[0].length);
  }
  return mask;
}

const readings = new Map<string, string[]>();
/** Toneless readings of one character (several for a polyphone: 行 → xing, hang, heng), cached. */
export function readingsOf(ch: string): string[] {
  let r = readings.get(ch);
  if (!r) {
    r = isHan(ch) ? pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }) : [ch];
    if (!r.length) r = [ch];
    readings.set(ch, r);
  }
  return r;
}
/** Two different characters that share a reading (同音字): 芳/方, 心/新. */
export const homophones = (a: string, b: string) => a !== b && isHan(a) && isHan(b) && readingsOf(a).some((x) => readingsOf(b).includes(x));
