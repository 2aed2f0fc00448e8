import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isApiTokenRequest } from '../../../newsroom/api-token';

export default factories.createCoreController('api::issue.issue', ({ strapi }) => ({
  /** GET /api/issues/:documentId/tree — pages → placements → articles in one response. */
  async tree(ctx) {
    const { documentId } = ctx.params;
    const { locale, status } = ctx.query as Record<string, unknown>;

    if (status !== undefined && status !== 'published' && status !== 'draft') {
      throw new errors.ValidationError('status must be "published" or "draft"');
    }
    if (status === 'draft' && !isApiTokenRequest(ctx)) {
      throw new errors.PolicyError('Drafts can only be read with an API token (status must be "published")');
    }
    if (locale !== undefined) {
      if (typeof locale !== 'string') throw new errors.ValidationError('locale must be a single locale code');
      const known = await strapi.plugin('i18n').service('locales').findByCode(locale);
      if (!known) throw new errors.ValidationError(`unknown locale "${locale}"`);
    }

    const result = await strapi.service('api::issue.issue').loadTree({
      documentId,
      locale: locale as string | undefined,
      status: status === 'draft' ? 'draft' : 'published',
    });
    if (!result) return ctx.notFound(`issue ${documentId} not found`);
    ctx.body = {
      data: result.tree,
      meta: { locale: result.locale, requestedLocale: result.requestedLocale, fallback: result.fallback, status: status === 'draft' ? 'draft' : 'published' },
    };
  },
}));
