import type { Core } from '@strapi/strapi';
import { placedArticleIds, shapePage, shapePublication } from '../newsroom/issue-tree';
import { ARTICLE_FIELDS, ARTICLE_POPULATE, PAGE_POPULATE, PUBLICATION_POPULATE } from '../api/issue/services/issue';
import { PUBLISHED } from '../newsroom/public-filters';
import { withPageNotices } from '../corrections/withdraw';

/**
 * What a published page prints, kept with it: when a page goes live (its 审校
 * signature on a live issue, or the issue's publish), its whole printed content —
 * credits, each placed article with its 栏目, bylines, photos (file URL, size, alt
 * text) and credits — is stored on the published row (`printed`, private). Readers
 * are shown that snapshot, so renaming a contributor or a 栏目, editing a file's
 * alt text, or re-signing another page that carries the same article changes
 * nothing on this page until this page is signed again. The issue keeps its
 * publication (name, masthead, format) the same way when it is published.
 */

const PAGE = 'api::page.page';
const ISSUE = 'api::issue.issue';
const ARTICLE = 'api::article.article';

/** Stores the printed snapshot on the published row of a page in `locale` (no-op when it has none). */
export async function freezePage(strapi: Core.Strapi, documentId: string, locale: string) {
  const row: any = await strapi.db.query(PAGE).findOne({
    where: { documentId, locale, ...PUBLISHED },
    select: ['id', 'number', 'name', 'theme'],
    populate: PAGE_POPULATE as any,
  });
  if (!row) return;
  const ids = placedArticleIds({ pages: [row] });
  const articles = ids.length
    ? await strapi.db.query(ARTICLE).findMany({
        where: { documentId: { $in: ids }, locale, ...PUBLISHED },
        select: ARTICLE_FIELDS,
        populate: ARTICLE_POPULATE as any,
      })
    : [];
  // Where a withdrawn article is placed, the page prints its notice (src/corrections/withdraw.ts).
  const page = await withPageNotices(strapi, documentId, locale, shapePage(row, new Map(articles.map((a: any) => [a.documentId, a]))));
  await strapi.db.query(PAGE).update({ where: { id: row.id }, data: { printed: { page, at: new Date().toISOString() } } as any });
}

/**
 * An article taken off the public side on its own (the Super Admin's 取消发布,
 * for a takedown) leaves the snapshots of the live pages that printed it: readers
 * stop seeing it at once, the rest of each page stays as signed.
 */
export async function dropFromPrinted(strapi: Core.Strapi, articleDocumentId: string, locales: string[], unpublish: () => Promise<unknown>) {
  // Found before the unpublish: the published placements link the article's published row, which it deletes.
  const rows: any[] = await strapi.db.query(PAGE).findMany({
    where: { locale: { $in: locales }, placements: { article: { documentId: articleDocumentId } }, ...PUBLISHED },
    select: ['id', 'printed'],
  });
  const result = await unpublish();
  for (const row of rows) {
    const page = row.printed?.page;
    if (!page?.placements) continue;
    const placements = page.placements.filter((p: any) => p.article?.documentId !== articleDocumentId);
    await strapi.db.query(PAGE).update({ where: { id: row.id }, data: { printed: { ...row.printed, page: { ...page, placements } } } as any });
  }
  return result;
}

/** Stores the publication as the issue's published rows (the given locales) print it. */
export async function freezeIssue(strapi: Core.Strapi, documentId: string, locales?: string[]) {
  const where: Record<string, unknown> = { documentId, ...PUBLISHED };
  if (locales) where.locale = { $in: locales };
  const rows: any[] = await strapi.db.query(ISSUE).findMany({
    where,
    select: ['id'],
    populate: { publication: PUBLICATION_POPULATE } as any,
  });
  for (const row of rows) {
    await strapi.db.query(ISSUE).update({ where: { id: row.id }, data: { printed: { publication: shapePublication(row.publication) } } as any });
  }
}

/** Once at start: published pages and issues from before snapshots get theirs (what they show now). */
export async function ensurePrintedSnapshots(strapi: Core.Strapi) {
  const pages: any[] = await strapi.db.query(PAGE).findMany({ where: { printed: { $null: true }, ...PUBLISHED }, select: ['documentId', 'locale'] });
  for (const p of pages) await freezePage(strapi, p.documentId, p.locale);
  const issues: any[] = await strapi.db.query(ISSUE).findMany({ where: { printed: { $null: true }, ...PUBLISHED }, select: ['documentId', 'locale'] });
  for (const i of issues) await freezeIssue(strapi, i.documentId, [i.locale]);
}
