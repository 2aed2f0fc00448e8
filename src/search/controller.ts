import type { Core } from '@strapi/strapi';
import { isApiTokenRequest } from '../newsroom/api-token';
import { refusal } from '../newsroom/refusals';
import { parseSearchParams, type SearchParams } from './params';
import { searchServiceOf } from './service';

/**
 * GET /api/search (content API) and GET /banmian/search (the admin's desk). Anonymous
 * callers get published rows only; `status=draft` needs an API token there. The desk
 * searches the drafts (every document's latest text) unless it asks status=published.
 * Answers are never cached: the response cache cannot see what the index rows read.
 */
function readParams(ctx: any, defaults: Partial<SearchParams> = {}): SearchParams {
  const parsed = parseSearchParams({ ...ctx.query });
  if ('problem' in parsed) throw refusal('search.badParameter', parsed.problem, { source: 'query', param: parsed.problem.parameter });
  return { ...parsed.params, ...(ctx.query.status === undefined ? defaults : {}) };
}

export function searchController(strapi: Core.Strapi) {
  return {
    async contentApi(ctx: any) {
      const params = readParams(ctx);
      if (params.status === 'draft' && !isApiTokenRequest(ctx)) throw refusal('read.draftNeedsToken', { status: params.status });
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await searchServiceOf(strapi).search(params);
    },
  };
}

export function searchAdminController(strapi: Core.Strapi) {
  return {
    async search(ctx: any) {
      const params = readParams(ctx, { status: 'draft' });
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await searchServiceOf(strapi).search(params);
    },
  };
}

// Readable by whoever may list articles: the Public role and read-only API tokens included (find scopes).
const SEARCH_SCOPE = ['api::article.article.find'];

export function registerSearchRoutes(strapi: Core.Strapi) {
  const controller = searchController(strapi);
  strapi.server.routes({
    type: 'content-api',
    routes: [
      {
        method: 'GET',
        path: '/search',
        handler: controller.contentApi,
        config: { auth: { scope: SEARCH_SCOPE } },
        info: { apiName: 'article', type: 'content-api' },
      },
    ],
  } as any);
}
