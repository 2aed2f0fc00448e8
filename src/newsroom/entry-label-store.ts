import type { Core } from '@strapi/strapi';
import { articleLabel, issueLabel, pageLabelText, placementLabel } from './entry-labels';

/**
 * Keeps the stored `label` of issues, pages, articles and placements equal to
 * what entry-labels.ts says, after every write that can change one (a document
 * middleware in document-rules.ts) and once on start for databases made before.
 * Written with plain queries on the rows whose label differs: a label is derived
 * text, not an edit, so it goes through no document rule and resets no signature.
 */

const ISSUE = 'api::issue.issue';
const PAGE = 'api::page.page';
const ARTICLE = 'api::article.article';
const PLACEMENT = 'newsroom.placement';

type Where = Record<string, unknown>;

async function setIfChanged(strapi: Core.Strapi, uid: string, rows: Array<{ id: number; label?: string | null }>, labelOf: (row: any) => string) {
  for (const row of rows) {
    const label = labelOf(row);
    if (row.label !== label) await strapi.db.query(uid as any).update({ where: { id: row.id }, data: { label } });
  }
}

export async function refreshIssueLabels(strapi: Core.Strapi, where: Where = {}) {
  const rows: any[] = await strapi.db.query(ISSUE).findMany({ where, select: ['id', 'number', 'date', 'label'] });
  await setIfChanged(strapi, ISSUE, rows, issueLabel);
}

export async function refreshPageLabels(strapi: Core.Strapi, where: Where = {}) {
  const rows: any[] = await strapi.db.query(PAGE).findMany({
    where,
    select: ['id', 'number', 'name', 'label'],
    populate: { placements: { select: ['id', 'order', 'lead', 'colSpan', 'rowSpan', 'label'], populate: { article: { select: ['headline'] } } } },
  });
  await setIfChanged(strapi, PAGE, rows, pageLabelText);
  const placements = rows.flatMap((r) => r.placements ?? []);
  await setIfChanged(strapi, PLACEMENT, placements, (p) => placementLabel({ ...p, headline: p.article?.headline }));
}

/** `placements`: also the placements showing these articles (not when every page is refreshed next anyway). */
export async function refreshArticleLabels(strapi: Core.Strapi, where: Where = {}, { placements = true } = {}) {
  const rows: any[] = await strapi.db
    .query(ARTICLE)
    .findMany({ where, select: ['id', 'documentId', 'headline', 'label'], populate: { column: { select: ['name'] } } });
  await setIfChanged(strapi, ARTICLE, rows, articleLabel);
  // Placements name their article's headline.
  const ids = [...new Set(rows.map((r) => r.documentId as string))];
  if (ids.length && placements) await refreshPageLabels(strapi, { placements: { article: { documentId: { $in: ids } } } });
}

/** After a write through the Document Service: the labels it can have changed. */
export async function refreshLabelsAfterWrite(strapi: Core.Strapi, uid: string, documentId: string | undefined) {
  if (!documentId) return;
  if (uid === ISSUE) await refreshIssueLabels(strapi, { documentId });
  else if (uid === PAGE) await refreshPageLabels(strapi, { documentId });
  else if (uid === ARTICLE) await refreshArticleLabels(strapi, { documentId });
  else if (uid === 'api::column.column') await refreshArticleLabels(strapi, { column: { documentId } });
}

/** On start: every label, for databases made before labels existed (or changed by hand). */
export async function ensureEntryLabels(strapi: Core.Strapi) {
  await refreshIssueLabels(strapi);
  await refreshArticleLabels(strapi, {}, { placements: false });
  await refreshPageLabels(strapi);
}
