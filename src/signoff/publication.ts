import type { Core } from '@strapi/strapi';
import { asPublicationCascade } from './context';
import { DRAFT, PUBLISHED } from '../newsroom/public-filters';
import { freezePage } from './printed';
import { withdrawnAmong } from '../corrections/withdraw';

/**
 * What readers see: the last signed version of each page and of the articles
 * placed on it. Pages and articles have Draft & Publish; edits always go to the
 * draft, and only a signature publishes:
 *  - publishing an issue (every page 已审校) publishes its placed articles, then
 *    its pages, then the issue;
 *  - the 审校 signature of a page of a published issue publishes that page and
 *    its articles at once (a corrected page goes live when it is signed again);
 *  - a page is never published on its own unless it is signed and its issue is
 *    published; a placed article never on its own at all;
 *  - unpublishing an issue or a page takes its pages and articles back, except
 *    articles another published page still carries.
 * Publishing here runs inside asPublicationCascade, which the document rules
 * (document-rules.ts) let through; every other publish of a page or a placed
 * article is refused, and a write asking to publish (Strapi's REST API does so
 * by default) is saved as a draft instead: the edit is never lost, it waits.
 */

const PAGE = 'api::page.page';
const ARTICLE = 'api::article.article';
const ISSUE = 'api::issue.issue';
/** A page's working copy: stage, credits and edits live on its draft row. */
export const PAGE_DRAFT = DRAFT;
const ID = { select: ['documentId'] };

export async function issueIsPublished(strapi: Core.Strapi, issueDocumentId: string | null | undefined): Promise<boolean> {
  if (!issueDocumentId) return false;
  return (await strapi.db.query(ISSUE).count({ where: { documentId: issueDocumentId, ...PUBLISHED } })) > 0;
}

/** The draft rows (one per locale) of pages matching `where`, with their placed articles. */
export async function draftPages(strapi: Core.Strapi, where: Record<string, unknown>) {
  const rows: any[] = await strapi.db.query(PAGE).findMany({
    where: { ...where, ...PAGE_DRAFT },
    select: ['documentId', 'locale', 'number'],
    populate: { placements: { populate: { article: ID } } },
  });
  return rows.map((r) => ({
    documentId: r.documentId as string,
    locale: r.locale as string,
    articles: [...new Set((r.placements ?? []).map((p: any) => p.article?.documentId).filter(Boolean))] as string[],
  }));
}

/** Pages (draft rows, one per document) whose placements carry this article: the article belongs to them. */
export async function pagesCarrying(strapi: Core.Strapi, articleDocumentId: string) {
  const rows: any[] = await strapi.db.query(PAGE).findMany({
    where: { placements: { article: { documentId: articleDocumentId } }, ...PAGE_DRAFT },
    select: ['documentId', 'number', 'stage'],
    populate: { issue: { select: ['number'] } },
  });
  return [...new Map(rows.map((r) => [r.documentId, r])).values()];
}

/** Publishes the placed articles of these page rows, then (unless told not to) the pages: the order Strapi needs to link them. */
export async function publishRows(strapi: Core.Strapi, pages: Array<{ documentId: string; locale: string; articles: string[] }>, { pagesToo = true } = {}) {
  // A withdrawn article (撤稿) never goes live again: its page prints the notice instead (src/corrections/).
  const withdrawn = await withdrawnAmong(
    strapi,
    pages.flatMap((p) => p.articles),
  );
  await asPublicationCascade(async () => {
    for (const p of pages) {
      for (const article of p.articles) {
        if (!withdrawn.has(article)) await strapi.documents(ARTICLE as any).publish({ documentId: article, locale: p.locale });
      }
      if (pagesToo) {
        await strapi.documents(PAGE as any).publish({ documentId: p.documentId, locale: p.locale });
        await freezePage(strapi, p.documentId, p.locale);
      }
    }
  });
}

/** Publishes a page's draft (all its locales, or the given ones) with its placed articles. */
export async function publishPageWithArticles(strapi: Core.Strapi, documentId: string, locales?: string[]) {
  const where: Record<string, unknown> = { documentId };
  if (locales) where.locale = { $in: locales };
  await publishRows(strapi, await draftPages(strapi, where));
}

/** Published page rows carrying the article in this locale, other than `except`. */
async function carriedElsewhere(strapi: Core.Strapi, article: string, locale: string, except: Set<string>) {
  const rows: any[] = await strapi.db.query(PAGE).findMany({
    where: { placements: { article: { documentId: article } }, locale, ...PUBLISHED },
    select: ['documentId'],
  });
  return rows.some((r) => !except.has(r.documentId));
}

/** Takes pages (all locales given) off the public side, and the articles no other published page carries. */
export async function unpublishPages(strapi: Core.Strapi, pageDocumentIds: string[], locales: string[] | '*', { pagesToo = true } = {}) {
  if (!pageDocumentIds.length) return;
  const where: Record<string, unknown> = { documentId: { $in: pageDocumentIds } };
  if (locales !== '*') where.locale = { $in: locales };
  const rows = await draftPages(strapi, where);
  const gone = new Set(pageDocumentIds);
  await asPublicationCascade(async () => {
    for (const p of rows) {
      if (pagesToo) await strapi.documents(PAGE as any).unpublish({ documentId: p.documentId, locale: p.locale });
      for (const article of p.articles) {
        if (!(await carriedElsewhere(strapi, article, p.locale, gone))) {
          await strapi.documents(ARTICLE as any).unpublish({ documentId: article, locale: p.locale });
        }
      }
    }
  });
}
