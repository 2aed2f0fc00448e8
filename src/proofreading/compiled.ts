import AhoCorasick from 'modern-ahocorasick';
import type { ProofLists, WordEntry } from './types';

/**
 * What the rules need from a lists object, built once per lists object and cached
 * (a WeakMap: a newsroom's reloaded lists are a new object and get their own).
 * All word lists go into ONE Aho–Corasick matcher, each pattern tagged with its
 * list: modern-ahocorasick walks the text grapheme by grapheme (Intl.Segmenter),
 * which costs about as much per pass as everything else the checker does on a page,
 * so a page is segmented once, not once per list, and only where a pattern can start: the
 * windows that open with one of the patterns' first two characters (a Map lookup per
 * position), each as long as the longest pattern with that opening. On a page of party
 * news that is a fraction of the text, and the segmentation cost shrinks with it.
 */
export type ListKind = 'typos' | 'redundant' | 'termErrors' | 'terms' | 'reduplication';
export type Tagged = { kind: ListKind; entry: WordEntry };
export type Hit = { kind: ListKind; entry: WordEntry; start: number; end: number };

export type Compiled = {
  matcher: AhoCorasick<Tagged> | null;
  functionChars: Set<string>;
  functionWords: Set<string>;
  terms: string[];
  termSet: Set<string>;
  /** Each bigram of each term → [term index, offset of the bigram in the term]. */
  termBigrams: Map<string, Array<[number, number]>>;
  names: string[];
  /** The first two UTF-16 units of each pattern (the unit, for a one-unit pattern) → the longest pattern opening so. */
  openings: Map<string, number>;
};

const cache = new WeakMap<ProofLists, Compiled>();

export function compiled(lists: ProofLists): Compiled {
  let c = cache.get(lists);
  if (!c) {
    c = compile(lists);
    cache.set(lists, c);
  }
  return c;
}

function compile(lists: ProofLists): Compiled {
  const patterns: Array<{ pattern: string; data: Tagged }> = [];
  const add = (kind: ListKind, entries: WordEntry[]) => {
    for (const entry of entries) if (entry.text) patterns.push({ pattern: entry.text, data: { kind, entry } });
  };
  add('typos', lists.typos);
  add('redundant', lists.redundant);
  add('termErrors', lists.termErrors);
  add(
    'terms',
    lists.terms.map((text) => ({ text })),
  );
  add(
    'reduplication',
    lists.reduplication.map((text) => ({ text })),
  );
  const terms = [...new Set(lists.terms.filter((t) => [...t].length >= 4))];
  const termBigrams = new Map<string, Array<[number, number]>>();
  terms.forEach((term, ti) => {
    for (let k = 0; k + 2 <= term.length; k += 1) {
      const bg = term.slice(k, k + 2);
      const list = termBigrams.get(bg) ?? [];
      list.push([ti, k]);
      termBigrams.set(bg, list);
    }
  });
  const openings = new Map<string, number>();
  for (const { pattern } of patterns) {
    const key = pattern.slice(0, 2);
    openings.set(key, Math.max(openings.get(key) ?? 0, pattern.length));
  }
  return {
    openings,
    matcher: patterns.length ? new AhoCorasick<Tagged>(patterns) : null,
    functionChars: new Set(lists.functionChars),
    functionWords: new Set(lists.functionWords),
    terms,
    termSet: new Set(lists.terms),
    termBigrams,
    names: lists.names,
  };
}

/** Every list hit in the text (overlaps included), start ascending, longer first. */
export function hits(c: Compiled, text: string): Hit[] {
  if (!c.matcher || !text) return [];
  const out: Hit[] = [];
  let from = -1;
  let to = -1;
  const flush = () => {
    if (from < 0) return;
    for (const m of c.matcher!.search(text.slice(from, to))) out.push({ kind: m.data!.kind, entry: m.data!.entry, start: from + m.start, end: from + m.end });
  };
  for (let p = 0; p < text.length; p += 1) {
    const len = Math.max(c.openings.get(text.slice(p, p + 2)) ?? 0, c.openings.get(text[p]) ?? 0);
    if (!len) continue;
    if (p > to) {
      flush();
      from = p;
    }
    to = Math.max(to, p + len);
  }
  flush();
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}
