import type { SearchParams } from './params';
import type { SearchRow } from './rows';
import { FTS_COLUMNS, FTS_WEIGHTS, ftsColumns, ftsMatch, tsQuery, tsVector } from './syntax';
import type { QueryTerm } from './terms';

/**
 * Where the index lives, so the database does the search: one table of rows (what a
 * hit shows and is filtered by) on both databases, and
 *  - SQLite: an FTS5 table beside it (rowid = the row's id), ranked by bm25;
 *  - PostgreSQL: a tsvector column with a GIN index, ranked by ts_rank.
 * Made on boot (ensure) if missing; every call takes the knex it should run on (the
 * write's transaction, or the connection).
 */
export const ROWS = 'banmian_search_rows';
export const FTS = 'banmian_search_fts';
export const META = 'banmian_search_meta';

export type Hit = Omit<SearchRow, 'terms'> & { id: number; rank: number };
export type Dialect = 'sqlite' | 'postgres';

const ROW_COLUMNS = [
  'document_id',
  'locale',
  'status',
  'headline',
  'kicker',
  'subtitle',
  'body',
  'column_name',
  'column_slug',
  'contributors',
  'contributor_slugs',
  'publication_slug',
  'publication_name',
  'issue_number',
  'issue_date',
  'page_number',
  'page_name',
  'day',
  'stamp',
] as const;

export function dialectOf(client: string): Dialect {
  if (client === 'sqlite' || client === 'better-sqlite3') return 'sqlite';
  if (client === 'postgres' || client === 'pg') return 'postgres';
  throw new Error(`search: no full-text index for the database client "${client}" (SQLite and PostgreSQL have one)`);
}

export class SearchStore {
  constructor(
    readonly dialect: Dialect,
    private readonly schema: string | undefined,
  ) {}

  private t(knex: any, table: string) {
    return this.schema ? knex(table).withSchema(this.schema) : knex(table);
  }
  private q(table: string) {
    return this.schema ? `"${this.schema}"."${table}"` : `"${table}"`;
  }

  async ensure(knex: any) {
    // A fresh builder each time: knex's schema builder queues every call made on it.
    const schema = () => (this.schema ? knex.schema.withSchema(this.schema) : knex.schema);
    if (!(await schema().hasTable(ROWS))) {
      await schema().createTable(ROWS, (t: any) => {
        t.increments('id').primary();
        t.string('document_id', 64).notNullable().index();
        t.string('locale', 16).notNullable();
        t.string('status', 16).notNullable();
        t.text('headline');
        t.text('kicker');
        t.text('subtitle');
        t.text('body');
        t.text('column_name');
        t.text('column_slug');
        t.text('contributors');
        t.text('contributor_slugs');
        t.text('publication_slug');
        t.text('publication_name');
        t.integer('issue_number');
        t.string('issue_date', 10);
        t.integer('page_number');
        t.text('page_name');
        t.string('day', 10);
        t.string('stamp', 32);
        t.index(['status', 'day']);
        if (this.dialect === 'postgres') t.specificType('tsv', 'tsvector');
      });
      if (this.dialect === 'postgres') await knex.raw(`CREATE INDEX IF NOT EXISTS banmian_search_tsv ON ${this.q(ROWS)} USING GIN (tsv)`);
    }
    if (this.dialect === 'sqlite') {
      // unicode61 with `_` as a token character: the gap token between runs (terms.ts) is kept as a position.
      // Contentless: the terms are not kept a second time (the rows table holds what a hit shows); rows deletable by rowid.
      await knex.raw(
        `CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS} USING fts5(${FTS_COLUMNS.join(', ')}, content = '', contentless_delete = 1, tokenize = "unicode61 tokenchars '_'")`,
      );
    }
    if (!(await schema().hasTable(META))) {
      await schema().createTable(META, (t: any) => {
        t.string('key', 64).primary();
        t.text('value');
      });
    }
  }

  async getMeta(knex: any, key: string): Promise<string | null> {
    const row = await this.t(knex, META).where({ key }).first();
    return row?.value ?? null;
  }
  async setMeta(knex: any, key: string, value: string) {
    await this.t(knex, META).where({ key }).delete();
    await this.t(knex, META).insert({ key, value });
  }

