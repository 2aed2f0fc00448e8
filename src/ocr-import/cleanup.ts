import { endsSentence } from './conventions';
import { W, type WarningText } from './warnings';
import { HashedText, longestEarlierEnding, sameHash, sameRun } from './text-match';

/**
 * OCR noise removed from an article body, never silently: each rule returns the
 * text it removed with the source line, and the caller reports it as a warning.
 *
 * Every rule is linear in the length of the article: a paragraph is built from its
 * pieces once, what a rule removes is collected and cut out in one pass, and the
 * line map is searched by bisection. (Appending to a string and reading its end, or
 * cutting one piece at a time, copies the whole paragraph each time: megabytes of
 * short lines took minutes.)
 */

/** `rule`: the body rule that removed it (its function's name). */
export type Removal = { line: number; removed: string; code: string; message: string; rule: string };
/**
 * A paragraph and where each of its source lines starts in its text (paragraphs are joined across column breaks).
 * `alone`: it stands by itself (a page's line the editor put in the body), never joined to another.
 */
/** `opens`: its line was printed indented in a text set that way (parse-state.ts): a paragraph's start, never a continuation. */
export type Para = { kind: 'p' | 'h'; text: string; line: number; alone?: boolean; opens?: boolean; segments?: Array<{ offset: number; line: number }> };

/** The source line of the text at `offset`: that of the last segment starting at or before it (segments are in offset order). */
export function lineAt(para: Para, offset: number): number {
  const segments = para.segments ?? [];
  let [lo, hi] = [0, segments.length]; // the first segment starting after offset is in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].offset <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? segments[lo - 1].line : para.line;
}

/**
 * Removes the ranges [start, end) of the text (any order, overlaps allowed) in one
 * pass, and keeps the line map right: a segment after a range moves back by what was
 * cut before it, one inside a range moves to where the range was.
 */
function removeRanges(para: Para, ranges: Array<[number, number]>) {
  if (!ranges.length) return;
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  const pieces: string[] = [];
  let from = 0;
  for (const [a, b] of merged) {
    pieces.push(para.text.slice(from, a));
    from = b;
  }
  pieces.push(para.text.slice(from));
  para.text = pieces.join('');
  let k = 0;
  let cut = 0; // removed before merged[k]
  para.segments = (para.segments ?? []).map((s) => {
    while (k < merged.length && merged[k][1] <= s.offset) {
      cut += merged[k][1] - merged[k][0];
      k += 1;
    }
    const inside = k < merged.length && merged[k][0] < s.offset;
    const offset = inside ? merged[k][0] - cut : s.offset - cut;
    return offset === s.offset ? s : { ...s, offset };
  });
}

