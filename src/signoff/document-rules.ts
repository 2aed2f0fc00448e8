import type { Core } from '@strapi/strapi';
import { asSignoffService, isPublicationCascade, isSignoffService } from './context';
import { SIGN_ROLES } from './stages';
import { dropFromPrinted, freezeIssue, freezePage } from './printed';
import { isWatchedRelated, watchRelatedRename } from './related-changes';
import { judgeArticleChange, judgePageChange, type ChangeVerdict, type ArticleSnapshot, type PageSnapshot } from './changes';
import { articleSnapshot, defaultLocale, pageSnapshot } from './snapshots';
import { currentActor, issuePages, pageStatus, resetPage, writeHistory } from './service';
import { PAGE_DRAFT, draftPages, pagesCarrying, publishRows, unpublishPages } from './publication';
import { assertPagePublishable, placedArticleRefusal, publishIssueContent } from './publish-guards';
import { fieldRefusal, refusal } from '../newsroom/refusals';
import { PUBLISHED } from '../newsroom/public-filters';
import { guardAccountLink, guardContributorDelete } from './contributor-guards';
import { assertNotWithdrawn, isWithdrawn } from '../corrections/withdraw';

/**
 * The sign-off chain on every write path (admin, REST, scripts), as a Document
 * Service middleware:
 *  - `stage` and the history change only through the sign-off service;
 *  - an edit of a signed page, or of an article placed on it, sends the page back
 *    (src/signoff/changes.ts decides how far) and records a 退回 in the history;
 *  - new and cloned pages start unsigned;
 *  - pages and placed articles go live only through signatures: the publication
 *    model of src/signoff/publication.ts, with its refusals in publish-guards.ts;
 *  - a contributor credited on a page, in a byline or under a photo cannot be deleted.
 */

const PAGE = 'api::page.page';
const ARTICLE = 'api::article.article';
const ISSUE = 'api::issue.issue';
const SIGNOFF = 'api::signoff.signoff';
const CONTRIBUTOR = 'api::contributor.contributor';
const COLUMN = 'api::column.column';
const PUBLICATION = 'api::publication.publication';
const ID = { select: ['documentId'] };

type Ctx = { uid: string; action: string; params: { documentId?: string; locale?: string | string[]; status?: string; data?: Record<string, any> } };

async function localeOf(strapi: Core.Strapi, ctx: Ctx): Promise<string> {
  const l = ctx.params.locale;
  return typeof l === 'string' && l !== '*' ? l : defaultLocale(strapi);
}

/**
 * Any new page (created, cloned, imported) starts unsigned: 采编, no credits, and a
 * 新建 row in its history. A clone of a signed page carries no signatures over.
 */
async function guardPageCreate(strapi: Core.Strapi, ctx: Ctx, next: () => Promise<unknown>) {
  const data = (ctx.params.data ??= {});
  if (ctx.action === 'create' && data.stage && data.stage !== 'collecting') {
    throw fieldRefusal('stage', 'page.stageBySignature', {}, data.stage);
  }
  data.stage = 'collecting';
  data.credits = null;
  // Saved, not published: a page goes live only through its signatures (publication.ts).
  if (ctx.params.status === 'published') ctx.params.status = 'draft';
  const source = ctx.action === 'clone' ? await pageStatus(strapi, ctx.params.documentId!) : null;
  const result: any = await next();
  const documentId = result?.documentId;
  if (documentId) {
    const page = await pageStatus(strapi, documentId);
    const actor = currentActor(strapi);
    await writeHistory(strapi, {
      pageDocumentId: documentId,
      label: page?.label ?? documentId,
      action: 'created',
      toStage: 'collecting',
      actorName: actor.name,
      actorEmail: actor.email,
      reason: source ? `复制自${source.label}，签字不随复制` : null,
    });
  }
  return result;
}

/** The fields only the sign-off service writes: shared by all locales of a page (not localised). */
type Signed = { stage: string; credits: Record<string, string | null> };

async function signedState(strapi: Core.Strapi, documentId: string, where: Record<string, unknown>): Promise<Signed | null> {
  const row: any = await strapi.db.query(PAGE).findOne({
    where: { documentId, ...where },
    select: ['stage'],
    populate: { credits: { populate: { editor: ID, layout: ID, proofreader: ID } } },
  });
  if (!row) return null;
  const credits = Object.fromEntries(SIGN_ROLES.map((r) => [r, row.credits?.[r]?.documentId ?? null]));
  return { stage: row.stage, credits };
}