  async count(knex: any): Promise<number> {
    const row = await this.t(knex, ROWS).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  /** The rows of these documents replaced by `rows` (all their locales and versions). */
  async replace(knex: any, documentIds: string[], rows: SearchRow[]) {
    for (let i = 0; i < documentIds.length; i += 500) {
      const chunk = documentIds.slice(i, i + 500);
      if (this.dialect === 'sqlite') {
        await knex.raw(`DELETE FROM ${FTS} WHERE rowid IN (SELECT id FROM ${ROWS} WHERE document_id IN (${chunk.map(() => '?').join(',')}))`, chunk);
      }
      await this.t(knex, ROWS).whereIn('document_id', chunk).delete();
    }
    await this.insert(knex, rows);
  }

  async clear(knex: any) {
    if (this.dialect === 'sqlite') await knex.raw(`DELETE FROM ${FTS}`);
    await this.t(knex, ROWS).delete();
  }

  async insert(knex: any, rows: SearchRow[]) {
    const record = (r: SearchRow) => Object.fromEntries(ROW_COLUMNS.map((c) => [c, r[c]]));
    if (this.dialect === 'postgres') {
      for (let i = 0; i < rows.length; i += 200) {
        const chunk = rows.slice(i, i + 200).map((r) => ({ ...record(r), tsv: knex.raw('?::tsvector', [tsVector(r.terms)]) }));
        if (chunk.length) await this.t(knex, ROWS).insert(chunk);
      }
      return;
    }
    for (const r of rows) {
      const [inserted] = await this.t(knex, ROWS).insert(record(r)).returning('id');
      const id = typeof inserted === 'object' ? inserted.id : inserted;
      const cols = ftsColumns(r);
      await knex.raw(`INSERT INTO ${FTS} (rowid, ${FTS_COLUMNS.join(', ')}) VALUES (?, ${FTS_COLUMNS.map(() => '?').join(', ')})`, [
        id,
        ...FTS_COLUMNS.map((c) => cols[c]),
      ]);
    }
  }

  private filtered(qb: any, p: SearchParams) {
    qb.where('r.status', p.status);
    if (p.locale) qb.where('r.locale', p.locale);
    if (p.publication) qb.where('r.publication_slug', p.publication);
    if (p.issueFrom !== undefined) qb.where('r.issue_number', '>=', p.issueFrom);
    if (p.issueTo !== undefined) qb.where('r.issue_number', '<=', p.issueTo);
    if (p.from) qb.where('r.day', '>=', p.from);
    if (p.to) qb.where('r.day', '<=', p.to);
    if (p.page !== undefined) qb.where('r.page_number', p.page);
    if (p.column) qb.where((w: any) => w.where('r.column_slug', p.column).orWhere('r.column_name', p.column));
    if (p.contributor) {
      const needle = `|${p.contributor}|`;
      const has = this.dialect === 'sqlite' ? 'instr(??, ?) > 0' : 'strpos(??, ?) > 0';
      qb.where((w: any) => w.whereRaw(has, ['r.contributors', needle]).orWhereRaw(has, ['r.contributor_slugs', needle]));
    }
    return qb;
  }

  async search(knex: any, terms: QueryTerm[], p: SearchParams): Promise<{ total: number; hits: Hit[] }> {
    const columns = ['id', ...ROW_COLUMNS].map((c) => `r.${c}`);
    let base: () => any;
    let rank: any;
    if (this.dialect === 'sqlite') {
      const match = ftsMatch(terms);
      // CROSS JOIN: SQLite then always starts from the MATCH; with a join it may walk the rows by a filter's
      // index and run the full-text query once per row (seconds on a date range).
      base = () => this.filtered(knex.from(FTS).joinRaw(`CROSS JOIN ${ROWS} AS r ON r.id = ${FTS}.rowid`).whereRaw(`${FTS} MATCH ?`, [match]), p);
      rank = knex.raw(`bm25(${FTS}, ${FTS_WEIGHTS.join(', ')}) as rank`);
    } else {
      const query = tsQuery(terms);
      base = () => this.filtered(this.t(knex, `${ROWS} as r`).whereRaw('r.tsv @@ ?::tsquery', [query]), p);
      // Negated, so both databases order by rank ascending (bm25 is lower for better matches).
      rank = knex.raw('-ts_rank(r.tsv, ?::tsquery) as rank', [query]);
    }
    // The total in the same query (a window count): the MATCH runs once, not once for the rows and again for the count.
    // Over a subquery: FTS5's bm25() may not be used in a query with a window function.
    const hits = await knex
      .select('m.*', knex.raw('count(*) over () as total'))
      .from(
        base()
          .select([...columns, rank])
          .as('m'),
      )
      .orderBy([
        { column: 'm.rank', order: 'asc' },
        { column: 'm.stamp', order: 'desc', nulls: 'last' },
        // Stable across a rebuild (row ids are not): the same answer before and after `npm run search:reindex`.
        { column: 'm.document_id', order: 'asc' },
        { column: 'm.locale', order: 'asc' },
        { column: 'm.issue_number', order: 'desc' },
        { column: 'm.page_number', order: 'asc' },
      ])
      .limit(p.pageSize)
      .offset((p.pageNumber - 1) * p.pageSize);
    // A page past the last has no row to carry the total: counted on its own then.
    const total = hits.length ? Number(hits[0].total) : p.pageNumber > 1 ? Number((await base().count({ n: '*' }))[0].n) : 0;
    return { total, hits: hits.map(({ total: _total, ...h }: any) => ({ ...h, rank: Number(h.rank) })) };
  }

  /** Bytes the index takes on disk: its tables (and FTS5 shadow tables, GIN index). */
  async size(knex: any): Promise<number> {
    if (this.dialect === 'sqlite') {
      const rows = await knex.raw(`SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name LIKE 'banmian_search%'`);
      return Number(rows?.[0]?.bytes ?? 0);
    }
    const res = await knex.raw(`SELECT pg_total_relation_size(?::regclass) AS bytes`, [this.q(ROWS)]);
    return Number(res.rows?.[0]?.bytes ?? 0);
  }
}
