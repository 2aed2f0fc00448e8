import type { Core } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';
import { privateFieldNames, withoutPrivateFields } from './openapi-private';
import { refusal } from './refusals';

/**
 * /documentation (the OpenAPI document of @strapi/plugin-documentation):
 *  - never describes private fields or admin users (openapi-private.ts);
 *  - is for admins unless DOCUMENTATION_PUBLIC=true (config/server.ts
 *    `documentation.public`): a request with an admin's token (Authorization:
 *    Bearer, as every admin route takes) is served; so is one the plugin's own
 *    password login lets in, when a Super Admin has set one (Settings →
 *    Documentation → restricted access); anyone else gets a 401 saying so.
 */

const DOCUMENTED = (uid: string) => uid.startsWith('api::') || uid === 'plugin::upload.file';

function privateNames(strapi: Core.Strapi) {
  const models = [
    ...Object.entries(strapi.contentTypes)
      .filter(([uid]) => DOCUMENTED(uid))
      .map(([, m]) => m),
    ...Object.values(strapi.components),
  ];
  return privateFieldNames(models.map((m: any) => ({ attributes: m.attributes, isPrivate: (name: string) => contentTypes.isPrivateAttribute(m, name) })));
}

/** The admin a request's `Authorization: Bearer` token belongs to (an active session of an active user), as Strapi's admin strategy checks it. */
async function isAdminRequest(strapi: Core.Strapi, ctx: any): Promise<boolean> {
  const [scheme, token, extra] = String(ctx.get('authorization') ?? '').split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || extra) return false;
  const manager = (strapi as any).sessionManager?.('admin');
  const result = manager?.validateAccessToken(token);
  if (!result?.isValid || !(await manager.isSessionActive(result.payload.sessionId))) return false;
  const user = await strapi.db.query('admin::user').findOne({ where: { id: Number(result.payload.userId) }, select: ['id', 'isActive'] });
  return user?.isActive === true;
}

function documentationGate(strapi: Core.Strapi) {
  return async (ctx: any, next: () => Promise<unknown>) => {
    if (strapi.config.get('server.documentation.public', false)) return next();
    if (await isAdminRequest(strapi, ctx)) return next();
    const settings: any = await strapi.store({ type: 'plugin', name: 'documentation' }).get({ key: 'config' });
    if (settings?.restrictedAccess) return next(); // the plugin's password login decides
    // Answered here, not thrown: Strapi's authorize step re-answers an UnauthorizedError from inside a route as a bare 401.
    const error = refusal('docs.adminOnly', {});
    ctx.status = 401;
    ctx.body = { data: null, error: { status: 401, name: error.name, message: error.message, details: error.details } };
  };
}

export function registerDocumentation(strapi: Core.Strapi) {
  const plugin = strapi.plugin('documentation');
  if (!plugin) return;
  const config: any = strapi.config.get('plugin::documentation');
  const theirs = config['x-strapi-config']?.mutateDocumentation;
  config['x-strapi-config'] = {
    ...config['x-strapi-config'],
    mutateDocumentation: (draft: any) => {
      theirs?.(draft);
      withoutPrivateFields(draft, privateNames(strapi));
    },
  };
  // The routes that serve the document (the Swagger page with the spec in it): `/` and `/v1.0.0`.
  const served = (plugin.routes as any[]).filter((r) => r.method === 'GET' && r.handler === 'documentation.index');
  if (!served.length) throw new Error('banmian: no documentation.index route to guard (src/newsroom/documentation.ts)');
  for (const route of served) route.config = { ...route.config, middlewares: [documentationGate(strapi), ...(route.config?.middlewares ?? [])] };
}
