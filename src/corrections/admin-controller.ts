import type { Core } from '@strapi/strapi';
import { refusal } from '../newsroom/refusals';
import { PUBLISHED } from '../newsroom/public-filters';
import { actorOfUser } from '../signoff/service';
import { SUPER_ADMIN_CODE } from '../signoff/stages';
import { withdrawalOf, withdrawArticle } from './withdraw';

/**
 * The controller behind the article edit view's 撤稿 panel (routes and permission
 * checks: src/admin-api/routes.ts):
 *   status    GET  /banmian/articles/:documentId/withdrawal   { published, withdrawal: { at, by, reason, notice } | null }
 *   withdraw  POST /banmian/articles/:documentId/withdraw     { reason, notice? }: Super Admins only
 */

const ARTICLE = 'api::article.article';

const isSuperAdmin = (user: any) => (user?.roles ?? []).some((r: any) => r.code === SUPER_ADMIN_CODE);
const shown = (w: any) => (w ? { at: w.at, by: w.by, reason: w.reason, notice: w.notice, headline: w.headline } : null);

export const correctionsAdminController = (strapi: Core.Strapi) => ({
  async status(ctx: any) {
    const { documentId } = ctx.params;
    const published = (await strapi.db.query(ARTICLE).count({ where: { documentId, ...PUBLISHED } })) > 0;
    ctx.body = { published, withdrawal: shown(await withdrawalOf(strapi, documentId)), mayWithdraw: isSuperAdmin(ctx.state.user) };
  },

  async withdraw(ctx: any) {
    if (!isSuperAdmin(ctx.state.user)) throw refusal('withdraw.superAdminOnly', {});
    const { reason, notice } = ctx.request.body ?? {};
    const done = await withdrawArticle(strapi, { articleDocumentId: ctx.params.documentId, reason, notice, by: actorOfUser(ctx.state.user).name });
    ctx.status = 201;
    ctx.body = { withdrawal: shown(done), pages: done.pages };
  },
});
