import type { Core } from '@strapi/strapi';
import type { ArticleVersion, Placement } from './rows';

/**
 * The edge that reads what the index holds of some articles: every version (locale ×
 * published/draft) with its 栏目 and bylines, and the pages (of the same version)
 * that place it, with their issue and publication.
 */
const ARTICLE = 'api::article.article';
const PAGE = 'api::page.page';

const day = (v: unknown): string | null => {
  if (!v) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
};

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

export type Versions = Array<{ version: ArticleVersion; placements: Placement[] }>;

export async function articleVersions(strapi: Core.Strapi, documentIds: string[]): Promise<Versions> {
  if (!documentIds.length) return [];
  const articles: any[] = await strapi.db.query(ARTICLE).findMany({
    where: { documentId: { $in: documentIds } },
    select: ['documentId', 'locale', 'publishedAt', 'updatedAt', 'kicker', 'headline', 'subtitle', 'body'],
    populate: { column: { select: ['name', 'slug'] }, bylines: { populate: { contributors: { select: ['name', 'slug'] } } } },
  });
  const pages: any[] = await strapi.db.query(PAGE).findMany({
    where: { placements: { article: { documentId: { $in: documentIds } } } },
    select: ['number', 'name', 'locale', 'publishedAt'],
    populate: {
      placements: { populate: { article: { select: ['documentId'] } } },
      issue: { select: ['number', 'date'], populate: { publication: { select: ['slug', 'name'] } } },
    },
  });
  const key = (documentId: string, locale: string, published: boolean) => `${documentId}|${locale}|${published ? 'p' : 'd'}`;
  const placed = new Map<string, Placement[]>();
  for (const page of pages) {
    const seen = new Set<string>();
    for (const pl of page.placements ?? []) {
      const doc = pl.article?.documentId;
      if (!doc || seen.has(doc)) continue;
      seen.add(doc);
      const k = key(doc, page.locale, Boolean(page.publishedAt));
      const list = placed.get(k) ?? [];
      list.push({
        publication: page.issue?.publication ?? null,
        issue: page.issue ? { number: page.issue.number, date: day(page.issue.date) } : null,
        page: { number: page.number, name: page.name },
      });
      placed.set(k, list);
    }
  }
  return articles.map((a) => {
    const published = Boolean(a.publishedAt);
    const contributors = (a.bylines ?? []).flatMap((b: any) => b.contributors ?? []);
    return {
      version: {
        documentId: a.documentId,
        locale: a.locale,
        status: published ? 'published' : 'draft',
        kicker: a.kicker,
        headline: a.headline,
        subtitle: a.subtitle,
        body: a.body,
        column: a.column ?? null,
        contributors,
        at: iso(published ? a.publishedAt : a.updatedAt),
      },
      placements: placed.get(key(a.documentId, a.locale, published)) ?? [],
    };
  });
}

/** Articles whose index rows a write to an entry of `uid` may change (read before and after the write). */
export async function articlesTouchedBy(strapi: Core.Strapi, uid: string, documentId: string): Promise<string[]> {
  const docs = (rows: any[]) => rows.map((r) => r.documentId).filter(Boolean);
  const placedOn = async (where: Record<string, unknown>) => {
    const rows: any[] = await strapi.db.query(PAGE).findMany({
      where,
      select: ['id'],
      populate: { placements: { populate: { article: { select: ['documentId'] } } } },
    });
    return rows.flatMap((p) => (p.placements ?? []).map((pl: any) => pl.article?.documentId)).filter(Boolean);
  };
  switch (uid) {
    case ARTICLE:
      return [documentId];
    case PAGE:
      return placedOn({ documentId });
    case 'api::issue.issue':
      return placedOn({ issue: { documentId } });
    case 'api::publication.publication':
      return placedOn({ issue: { publication: { documentId } } });
    case 'api::column.column':
      return docs(await strapi.db.query(ARTICLE).findMany({ where: { column: { documentId } }, select: ['documentId'] }));
    case 'api::contributor.contributor':
      return docs(await strapi.db.query(ARTICLE).findMany({ where: { bylines: { contributors: { documentId } } }, select: ['documentId'] }));
    default:
      return [];
  }
}

export const WATCHED = new Set([ARTICLE, PAGE, 'api::issue.issue', 'api::publication.publication', 'api::column.column', 'api::contributor.contributor']);
