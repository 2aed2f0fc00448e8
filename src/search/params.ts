import type { SearchExpected } from '../newsroom/messages';
import { MAX_QUERY_CHARS } from './terms';

/**
 * The query string of a search, read and checked (pure): every parameter it does not
 * take as given is a problem naming it, never a guess. `q` is required.
 */
export type SearchParams = {
  q: string;
  status: 'published' | 'draft';
  locale?: string;
  publication?: string;
  issueFrom?: number;
  issueTo?: number;
  from?: string;
  to?: string;
  /** The 版 number. */
  page?: number;
  column?: string;
  contributor?: string;
  /** The page of results (pagination[page]), from 1. */
  pageNumber: number;
  pageSize: number;
};

export type ParamProblem = { parameter: string; value: string; expected: SearchExpected };
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TEXT_PARAMS = ['locale', 'publication', 'column', 'contributor'] as const;
const KNOWN = new Set(['q', 'status', 'issueFrom', 'issueTo', 'from', 'to', 'page', 'pagination', ...TEXT_PARAMS]);

const shown = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')).slice(0, 60);

function validDate(s: string) {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function parseSearchParams(query: Record<string, unknown>): { params: SearchParams } | { problem: ParamProblem } {
  const problem = (parameter: string, expected: SearchExpected) => ({ problem: { parameter, value: shown(query[parameter]), expected } });
  for (const name of Object.keys(query)) if (!KNOWN.has(name)) return problem(name, 'text');
  const text = (name: string): string | undefined | null => {
    const v = query[name];
    if (v === undefined) return undefined;
    return typeof v === 'string' && v.trim() ? v.trim() : null;
  };
  const integer = (name: string, max = Number.MAX_SAFE_INTEGER, v0: unknown = query[name]): number | undefined | null => {
    if (v0 === undefined) return undefined;
    const v = typeof v0 === 'string' ? v0.trim() : null;
    if (v === undefined) return undefined;
    return v !== null && /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= max ? Number(v) : null;
  };
  const q = text('q');
  if (!q || q.length > MAX_QUERY_CHARS || !/[\p{L}\p{N}]/u.test(q)) return problem('q', 'query');
  const status = text('status') ?? 'published';
  if (status !== 'published' && status !== 'draft') return problem('status', 'status');
  const out: SearchParams = { q, status, pageNumber: 1, pageSize: DEFAULT_PAGE_SIZE };
  for (const name of TEXT_PARAMS) {
    const v = text(name);
    if (v === null) return problem(name, 'text');
    if (v !== undefined) out[name] = v;
  }
  for (const name of ['issueFrom', 'issueTo', 'page'] as const) {
    const v = integer(name);
    if (v === null) return problem(name, 'integer');
    if (v !== undefined) out[name] = v;
  }
  // Pagination as Strapi's REST API spells it: pagination[page], pagination[pageSize].
  const pagination = query.pagination;
  if (pagination !== undefined) {
    const bad = (parameter: string, expected: SearchExpected, value: unknown) => ({ problem: { parameter, value: shown(value), expected } });
    if (!pagination || typeof pagination !== 'object' || Array.isArray(pagination)) return bad('pagination', 'text', pagination);
    const given = pagination as Record<string, unknown>;
    for (const key of Object.keys(given)) if (key !== 'page' && key !== 'pageSize') return bad(`pagination[${key}]`, 'text', given[key]);
    const page = integer('pagination[page]', Number.MAX_SAFE_INTEGER, given.page);
    if (page === null) return bad('pagination[page]', 'integer', given.page);
    if (page !== undefined) out.pageNumber = page;
    const size = integer('pagination[pageSize]', MAX_PAGE_SIZE, given.pageSize);
    if (size === null) return bad('pagination[pageSize]', 'pageSize', given.pageSize);
    if (size !== undefined) out.pageSize = size;
  }
  for (const name of ['from', 'to'] as const) {
    const v = text(name);
    if (v === null || (v !== undefined && !(DATE.test(v) && validDate(v)))) return problem(name, 'date');
    if (v !== undefined) out[name] = v;
  }
  if (out.issueFrom !== undefined && out.issueTo !== undefined && out.issueFrom > out.issueTo) return problem('issueFrom', 'range');
  if (out.from !== undefined && out.to !== undefined && out.from > out.to) return problem('from', 'range');
  return { params: out };
}
