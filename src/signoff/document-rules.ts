import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isSignoffService } from './context';
import { judgeArticleChange, judgePageChange, type ChangeVerdict } from './changes';
import { articleSnapshot, defaultLocale, pageSnapshot, signedPagesCarrying } from './snapshots';
import { issuePages, resetPage } from './service';
import { publishRefusal } from './stages';
import { fieldError } from '../newsroom/validation-error';

/**
 * The sign-off chain on every write path (admin, REST, scripts), as a Document
 * Service middleware:
 *  - `stage` and the history change only through the sign-off service;
 *  - an edit of a signed page, or of an article placed on it, sends the page back
 *    (src/signoff/changes.ts decides how far) and records a 退回 in the history;
 *  - an issue is published only when every page is signed off (已审校 with all
 *    three credits); publishing it publishes its placed articles in the same
 *    transaction, unpublishing takes them back (unless another published issue
 *    still carries them);
 *  - a contributor credited on a page, in a byline or under a photo cannot be deleted.
 */

const PAGE = 'api::page.page';
const ARTICLE = 'api::article.article';
const ISSUE = 'api::issue.issue';
const SIGNOFF = 'api::signoff.signoff';
const CONTRIBUTOR = 'api::contributor.contributor';

type Ctx = { uid: string; action: string; params: { documentId?: string; locale?: string | string[]; status?: string; data?: Record<string, any> } };

const ID = { select: ['documentId'] };

async function localeOf(strapi: Core.Strapi, ctx: Ctx): Promise<string> {
  const l = ctx.params.locale;
  return typeof l === 'string' && l !== '*' ? l : defaultLocale(strapi);
}

async function guardPageWrite(strapi: Core.Strapi, ctx: Ctx, next: () => Promise<unknown>) {
  const data = ctx.params.data;
  // The edit form sends the stage it loaded; whatever it says, only a signature moves it.
  if (data && 'stage' in data) {
    if (ctx.action === 'create' && data.stage && data.stage !== '采编') {
      throw fieldError('stage', '新版面从「采编」开始；版面状态只能通过签字改变', data.stage);
    }
    delete data.stage;
  }
  if (ctx.action !== 'update' || !ctx.params.documentId) return next();
  const documentId = ctx.params.documentId;
  // Stage is shared by the page's locales: any row tells it.
  const row: any = await strapi.db.query(PAGE).findOne({ where: { documentId }, select: ['stage'] });
  if (!row || row.stage === '采编') return next();
  const locale = await localeOf(strapi, ctx);
  const before = await pageSnapshot(strapi, documentId, locale);
  const result = await next();
  const after = await pageSnapshot(strapi, documentId, locale);
  const verdict = before && after ? judgePageChange(before, after) : null;
  if (verdict) await resetPage(strapi, documentId, verdict.stage, `版面改动：${verdict.fields.join('、')}`);
  return result;
}

async function watchArticleWrite(strapi: Core.Strapi, ctx: Ctx, next: () => Promise<unknown>) {
  const documentId = ctx.params.documentId;
  if (!documentId) return next();
  const pages = await signedPagesCarrying(strapi, documentId);
  if (!pages.length) return next();

  const locale = await localeOf(strapi, ctx);
  const before = await articleSnapshot(strapi, documentId, locale);
  const result = await next();
  let verdict: ChangeVerdict | null;
  if (ctx.action === 'delete') {
    verdict = { stage: '已编辑', fields: ['稿件已删除'] };
  } else {
    const after = await articleSnapshot(strapi, documentId, locale);
    verdict = before && after ? judgeArticleChange(before, after) : null;
  }
  if (verdict) {
    const reason = `稿件「${before?.headline ?? documentId}」改动：${verdict.fields.join('、')}`;
    for (const p of pages) await resetPage(strapi, p, verdict.stage, reason);
  }
  return result;
}

async function issueLocales(strapi: Core.Strapi, ctx: Ctx, documentId: string): Promise<string[]> {
  const l = ctx.params.locale;
  if (Array.isArray(l)) return l;
  if (l !== '*') return [await localeOf(strapi, ctx)];
  const rows: any[] = await strapi.db.query(ISSUE).findMany({ where: { documentId }, select: ['locale'] });
  return [...new Set(rows.map((r) => r.locale as string))];
}

/** Articles placed on the issue's pages in that locale. */
async function placedArticles(strapi: Core.Strapi, issueDocumentId: string, locale: string): Promise<string[]> {
  const pages: any[] = await strapi.db.query(PAGE).findMany({
    where: { issue: { documentId: issueDocumentId }, locale },
    populate: { placements: { populate: { article: ID } } },
  });
  return [...new Set(pages.flatMap((p) => (p.placements ?? []).map((pl: any) => pl.article?.documentId).filter(Boolean)))] as string[];
}

async function stillInAnotherPublishedIssue(strapi: Core.Strapi, article: string, issueDocumentId: string, locale: string) {
  const pages: any[] = await strapi.db.query(PAGE).findMany({
    where: { placements: { article: { documentId: article } }, locale },
    populate: { issue: ID },
  });
  const others = [...new Set(pages.map((p) => p.issue?.documentId).filter((d) => d && d !== issueDocumentId))];
  if (!others.length) return false;
  return (await strapi.db.query(ISSUE).count({ where: { documentId: { $in: others }, locale, publishedAt: { $notNull: true } } })) > 0;
}

