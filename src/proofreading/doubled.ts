import { coveredBy, type Check } from './context';
import { isHan } from './text';

/**
 * OCR and hurried typing repeat: `困难困难群众`, `党员党员`, `的的`. Chinese also
 * repeats on purpose (常常, 看看, 家家户户, 一个个, 研究研究), so:
 *  - a doubled word of 2–4 characters (ABAB) is flagged unless listed as a reduplication
 *    (研究研究, 雪白雪白), shaped like one (一步一步, 走着走着, 好的好的), or inside AABB;
 *  - a doubled single character only when it is a function character (的了是在和与…) and neither copy
 *    belongs to a word beside it (目的的 = 目的+的, 为了了解 = 为了+了解, 是是否 = 是+是否):
 *    a doubled content character is nearly always two words meeting (工作作风, 学生生活), and
 *    without a dictionary of every word that cannot be told from a slip, so it is left alone.
 */
const NUMERALS = /^[〇零一二三四五六七八九十百千万亿两\d]+$/u;
/** Second characters of a unit whose doubling is a construction: 走着走着, 好了好了, 是的是的, 来啊来啊. */
const PARTICLE_TAIL = new Set(['着', '了', '的', '啊', '呀', '吧', '呢', '哦']);

function hanRuns(text: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let i = 0;
  while (i < text.length) {
    if (!isHan(text[i])) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < text.length && isHan(text[j])) j += 1;
    if (j - i >= 2) runs.push([i, j]);
    i = j;
  }
  return runs;
}

/** AABB (家家户户, 干干净净) starting at i: each half doubled, the two different. */
const aabbAt = (t: string, i: number) => t[i] === t[i + 1] && t[i + 2] === t[i + 3] && t[i] !== t[i + 2] && isHan(t[i + 2]) && isHan(t[i + 3]);

export const doubledWord: Check = (ctx) => {
  const t = ctx.text;
  const out: ReturnType<Check> = [];
  for (const [from, to] of hanRuns(t)) {
    for (let i = from; i < to; i += 1) {
      for (let len = 4; len >= 2; len -= 1) {
        if (i + 2 * len > to) continue;
        const unit = t.slice(i, i + len);
        if (t.slice(i + len, i + 2 * len) !== unit) continue;
        if (unit[0] === unit[1] || unit[0] === '一' || NUMERALS.test(unit) || PARTICLE_TAIL.has(unit[len - 1])) continue;
        if (coveredBy(ctx, 'reduplication', i, i + 2 * len)) continue;
        out.push({ start: i, end: i + 2 * len, suggestion: unit, message: `“${unit}”连续出现两次，疑为重复录入（OCR 常见），保留一个` });
        i += 2 * len - 1;
        break;
      }
    }
  }
  return out;
};

export const doubledChar: Check = (ctx) => {
  const t = ctx.text;
  const fc = ctx.lists.functionChars;
  const words = ctx.lists.functionWords;
  const out: ReturnType<Check> = [];
  for (let i = 0; i + 1 < t.length; i += 1) {
    const a = t[i];
    if (t[i + 1] !== a || !fc.has(a)) continue;
    // Three or more (的的的) is one slip; AABB (的的确确, 是是非非) and listed words (不了了之) are not slips.
    let end = i + 2;
    while (t[end] === a) end += 1;
    const boundary = words.has(t.slice(i - 1, i + 1)) || words.has(t.slice(end - 1, end + 1));
    const aabb = aabbAt(t, i) || (i >= 2 && aabbAt(t, i - 2));
    if (!boundary && !aabb && !coveredBy(ctx, 'reduplication', i, end)) {
      out.push({ start: i, end, suggestion: a, message: `“${a}”连续出现${end - i}次，疑为重复录入，保留一个` });
    }
    i = end - 1;
  }
  return out;
};
