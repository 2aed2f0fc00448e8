import type { Core } from '@strapi/strapi';
import type { AdminMayConfig } from '../policies/admin-may';
import { broadsheetAdminController } from '../broadsheet/admin-controller';
import { importAdminController } from '../ocr-import/admin-controller';
import { signoffAdminController } from '../signoff/admin-controller';
import { plannerAdminController } from '../broadsheet/planner';
import { homeAdminController } from './home-controller';
import { proofreadAdminController } from '../proofreading/admin-controller';
import { correctionsAdminController } from '../corrections/admin-controller';
import { scheduleAdminController } from '../schedule/admin-controller';
import { changesAdminController } from '../changes/admin-controller';
import { searchAdminController } from '../search/controller';
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
  proofread: proofreadAdminController(strapi),
  corrections: correctionsAdminController(strapi),
  schedule: scheduleAdminController(strapi),
  changes: changesAdminController(strapi),
  search: searchAdminController(strapi),
});

type Route = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
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
const readArticle: AdminMayConfig = { action: 'read', uid: ARTICLE, entry: true };
// Accepting a suggestion writes the article; marking "not an error" is a proofreading act on it: both need update on it.
const editArticle: AdminMayConfig = { action: 'update', uid: ARTICLE, entry: true };
// One page's text file; the room above MAX_BYTES lets the importer name the file and its size when it is too large.
const onePage: MultipartLimits = { maxFiles: 1, maxBytes: MAX_BYTES + 1024 * 1024 };

export const ADMIN_ROUTES: Route[] = [
  { method: 'GET', path: '/pages/:documentId/signoff', handler: 'signoff.status', may: readPage },
  { method: 'POST', path: '/pages/:documentId/sign', handler: 'signoff.sign', may: readPage },
  { method: 'GET', path: '/issues/:documentId/pages', handler: 'signoff.issuePages', may: readIssue },
  { method: 'GET', path: '/pages/:documentId/changes', handler: 'changes.changes', may: readPage },
  { method: 'GET', path: '/pages/:documentId/versions', handler: 'changes.versions', may: readPage },
  { method: 'GET', path: '/pages/:documentId/versions/:id', handler: 'changes.version', may: readPage },
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
  { method: 'GET', path: '/pages/:documentId/proofread', handler: 'proofread.page', may: readPage },
  { method: 'GET', path: '/articles/:documentId/proofread', handler: 'proofread.article', may: readArticle },
  { method: 'POST', path: '/articles/:documentId/proofread/accept', handler: 'proofread.accept', may: editArticle },
  { method: 'POST', path: '/articles/:documentId/proofread/marks', handler: 'proofread.mark', may: editArticle },
  // 撤稿: the controller refuses anyone but a Super Admin (withdraw.superAdminOnly), with its code.
  { method: 'GET', path: '/articles/:documentId/withdrawal', handler: 'corrections.status', may: readArticle },
  { method: 'POST', path: '/articles/:documentId/withdraw', handler: 'corrections.withdraw', may: readArticle },
  // Timed publication: reading needs read on the issue; setting and taking back also publish on issues (checked by the controller).
  { method: 'GET', path: '/issues/:documentId/schedule', handler: 'schedule.view', may: readIssue },
  { method: 'POST', path: '/issues/:documentId/schedule', handler: 'schedule.schedule', may: readIssue },
  { method: 'DELETE', path: '/issues/:documentId/schedule', handler: 'schedule.unschedule', may: readIssue },
  { method: 'POST', path: '/issues/:documentId/unschedule', handler: 'schedule.unschedule', may: readIssue },
  { method: 'GET', path: '/home/schedules', handler: 'schedule.desk', may: readIssues },
  // 检索: the desk's search, drafts included (src/search/).
  { method: 'GET', path: '/search', handler: 'search.search', may: readArticles },
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
