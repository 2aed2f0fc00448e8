/** The 审校 checker: pure (no Node built-ins), for the server, the CLI and the admin bundle alike. */
export { checkFields } from './check';
export { errorRate, countCharacters, CEILING, type Counted } from './error-rate';
export { RULES, RULE_IDS, type RuleEntry } from './rules';
export { emptyLists, listsFrom, addListFile, ListFileError, LIST_NAMES, type ListName } from './lists';
export type { Finding, Category, Severity, FieldText, ProofLists, WordEntry, CheckOptions } from './types';
