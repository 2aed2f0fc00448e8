import type { StrapiApp } from '@strapi/strapi/admin';
import { BroadsheetPanel } from './broadsheet-actions';
import { SignoffPanel } from './signoff-panel';
import { IssuePagesPanel } from './issue-pages-panel';
import { PlannerPanel } from './page-planner';
import { ProofreadPanel } from './proofreading-panel';
import { WithdrawPanel } from './withdraw-panel';
import { File, Search } from '@strapi/icons';
import { translations } from './messages';
import { zoneDatesToNewsroom } from './time-zone';
import { readableListCells } from './list-cells';
import { registerDeskHome, skipGuidedTour } from './home/register';
import { showNamesFamilyFirst } from './person-names';

// The newsroom works in Chinese: a browser that has never chosen an admin
// language opens the panel in 简体中文. Each user can still switch to English
// (profile, or the picker on the login page), and that choice is kept.
const LANGUAGE_KEY = 'strapi-admin-language';
if (typeof window !== 'undefined' && !window.localStorage.getItem(LANGUAGE_KEY)) {
  window.localStorage.setItem(LANGUAGE_KEY, 'zh-Hans');
}

zoneDatesToNewsroom();
// No guided tour for anyone (./home/register.ts says why it is done here).
if (typeof window !== 'undefined') skipGuidedTour(window.localStorage);
// 姓 before 名 in Strapi's forms, 王芳 in the avatar (./person-names.ts).
showNamesFamilyFirst();

/**
 * No marketing on an editor's screen: Strapi's "Introducing the new Media Library"
 * banner is shown until dismissed, a dismissal Strapi keeps in localStorage under
 * a key scoped to the instance's uuid (from /admin/init). Dismissed here before
 * the first screen, for the uuid the instance reports and for the values the key
 * has while that is loading.
 */
const BANNERS = ['STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_false', 'STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_true'];
const dismissBanners = (scope: string) => BANNERS.forEach((key) => window.localStorage.setItem(`${key}:${scope}`, 'true'));
if (typeof window !== 'undefined') {
  ['undefined', 'false'].forEach(dismissBanners);
  fetch('/admin/init')
    .then((r) => r.json())
    .then((body) => dismissBanners(String(body?.data?.uuid)))
    .catch(() => undefined);
}

export default {
  config: {
    locales: ['zh-Hans'],
    // No "new Strapi release" check: it asks api.github.com on every page (a newsroom machine may
    // have no network: a failed request in the console each time) to offer an upgrade to editors.
    notifications: { releases: false },
    // The panels' words in both languages (./translations); Strapi's own stay Strapi's.
    translations,
  },
  bootstrap(app: StrapiApp) {
    const cm = app.getPlugin('content-manager') as unknown as { apis: { addEditViewSidePanel: (panels: unknown[]) => void } };
    cm.apis.addEditViewSidePanel([IssuePagesPanel, BroadsheetPanel, SignoffPanel, PlannerPanel, ProofreadPanel, WithdrawPanel]);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', readableListCells);
  },
  register(app: StrapiApp) {
    // The desk's home page, and no marketplace (./home/register.ts).
    registerDeskHome(app as any);
    app.addMenuLink({
      to: 'banmian-import',
      icon: File,
      intlLabel: { id: 'banmian.ocr-import', defaultMessage: '导入 OCR 文本' }, // translated in ./translations
      permissions: [],
      Component: () => import('./ocr-import-page'),
    } as any);
    // 检索: the desk's search (./search-page.tsx, server side src/search/); whoever may read articles.
    app.addMenuLink({
      to: 'banmian-search',
      icon: Search,
      intlLabel: { id: 'banmian.search', defaultMessage: '检索' },
      permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::article.article' }],
      Component: () => import('./search-page'),
    } as any);
  },
};
