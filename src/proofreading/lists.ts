import type { ProofLists, Severity, WordEntry } from './types';

/**
 * The list files' format (data/proofreading/*.json, and a newsroom's own beside them):
 *
 *   { "list": "typos", "title": "…", "sources": ["…"], "entries": [["震憾", "震撼", "why"], …] }
 *
 * `list` names the list the file adds to (several files may add to one); `sources` names
 * where its entries come from; an entry is a string, or [text, suggestion?, why?], or
 * { text, suggestion?, why? }. The `severity` list's entries are [ruleId, severity].
 * Pure: text in, lists out; reading the files is load-lists.ts.
 */

export const LIST_NAMES = ['reduplication', 'functionChars', 'functionWords', 'terms', 'termErrors', 'typos', 'redundant', 'names', 'severity'] as const;
export type ListName = (typeof LIST_NAMES)[number];

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export function emptyLists(): ProofLists {
  return { reduplication: [], functionChars: [], functionWords: [], terms: [], termErrors: [], typos: [], redundant: [], names: [], severity: {}, files: [] };
}

/** A list file's content is wrong: names the file and the place. */
export class ListFileError extends Error {}

function entryOf(raw: unknown, where: string): WordEntry {
  if (typeof raw === 'string') return { text: raw };
  if (Array.isArray(raw) && typeof raw[0] === 'string' && raw.every((x) => typeof x === 'string')) {
    const [text, suggestion, why] = raw as string[];
    return { text, ...(suggestion !== undefined ? { suggestion } : {}), ...(why ? { why } : {}) };
  }
  if (raw && typeof raw === 'object' && typeof (raw as WordEntry).text === 'string') {
    const { text, suggestion, why } = raw as WordEntry;
    return { text, ...(typeof suggestion === 'string' ? { suggestion } : {}), ...(typeof why === 'string' ? { why } : {}) };
  }
  throw new ListFileError(`${where}: an entry is a string, [text, suggestion, why] or { text, suggestion, why }`);
}

/** Adds one parsed list file to `lists` (in place) and returns it. Later files win for severity. */
export function addListFile(lists: ProofLists, file: string, data: unknown): ProofLists {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ListFileError(`${file}: not a JSON object`);
  const { list, title, sources, entries } = data as { list?: unknown; title?: unknown; sources?: unknown; entries?: unknown };
  if (typeof list !== 'string' || !(LIST_NAMES as readonly string[]).includes(list))
    throw new ListFileError(`${file}: "list" must be one of ${LIST_NAMES.join(', ')} (got ${JSON.stringify(list)})`);
  if (!Array.isArray(sources) || !sources.length || !sources.every((s) => typeof s === 'string' && s.trim()))
    throw new ListFileError(`${file}: "sources" must name where the entries come from (a list of strings)`);
  if (!Array.isArray(entries)) throw new ListFileError(`${file}: "entries" must be a list`);
  const name = list as ListName;
  const parsed = entries.map((e, i) => entryOf(e, `${file}: entries[${i}]`));
  for (const [i, e] of parsed.entries()) if (!e.text) throw new ListFileError(`${file}: entries[${i}] is empty`);
  if (name === 'severity') {
    for (const [i, e] of parsed.entries()) {
      if (!SEVERITIES.includes(e.suggestion as Severity)) throw new ListFileError(`${file}: entries[${i}]: severity must be error, warning or info`);
      lists.severity[e.text] = e.suggestion as Severity;
    }
  } else if (name === 'typos' || name === 'redundant' || name === 'termErrors') {
    lists[name].push(...parsed);
  } else if (name === 'functionChars') {
    for (const e of parsed) lists.functionChars.push(...[...e.text]);
  } else {
    lists[name].push(...parsed.map((e) => e.text));
  }
  lists.files.push({ file, list: name, title: typeof title === 'string' ? title : '', sources: sources as string[], entries: parsed.length });
  return lists;
}

/** Lists from parsed files, in the order given (the project's first, the newsroom's after). */
export function listsFrom(files: Array<{ file: string; data: unknown }>): ProofLists {
  const lists = emptyLists();
  for (const { file, data } of files) addListFile(lists, file, data);
  return lists;
}
