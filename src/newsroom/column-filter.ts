import type { Core } from '@strapi/strapi';

/**
 * Articles filtered by their 栏目's name (`filters[column][name][$eq]=…`), at the
 * cost of the result, not of the archive. Strapi reads such a filter as
 * `articles LEFT JOIN link LEFT JOIN columns WHERE columns.name = ?`, and SQLite
 * keeps the LEFT JOINs' order: it scans every article row (10,000 of them for 40
 * matches), whatever the indexes. So before the query runs, the ids of the article
 * rows linked to a column of that name are read from the link table (its index on
 * the column id), and the filter gains `id: { $in: those ids }`. The original
 * filter stays as it was, so the answer is the same rows by construction (the ids
 * only narrow where the database looks) and the response cache tags it as before.
 * More than MAX_IDS candidates: left as it was (a long IN list costs more than it saves).
 */

const ARTICLE = 'api::article.article';
const ACTIONS = new Set(['findMany', 'findFirst', 'count']);
const MAX_IDS = 5000;

/** The name a filter on `column` asks for exactly (`{ name: x }` or `{ name: { $eq: x } }`), else null. */
export function columnNameOf(filter: unknown): string | null {
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) return null;
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== 'name') return null;
  const name = (filter as any).name;
  if (typeof name === 'string') return name;
  if (name && typeof name === 'object' && Object.keys(name).length === 1 && typeof name.$eq === 'string') return name.$eq;
  return null;
}

/** The column names a filter requires of every row: its own `column` and those of its top-level `$and`. */
export function requiredColumnNames(filters: unknown): string[] {
  if (!filters || typeof filters !== 'object' || Array.isArray(filters)) return [];
  const f = filters as Record<string, unknown>;
  const own = columnNameOf(f.column);
  const nested = Array.isArray(f.$and) ? f.$and.flatMap((x) => requiredColumnNames(x)) : [];
  return [...(own === null ? [] : [own]), ...nested];
}

async function linkedArticleIds(strapi: Core.Strapi, name: string): Promise<number[]> {
  const link = (strapi.db.metadata.get(ARTICLE) as any).attributes.column.joinTable;
  const columns = strapi.db.metadata.get('api::column.column').tableName;
  const rows: any[] = await strapi.db
    .getConnection(link.name)
    .join(columns, `${columns}.id`, `${link.name}.${link.inverseJoinColumn.name}`)
    .where(`${columns}.name`, name)
    .select(`${link.name}.${link.joinColumn.name} as id`)
    .limit(MAX_IDS + 1);
  return rows.map((r) => Number(r.id));
}

export function registerColumnFilter(strapi: Core.Strapi) {
  strapi.documents.use(async (ctx: any, next: any) => {
    if (ctx.uid !== ARTICLE || !ACTIONS.has(ctx.action)) return next();
    const names = requiredColumnNames(ctx.params?.filters);
    if (!names.length) return next();
    const ids = await linkedArticleIds(strapi, names[0]);
    if (ids.length > MAX_IDS) return next();
    ctx.params.filters = { $and: [ctx.params.filters, { id: { $in: ids } }] };
    return next();
  });
}
