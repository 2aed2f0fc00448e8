import type { Core } from '@strapi/strapi';
import type { AdminMayConfig } from '../policies/admin-may';
import { broadsheetAdminController } from '../broadsheet/admin-controller';
import { importAdminController } from '../ocr-import/admin-controller';
import { signoffAdminController } from '../signoff/admin-controller';
import { plannerAdminController } from '../broadsheet/planner';
import { homeAdminController } from './home-controller';
import { copyfitScript } from '../broadsheet/render';
import { MAX_BYTES } from '../ocr-import/decode';
import { multipartBody, type MultipartLimits } from '../uploads/multipart';

/**
 * banmian's admin routes, all in one table: each names its controller action and
 * what the signed-in admin must be allowed to do, checked by one policy
 * (`global::admin-may`, src/policies/admin-may.ts) before the controller runs.
 * They live under /banmian with Strapi's admin authentication. (Strapi mounts the
 * routes of src/api/* on the content API only, so admin routes are registered here.)
 */

const ISSUE = 'api::issue.issue';
const PAGE = 'api::page.page';
const ARTICLE = 'api::article.article';

type Controllers = ReturnType<typeof controllers>;
const controllers = (strapi: Core.Strapi) => ({
  signoff: signoffAdminController(strapi),
  broadsheet: broadsheetAdminController(strapi),
  import: importAdminController(strapi),
  planner: plannerAdminController(strapi),
  home: homeAdminController(strapi),
});

type Route = {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  handler: { [C in keyof Controllers]: `${C & string}.${keyof Controllers[C] & string}` }[keyof Controllers];
  may: AdminMayConfig;
  /** Takes a multipart form: parsed after the permission check, its temp files deleted after the answer. */
  files?: MultipartLimits;
};

const readIssue: AdminMayConfig = { action: 'read', uid: ISSUE, entry: true };
const readPage: AdminMayConfig = { action: 'read', uid: PAGE, entry: true };
const importPages: AdminMayConfig = { action: 'create', uid: ARTICLE };
const editPage: AdminMayConfig = { action: 'update', uid: PAGE, entry: true };
// The home page's widgets: each needs read on what it lists (the controller checks the other types it shows, and filters entries by the role's conditions).
const readIssues: AdminMayConfig = { action: 'read', uid: ISSUE };
const readPages: AdminMayConfig = { action: 'read', uid: PAGE };
const readArticles: AdminMayConfig = { action: 'read', uid: ARTICLE };
// One page's text file; the room above MAX_BYTES lets the importer name the file and its size when it is too large.
const onePage: MultipartLimits = { maxFiles: 1, maxBytes: MAX_BYTES + 1024 * 1024 };

export const ADMIN_ROUTES: Route[] = [
  { method: 'GET', path: '/pages/:documentId/signoff', handler: 'signoff.status', may: readPage },
  { method: 'POST', path: '/pages/:documentId/sign', handler: 'signoff.sign', may: readPage },
  { method: 'GET', path: '/issues/:documentId/pages', handler: 'signoff.issuePages', may: readIssue },
  { method: 'GET', path: '/pages/:documentId/layout', handler: 'planner.layout', may: readPage },
  { method: 'PUT', path: '/pages/:documentId/layout', handler: 'planner.saveLayout', may: editPage },
  { method: 'GET', path: '/preview/issues/:documentId', handler: 'broadsheet.preview', may: readIssue },
  { method: 'GET', path: '/export/issues/:documentId', handler: 'broadsheet.export', may: readIssue },
  { method: 'GET', path: '/import/targets', handler: 'import.targets', may: importPages },
  { method: 'POST', path: '/import/preview', handler: 'import.preview', may: importPages, files: onePage },
  { method: 'POST', path: '/import', handler: 'import.import', may: importPages, files: onePage },
  { method: 'GET', path: '/home/issue', handler: 'home.issue', may: readIssues },
  { method: 'GET', path: '/home/signatures', handler: 'home.signatures', may: readPages },
  { method: 'GET', path: '/home/fit', handler: 'home.fit', may: readIssues },
  { method: 'GET', path: '/home/imports', handler: 'home.imports', may: readArticles },
];

export function registerAdminRoutes(strapi: Core.Strapi) {
  // The copyfit script the admin 预览 loads (a blob: page may load scripts from the admin's own
  // origin, not inline ones): a public, static file, like the admin's own bundle.
  strapi.server.routes({
    type: 'admin',
    prefix: '/banmian',
    routes: [
      {
        method: 'GET',
        path: '/assets/copyfit.js',
        handler: (ctx: any) => {
          ctx.type = 'application/javascript; charset=utf-8';
          ctx.set('Cache-Control', 'no-cache');
          ctx.body = copyfitScript();
        },
        config: { auth: false },
        info: { pluginName: 'banmian' },
      },
    ],
  });
  const actions = controllers(strapi) as Record<string, Record<string, (ctx: any) => Promise<unknown>>>;
  strapi.server.routes({
    type: 'admin',
    prefix: '/banmian',
    routes: ADMIN_ROUTES.map((route) => {
      const [controller, action] = route.handler.split('.');
      return {
        method: route.method,
        path: route.path,
        handler: actions[controller][action],
        config: {
          policies: ['admin::isAuthenticatedAdmin', { name: 'global::admin-may', config: route.may }],
          middlewares: route.files ? [multipartBody(strapi, route.files)] : [],
        },
        info: { pluginName: 'banmian' },
      };
    }),
  });
}
