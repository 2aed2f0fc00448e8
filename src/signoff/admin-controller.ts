import type { Core } from '@strapi/strapi';
import type { Message } from '../newsroom/messages';
import { refusal } from '../newsroom/refusals';
import { SIGN_ROLES, ROLE_INFO, nextRole, publishRefusal, rolesHeld, type SignRole } from './stages';
import { actorOfUser, contributorForUser, issuePages, pageHistory, pageStatus, signPage, type HistoryRow, type PageStatus } from './service';
import { pageVersion } from './snapshots';
import { openErrorsRefusal } from '../proofreading/proofread-service';

/**
 * The controller behind the 签字 panel of the page edit view and the 版面 panel of
 * the issue edit view (routes and permission checks: src/admin-api/routes.ts):
 *   status      GET  /banmian/pages/:documentId/signoff   stage, credits, history, the buttons this user may press
 *   sign        POST /banmian/pages/:documentId/sign      { role: editor | layout | proofreader, version?: what status showed }
 *   issuePages  GET  /banmian/issues/:documentId/pages    pages with stage and credits, and why it cannot be published yet
 */

/** What GET /banmian/pages/:documentId/signoff answers (the admin's 签字 panel imports this type). */
export type SignoffView = {
  page: PageStatus;
  next: SignRole | null;
  myRoles: SignRole[];
  buttons: Array<{ role: SignRole; label: string; enabled: boolean }>;
  history: HistoryRow[];
  /** What is being signed (pageVersion): send it back with the signature. */
  version: string;
};
/** What GET /banmian/issues/:documentId/pages answers. */
export type IssuePagesView = { pages: PageStatus[]; ready: boolean; refusal: Message | null };

export const signoffAdminController = (strapi: Core.Strapi) => ({
  async status(ctx: any) {
    const page = await pageStatus(strapi, ctx.params.documentId);
    if (!page) throw refusal('entry.notFound', { type: 'page', documentId: ctx.params.documentId });
    const mine = rolesHeld(actorOfUser(ctx.state.user).roleCodes);
    const view: SignoffView = {
      page,
      next: nextRole(page.stage),
      myRoles: mine,
      buttons: SIGN_ROLES.filter((r) => mine.includes(r)).map((r) => ({ role: r, label: ROLE_INFO[r].button, enabled: nextRole(page.stage) === r })),
      history: await pageHistory(strapi, page.documentId),
      version: await pageVersion(strapi, page.documentId),
    };
    ctx.body = view;
  },

  async sign(ctx: any) {
    // signPage refuses an unknown role, a role the user lacks and a signature out of
    // order; the contributor is looked up (or linked) only once the signature is in order,
    // so a refused signature changes nothing.
    const page = await signPage(strapi, {
      documentId: ctx.params.documentId,
      role: ctx.request.body?.role,
      version: typeof ctx.request.body?.version === 'string' ? ctx.request.body.version : undefined,
      actor: actorOfUser(ctx.state.user),
      contributor: () => contributorForUser(strapi, ctx.state.user),
      // The 审校 signs only a page without open proofreading errors (src/proofreading/).
      gate: (p) =>
        ctx.request.body?.role === 'proofreader'
          ? openErrorsRefusal(strapi, p.documentId, { issue: p.issue?.number, number: p.number })
          : Promise.resolve(null),
    });
    ctx.body = { page };
  },

  async issuePages(ctx: any) {
    const issue: any = await strapi.db.query('api::issue.issue').findOne({ where: { documentId: ctx.params.documentId }, select: ['number'] });
    if (!issue) throw refusal('entry.notFound', { type: 'issue', documentId: ctx.params.documentId });
    const pages = await issuePages(strapi, ctx.params.documentId);
    const why = publishRefusal(pages, issue.number);
    const view: IssuePagesView = { pages, ready: !why, refusal: why && { code: why.code, params: why.params } };
    ctx.body = view;
  },
});
