import { comparable } from './punctuation';
import type { OcrResult } from './parse';
import { SIGN_ROLES, creditText, photoCreditText } from '../newsroom/glossary';

/**
 * The importer's promise: every sentence of the source is in the output exactly
 * once, except what a warning says was removed. This renders the result back to
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
    const c = page.credits;
    if (c) out.push(...SIGN_ROLES.filter((k) => c[k]).map((k) => creditText(k, c[k]!)));
    for (const a of page.articles) {
      out.push(a.column ?? '', a.kicker ?? '', a.headline, a.subtitle ? `——${a.subtitle}` : '');
      for (const b of a.bylines) out.push(`${b.role ?? ''}${b.names.join('')}`);
      out.push(a.body);
      for (const p of a.photos) {
        out.push(`${p.position ? `${p.position}：` : ''}${p.caption}`);
        if (p.credit) out.push(photoCreditText(p.credit, p.creditRole, p.creditKind)!);
      }
      if (a.suppliedBy) out.push(`（${a.suppliedBy}供稿）`);
      if (a.authorNote) out.push(`（作者系${a.authorNote}）`);
      if (a.source) out.push(`来源：${a.source}`);
    }
  }
  return out.filter(Boolean).join('\n');
}

const count = (hay: string, needle: string) => {
  let n = 0;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) n += 1;
  return n;
};

export type Loss = { line: number; fragment: string; expected: number; found: number };

/** Fragments (split at sentence ends) of every source line, with what the warnings say was removed taken out first. */
export function checkNoLoss(source: string, result: OcrResult, minLength = 6): Loss[] {
  const removedByLine = new Map<number, string[]>();
  for (const w of result.warnings) if (w.removed) removedByLine.set(w.line, [...(removedByLine.get(w.line) ?? []), norm(w.removed)]);
  const fragments: Array<{ line: number; text: string }> = [];
  const kept: string[] = [];
  source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((raw, i) => {
      let t = norm(raw);
      for (const r of removedByLine.get(i + 1) ?? []) t = t.replace(r, '');
      kept.push(t);
      for (const f of t.split(/(?<=[。！？])/u)) if ([...f].length >= minLength) fragments.push({ line: i + 1, text: f });
    });
  const output = norm(printedText(result));
  // As often as the source has it anywhere: a headline may be repeated inside its own first sentence.
  const input = kept.join('');
  const losses: Loss[] = [];
  for (const f of fragments) {
    const expected = count(input, f.text);
    const found = count(output, f.text);
    if (found !== expected) losses.push({ line: f.line, fragment: f.text, expected, found });
  }
  return losses;
}