async function guardIssuePublish(strapi: Core.Strapi, ctx: Ctx, next: () => Promise<unknown>) {
  const { documentId } = ctx.params;
  const data = ctx.params.data ?? {};
  if (!documentId) {
    // A new issue has no pages yet: it cannot be created as published. (Strapi's REST
    // API creates published entries unless asked otherwise, hence the hint.)
    throw new errors.ValidationError(`第${data.number ?? '?'}期不能发布：还没有任何版面（新建一期请存为草稿，REST API 加 ?status=draft）`, { unsignedPages: [] });
  }
  return strapi.db.transaction(async () => {
    const row: any = await strapi.db.query(ISSUE).findOne({ where: { documentId }, select: ['number'] });
    if (!row) return next();
    const refusal = publishRefusal(await issuePages(strapi, documentId), data.number ?? row.number);
    // Not `details.pages`: the admin would pin the error on the issue's 版面 field.
    if (refusal) throw new errors.ValidationError(refusal.message, { unsignedPages: refusal.pages });
    for (const locale of await issueLocales(strapi, ctx, documentId)) {
      for (const article of await placedArticles(strapi, documentId, locale)) {
        await strapi.documents(ARTICLE as any).publish({ documentId: article, locale });
      }
    }
    return next();
  });
}

/**
 * Pages moved in or out of an issue from the issue's side (its 版面 relation)
 * changed issue: that is editorial, so they go back to 采编 like any page whose
 * issue changes.
 */
async function watchIssuePages(strapi: Core.Strapi, ctx: Ctx, next: () => Promise<unknown>) {
  const { documentId } = ctx.params;
  if (!documentId || ctx.params.data?.pages === undefined) return next();
  const pagesOf = async () => new Set((await issuePages(strapi, documentId)).map((p) => p.documentId));
  const before = await pagesOf();
  const result = await next();
  const after = await pagesOf();
  const moved = [...before].filter((p) => !after.has(p)).concat([...after].filter((p) => !before.has(p)));
  for (const page of moved) await resetPage(strapi, page, '采编', '版面改动：所属期');
  return result;
}

async function cascadeIssueUnpublish(strapi: Core.Strapi, ctx: Ctx, next: () => Promise<unknown>) {
  const { documentId } = ctx.params;
  if (!documentId) return next();
  return strapi.db.transaction(async () => {
    const result = await next();
    for (const locale of await issueLocales(strapi, ctx, documentId)) {
      for (const article of await placedArticles(strapi, documentId, locale)) {
        if (await stillInAnotherPublishedIssue(strapi, article, documentId, locale)) continue;
        await strapi.documents(ARTICLE as any).unpublish({ documentId: article, locale });
      }
    }
    return result;
  });
}

async function guardContributorDelete(strapi: Core.Strapi, ctx: Ctx) {
  const id = ctx.params.documentId;
  if (!id) return;
  const contributor: any = await strapi.db.query(CONTRIBUTOR).findOne({ where: { documentId: id }, select: ['name'] });
  if (!contributor) return;
  const who = { documentId: id };
  const uses: string[] = [];
  const pages: any[] = await strapi.db.query(PAGE).findMany({
    where: { $or: [{ credits: { editor: who } }, { credits: { layout: who } }, { credits: { proofreader: who } }] },
    populate: { issue: { select: ['number'] } },
    select: ['documentId', 'number'],
  });
  const byNumber = [...new Map(pages.map((p) => [p.documentId, p])).values()].sort((a, b) => (a.issue?.number ?? 0) - (b.issue?.number ?? 0) || a.number - b.number);
  for (const p of byNumber) uses.push(`第${p.issue?.number ?? '?'}期第${p.number}版的编辑/版式/审校署名`);
  const articles: any[] = await strapi.db.query(ARTICLE).findMany({
    where: { $or: [{ bylines: { contributors: who } }, { photos: { credit: who } }] },
    select: ['documentId', 'headline'],
  });
  for (const a of new Map(articles.map((a) => [a.documentId, a])).values()) uses.push(`稿件「${a.headline}」的署名`);
  if (uses.length) {
    throw new errors.ValidationError(`不能删除人员「${contributor.name}」：仍署名于 ${uses.slice(0, 5).join('、')}${uses.length > 5 ? ` 等 ${uses.length} 处` : ''}。请先换人或删去这些署名`, { uses });
  }
}

export function registerSignoffRules(strapi: Core.Strapi) {
  strapi.documents.use(async (raw: any, next: any) => {
    const ctx = raw as Ctx;
    const { uid, action } = ctx;
    if (uid === SIGNOFF && ['create', 'update', 'delete', 'clone'].includes(action) && !isSignoffService()) {
      throw new errors.PolicyError('签字记录由签字和退回自动产生，不能手工新建、修改或删除');
    }
    if (isSignoffService()) return next();
    if (uid === PAGE && (action === 'create' || action === 'update')) return guardPageWrite(strapi, ctx, next);
    if (uid === ARTICLE && ['update', 'discardDraft', 'delete'].includes(action)) return watchArticleWrite(strapi, ctx, next);
    if (uid === ISSUE) {
      const publishing = action === 'publish' || ((action === 'create' || action === 'update') && ctx.params.status === 'published');
      if (publishing) return guardIssuePublish(strapi, ctx, next);
      if (action === 'unpublish') return cascadeIssueUnpublish(strapi, ctx, next);
      if (action === 'update') return watchIssuePages(strapi, ctx, next);
    }
    if (uid === CONTRIBUTOR && action === 'delete') await guardContributorDelete(strapi, ctx);
    return next();
  });
}
