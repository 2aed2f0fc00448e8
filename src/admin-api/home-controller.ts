import type { Core } from '@strapi/strapi';
import { assertAdminCan } from '../newsroom/admin-ability';
import { actorOfUser, issuePages } from '../signoff/service';
import { PAGE_DRAFT } from '../signoff/publication';
import { nextRole, rolesHeld } from '../signoff/stages';
import { siteView } from '../broadsheet/view-model';
import { previewImages } from '../broadsheet/preview-images';
import { estimatedFits } from '../broadsheet/copyfit';
import { pageName } from '../newsroom/glossary';
import { fitRows, latestImports, waitingFor, type FitRow, type HomePage, type ImportRow } from './home-core';

/**
 * The data of the desk's home page widgets (src/admin/home/*), one small route
 * each (src/admin-api/routes.ts), all for the signed-in admin and within what
 * their role may read: a type they may not read is refused (403), and entries
 * their role's conditions hide (Strapi's "own entries only") are left out.
 *   issue       GET /banmian/home/issue        the latest issue (by date) and its pages with their stages
 *   signatures  GET /banmian/home/signatures   the pages whose next signature is one of mine
 *   fit         GET /banmian/home/fit          the latest issue's overset and underset articles
 *   imports     GET /banmian/home/imports      the latest imported files
 */

const ISSUE = 'api::issue.issue';
const PAGE = 'api::page.page';
const ARTICLE = 'api::article.article';
const DRAFT = { publishedAt: null };
const LIMIT = 20;

export type HomeIssue = { documentId: string; number: number; date: string | null; label: string } | null;
export type HomeIssueView = { issue: HomeIssue; pages: HomePage[] };
export type HomeSignaturesView = { myRoles: ReturnType<typeof rolesHeld>; pages: Array<HomePage & { issue: HomeIssue }>; total: number };
export type HomeFitView = { issue: HomeIssue; overset: FitRow[]; underset: FitRow[]; method: 'estimate' | 'measured' };
export type HomeImportsView = { imports: ImportRow[] };

/** The documentIds among `ids` this user may read, by their role's conditions on `uid` (all of them when the role has none). */
async function readable(strapi: Core.Strapi, ctx: any, uid: string, ids: string[]): Promise<Set<string>> {
  assertAdminCan(ctx, 'read', uid);
  const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: uid });
  if (!ids.length || !checker.requiresEntity.read()) return new Set(ids);
  const rows: any[] = await strapi.db.query(uid as any).findMany({
    where: { documentId: { $in: ids } },
    populate: { createdBy: { select: ['id'], populate: { roles: { select: ['id'] } } } },
  });
  const denied = new Set(rows.filter((row) => checker.cannot.read(row)).map((row) => row.documentId));
  return new Set(ids.filter((id) => !denied.has(id)));
}

const issueOf = (row: any): HomeIssue =>
  row ? { documentId: row.documentId, number: row.number, date: row.date ?? null, label: `第${row.number}期${row.date ? `（${row.date}）` : ''}` } : null;

/** The issue the desk works on: the latest by date (then number) that this user may read. */
async function latestIssue(strapi: Core.Strapi, ctx: any): Promise<HomeIssue> {
  const rows: any[] = await strapi.db.query(ISSUE).findMany({
    where: DRAFT,
    select: ['documentId', 'number', 'date'],
    orderBy: [{ date: 'desc' }, { number: 'desc' }],
    limit: 50,
  });
  const mine = await readable(
    strapi,
    ctx,
    ISSUE,
    rows.map((r) => r.documentId),
  );
  return issueOf(rows.find((r) => mine.has(r.documentId)));
}

async function pageNames(strapi: Core.Strapi, ids: string[]) {
  const rows: any[] = ids.length
    ? await strapi.db.query(PAGE).findMany({ where: { documentId: { $in: ids }, ...PAGE_DRAFT }, select: ['documentId', 'name'] })
    : [];
  return new Map(rows.map((r) => [r.documentId as string, (r.name as string | null) ?? null]));
}

