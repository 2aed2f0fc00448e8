import crypto from 'crypto';
import { AsyncLocalStorage } from 'async_hooks';
import type { Core } from '@strapi/strapi';
import { fold } from './fold';
import { wordListText } from './load-words';
import type { SearchParams } from './params';
import { rowsOf } from './rows';
import { makeSegmenter, type Segmenter } from './segment';
import { markAll, snippet } from './snippet';
import { dialectOf, SearchStore, type Hit } from './store';
import { queryTerms } from './terms';
import { articlesTouchedBy, articleVersions, WATCHED } from './versions';

/**
 * The search room's Strapi edge: the index follows every Document Service write
 * (one middleware, registered first so it sees the whole cascade a write sets off —
 * a page's signature publishing its articles, an issue's unpublish taking them back),
 * inside the write's transaction: a rolled-back write leaves the index as it was, and
 * the answer after the write's response already reflects it.
 */
const ARTICLE = 'api::article.article';
const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
// Bumped when what a row holds or how terms are made changes: the next start rebuilds the index.
const INDEX_FORMAT = '3';

export type SearchAnswer = {
  data: Array<{
    documentId: string;
    locale: string;
    status: 'published' | 'draft';
    headline: string;
    kicker: string | null;
    subtitle: string | null;
    column: { name: string; slug: string | null } | null;
    contributors: string[];
    publication: { slug: string | null; name: string | null } | null;
    issue: { number: number; date: string | null } | null;
    page: { number: number; name: string | null } | null;
    date: string | null;
    score: number;
    highlights: { headline: string | null; kicker: string | null; subtitle: string | null; body: string | null };
  }>;
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
};

const names = (bar: string) => bar.split('|').filter(Boolean);

export class SearchService {
  readonly store: SearchStore;
  private seg: Segmenter | undefined;
  private readonly writing = new AsyncLocalStorage<Set<string>>();

  constructor(private readonly strapi: Core.Strapi) {
    const client = (strapi.db.config.connection as any).client;
    this.store = new SearchStore(dialectOf(client), strapi.db.getSchemaName?.() || undefined);
  }

  get segmenter(): Segmenter {
    this.seg ??= makeSegmenter(wordListText());
    return this.seg;
  }

  /** What the stored index was made with: the row format and the word list. */
  private signature() {
    return `${INDEX_FORMAT}:${crypto.createHash('sha256').update(wordListText()).digest('hex').slice(0, 16)}`;
  }

  /** The index rows of these articles made again from the database, on `knex` (the write's transaction). */
  async refresh(knex: any, documentIds: string[]) {
    const ids = [...new Set(documentIds)];
    if (!ids.length) return;
    const versions = await articleVersions(this.strapi, ids);
    const cache = new Map();
    const rows = versions.flatMap((v) => rowsOf(v.version, v.placements, this.segmenter, cache));
    await this.store.replace(knex, ids, rows);
  }

  /** The whole index made again, in batches; returns the number of articles and rows. */
  async rebuild(onProgress?: (done: number, all: number) => void): Promise<{ articles: number; rows: number }> {
    const all: any[] = await this.strapi.db.query(ARTICLE).findMany({ select: ['documentId'] });
    const ids = [...new Set(all.map((a) => a.documentId as string))];
    let rows = 0;
    await this.strapi.db.transaction(async ({ trx }: any) => {
      await this.store.clear(trx);
      for (let i = 0; i < ids.length; i += 200) {
        const batch = ids.slice(i, i + 200);
        const versions = await articleVersions(this.strapi, batch);
        const cache = new Map();
        const made = versions.flatMap((v) => rowsOf(v.version, v.placements, this.segmenter, cache));
        await this.store.insert(trx, made);
        rows += made.length;
        onProgress?.(Math.min(i + 200, ids.length), ids.length);
      }
      await this.store.setMeta(trx, 'signature', this.signature());
    });
    return { articles: ids.length, rows };
  }

  /** On boot: the tables, and a rebuild when the index was made otherwise or is empty while articles exist. */
  async start() {
    const knex = this.strapi.db.connection;
    await this.store.ensure(knex);
    const stale = (await this.store.getMeta(knex, 'signature')) !== this.signature();
    const empty = (await this.store.count(knex)) === 0 && (await this.strapi.db.query(ARTICLE).count({})) > 0;
    if (stale || empty) {
      const { articles } = await this.rebuild();
      if (articles) this.strapi.log.info(`search: index rebuilt (${articles} articles)`);
    }
  }

  /** The middleware that keeps the index with every write. */
  follow() {
    return async (ctx: any, next: () => Promise<any>) => {
      if (!WATCHED.has(ctx.uid) || !WRITES.has(ctx.action)) return next();
      const touched = async (into: Set<string>, documentId: string | undefined) => {
        if (documentId) for (const id of await articlesTouchedBy(this.strapi, ctx.uid, documentId)) into.add(id);
      };
      const outer = this.writing.getStore();
      if (outer) {
        await touched(outer, ctx.params?.documentId);
        const result = await next();
        await touched(outer, result?.documentId ?? ctx.params?.documentId);
        return result;
      }
      return this.strapi.db.transaction(async ({ trx }: any) => {
        const ids = new Set<string>();
        return this.writing.run(ids, async () => {
          await touched(ids, ctx.params?.documentId);
          const result = await next();
          await touched(ids, result?.documentId ?? ctx.params?.documentId);
          await this.refresh(trx, [...ids]);
          return result;
        });
      });
    };
  }

  async search(p: SearchParams): Promise<SearchAnswer> {
    const terms = queryTerms(fold(p.q), this.segmenter)!;
    const { total, hits } = await this.store.search(this.strapi.db.connection, terms, p);
    const needles = terms.map((t) => t.text);
    return {
      data: hits.map((h: Hit) => ({
        documentId: h.document_id,
        locale: h.locale,
        status: h.status,
        headline: h.headline,
        kicker: h.kicker,
        subtitle: h.subtitle,
        column: h.column_name ? { name: h.column_name, slug: h.column_slug } : null,
        contributors: names(h.contributors ?? ''),
        publication: h.publication_slug || h.publication_name ? { slug: h.publication_slug, name: h.publication_name } : null,
        issue: h.issue_number ? { number: h.issue_number, date: h.issue_date } : null,
        page: h.page_number ? { number: h.page_number, name: h.page_name } : null,
        date: h.day,
        score: -h.rank,
        highlights: {
          headline: markAll(h.headline, needles),
          kicker: markAll(h.kicker, needles),
          subtitle: markAll(h.subtitle, needles),
          body: snippet(h.body, needles),
        },
      })),
      meta: { pagination: { page: p.pageNumber, pageSize: p.pageSize, pageCount: Math.ceil(total / p.pageSize), total } },
    };
  }
}

// One service per Strapi (tests start several in one process).
const services = new WeakMap<Core.Strapi, SearchService>();
export const searchServiceOf = (strapi: Core.Strapi): SearchService => {
  if (!services.has(strapi)) services.set(strapi, new SearchService(strapi));
  return services.get(strapi)!;
};

/** In register(), before the other Document Service middlewares: the index sees the whole cascade of a write. */
export function registerSearch(strapi: Core.Strapi) {
  strapi.documents.use(searchServiceOf(strapi).follow() as any);
}
