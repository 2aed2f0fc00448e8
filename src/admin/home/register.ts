import { BulletList, Clock, Feather, Layout, Upload } from '@strapi/icons';

/**
 * The desk's home page, and no Strapi marketing for anyone, in Strapi 5.54's own
 * extension points where it has one, and where it has none in the narrowest
 * place that works (each says why):
 *
 * - Home page: the five widgets of ./widgets.tsx replace the stock ones
 *   (profile, project statistics, last edited/published, entries chart,
 *   releases…) through `app.widgets.register(reducer)`, which replaces the
 *   list. This runs in the app's `register`, after every plugin registered its
 *   widgets, so none is left; each widget asks for the read permission it shows.
 * - Marketplace (市场): no config switch exists in 5.54; the nav link is shown to
 *   whoever holds `admin::marketplace.read` (every Super Admin). An RBAC
 *   middleware of the admin app drops that permission from every check, which
 *   hides the link (and Settings → 插件, the marketplace's other face).
 * - Guided tour (whose overlay blocked clicks, and whose last task is "deploy to
 *   Strapi Cloud"): shown only in `strapi develop` builds, for the first Super
 *   Admin, until its state in localStorage (`STRAPI_GUIDED_TOUR`) says
 *   `enabled: false`, the state its own "skip all" leaves; no config switch
 *   exists, so that state is written before the panel starts.
 * - Strapi Cloud's deploy widget and nav link come only with @strapi/plugin-cloud,
 *   which banmian does not install; config/admin.ts turns off the NPS survey and
 *   the Enterprise upsell (`flags`).
 */

const PAGE = 'api::page.page';
const ISSUE = 'api::issue.issue';
const ARTICLE = 'api::article.article';
const read = (subject: string) => ({ action: 'plugin::content-manager.explorer.read', subject });

export const HOME_WIDGETS = [
  {
    id: 'issue',
    pluginId: 'banmian',
    icon: Layout,
    title: { id: 'banmian.home.issue.title', defaultMessage: '本期各版' },
    component: async () => (await import('./widgets')).IssueWidget,
    permissions: [read(ISSUE), read(PAGE)],
  },
  {
    id: 'signatures',
    pluginId: 'banmian',
    icon: Feather,
    title: { id: 'banmian.home.signatures.title', defaultMessage: '待我签字' },
    component: async () => (await import('./widgets')).SignaturesWidget,
    permissions: [read(PAGE)],
  },
  {
    id: 'fit',
    pluginId: 'banmian',
    icon: BulletList,
    title: { id: 'banmian.home.fit.title', defaultMessage: '超版与欠版' },
    component: async () => (await import('./widgets')).FitWidget,
    permissions: [read(ISSUE), read(PAGE), read(ARTICLE)],
  },
  {
    id: 'imports',
    pluginId: 'banmian',
    icon: Upload,
    title: { id: 'banmian.home.imports.title', defaultMessage: '最近导入' },
    link: { label: { id: 'banmian.home.imports.link', defaultMessage: '导入 OCR 文本' }, href: '/banmian-import' },
    component: async () => (await import('./widgets')).ImportsWidget,
    permissions: [read(ARTICLE)],
  },
  {
    // What waits to go live at a set time, and what did not and why (src/schedule/).
    id: 'schedules',
    pluginId: 'banmian',
    icon: Clock,
    title: { id: 'banmian.home.schedules.title', defaultMessage: '定时发布' },
    component: async () => (await import('./widgets')).SchedulesWidget,
    permissions: [read(ISSUE)],
  },
];

const MARKETPLACE = 'admin::marketplace.read';

type Permission = { action: string };
type App = {
  widgets: { register: (reducer: (widgets: unknown[]) => unknown[]) => void };
  addRBACMiddleware: (m: (ctx: unknown) => (next: (p: Permission[]) => Promise<Permission[]>) => (p: Permission[]) => Promise<Permission[]>) => void;
};

export function registerDeskHome(app: App) {
  app.widgets.register(() => HOME_WIDGETS);
  app.addRBACMiddleware(() => (next) => (permissions) => next(permissions.filter((p) => p.action !== MARKETPLACE)));
}

const TOUR_KEY = 'STRAPI_GUIDED_TOUR';

/** The guided tour's own stored state, set to what its "skip all" leaves; run before the panel starts. */
export function skipGuidedTour(storage: Storage) {
  let state: Record<string, unknown> = {};
  try {
    state = JSON.parse(storage.getItem(TOUR_KEY) ?? '{}') ?? {};
  } catch {
    state = {};
  }
  if (state.enabled === false) return;
  storage.setItem(TOUR_KEY, JSON.stringify({ completedActions: [], hidden: true, ...state, enabled: false }));
}
