/** What the checker reports and what it reads: plain data, no Node built-ins (the admin bundle imports this core). */

export type Severity = 'error' | 'warning' | 'info';
export type Category = 'doubled' | 'pair' | 'halfwidth' | 'term' | 'typo' | 'number' | 'redundant' | 'name';

export type Finding = {
  rule: string;
  category: Category;
  /** The field it was found in, as given to checkFields. */
  field: string;
  /** UTF-16 offsets into that field's text: text.slice(start, end) === finding.text. */
  start: number;
  end: number;
  text: string;
  /** What replaces `text` when the suggestion is accepted ('' deletes it). */
  suggestion?: string;
  severity: Severity;
  /** Chinese, says why. */
  message: string;
};

export type FieldText = { field: string; text: string; headline?: boolean };

/** One entry of a word list: the text to find, what to write instead, and why. */
export type WordEntry = { text: string; suggestion?: string; why?: string };

/**
 * The word lists the rules read (data/proofreading/*.json merged by load-lists.ts,
 * or sent to the browser as they are). Every list may be empty.
 */
export type ProofLists = {
  /** Legitimate reduplications (常常, 家家户户, 研究研究, 不了了之): never `doubled`. */
  reduplication: string[];
  /** Characters whose doubling (的的, 了了) is an OCR or typing slip. */
  functionChars: string[];
  /** Words that end or begin with such a character (目的, 为了, 了解): `目的的`, `为了了解` are two words, not a doubling. */
  functionWords: string[];
  /** 规范表述, canonical forms. */
  terms: string[];
  /** Known wrong forms of 规范表述 with the canonical one. */
  termErrors: WordEntry[];
  /** Commonly confused words and idioms, wrong → right. */
  typos: WordEntry[];
  /** Banned or careful wording and redundancies. */
  redundant: WordEntry[];
  /** Reference spellings of people's names (a newsroom's own staff, regular contributors). */
  names: string[];
  /** Severity per rule id, set by the newsroom's data files (checkFields' `severity` option wins). */
  severity: Record<string, Severity>;
  /** Each list file read, with its named sources: shown by the admin, printed by the CLI. */
  files: Array<{ file: string; list: string; title: string; sources: string[]; entries: number }>;
};

export type CheckOptions = {
  /** Reference spellings of names on this page (bylines, credits). */
  names?: string[];
  severity?: Record<string, Severity>;
  lists?: ProofLists;
};
