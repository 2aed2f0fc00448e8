import type { Check, Hit0 } from './context';
import { isLatin, lines } from './text';

/**
 * Paired marks must close within their paragraph (a line). One exception, GB/T
 * 15834-2011 4.1.3.3: a quotation running over several paragraphs opens each with “
 * and closes only at the end of the last, so a paragraph left open is not an error
 * when the next paragraph opens with the same mark. Each kind is matched on its own
 * (a crossing “（”） is rare and its marks are each balanced). Half-width [ ] are Markdown's, not checked.
 */
const PAIRS: Array<[open: string, close: string, name: string]> = [
  ['“', '”', '双引号'],
  ['‘', '’', '单引号'],
  ['《', '》', '书名号'],
  ['〈', '〉', '书名号'],
  ['（', '）', '括号'],
  ['【', '】', '方头括号'],
  ['(', ')', '括号'],
];
const OPEN = new Map(PAIRS.map((p) => [p[0], p]));
const CLOSE = new Map(PAIRS.map((p) => [p[1], p]));

/** Marks that are not paired punctuation here: ’ as an apostrophe (Xi’an), `1)` `a)` list markers, link targets (the mask). */
function ignored(line: string, k: number, ch: string, mask: Uint8Array, at: number) {
  if (mask[at]) return true;
  if (ch === '’' && isLatin(line[k - 1]) && isLatin(line[k + 1])) return true;
  if (ch === ')' && /^\s*(?:\d{1,2}|[A-Za-z])\)$/.test(line.slice(0, k + 1))) return true;
  return false;
}

export const pairs: Check = (ctx) => {
  const out: Hit0[] = [];
  const ls = lines(ctx.text);
  for (const [n, { start, text: line }] of ls.entries()) {
    const open = new Map<string, number[]>();
    for (let k = 0; k < line.length; k += 1) {
      const ch = line[k];
      const asOpen = OPEN.get(ch);
      const asClose = CLOSE.get(ch);
      if ((!asOpen && !asClose) || ignored(line, k, ch, ctx.mask, start + k)) continue;
      if (asOpen) {
        const stack = open.get(ch) ?? [];
        stack.push(k);
        open.set(ch, stack);
      } else if (asClose) {
        const stack = open.get(asClose[0]);
        if (stack?.length) stack.pop();
        else out.push({ start: start + k, end: start + k + 1, message: `后${asClose[2]}“${ch}”在本段没有对应的前${asClose[2]}“${asClose[0]}”` });
      }
    }
    const next = ls.slice(n + 1).find((l) => l.text.trim());
    for (const [ch, stack] of open) {
      if (!stack.length) continue;
      const [, close, name] = OPEN.get(ch)!;
      // GB/T 15834-2011 4.1.3.3: the quotation goes on in the next paragraph, which opens with the same mark.
      if ((ch === '“' || ch === '‘') && next && next.text.trimStart().startsWith(ch) && stack.length === 1) continue;
      for (const k of stack) out.push({ start: start + k, end: start + k + 1, message: `前${name}“${ch}”在本段没有对应的后${name}“${close}”` });
    }
  }
  return out.sort((a, b) => a.start - b.start);
};
