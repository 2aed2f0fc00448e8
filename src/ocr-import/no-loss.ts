import { comparable } from './punctuation';
import type { OcrResult } from './parse';
import { SIGN_ROLES, creditText, photoCreditText } from '../newsroom/glossary';
import { authorNoteLine, sourceLine, suppliedByLine } from './end-lines';

/**
 * The importer's promise: every sentence of the source is in the output exactly
 * once, except what a warning says was removed; a page's lines count where they went
 * (its name, its theme, or once as the 栏目 of the articles under them). This renders the result back to
 * printed text and checks each sentence fragment of each source line against it.
 */

const MARKS = /[□■#]/gu;
const norm = (s: string) => comparable(s).replace(MARKS, '');

export function printedText(result: OcrResult): string {
  const out: string[] = [];
  if (result.issue?.masthead) out.push(result.issue.masthead);
  if (result.issue?.number != null) out.push(`第${result.issue.number}期`);
  if (result.issue?.email) out.push(`E-mail:${result.issue.email}`);
  for (const page of result.pages) {
    if (page.number != null) out.push(`第${page.number}版${page.name ?? ''}`);
    else if (page.name) out.push(page.name);
    if (page.theme) out.push(page.theme);
    const c = page.credits;
    if (c) out.push(...SIGN_ROLES.filter((k) => c[k]).map((k) => creditText(k, c[k]!)));
    // A 栏目 printed once over several articles (a page's line) is printed once, over the first of them.
    const printedOnce = new Set((page.lineChoices ?? []).flatMap((l) => (l.placedAs === 'column' && l.articles ? l.articles.slice(1) : [])));
    for (const [k, a] of page.articles.entries()) {
      out.push(printedOnce.has(k) ? '' : (a.column ?? ''), a.kicker ?? '', a.headline, a.subtitle ? `——${a.subtitle}` : '');
      for (const b of a.bylines) out.push(`${b.role ?? ''}${b.names.join('')}`);
      out.push(a.body);
      for (const p of a.photos) {
        out.push(`${p.position ? `${p.position}：` : ''}${p.caption}`);
        if (p.credit) out.push(photoCreditText(p.credit, p.creditRole, p.creditKind)!);
      }
      out.push(suppliedByLine(a) ?? '', authorNoteLine(a) ?? '', sourceLine(a) ?? '');
    }
  }
  return out.filter(Boolean).join('\n');
}

/**
 * How often each needle occurs in each haystack, counted as `indexOf` from the end of
 * the last occurrence would (non-overlapping, leftmost first), for all needles at once:
 * an Aho–Corasick automaton over the needles, each haystack read once. Searching the
 * whole text for each sentence of it was quadratic (megabytes of bylines took minutes).
 */
export function countOccurrences(needles: string[], haystacks: string[]): number[][] {
  // The trie: node 0 is the root, whose children are in an array by code unit; any other
  // node's child is found in an open-addressing table keyed by (node, code unit), typed
  // arrays sized for the most nodes the needles can make (a Map keyed by numbers past
  // 2^31 allocates a number per lookup).
  const most = needles.reduce((n, x) => n + x.length, 1);
  let size = 16;
  while (size < 2 * most) size *= 2;
  const mask = size - 1;
  const keyNode = new Int32Array(size).fill(-1);
  const keyCode = new Uint16Array(size);
  const value = new Int32Array(size);
  const rootNext = new Int32Array(65536).fill(-1);
  const slot = (node: number, c: number) => {
    let h = (Math.imul(node, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & mask;
    while (keyNode[h] !== -1 && (keyNode[h] !== node || keyCode[h] !== c)) h = (h + 1) & mask;
    return h;
  };
  const child = (node: number, c: number) => {
    if (node === 0) return rootNext[c];
    const h = slot(node, c);
    return keyNode[h] === -1 ? -1 : value[h];
  };
  const firstChild: number[] = [-1];
  const sibling: number[] = [-1];
  const code: number[] = [0];
  const pattern: number[] = [-1];
  needles.forEach((needle, id) => {
    let node = 0;
    for (let i = 0; i < needle.length; i += 1) {
      const c = needle.charCodeAt(i);
      let to = child(node, c);
      if (to === -1) {
        to = firstChild.length;
        firstChild.push(-1);
        sibling.push(firstChild[node]);
        code.push(c);
        pattern.push(-1);
        firstChild[node] = to;
        if (node === 0) rootNext[c] = to;
        else {
          const h = slot(node, c);
          keyNode[h] = node;
          keyCode[h] = c;
          value[h] = to;
        }
      }
      node = to;
    }
    pattern[node] = id;
  });
  // Failure links (longest proper suffix in the trie) and output links (nearest needle among them), breadth first.
  const fail = new Int32Array(firstChild.length);
  const output = new Int32Array(firstChild.length).fill(-1);
  const queue: number[] = [];
  for (let k = firstChild[0]; k !== -1; k = sibling[k]) queue.push(k);
  for (let head = 0; head < queue.length; head += 1) {
    const node = queue[head];
    const f = fail[node];
    output[node] = pattern[f] !== -1 ? f : output[f];
    for (let k = firstChild[node]; k !== -1; k = sibling[k]) {
      let g = f;
      while (g !== 0 && child(g, code[k]) === -1) g = fail[g];
      const to = child(g, code[k]);
      fail[k] = to !== -1 && to !== k ? to : 0;
      queue.push(k);
    }
  }
  return haystacks.map((hay) => {
    const counts = new Array<number>(needles.length).fill(0);
    const free = new Array<number>(needles.length).fill(0); // where the next counted occurrence may start
    let node = 0;
    for (let i = 0; i < hay.length; i += 1) {
      const c = hay.charCodeAt(i);
      while (node !== 0 && child(node, c) === -1) node = fail[node];
      node = Math.max(child(node, c), 0);
      for (let t = pattern[node] !== -1 ? node : output[node]; t > 0; t = output[t]) {
        const id = pattern[t];
        const from = i + 1 - needles[id].length;
        if (from >= free[id]) {
          counts[id] += 1;
          free[id] = i + 1;
        }
      }
    }
    return counts;
  });
}

/**
 * The line with what the warnings say was removed from it taken out, each piece once
 * (its first occurrence). A line with very many removals (a long line of doubled words)
 * is cut from its end instead, where the rules start removing: one pass, not one per piece.
 */
function withoutRemoved(line: string, removed: string[]): string {
  if (removed.length <= 16) return removed.reduce((t, r) => t.replace(r, ''), line);
  const cuts: Array<[number, number]> = [];
  let cursor = line.length;
  for (const r of removed) {
    if (!r) continue;
    let at = line.lastIndexOf(r, cursor - r.length);
    if (at === -1) at = line.indexOf(r);
    if (at === -1) continue;
    cuts.push([at, at + r.length]);
    cursor = Math.min(cursor, at);
  }
  cuts.sort((x, y) => x[0] - y[0]);
  let from = 0;
  const pieces: string[] = [];
  for (const [a, b] of cuts) {
    if (a >= from) pieces.push(line.slice(from, a));
    from = Math.max(from, b);
  }
  pieces.push(line.slice(from));
  return pieces.join('');
}

export type Loss = { line: number; fragment: string; expected: number; found: number };

/** Fragments (split at sentence ends) of every source line, with what the warnings say was removed taken out first. */
export function checkNoLoss(source: string, result: OcrResult, minLength = 6): Loss[] {
  const removedByLine = new Map<number, string[]>();
  for (const w of result.warnings) {
    if (!w.removed) continue;
    if (!removedByLine.has(w.line)) removedByLine.set(w.line, []);
    removedByLine.get(w.line)!.push(norm(w.removed));
  }
  const fragments: Array<{ line: number; id: number }> = [];
  const ids = new Map<string, number>();
  const kept: string[] = [];
  source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((raw, i) => {
      const t = withoutRemoved(norm(raw), removedByLine.get(i + 1) ?? []);
      kept.push(t);
      for (const f of t.split(/(?<=[。！？])/u)) {
        if (f.length < minLength || [...f].length < minLength) continue;
        if (!ids.has(f)) ids.set(f, ids.size);
        fragments.push({ line: i + 1, id: ids.get(f)! });
      }
    });
  const output = norm(printedText(result));
  // As often as the source has it anywhere: a headline may be repeated inside its own first sentence.
  const input = kept.join('');
  const [expected, found] = countOccurrences([...ids.keys()], [input, output]);
  const text = [...ids.keys()];
  const losses: Loss[] = [];
  for (const f of fragments) {
    if (found[f.id] !== expected[f.id]) losses.push({ line: f.line, fragment: text[f.id], expected: expected[f.id], found: found[f.id] });
  }
  return losses;
}
