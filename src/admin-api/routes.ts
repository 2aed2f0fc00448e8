import type { Core } from '@strapi/strapi';
import type { AdminMayConfig } from '../policies/admin-may';
import { broadsheetAdminController } from '../broadsheet/admin-controller';
import { importAdminController } from '../ocr-import/admin-controller';
import { signoffAdminController } from '../signoff/admin-controller';

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
});

type Route = {
  method: 'GET' | 'POST';
  path: string;
  handler: { [C in keyof Controllers]: `${C & string}.${keyof Controllers[C] & string}` }[keyof Controllers];
  may: AdminMayConfig;
};

const readIssue: AdminMayConfig = { action: 'read', uid: ISSUE, entry: true };
const readPage: AdminMayConfig = { action: 'read', uid: PAGE, entry: true };
const importPages: AdminMayConfig = { action: 'create', uid: ARTICLE };

export const ADMIN_ROUTES: Route[] = [
  { method: 'GET', path: '/pages/:documentId/signoff', handler: 'signoff.status', may: readPage },
  { method: 'POST', path: '/pages/:documentId/sign', handler: 'signoff.sign', may: readPage },
  { method: 'GET', path: '/issues/:documentId/pages', handler: 'signoff.issuePages', may: readIssue },
  { method: 'GET', path: '/preview/issues/:documentId', handler: 'broadsheet.preview', may: readIssue },
  { method: 'GET', path: '/export/issues/:documentId', handler: 'broadsheet.export', may: readIssue },
  { method: 'POST', path: '/import/preview', handler: 'import.preview', may: importPages },
  { method: 'POST', path: '/import', handler: 'import.import', may: importPages },
];

export function registerAdminRoutes(strapi: Core.Strapi) {
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
        config: { policies: ['admin::isAuthenticatedAdmin', { name: 'global::admin-may', config: route.may }] },
        info: { pluginName: 'banmian' },
      };
    }),
  });
}
