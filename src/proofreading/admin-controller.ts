import type { Core } from '@strapi/strapi';
import { assertAdminCanFields } from '../newsroom/admin-ability';
import { refusal } from '../newsroom/refusals';
import { actorOfUser } from '../signoff/service';
import { acceptSuggestion, markNotError, proofreadArticle, proofreadPage } from './proofread-service';

/**
 * The controller behind the 审校 panel of the article edit view and the 差错率 in the
 * page's 签字 panel (routes and permission checks: src/admin-api/routes.ts):
 *   page     GET  /banmian/pages/:documentId/proofread                 every placed article's open and marked findings, the page's 差错率
 *   article  GET  /banmian/articles/:documentId/proofread              one article's
 *   accept   POST /banmian/articles/:documentId/proofread/accept       { field, start, end, text, suggestion }: writes the suggestion
 *   mark     POST /banmian/articles/:documentId/proofread/marks        { rule, field, text, reason }: "not an error"
 */

const ARTICLE = 'api::article.article';
const locale = (ctx: any) => (typeof ctx.query?.locale === 'string' ? ctx.query.locale : undefined);

export const proofreadAdminController = (strapi: Core.Strapi) => ({
  async page(ctx: any) {
    ctx.body = await proofreadPage(strapi, ctx.params.documentId);
  },

  async article(ctx: any) {
    ctx.body = await proofreadArticle(strapi, ctx.params.documentId, locale(ctx));
  },

  async accept(ctx: any) {
    const { field, start, end, text, suggestion } = ctx.request.body ?? {};
    if (typeof field !== 'string' || typeof text !== 'string' || typeof suggestion !== 'string' || !Number.isInteger(start) || !Number.isInteger(end))
      throw refusal('proofread.stale', { field: String(field ?? ''), text: String(text ?? '') });
    // The role's field permissions, as the edit form applies them (a photo caption is `photos.caption`).
    assertAdminCanFields(ctx, 'update', ARTICLE, [field.replace(/\.\d+\./, '.')]);
    ctx.body = await acceptSuggestion(strapi, { article: ctx.params.documentId, locale: locale(ctx), field, start, end, text, suggestion });
  },

  async mark(ctx: any) {
    const { rule, field, text, reason } = ctx.request.body ?? {};
    // Saying a text is right is the call of whoever may change it: the field's permission, as for 采纳.
    if (typeof field === 'string') assertAdminCanFields(ctx, 'update', ARTICLE, [field.replace(/\.\d+\./, '.')]);
    await markNotError(strapi, { article: ctx.params.documentId, locale: locale(ctx), rule, field, text, reason, by: actorOfUser(ctx.state.user).name });
    ctx.status = 201;
    ctx.body = await proofreadArticle(strapi, ctx.params.documentId, locale(ctx));
  },
});
