import type { Check, Context, Hit0 } from './context';
import { homophones, isHan } from './text';

/**
 * 规范表述 written almost right: one character replaced, missing, added or two swapped
 * (全面从严冶党, 以人民为忠心, 社会主义核心价观). Candidates come from the terms' bigrams
 * (a single edit leaves at least one bigram of a four-character term in place), each
 * verified by a one-edit comparison. What is never flagged: the canonical form itself,
 * another listed term, an edit on a numeral (党的二十届三中全会 / 四中全会 are both right),
 * punctuation or a space (headlines put a space where 、 stands), a 的 or 和 more or less, and an edit at the
 * term's first or last character (unless homophone), where the window merely runs into the next word.
 * A four- or five-character term is flagged only for a homophone or (five) two characters swapped
 * (两个维护 / 两个维度, 基层党组织 / 基层组织 are all words); a character replaced by one that does not
 * sound the same only in a term of six or more (全面从严冶党).
 */
type Edit = { kind: 'sub' | 'del' | 'ins' | 'swap'; at: number; from: string; to: string };

function oneEdit(a: string, b: string): Edit | null {
  let i = 0;
  const n = Math.min(a.length, b.length);
  while (i < n && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (i === a.length) return null;
    if (a.slice(i + 1) === b.slice(i + 1)) return { kind: 'sub', at: i, from: a[i], to: b[i] };
    if (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
      return { kind: 'swap', at: i, from: a.slice(i, i + 2), to: b.slice(i, i + 2) };
    return null;
  }
  if (b.length === a.length - 1) return a.slice(i + 1) === b.slice(i) ? { kind: 'del', at: i, from: a[i], to: '' } : null;
  if (b.length === a.length + 1) return a.slice(i) === b.slice(i + 1) ? { kind: 'ins', at: i, from: '', to: b[i] } : null;
  return null;
}

const NUMERAL = /[〇零一二三四五六七八九十百千万两\d]/u;

/** Characters whose insertion or omission inside a term is usually grammar, not a slip (高质量的发展, 党史学习和教育). */
const LOOSE = new Set([...'的地得之和与及并']);

/** Whether this edit of `term` into a window is a slip worth a proofreader's look, and how sure. */
function judge(term: string, e: Edit): 'homophone' | 'near' | null {
  const changed = e.from + e.to;
  if (NUMERAL.test(changed) || [...changed].some((ch) => !isHan(ch))) return null;
  const n = term.length;
  if (e.kind === 'sub' && homophones(e.from, e.to) && e.at > 0) return 'homophone';
  if (n <= 4) return null;
  const inner = e.at > 0 && e.at < (e.kind === 'swap' ? n - 2 : n - 1);
  if (!inner) return null;
  if (e.kind === 'swap') return 'near';
  // A five-character term with a character more or less is often another phrase (基层党组织 / 基层组织).
  if (e.kind === 'del' || e.kind === 'ins') return n >= 6 && !LOOSE.has(changed) ? 'near' : null;
  return n >= 6 ? 'near' : null;
}

/** Keeps a start of −1 (a term missing its first character at the text's start) inside its term's key range. */
const OFFSET = 2;

const WHAT: Record<Edit['kind'], string> = { sub: '错字', del: '漏字', ins: '多字', swap: '颠倒' };

function nearMisses(ctx: Context): Array<Hit0 & { sure: boolean }> {
  const t = ctx.text;
  const { terms, termBigrams, termSet } = ctx.lists;
  if (!terms.length || t.length < 3) return [];
  // The canonical form and a listed wrong form (term-error reports that) are not near-misses.
  const exact = ctx.hits.filter((h) => h.kind === 'terms' || h.kind === 'termErrors');
  // Votes: each bigram of the text that is a bigram of a term votes for the term starting where it would.
  // One edit breaks at most three of a term's n − 1 bigrams and shifts those after it by one, so a
  // window needs n − 4 votes (at least one) over its start ± 1 to be worth comparing.
  const stride = t.length + 2 * OFFSET;
  const votes = new Map<number, number>();
  for (let p = 0; p + 2 <= t.length; p += 1) {
    const refs = termBigrams.get(t.slice(p, p + 2));
    if (!refs) continue;
    for (const [ti, k] of refs) {
      if (p - k < -1) continue;
      const key = ti * stride + (p - k) + OFFSET;
      votes.set(key, (votes.get(key) ?? 0) + 1);
    }
  }
  const found: Array<Hit0 & { sure: boolean }> = [];
  for (const [key, v] of votes) {
    const ti = Math.floor(key / stride);
    const s = (key % stride) - OFFSET;
    const term = terms[ti];
    if ((votes.get(key - 1) ?? 0) > v || (votes.get(key + 1) ?? 0) > v) continue; // its neighbour is the better alignment
    if (v + (votes.get(key - 1) ?? 0) + (votes.get(key + 1) ?? 0) < Math.max(1, term.length - 4)) continue;
    if (t.startsWith(term, s)) continue;
    for (const from of [s, s - 1, s + 1]) {
      if (from < 0) continue;
      let done = false;
      for (const len of [term.length, term.length - 1, term.length + 1]) {
        const w = t.slice(from, from + len);
        if (w.length !== len || termSet.has(w)) continue;
        const e = oneEdit(term, w);
        const how = e && judge(term, e);
        if (!e || !how) continue;
        if (exact.some((h) => h.start < from + len && h.end > from)) continue;
        found.push({
          start: from,
          end: from + len,
          suggestion: term,
          sure: how === 'homophone',
          message: `疑为规范表述“${term}”之误（${how === 'homophone' ? `同音字“${e.to}”应为“${e.from}”` : WHAT[e.kind]}）`,
        });
        done = true;
        break;
      }
      if (done) break;
    }
  }
  // One finding per place: the earliest, then the longest term.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: typeof found = [];
  for (const f of found) if (!out.some((o) => o.start < f.end && o.end > f.start)) out.push(f);
  return out;
}

const memo = new WeakMap<Context, ReturnType<typeof nearMisses>>();
const misses = (ctx: Context) => {
  let m = memo.get(ctx);
  if (!m) memo.set(ctx, (m = nearMisses(ctx)));
  return m;
};
const strip = ({ start, end, suggestion, message }: Hit0) => ({ start, end, suggestion, message });

export const termHomophone: Check = (ctx) =>
  misses(ctx)
    .filter((f) => f.sure)
    .map(strip);
export const termNearMiss: Check = (ctx) =>
  misses(ctx)
    .filter((f) => !f.sure)
    .map(strip);
