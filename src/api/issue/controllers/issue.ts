import { factories } from '@strapi/strapi';
import { refusal } from '../../../newsroom/refusals';
import { isApiTokenRequest } from '../../../newsroom/api-token';

export default factories.createCoreController('api::issue.issue', ({ strapi }) => ({
  /** GET /api/issues/:documentId/tree — pages → placements → articles in one response. */
  async tree(ctx) {
    const { documentId } = ctx.params;
    const { locale, status } = ctx.query as Record<string, unknown>;

    // Refusals as codes worded for the asker (src/newsroom/messages.ts).
    if (status !== undefined && status !== 'published' && status !== 'draft') {
      throw refusal('read.badStatus', { status: String(status) }, { path: ['status'] });
    }
    if (status === 'draft' && !isApiTokenRequest(ctx)) throw refusal('read.draftNeedsToken', { status });
    if (locale !== undefined) {
      if (typeof locale !== 'string') throw refusal('read.badLocale', { locale: JSON.stringify(locale) }, { path: ['locale'] });
      const known = await strapi.plugin('i18n').service('locales').findByCode(locale);
      if (!known) throw refusal('read.badLocale', { locale }, { path: ['locale'] });
    }

    const result = await strapi.service('api::issue.issue').loadTree({
      documentId,
      locale: locale as string | undefined,
      status: status === 'draft' ? 'draft' : 'published',
    });
    if (!result) throw refusal('entry.notFound', { type: 'issue', documentId });
    ctx.body = {
      data: result.tree,
      meta: { locale: result.locale, requestedLocale: result.requestedLocale, fallback: result.fallback, status: status === 'draft' ? 'draft' : 'published' },
    };
  },
}));
