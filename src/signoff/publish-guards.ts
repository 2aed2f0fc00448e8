import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { draftPages, issueIsPublished, publishRows } from './publication';
import { issuePages, pageStatus } from './service';
import { STAGE_LABEL, pageLabel, publishRefusal } from './stages';

/** The refusals of src/signoff/publication.ts's model: what may not go live yet, and why. */

/** Before an issue goes live: refuse unless every page is signed, then publish its articles and pages. */
export async function publishIssueContent(strapi: Core.Strapi, issueDocumentId: string, locales: string[], issueNumber: number | null) {
  const refusal = publishRefusal(await issuePages(strapi, issueDocumentId), issueNumber);
  // Not `details.pages`: the admin would pin the error on the issue's 版面 field.
  if (refusal) throw new errors.ValidationError(refusal.message, { unsignedPages: refusal.pages });
  await publishRows(strapi, await draftPages(strapi, { issue: { documentId: issueDocumentId }, locale: { $in: locales } }));
}

/** Why a page may not be published on its own right now, or null. */
export async function pagePublishRefusal(strapi: Core.Strapi, documentId: string): Promise<string | null> {
  const status = await pageStatus(strapi, documentId);
  if (!status) return null;
  if (status.missing.length) return `${status.label}不能发布：缺${status.missing.join('、')}签字（当前「${STAGE_LABEL[status.stage]}」）`;
  if (!(await issueIsPublished(strapi, status.issue?.documentId))) {
    return `${status.label}不能单独发布：${status.issue ? `第${status.issue.number}期还没有发布，版面随期发布` : '它不属于任何一期'}`;
  }
  return null;
}

export function placedArticleRefusal(headline: string, pages: Array<{ number: number; issue?: { number?: number } | null }>) {
  const where = pages.map((p) => pageLabel(p, p.issue)).join('、');
  return `稿件「${headline}」已排入${where}：随版面签字发布，不能单独发布（改动已存为草稿，审校签字后上线）`;
}
