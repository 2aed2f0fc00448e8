import { fold } from './fold';

/**
 * Highlights (pure): the matched text marked with <mark>, everything else escaped, so
 * a frontend may put the string into HTML as it is. Matching is on the folded text
 * (a zh-Hant query marks zh-Hans text); the original characters are shown wherever
 * folding kept the length, else the folded text.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

type Span = [number, number];

/** Where the needles (folded) occur in the folded text, merged, in order. */
export function matchSpans(folded: string, needles: string[]): Span[] {
  const spans: Span[] = [];
  for (const n of new Set(needles.filter(Boolean))) {
    for (let at = folded.indexOf(n); at >= 0; at = folded.indexOf(n, at + n.length)) spans.push([at, at + n.length]);
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s] as Span);
  }
  return merged;
}

function marked(text: string, spans: Span[], start: number, end: number) {
  let out = '';
  let at = start;
  for (const [a, b] of spans) {
    if (b <= start || a >= end) continue;
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    out += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    at = e;
  }
  return out + escapeHtml(text.slice(at, end));
}

/**
 * The text to show and where the needles are in it: the text itself when a needle is
 * found as it is (zh-Hans text: no folding, which costs more than the search), else
 * its folded form, shown in the original characters when folding kept the length.
 */
function located(text: string, needles: string[]): { shown: string; spans: Span[] } {
  const lower = text.toLowerCase();
  if (lower.length === text.length) {
    const direct = matchSpans(lower, needles);
    if (direct.length) return { shown: text, spans: direct };
  }
  const folded = fold(text);
  return { shown: folded.length === text.length ? text : folded, spans: matchSpans(folded, needles) };
}

/** The whole text marked (a headline), or null when nothing in it matched. */
export function markAll(text: string | null | undefined, needles: string[]): string | null {
  if (!text) return null;
  const { shown, spans } = located(text, needles);
  return spans.length ? marked(shown, spans, 0, shown.length) : null;
}

/** A window of about `width` characters around the first match, marked, with … where cut; null when nothing matched. */
export function snippet(text: string | null | undefined, needles: string[], width = 80): string | null {
  if (!text) return null;
  const { shown: raw, spans } = located(text.replace(/\s+/g, ' '), needles);
  if (!spans.length) return null;
  const first = spans[0];
  const start = Math.max(0, Math.min(first[0] - Math.floor(width / 3), raw.length - width));
  const end = Math.min(raw.length, start + width);
  return (start > 0 ? '…' : '') + marked(raw, spans, start, end) + (end < raw.length ? '…' : '');
}
