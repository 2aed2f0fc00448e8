import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SIGN_ROLES, ROLE_INFO, nextRole, publishRefusal, rolesHeld, type SignRole } from './stages';
import { actorOfUser, contributorForUser, issuePages, pageHistory, pageStatus, signPage, type HistoryRow, type PageStatus } from './service';
import { assertAdminCanEntry } from '../newsroom/admin-ability';

/**
 * Admin-only routes behind the 签字 panel of the page edit view and the 版面
 * panel of the issue edit view:
 *   GET  /banmian/pages/:documentId/signoff   stage, credits, history, the buttons this user may press
 *   POST /banmian/pages/:documentId/sign      { role: editor | layout | proofreader }
 *   GET  /banmian/issues/:documentId/pages    pages with stage and credits, and why it cannot be published yet
 */

/** What GET /banmian/pages/:documentId/signoff answers (the admin's 签字 panel imports this type). */
export type SignoffView = {
  page: PageStatus;
  next: SignRole | null;
  myRoles: SignRole[];
  buttons: Array<{ role: SignRole; label: string; enabled: boolean }>;
  history: HistoryRow[];
};
/** What GET /banmian/issues/:documentId/pages answers. */
export type IssuePagesView = { pages: PageStatus[]; ready: boolean; refusal: string | null };

export function registerSignoffAdminRoutes(strapi: Core.Strapi) {
  const assertCanRead = (ctx: any, uid: string) => assertAdminCanEntry(strapi, ctx, 'read', uid, ctx.params.documentId, '你没有查看这条内容的权限');
  const policies = ['admin::isAuthenticatedAdmin'];
  strapi.server.routes({
    type: 'admin',
    prefix: '/banmian',
    routes: [
      {
        method: 'GET',
        path: '/pages/:documentId/signoff',
        config: { policies },
        handler: async (ctx: any) => {
          await assertCanRead(ctx, 'api::page.page');
          const page = await pageStatus(strapi, ctx.params.documentId);
          if (!page) throw new errors.NotFoundError(`没有这个版面（documentId ${ctx.params.documentId}）`);
          const mine = rolesHeld(actorOfUser(ctx.state.user).roleCodes);
          const view: SignoffView = {
            page,
            next: nextRole(page.stage),
            myRoles: mine,
            buttons: SIGN_ROLES.filter((r) => mine.includes(r)).map((r) => ({ role: r, label: ROLE_INFO[r].button, enabled: nextRole(page.stage) === r })),
            history: await pageHistory(strapi, page.documentId),
          };
          ctx.body = view;
        },
      },
      {
        method: 'POST',
        path: '/pages/:documentId/sign',
        config: { policies },
        handler: async (ctx: any) => {
          await assertCanRead(ctx, 'api::page.page');
          // signPage refuses an unknown role, a role the user lacks and a signature out of
          // order; the contributor is looked up (or linked) only once the signature is in order,
          // so a refused signature changes nothing.
          const page = await signPage(strapi, {
            documentId: ctx.params.documentId,
            role: ctx.request.body?.role,
            actor: actorOfUser(ctx.state.user),
            contributor: () => contributorForUser(strapi, ctx.state.user),
          });
          ctx.body = { page };
        },
      },
      {
        method: 'GET',
        path: '/issues/:documentId/pages',
        config: { policies },
        handler: async (ctx: any) => {
          await assertCanRead(ctx, 'api::issue.issue');
          const issue: any = await strapi.db.query('api::issue.issue').findOne({ where: { documentId: ctx.params.documentId }, select: ['number'] });
          if (!issue) throw new errors.NotFoundError(`没有这一期（documentId ${ctx.params.documentId}）`);
          const pages = await issuePages(strapi, ctx.params.documentId);
          const refusal = publishRefusal(pages, issue.number);
          const view: IssuePagesView = { pages, ready: !refusal, refusal: refusal?.message ?? null };
          ctx.body = view;
        },
      },
    ],
  } as any);
}
