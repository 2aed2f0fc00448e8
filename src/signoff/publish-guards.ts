import type { Core } from '@strapi/strapi';
import { draftPages, issueIsPublished, publishRows } from './publication';
import { issuePages, pageStatus } from './service';
import { publishRefusal } from './stages';
import { refusal } from '../newsroom/refusals';

/** The refusals of src/signoff/publication.ts's model: what may not go live yet, and why. */

/** Before an issue goes live: refuse unless every page is signed, then publish its articles and pages. */
export async function publishIssueContent(strapi: Core.Strapi, issueDocumentId: string, locales: string[], issueNumber: number | null) {
  const why = publishRefusal(await issuePages(strapi, issueDocumentId), issueNumber);
  // Not `details.pages`: the admin would pin the error on the issue's 版面 field.
  if (why) throw refusal(why.code, why.params, { unsignedPages: why.pages });
  await publishRows(strapi, await draftPages(strapi, { issue: { documentId: issueDocumentId }, locale: { $in: locales } }));
}

/** Refuses a page's publish on its own unless it is signed and its issue is live. */
export async function assertPagePublishable(strapi: Core.Strapi, documentId: string) {
  const status = await pageStatus(strapi, documentId);
  if (!status) return;
  const page = { issue: status.issue?.number, number: status.number };
  if (status.missing.length) throw refusal('page.unsigned', { page, stage: status.stage, missing: status.missing });
  if (!(await issueIsPublished(strapi, status.issue?.documentId))) throw refusal('page.issueNotLive', { page, issue: status.issue?.number ?? null });
}

/** The refusal of a placed article's publish on its own. */
export function placedArticleRefusal(headline: string, pages: Array<{ documentId: string; number: number; issue?: { number?: number } | null }>) {
  const refs = pages.map((p) => ({ issue: p.issue?.number, number: p.number }));
  return refusal('article.placed', { headline, pages: refs }, { pages: pages.map((p) => p.documentId) });
}
