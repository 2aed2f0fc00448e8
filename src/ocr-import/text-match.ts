/**
 * Comparing runs of text in constant time, for the cleanup rules (cleanup.ts) that
 * look for a passage OCR printed twice: a polynomial hash of every prefix of a text,
 * under two moduli (a false match is about 1 in 2^52, and a match that decides a
 * removal is read again to be sure). Each modulus keeps every product exact in a double.
 */

const MODS = [67108859, 67108837]; // primes below 2^26
const BASE = 65599;

/** Powers of the base, grown on demand and shared by every text. */
const powers: [number[], number[]] = [[1], [1]];
function power(m: 0 | 1, n: number) {
  const p = powers[m];
  while (p.length <= n) p.push((p[p.length - 1] * BASE) % MODS[m]);
  return p[n];
}

export class HashedText {
  private readonly h: [Float64Array, Float64Array];
  constructor(readonly text: string) {
    this.h = [new Float64Array(text.length + 1), new Float64Array(text.length + 1)];
    for (const m of [0, 1] as const) {
      const h = this.h[m];
      for (let i = 0; i < text.length; i += 1) h[i + 1] = (h[i] * BASE + text.charCodeAt(i)) % MODS[m];
    }
    power(0, text.length);
    power(1, text.length);
  }
  /** The hash of text[a, a + len) under modulus m. */
  hash(m: 0 | 1, a: number, len: number): number {
    const mod = MODS[m];
    return (((this.h[m][a + len] - ((this.h[m][a] * powers[m][len]) % mod)) % mod) + mod) % mod;
  }
}

/** Whether x.text[a, a + len) and y.text[b, b + len) are (as far as the hashes can tell) the same. */
export function sameHash(x: HashedText, a: number, y: HashedText, b: number, len: number): boolean {
  return x.hash(0, a, len) === y.hash(0, b, len) && x.hash(1, a, len) === y.hash(1, b, len);
}

/** Whether x.text[a, a + len) and y.text[b, b + len) are the same, read character by character. */
export function sameRun(x: string, a: number, y: string, b: number, len: number): boolean {
  for (let i = 0; i < len; i += 1) if (x.charCodeAt(a + i) !== y.charCodeAt(b + i)) return false;
  return true;
}

/** A place in a text: the run of at most `max` characters that ends at `at`. */
export type Ending = { text: HashedText; at: number };

/** The length of the longest common ending of two places (at most `max`), by bisection over hashes. */
function commonEnding(x: Ending, y: Ending, max: number): number {
  let [lo, hi] = [0, Math.min(max, x.at, y.at)];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sameHash(x.text, x.at - mid, y.text, y.at - mid, mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * For each place, the longest common ending (at most `max` characters) it shares with
 * any place before it in the list, 0 if none. Sorted by their text read backwards, the
 * places with the longest common ending of each lie next to it; a stack finds the
 * nearest earlier one on each side, and the common ending with it is the least of the
 * neighbours' ones in between. O(n log n) comparisons, each O(log max), instead of
 * comparing every pair.
 */
export function longestEarlierEnding(places: Ending[], max: number): number[] {
  const n = places.length;
  const lengthOf = (p: Ending) => Math.min(max, p.at);
  const order = places
    .map((_, i) => i)
    .sort((i, j) => {
      const [x, y] = [places[i], places[j]];
      const common = commonEnding(x, y, max);
      const [lx, ly] = [lengthOf(x), lengthOf(y)];
      if (common >= lx || common >= ly) return lx - ly || i - j;
      return x.text.text.charCodeAt(x.at - common - 1) - y.text.text.charCodeAt(y.at - common - 1) || i - j;
    });
  // between[t]: the common ending of the t-th and (t+1)-th places in sorted order.
  const between = order.slice(1).map((idx, t) => commonEnding(places[order[t]], places[idx], max));
  const best = new Array<number>(n).fill(0);
  for (const forward of [true, false]) {
    const stack: Array<{ idx: number; min: number }> = [];
    for (let s = 0; s < n; s += 1) {
      const t = forward ? s : n - 1 - s;
      const idx = order[t];
      if (stack.length) {
        const top = stack[stack.length - 1];
        top.min = Math.min(top.min, forward ? between[t - 1] : between[t]);
      }
      while (stack.length && stack[stack.length - 1].idx > idx) {
        const popped = stack.pop()!;
        if (stack.length) stack[stack.length - 1].min = Math.min(stack[stack.length - 1].min, popped.min);
      }
      if (stack.length) best[idx] = Math.max(best[idx], stack[stack.length - 1].min);
      stack.push({ idx, min: Infinity });
    }
  }
  return best;
}
