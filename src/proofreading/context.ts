import type { Compiled, Hit } from './compiled';

/** What a rule sees of one field: its text and what the checker computed once for all rules. */
export type Context = {
  field: string;
  text: string;
  headline: boolean;
  lists: Compiled;
  /** Word-list hits in this field (compiled.ts). */
  hits: Hit[];
  /** 1 where the text is a URL, an e-mail address, a link target or code (text.ts). */
  mask: Uint8Array;
  /** Reference spellings of names: the page's bylines and credits, then the newsroom's list. */
  names: string[];
};

/** What a rule returns: where, and the replacement; the checker adds rule, category, field, text and severity. */
export type Hit0 = { start: number; end: number; suggestion?: string; message: string };
export type Check = (ctx: Context) => Hit0[];

/** Whether [start, end) lies inside a hit of `kind` (a canonical term, a listed reduplication). */
export const coveredBy = (ctx: Context, kind: Hit['kind'], start: number, end: number) =>
  ctx.hits.some((h) => h.kind === kind && h.start <= start && h.end >= end);
