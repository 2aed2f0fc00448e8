import { comparable } from './punctuation';

/**
 * The lines that close an article (来源, 供稿, 作者系), as the result prints them back:
 * in the usual wording, or as printed when the page said it otherwise (`（据新华社郑州9月9日电）`,
 * `（来源：人民日报）`, `（作者单位：…）`: the field holds the value, `printedAs` the line). The
 * no-loss check reads them, and a merge (edits.ts) keeps a replaced one in the body.
 */
export type PrintedAs = { source?: string; authorNote?: string };
type Ends = { source: string | null; suppliedBy: string | null; authorNote: string | null; printedAs?: PrintedAs };

export const sourceLine = (a: Ends) => (a.source ? (a.printedAs?.source ?? `来源：${a.source}`) : null);
export const suppliedByLine = (a: Ends) => (a.suppliedBy ? `（${a.suppliedBy}供稿）` : null);
export const authorNoteLine = (a: Ends) => (a.authorNote ? (a.printedAs?.authorNote ?? `（作者系${a.authorNote}）`) : null);

/** The line as printed, when the usual wording of its value would not print it again; else undefined. */
export const printedUnlessUsual = (line: string, usual: string) => (comparable(line) === comparable(usual) ? undefined : line);

/** `{ printedAs }` with the forms that are set, or nothing: the result carries the field only when some end line needs it. */
export function printedAsField(p: PrintedAs | undefined): { printedAs?: PrintedAs } {
  const set = Object.fromEntries(Object.entries(p ?? {}).filter(([, v]) => v)) as PrintedAs;
  return Object.keys(set).length ? { printedAs: set } : {};
}
