import type { Segmenter } from './segment';

/**
 * The search terms of a text, and a query compiled to the same terms (pure: text in,
 * data out; the stores turn them into FTS5 or tsvector syntax).
 *
 * Two streams per field, both from the folded text (fold.ts):
 *  - `grams`: every run of Han characters as its character bigrams in order (a run of
 *    one character as itself), every run of Latin letters/digits as one lower-case
 *    token. A query run matches as the phrase of its bigrams, so any substring of two
 *    or more characters is found, names and words missing from the dictionary too
 *    (袁雪英 → 袁雪 雪英).
 *  - `words`: jieba's words (segment.ts, with the party-building list). A query that
 *    is also a whole word in the text matches this stream too and ranks higher: 人才
 *    as a word beats 个人才能, where it only crosses two words.
 * Runs are separated by GAP, so no phrase matches across punctuation.
 */
export const GAP = '_';
export type Stream = string[];
export type Streams = { grams: Stream; words: Stream };

const TOKEN_RUN = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;
const HAN = /\p{Script=Han}/u;
const WORD = /^[\p{L}\p{N}]+$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// Code-point ranges first (the common case), the Unicode property only for the rest.
const isHan = (ch: string) => {
  const c = ch.codePointAt(0)!;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) return true;
  return c > 0x2e7f && HAN.test(ch);
};
const isLetterOrDigit = (ch: string) => {
  const c = ch.charCodeAt(0);
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return true;
  return c > 0x7f && LETTER_OR_DIGIT.test(ch);
};

/** The runs of a folded text: Han runs and Latin/digit runs, in order; anything else separates them. */
export function runs(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN_RUN)) {
    // A mixed run (`2024年`) is split where the script changes.
    for (const part of m[0].match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) out.push(part);
  }
  return out;
}

export function bigrams(run: string): string[] {
  if (!HAN.test(run)) return [run];
  const chars = [...run];
  if (chars.length === 1) return chars;
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

function joinRuns(parts: string[][]): Stream {
  const out: Stream = [];
  for (const p of parts) {
    if (!p.length) continue;
    if (out.length) out.push(GAP);
    out.push(...p);
  }
  return out;
}

/** One pass over the characters (the index's hot loop: about 2,000 characters an article). */
export function gramStream(folded: string): Stream {
  const out: Stream = [];
  let prevHan: string | null = null; // the previous character, when it is Han and in the same run
  let runLength = 0;
  let latin = '';
  const endRun = () => {
    if (latin) out.push(latin);
    else if (runLength === 1 && prevHan) out.push(prevHan);
    latin = '';
    prevHan = null;
    runLength = 0;
  };
  const gap = () => {
    if (out.length && out[out.length - 1] !== GAP) out.push(GAP);
  };
  for (const ch of folded) {
    if (isHan(ch)) {
      if (latin) {
        endRun();
        gap();
      }
      if (prevHan) out.push(prevHan + ch);
      else gap();
      prevHan = ch;
      runLength += 1;
    } else if (isLetterOrDigit(ch)) {
      if (prevHan) {
        endRun();
        gap();
      }
      if (!latin) gap();
      latin += ch;
    } else {
      endRun();
    }
  }
  endRun();
  if (out[0] === GAP) out.shift();
  return out;
}

/** jieba's words, each a token; punctuation and spaces become gaps. */
export function wordStream(folded: string, seg: Segmenter): Stream {
  const parts: string[][] = [[]];
  for (const w of seg.words(folded)) {
    if (WORD.test(w)) parts[parts.length - 1].push(w);
    else if (parts[parts.length - 1].length) parts.push([]);
  }
  return joinRuns(parts);
}

export function streams(folded: string, seg: Segmenter): Streams {
  return { grams: gramStream(folded), words: wordStream(folded, seg) };
}

/** One term of a query: its bigram phrase, its word phrase, and whether it is one character (matched as a prefix). */
export type QueryTerm = { text: string; grams: string[]; words: string[]; single: boolean };

export const MAX_QUERY_CHARS = 100;
export const MAX_QUERY_TERMS = 10;

/** A query's terms, all of which must match; null when it has none (only punctuation or spaces). */
export function queryTerms(folded: string, seg: Segmenter): QueryTerm[] | null {
  const terms = runs(folded).map((run) => {
    const words = seg.words(run).filter((w) => WORD.test(w));
    return { text: run, grams: bigrams(run), words, single: HAN.test(run) && [...run].length === 1 };
  });
  return terms.length ? terms : null;
}
