import type { Core } from '@strapi/strapi';
import { multipartBody, uploadSettings, type MultipartLimits } from './multipart';

/**
 * The routes of Strapi and its plugins that take multipart forms, given the
 * multipart parser as a route middleware (src/uploads/multipart.ts), so it runs
 * after their authentication. Named by handler: a Strapi upgrade that renames
 * one stops the start here instead of silently losing the media library's uploads.
 * banmian's own import routes say so in src/admin-api/routes.ts.
 */

type Router = { routes: Array<{ method: string; path: string; handler: unknown; config?: { middlewares?: unknown[] } }> };

const UPLOAD_ADMIN = ['admin-upload.upload', 'admin-upload.uploadFile', 'admin-upload.updateFileInfo', 'admin-upload.replaceFile'];
const UPLOAD_CONTENT_API = ['content-api.upload'];
const ADMIN = ['admin.updateProjectSettings']; // Settings → Overview: the logos

function attach(strapi: Core.Strapi, where: string, router: Router | undefined, handlers: string[], limits: MultipartLimits) {
  for (const handler of handlers) {
    const route = router?.routes.find((r) => r.handler === handler);
    if (!route) throw new Error(`banmian: no ${where} route with handler ${handler}: its multipart form would not be read (src/uploads/file-routes.ts)`);
    route.config = { ...route.config, middlewares: [multipartBody(strapi, limits), ...(route.config?.middlewares ?? [])] };
  }
}

export function registerFileRoutes(strapi: Core.Strapi) {
  const { maxFiles, requestMaxBytes } = uploadSettings(strapi);
  const media: MultipartLimits = { maxFiles, maxBytes: requestMaxBytes };
  const upload: any = strapi.plugin('upload').routes;
  attach(strapi, 'upload plugin', upload.admin, UPLOAD_ADMIN, media);
  // A router factory whose `routes` is the shared list Strapi registers (createContentApiRoutesFactory).
  attach(strapi, 'upload plugin content-API', upload['content-api'], UPLOAD_CONTENT_API, media);
  const admin: any = (strapi as any).admin.routes;
  attach(strapi, 'admin', admin.admin, ADMIN, { maxFiles: 2, maxBytes: Math.min(requestMaxBytes, 10 * 1024 * 1024) });
}
