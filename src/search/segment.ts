import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Words of a (folded) text by jieba, with its default dictionary and the project's
 * party-building list (src/search/words.txt) added, so 全面从严治党, 两个维护, 新时代
 * come out whole. The list is data: one word a line, `#` starts a comment.
 */
export type Segmenter = { words: (text: string) => string[] };

// A high frequency: a listed word wins over the default dictionary's splits of it.
const LISTED_FREQ = 100000;

export function wordList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

// One jieba per word list in a process (its dictionary is some 50 MB and a fifth of a second to load),
// shared by every Strapi the process boots: tests boot one per file.
const made = new Map<string, Segmenter>();

export function makeSegmenter(listText: string): Segmenter {
  let segmenter = made.get(listText);
  if (!segmenter) {
    segmenter = newSegmenter(listText);
    made.set(listText, segmenter);
  }
  return segmenter;
}

function newSegmenter(listText: string): Segmenter {
  const jieba = Jieba.withDict(dict);
  const words = wordList(listText);
  if (words.length) jieba.loadDict(Buffer.from(words.map((w) => `${w} ${LISTED_FREQ} n`).join('\n') + '\n'));
  return { words: (text) => jieba.cut(text, true) };
}