/**
 * Puts stage and credits back on every draft row of the page when a write that is
 * not a signature changed them. Strapi does so behind the Document Service: a new
 * locale copies the shared fields from the *published* row (copyNonLocalizedFields),
 * and the i18n plugin then syncs them to every other locale's draft, so a page sent
 * back would jump to 已审校 with the old signers' names.
 */
async function keepSignedState(strapi: Core.Strapi, documentId: string, before: Signed) {
  const now = await signedState(strapi, documentId, PAGE_DRAFT);
  const drafts: any[] = await strapi.db.query(PAGE).findMany({ where: { documentId, ...PAGE_DRAFT }, select: ['locale', 'stage'] });
  if (!now) return;
  const creditsMoved = JSON.stringify(now.credits) !== JSON.stringify(before.credits);
  if (creditsMoved) {
    // Through the Document Service (as the sign-off service), so every locale's credits component follows.
    await asSignoffService(() => strapi.documents(PAGE as any).update({ documentId, locale: drafts[0]?.locale, data: { credits: before.credits } as any }));
  }
  if (creditsMoved || drafts.some((d) => d.stage !== before.stage)) {
    await strapi.db.query(PAGE).updateMany({ where: { documentId, ...PAGE_DRAFT }, data: { stage: before.stage } });
  }
}

const NO_ARTICLE: ArticleSnapshot = {
  kicker: null,
  headline: null,
  subtitle: null,
  body: null,
  source: null,
  suppliedBy: null,
  authorNote: null,
  column: null,
  bylines: [],
  photos: [],
};

/** A locale that did not exist is a page nobody has signed: compared with an empty page, everything changed. */
const NO_PAGE: PageSnapshot = { number: null, issue: null, name: null, theme: null, placements: [], credits: {} };

async function guardPageWrite(strapi: Core.Strapi, ctx: Ctx, next: () => Promise<unknown>) {
  const data = ctx.params.data;
  // The edit form sends the stage and credits it loaded; whatever it says, only a signature moves them.
  if (data && 'stage' in data) delete data.stage;
  if (data && 'credits' in data) delete data.credits;
  // Saved, not published: a page goes live only through its signatures (publication.ts).
  if (ctx.params.status === 'published') ctx.params.status = 'draft';
  const documentId = ctx.params.documentId!;
  // Stage is shared by the page's locales: any draft row tells it.
  const signed = await signedState(strapi, documentId, PAGE_DRAFT);
  if (!signed) return next();
  const locale = await localeOf(strapi, ctx);
  const before = signed.stage === 'collecting' ? null : await pageSnapshot(strapi, documentId, locale);
  const result = await next();
  await keepSignedState(strapi, documentId, signed);
  if (signed.stage === 'collecting') return result;
  const after = await pageSnapshot(strapi, documentId, locale);
  const verdict = after ? judgePageChange(before ?? NO_PAGE, after) : null;
  if (verdict) {
    const why = before ? `版面改动：${verdict.fields.join('、')}` : `新增语种版本（${locale}），尚未签字`;
    await resetPage(strapi, documentId, verdict.stage, why);
  }
  return result;
}

/**
 * Discarding a page's draft in one locale brings back that locale's signed
 * version, and Strapi copies its stage and credits to the other locales' drafts.
 * The page is signed again only if every locale's draft is now its signed
 * version; otherwise stage and credits stay as they were.
 */
async function guardPageDiscard(strapi: Core.Strapi, ctx: Ctx, next: () => Promise<unknown>) {
  const documentId = ctx.params.documentId!;
  const signed = await signedState(strapi, documentId, PAGE_DRAFT);
  const result = await next();
  if (!signed) return result;
  const drafts: any[] = await strapi.db.query(PAGE).findMany({ where: { documentId, ...PAGE_DRAFT }, select: ['locale'] });
  let allSigned = true;
  for (const d of drafts) {
    const draft = await pageSnapshot(strapi, documentId, d.locale);
    const live = await pageSnapshot(strapi, documentId, d.locale, 'published');
    if (!live || JSON.stringify(draft) !== JSON.stringify(live)) allSigned = false;
  }
  if (!allSigned) await keepSignedState(strapi, documentId, signed);
  return result;
}

