import { InputError } from './decode';

/**
 * Where an admin import goes, as the editor chose it on the form — never what
 * the old page printed (its 第171期 is the old paper's number, not this one's):
 *  - `publication`: the publication's documentId (picked, not typed);
 *  - `issue`: an existing issue's documentId, or `newIssue` + `date`: a new issue's
 *    number and date; exactly one of the two;
 *  - `pages` (optional): a JSON list, one `{ number, name }` per printed page of the
 *    file, the page numbers and names the editor confirmed.
 * Pure: the form's fields in, the target out, or a coded refusal (messages.ts).
 */

export type ImportTarget = { publication: string; issue: string } | { publication: string; newIssue: { number: number; date: string } };
export type PageChoice = { number: number | null; name: string | null };

/** The page name's length limit (the page schema's `name.maxLength`). */
export const PAGE_NAME_MAX = 100;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

export function readTarget(body: Record<string, unknown>): ImportTarget {
  const publication = text(body.publication);
  if (!publication) throw new InputError('import.targetPublication', {});
  const issue = text(body.issue);
  const newIssue = text(body.newIssue);
  if (issue && newIssue) throw new InputError('import.twoTargets', {});
  if (issue) return { publication, issue };
  if (!newIssue) throw new InputError('import.targetIssue', {});
  if (!/^\d+$/.test(newIssue) || Number(newIssue) < 1) throw new InputError('import.badIssueNumber', {});
  const number = Number(newIssue);
  const date = text(body.date);
  if (!date) throw new InputError('import.newIssueDate', { number });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new InputError('import.badDate', {});
  return { publication, newIssue: { number, date } };
}

/** The `pages` field: absent → undefined; else one choice per page, checked (count against the file: pageChoicesFor). */
export function readPageChoices(raw: unknown): PageChoice[] | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let list: unknown;
  try {
    list = typeof raw === 'string' ? JSON.parse(raw) : raw;
  } catch {
    list = null;
  }
  if (!Array.isArray(list)) throw new InputError('import.badPages', { count: 0, expected: 0 });
  const seen = new Set<number>();
  return list.map((item: any, i) => {
    const number = item?.number === null || item?.number === undefined || item?.number === '' ? null : Number(item.number);
    if (number !== null && (!Number.isInteger(number) || number < 1)) throw new InputError('import.badPageNumber', { page: i + 1 });
    if (number !== null && seen.has(number)) throw new InputError('import.samePageNumber', { number });
    if (number !== null) seen.add(number);
    const name = typeof item?.name === 'string' && item.name.trim() ? item.name.trim() : null;
    if (name && [...name].length > PAGE_NAME_MAX) throw new InputError('import.pageNameTooLong', { page: i + 1, max: PAGE_NAME_MAX });
    return { number, name };
  });
}

/** The choices against the pages the file was read as: one each, or refused. */
export function pageChoicesFor(choices: PageChoice[] | undefined, pages: number): PageChoice[] | undefined {
  if (choices && choices.length !== pages) throw new InputError('import.badPages', { count: choices.length, expected: pages });
  return choices;
}