/** Applies `decide` to every match, last first; a returned string is the part of the match to remove (from its start). */
function removeMatches(
  rule: string,
  para: Para,
  re: RegExp,
  decide: (m: RegExpMatchArray) => { remove: string; at?: number; say: WarningText } | null,
  removals: Removal[],
) {
  // Decided on the text as it is: a match only looks at itself and what is before it, which a later match's removal does not change.
  const matches = [...para.text.matchAll(re)].reverse();
  const ranges: Array<[number, number]> = [];
  for (const m of matches) {
    const d = decide(m);
    if (!d) continue;
    const start = m.index! + (d.at ?? 0);
    removals.push({ line: lineAt(para, start), removed: d.remove, ...d.say, rule });
    ranges.push([start, start + d.remove.length]);
  }
  removeRanges(para, ranges);
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

/** Closing quotes and brackets that may follow a sentence's end (conventions.ts, endsSentence). */
const CLOSERS = new Set(['"', '”', '’', '』', '」', '）', ')']);
const SENTENCE_END = new Set(['。', '！', '？', '!', '?', '…']);

/**
 * Whether `text + next` ends a sentence (endsSentence), knowing whether `text` does: the
 * end is decided by the last character before the closing quotes, so only `next` is read.
 * `text` ends with a character that is not white space (paragraphs are trimmed lines).
 */
function endsAfter(ends: boolean, next: string): boolean {
  let k = next.length - 1;
  while (k >= 0 && CLOSERS.has(next[k])) k -= 1;
  return k < 0 ? ends : SENTENCE_END.has(next[k]);
}

type Join = { para: number; offset: number; line: number };

/** Column ends break paragraphs mid-sentence; a paragraph that does not end a sentence continues in the next one. */
export function joinColumnBreaks(paras: Para[], removals: Removal[]): { paras: Para[]; joins: Join[] } {
  const out: Para[] = [];
  const joins: Join[] = [];
  // The paragraph being joined: its pieces, length, last character and whether it ends a sentence; its text is set once, at the end.
  let open: { para: Para; pieces: string[]; length: number; last: string; ends: boolean } | null = null;
  const close = () => {
    if (open && open.pieces.length > 1) open.para.text = open.pieces.join('');
    open = null;
  };
  for (const p of paras) {
    // A line that stands alone (a page's label the editor put in the body) is never joined, either way: it is no cut paragraph.
    if (open && p.kind === 'p' && !p.alone && !p.opens && !open.para.alone && !open.ends && open.last !== '：' && open.last !== ':') {
      let next = p.text;
      const last = open.last;
      if (isHan(last) && next[0] === last && !REDUPLICATES.has(last)) {
        removals.push({ line: p.line, removed: last, ...W.doubledAcrossBreak(last), rule: 'joinColumnBreaks' });
        next = next.slice(1);
      }
      joins.push({ para: out.length - 1, offset: open.length, line: p.line });
      open.para.segments!.push({ offset: open.length, line: p.line });
      open.pieces.push(next);
      open.length += next.length;
      if (next) open.last = next[next.length - 1];
      open.ends = endsAfter(open.ends, next);
    } else {
      close();
      const para: Para = { ...p, segments: [{ offset: 0, line: p.line }] };
      out.push(para);
      if (p.kind === 'p') open = { para, pieces: [p.text], length: p.text.length, last: p.text[p.text.length - 1] ?? '', ends: endsSentence(p.text) };
    }
  }
  close();
  return { paras: out, joins };
}

/** The longest passage taken for an OCR repeat: a long paragraph line (the real pages have lines of 500 characters). The cap keeps the search linear. */
export const MAX_REPEAT = 1000;

/**
 * OCR repeats a passage at a photo or a column end. Two patterns are certain
 * enough to act on: the words just before a break printed again just after it,
 * and the same words ending two different breaks (a column's last line read
 * twice). The later copy goes; a phrase that merely recurs in the text stays.
 * The breaks are read from the last, each with the repeats of the later ones
 * taken out of what follows it (they are cut from the text together at the end),
 * and a repeat is at most MAX_REPEAT characters long: that keeps it linear.
 */
export function dropRepeatedPassages(paras: Para[], joins: Join[], removals: Removal[]) {
  const ADJACENT_MIN = 6;
  const TWICE_MIN = 8;
  const ordered = [...joins].sort((a, b) => a.para - b.para || a.offset - b.offset);
  const hashed = new Map<number, HashedText>();
  const textOf = (para: number) => {
    if (!hashed.has(para)) hashed.set(para, new HashedText(paras[para].text));
    return hashed.get(para)!;
  };
  // The same words ending an earlier break: the longest such ending of each break.
  const earlier = longestEarlierEnding(
    ordered.map((j) => ({ text: textOf(j.para), at: j.offset })),
    MAX_REPEAT,
  );
  // Each paragraph is read from its end back, as the joins are: `kept` is where the text is still as
  // printed (its start up to `printed`), `after` what is kept beyond it, as ranges of the text, the
  // leftmost last. What is in neither is cut, all at once when the paragraph is done.
  let para = -1;
  let printed = 0;
  let after: Array<[number, number]> = [];
  const finish = () => {
    if (para < 0) return;
    const kept: Array<[number, number]> = [[0, printed], ...after.reverse()];
    const cuts: Array<[number, number]> = [];
    for (let i = 0; i + 1 < kept.length; i += 1) if (kept[i][1] < kept[i + 1][0]) cuts.push([kept[i][1], kept[i + 1][0]]);
    const last = kept[kept.length - 1][1];
    if (last < paras[para].text.length) cuts.push([last, paras[para].text.length]);
    removeRanges(paras[para], cuts);
  };
  // Later joins first (the order of the warnings).
  for (let k = ordered.length - 1; k >= 0; k -= 1) {
    const j = ordered[k];
    const p = paras[j.para];
    if (j.para !== para) {
      finish();
      [para, printed, after] = [j.para, p.text.length, []];
    }
    // A break inside a repeat cut for a later break was part of that repeat.
    if (j.offset > printed) continue;
    const o = j.offset;
    // What follows the break now, as far as a repeat can reach: the text up to `printed`, then what is kept after it.
    const reach = Math.min(MAX_REPEAT, o);
    const pieces = [p.text.slice(o, Math.min(printed, o + reach))];
    let got = pieces[0].length;
    for (let i = after.length - 1; i >= 0 && got < reach; i -= 1) {
      const [from, to] = after[i];
      pieces.push(p.text.slice(from, Math.min(to, from + reach - got)));
      got += pieces[pieces.length - 1].length;
    }
    const next = pieces.join('');
    const nextHash = new HashedText(next);
    const h = textOf(j.para);
    // Before the break, printed again right after it: the longest such passage.
    let adjacent = 0;
    for (let len = next.length; len >= ADJACENT_MIN; len -= 1) {
      if (sameHash(h, o - len, nextHash, 0, len) && sameRun(p.text, o - len, next, 0, len)) {
        adjacent = len;
        break;
      }
    }
    if (o < printed) after.push([o, printed]);
    printed = o;
    if (adjacent) {
      const piece = next.slice(0, adjacent);
      const at = after.length ? after[after.length - 1][0] : o; // where the passage starts in the text as printed
      removals.push({ line: lineAt(p, at), removed: piece, ...W.repeatedPassage(piece), rule: 'dropRepeatedPassages' });
      for (let left = adjacent; left > 0;) {
        const top = after[after.length - 1];
        const take = Math.min(left, top[1] - top[0]);
        top[0] += take;
        left -= take;
        if (top[0] === top[1]) after.pop();
      }
      continue;
    }
    const twice = earlier[k] >= TWICE_MIN ? earlier[k] : 0;
    if (twice) {
      const piece = p.text.slice(o - twice, o);
      removals.push({
        line: lineAt(p, o - twice),
        removed: piece,
        ...W.repeatedPassage(piece),
        rule: 'dropRepeatedPassages',
      });
      printed = o - twice;
    }
  }
  finish();
  // A whole paragraph printed twice.
  const seen = new Set<string>();
  return paras.filter((p) => {
    if (p.kind === 'p' && p.text.length >= TWICE_MIN && seen.has(p.text)) {
      removals.push({ line: p.line, removed: p.text, ...W.repeatedParagraph(), rule: 'dropRepeatedPassages' });
      return false;
    }
    seen.add(p.text);
    return true;
  });
}

/** `“我为群众办实事”“我为群众办实事”` and `困难困难` are OCR doubles; `研究研究` and `人人` are Chinese. */
export function dropDoubledWords(para: Para, removals: Removal[]) {
  removeMatches('dropDoubledWords', para, /(“[^“”]{2,30}”)\1/gu, (m) => ({ remove: m[1], at: m[1].length, say: W.doubledQuotation(m[1]) }), removals);
  removeMatches(
    'dropDoubledWords',
    para,
    /(\p{Script=Han}{2,4})\1/gu,
    (m) => {
      const w = m[1];
      if (w.length === 2 && (ABAB_ALLOWED.has(w) || w[0] === w[1])) return null; // 研究研究; AAAA is not ABAB
      if (/^[一二三四五六七八九十百千万]/u.test(w)) return null; // 一步一步
      if (para.text[m.index! - 1] === w[w.length - 1]) return null;
      return { remove: w, at: w.length, say: W.doubledWord(w) };
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
    (m) => ({ remove: m[0], say: W.strayWord(m[1]) }),
    removals,
  );
}