/** A Super Admin's own publish of a page: only a signed page of a published issue, with its articles first. */
async function guardPagePublish(strapi: Core.Strapi, ctx: Ctx, next: () => Promise<unknown>) {
  await assertPagePublishable(strapi, ctx.params.documentId!);
  const locales = await localesOf(strapi, PAGE, ctx);
  await publishRows(strapi, await draftPages(strapi, { documentId: ctx.params.documentId, locale: { $in: locales } }), { pagesToo: false });
  const result = await next();
  for (const locale of locales) await freezePage(strapi, ctx.params.documentId!, locale);
  return result;
}

async function articleOwnPublish(strapi: Core.Strapi, ctx: Ctx, next: () => Promise<unknown>) {
  const pages = await pagesCarrying(strapi, ctx.params.documentId!);
  if (!pages.length) return next();
  const row: any = await strapi.db.query(ARTICLE).findOne({ where: { documentId: ctx.params.documentId }, select: ['headline'] });
  throw placedArticleRefusal(row?.headline ?? ctx.params.documentId!, pages);
}

/** `pages`: the signed pages (past 采编) carrying the article, the ones a change can send back. */
async function watchArticleWrite(strapi: Core.Strapi, ctx: Ctx, next: () => Promise<unknown>, pages: string[]) {
  const documentId = ctx.params.documentId;
  if (!documentId || !pages.length) return next();

  const locale = await localeOf(strapi, ctx);
  const before = await articleSnapshot(strapi, documentId, locale);
  const result = await next();
  let verdict: ChangeVerdict | null;
  if (ctx.action === 'delete') {
    verdict = { stage: 'edited', fields: ['稿件已删除'] };
  } else {
    const after = await articleSnapshot(strapi, documentId, locale);
    // A new locale of a placed article is text nobody has signed: compared with an empty article.
    verdict = after ? judgeArticleChange(before ?? NO_ARTICLE, after) : null;
  }
  if (verdict) {
    const reason = before ? `稿件「${before.headline ?? documentId}」改动：${verdict.fields.join('、')}` : `稿件新增语种版本（${locale}），尚未签字`;
    for (const p of pages) await resetPage(strapi, p, verdict.stage, reason);
  }
  return result;
}

/** The locales a publish or unpublish call is about: the one given, the list given, or every locale of the document for '*'. */
async function localesOf(strapi: Core.Strapi, uid: string, ctx: Ctx): Promise<string[]> {
  const l = ctx.params.locale;
  if (Array.isArray(l)) return l;
  if (l !== '*') return [await localeOf(strapi, ctx)];
  const rows: any[] = await strapi.db.query(uid as any).findMany({ where: { documentId: ctx.params.documentId }, select: ['locale'] });
  return [...new Set(rows.map((r) => r.locale as string))];
}