export const homeAdminController = (strapi: Core.Strapi) => ({
  async issue(ctx: any) {
    const issue = await latestIssue(strapi, ctx);
    let pages: HomePage[] = [];
    if (issue) {
      const all = await issuePages(strapi, issue.documentId);
      const mine = await readable(
        strapi,
        ctx,
        PAGE,
        all.map((p) => p.documentId),
      );
      const names = await pageNames(strapi, [...mine]);
      pages = all
        .filter((p) => mine.has(p.documentId))
        .map((p) => ({
          documentId: p.documentId,
          number: p.number,
          label: p.label,
          name: names.get(p.documentId) ?? null,
          stage: p.stage,
          next: nextRole(p.stage),
        }));
    }
    const view: HomeIssueView = { issue, pages };
    ctx.body = view;
  },

  async signatures(ctx: any) {
    const myRoles = rolesHeld(actorOfUser(ctx.state.user).roleCodes);
    assertAdminCan(ctx, 'read', PAGE);
    // Pages not fully signed, newest issue first: only those can wait for anyone.
    const rows: any[] = myRoles.length
      ? await strapi.db.query(PAGE).findMany({
          where: { ...PAGE_DRAFT, stage: { $ne: 'proofread' } },
          select: ['documentId', 'number', 'name', 'stage'],
          populate: { issue: { select: ['documentId', 'number', 'date'] } },
        })
      : [];
    const seen = new Map<string, any>();
    for (const row of rows) if (!seen.has(row.documentId)) seen.set(row.documentId, row);
    const mine = await readable(strapi, ctx, PAGE, [...seen.keys()]);
    const pages = waitingFor(
      [...seen.values()]
        .filter((r) => mine.has(r.documentId))
        .map((r) => ({
          documentId: r.documentId as string,
          number: r.number ?? null,
          label: pageName(r.issue?.number, r.number),
          name: r.name ?? null,
          stage: (r.stage ?? 'collecting') as HomePage['stage'],
          issue: issueOf(r.issue),
        })),
      myRoles,
    ).sort(
      (a, b) =>
        String(b.issue?.date ?? '').localeCompare(String(a.issue?.date ?? '')) ||
        (b.issue?.number ?? 0) - (a.issue?.number ?? 0) ||
        (a.number ?? 0) - (b.number ?? 0),
    );
    const view: HomeSignaturesView = { myRoles, pages: pages.slice(0, LIMIT), total: pages.length };
    ctx.body = view;
  },

  async fit(ctx: any) {
    assertAdminCan(ctx, 'read', PAGE);
    assertAdminCan(ctx, 'read', ARTICLE);
    const issue = await latestIssue(strapi, ctx);
    const view: HomeFitView = { issue, overset: [], underset: [], method: 'estimate' };
    if (issue) {
      // The drafts, as the 预览 shows them; the figures are copyfit's estimate (the browser's measurement is the 预览's).
      const result = await strapi.service('api::issue.issue').loadTree({ documentId: issue.documentId, status: 'draft' });
      if (result) {
        const site = siteView(result.tree, previewImages(result.tree, ctx.origin));
        const articleOf = new Map(site.pages.flatMap((p) => p.placements.map((pl) => [`${p.number}:${pl.order}`, pl.article.documentId] as const)));
        const fits = estimatedFits(site).map((f) => ({ ...f, article: articleOf.get(`${f.page}:${f.order}`) ?? null }));
        const mine = await readable(
          strapi,
          ctx,
          ARTICLE,
          fits.flatMap((f) => (f.article ? [f.article] : [])),
        );
        Object.assign(view, fitRows(fits.filter((f) => !f.article || mine.has(f.article))));
      }
    }
    ctx.body = view;
  },

  async imports(ctx: any) {
    assertAdminCan(ctx, 'read', ARTICLE);
    const rows: any[] = await strapi.db.query(ARTICLE).findMany({
      where: { importHash: { $notNull: true }, ...DRAFT },
      select: ['documentId', 'importHash', 'createdAt', 'headline'],
      orderBy: [{ createdAt: 'desc' }],
      limit: 500,
    });
    const mine = await readable(strapi, ctx, ARTICLE, [...new Set(rows.map((r) => r.documentId as string))]);
    const articles = rows
      .filter((r) => mine.has(r.documentId))
      .map((r) => ({ documentId: r.documentId, importHash: r.importHash, headline: r.headline, createdAt: new Date(r.createdAt).toISOString() }));
    const carrying: any[] = articles.length
      ? await strapi.db.query(PAGE).findMany({
          where: { ...PAGE_DRAFT, placements: { article: { documentId: { $in: articles.map((a) => a.documentId) } } } },
          select: ['documentId', 'number'],
          populate: { issue: { select: ['number'] }, placements: { populate: { article: { select: ['documentId'] } } } },
        })
      : [];
    const pagesOf = (id: string) =>
      carrying.filter((p) => (p.placements ?? []).some((pl: any) => pl.article?.documentId === id)).map((p) => pageName(p.issue?.number, p.number));
    const view: HomeImportsView = { imports: latestImports(articles, pagesOf) };
    ctx.body = view;
  },
});