async function guardIssuePublish(strapi: Core.Strapi, ctx: Ctx, next: () => Promise<unknown>) {
  const { documentId } = ctx.params;
  const data = ctx.params.data ?? {};
  if (!documentId) {
    // A new issue has no pages yet: it cannot be created as published. (Strapi's REST
    // API creates published entries unless asked otherwise, hence the hint.)
    throw refusal('issue.noPages', { issue: data.number ?? null, created: true }, { unsignedPages: [] });
  }
  return strapi.db.transaction(async () => {
    const row: any = await strapi.db.query(ISSUE).findOne({ where: { documentId }, select: ['number'] });
    if (!row) return next();
    const locales = await localesOf(strapi, ISSUE, ctx);
    await publishIssueContent(strapi, documentId, locales, data.number ?? row.number);
    const result = await next();
    await freezeIssue(strapi, documentId, locales);
    return result;
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
  for (const page of moved) await resetPage(strapi, page, 'collecting', '版面改动：所属期');
  return result;
}

/** An issue taken down takes its pages down, and the articles no other published page carries. */
async function cascadeIssueUnpublish(strapi: Core.Strapi, ctx: Ctx, next: () => Promise<unknown>) {
  const { documentId } = ctx.params;
  if (!documentId) return next();
  return strapi.db.transaction(async () => {
    const locales = await localesOf(strapi, ISSUE, ctx);
    const result = await next();
    const pages = (await issuePages(strapi, documentId)).map((p) => p.documentId);
    await unpublishPages(strapi, pages, locales);
    return result;
  });
}

const DELETE_GUARDED: Record<string, 'issue' | 'page' | 'article'> = { [ISSUE]: 'issue', [PAGE]: 'page', [ARTICLE]: 'article' };

/**
 * Deleting a document that readers see is taking it off the public side without a
 * signature or a publish: refused. Whoever may unpublish (the Super Admin) takes it
 * down first; then it can be deleted. A 栏目 that published articles carry, and a
 * publication with issues, cannot be deleted at all while they do.
 */
async function guardLiveDelete(strapi: Core.Strapi, ctx: Ctx) {
  const { uid } = ctx;
  const documentId = ctx.params.documentId;
  if (!documentId) return;
  if (DELETE_GUARDED[uid]) {
    const locales = await localesOf(strapi, uid, ctx);
    const live: any = await strapi.db.query(uid as any).findOne({ where: { documentId, locale: { $in: locales }, ...PUBLISHED }, select: ['label', 'locale'] });
    if (live) throw refusal('entry.liveDelete', { type: DELETE_GUARDED[uid], label: live.label ?? documentId });
  }
  if (uid === COLUMN) {
    const used = await strapi.db.query(ARTICLE).count({ where: { column: { documentId }, ...PUBLISHED } });
    if (used) {
      const row: any = await strapi.db.query(COLUMN).findOne({ where: { documentId }, select: ['name'] });
      throw refusal('entry.inUseByLive', { type: 'column', label: row?.name ?? documentId, count: used });
    }
  }
  if (uid === PUBLICATION) {
    const used = await strapi.db.query(ISSUE).count({ where: { publication: { documentId } } });
    if (used) {
      const row: any = await strapi.db.query(PUBLICATION).findOne({ where: { documentId }, select: ['name'] });
      throw refusal('entry.inUseByLive', { type: 'publication', label: row?.name ?? documentId, count: used });
    }
  }
}

export function registerSignoffRules(strapi: Core.Strapi) {
  strapi.documents.use(async (raw: any, next: any) => {
    const ctx = raw as Ctx;
    const { uid, action } = ctx;
    if (uid === SIGNOFF && ['create', 'update', 'delete', 'clone'].includes(action) && !isSignoffService()) {
      throw refusal('history.readOnly', {});
    }
    if (isSignoffService() || isPublicationCascade()) return next();
    if (action === 'delete') await guardLiveDelete(strapi, ctx);
    if (uid === PAGE) {
      if (action === 'create' || action === 'clone') return guardPageCreate(strapi, ctx, next);
      if (action === 'update') return guardPageWrite(strapi, ctx, next);
      if (action === 'discardDraft') return guardPageDiscard(strapi, ctx, next);
      if (action === 'publish') return strapi.db.transaction(() => guardPagePublish(strapi, ctx, next));
      if (action === 'unpublish') {
        return strapi.db.transaction(async () => {
          const locales = await localesOf(strapi, PAGE, ctx);
          const result = await next();
          await unpublishPages(strapi, [ctx.params.documentId!], locales, { pagesToo: false });
          return result;
        });
      }
    }
    if (uid === ARTICLE && ctx.params.documentId) {
      if (action === 'publish') {
        await assertNotWithdrawn(strapi, ctx.params.documentId);
        return articleOwnPublish(strapi, ctx, next);
      }
      if (action === 'unpublish') {
        return dropFromPrinted(strapi, ctx.params.documentId, await localesOf(strapi, ARTICLE, ctx), next);
      }
      if (['update', 'discardDraft', 'delete'].includes(action)) {
        const carrying = await pagesCarrying(strapi, ctx.params.documentId);
        // Saved as a draft: a placed article goes live with its signed page (publication.ts).
        // A withdrawn one too: it never goes live again (src/corrections/withdraw.ts).
        if (action === 'update' && ctx.params.status === 'published' && (carrying.length || (await isWithdrawn(strapi, ctx.params.documentId)))) {
          ctx.params.status = 'draft';
        }
        const signed = carrying.filter((p) => p.stage !== 'collecting').map((p) => p.documentId as string);
        return watchArticleWrite(strapi, ctx, next, signed);
      }
    }
    if (uid === ISSUE) {
      const publishing = action === 'publish' || ((action === 'create' || action === 'update') && ctx.params.status === 'published');
      if (publishing) return guardIssuePublish(strapi, ctx, next);
      if (action === 'unpublish') return cascadeIssueUnpublish(strapi, ctx, next);
      if (action === 'update') return watchIssuePages(strapi, ctx, next);
    }
    if (uid === CONTRIBUTOR && action === 'delete') await guardContributorDelete(strapi, ctx.params.documentId);
    if (uid === CONTRIBUTOR && ['create', 'update', 'clone'].includes(action)) await guardAccountLink(strapi, ctx.params.documentId, ctx.params.data);
    if (action === 'update' && isWatchedRelated(uid)) return watchRelatedRename(strapi, uid, ctx.params.documentId, next);
    return next();
  });
}
