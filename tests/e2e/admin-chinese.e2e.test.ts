import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Page } from 'playwright-core';
import { APP_DIR } from '../helpers/strapi';
import { startAdminSession } from '../helpers/admin-session';
import { createAdminUser } from '../helpers/admin-users';
import { journey } from '../helpers/steps';
import { seedDemoContent } from '../../src/seed/seed';

/**
 * The screens an editor works in, walked in the real admin in zh-Hans (the demo
 * issue, signed in as a 编辑): each screen's visible text — words, button and
 * field names, placeholders — must hold no English interface word from the list
 * below (content is Chinese; names of types and fields carry their API name on
 * purpose, 主题 headline). Then the same editor switches the profile to English
 * and the screens are in English. Screenshots go to a temp folder; with
 * UPDATE_DOC_SCREENSHOTS=1 two of them replace the README's.
 */

const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-zh-admin-'));
const DOCS = process.env.UPDATE_DOC_SCREENSHOTS === '1' ? path.join(APP_DIR, 'docs', 'screenshots') : SHOTS;
const CHIEF = { email: 'chief@paper.example', password: 'Chief-zh-admin-1' };
const EDITOR = { email: 'wangfang@paper.example', password: 'Editor-zh-admin-1', firstname: '芳', lastname: '王' };

/** English words of Strapi's interface seen on these screens before the translation file existed, and their neighbours. */
const ENGLISH_UI = [
  'Collection Types',
  'Single Types',
  'Search',
  'Add or create a relation',
  'Entry',
  'Preview',
  'Set up preview',
  'Open preview',
  'Draft',
  'Published',
  'Modified',
  'min.',
  'max.',
  'characters',
  'Add an entry',
  'No entry yet',
  'Introducing the new Media Library',
  'Read blog post',
  'Saved document',
  'Create new entry',
  'Filters',
  'Status',
  'Media Library',
  'Media library',
  'Folders',
  'Sort',
  'Upload',
  'Add assets',
  'Untitled',
  'Duplicate',
  'Delete',
  'Edit',
  'Save',
  'Publish',
  'Unpublish',
  'More actions',
  'Document',
  'Created',
  'Updated',
  'Last updated',
  'Available in',
  'Loading',
  'Home',
  'Content Manager',
  'entries',
  'Log in',
  'Password',
  'Remember me',
  'Forgot your password',
  'Welcome',
  'Profile',
  'Relations',
  'Versions',
  'Content History',
  'Select',
  'Cancel',
  'Drag',
];
const englishIn = (text: string) => ENGLISH_UI.filter((w) => new RegExp(`(^|[^A-Za-z])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z]|$)`).test(text));

/** What a person sees: the text of the page, and the names of controls and fields. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const el of Array.from(document.querySelectorAll('[placeholder], [aria-label], [title]'))) {
      const box = (el as HTMLElement).getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      for (const a of ['placeholder', 'aria-label', 'title']) if (el.getAttribute(a)) parts.push(el.getAttribute(a)!);
    }
    return parts.join('\n');
  });
}

let session: Awaited<ReturnType<typeof startAdminSession>>;
let pageId: string;
let articleId: string;
beforeAll(async () => {
  session = await startAdminSession(CHIEF.email, CHIEF.password);
  await seedDemoContent(session.t.strapi);
  await createAdminUser(session.t.strapi, { ...EDITOR, roleCodes: ['banmian-editor'] });
  const page = await session.t.strapi.db.query('api::page.page').findOne({ where: { number: 3 } });
  pageId = page.documentId;
  const article = await session.t.strapi.db.query('api::article.article').findOne({ where: { headline: { $contains: '福禄' } } });
  articleId = article.documentId;
}, 180000);
afterAll(async () => {
  await session?.stop();
  console.log(`admin screens: ${SHOTS}`);
});

describe('the editor’s admin in Chinese', () => {
  it('shows every screen an editor uses without an English interface word, and in English after switching the profile', async () => {
    const step = journey(SHOTS);
    const context = await session.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const CM = `${session.base}/admin/content-manager/collection-types`;
    const zh = '?plugins[i18n][locale]=zh-Hans';
    const found: Record<string, string[]> = {};
    const check = async (screen: string) => {
      // A screen is read once it has loaded: spinners (the design system's, which says "Loading" and cannot be translated) are gone.
      // On a busy machine the page's proof (measured for the 签字 panel) may keep the network busy
      // past 30 s: wait longer, then read the screen as it is once the spinners are gone.
      await page.waitForLoadState('networkidle', { timeout: 60000 }).catch(() => undefined);
      await page
        .waitForFunction(() => !document.querySelector('[aria-busy="true"], [role="progressbar"]'), undefined, { timeout: 15000 })
        .catch(() => undefined);
      const words = englishIn(await visibleText(page));
      if (words.length) found[screen] = words;
    };

    await step(page, '登录', async () => {
      await page.goto(`${session.base}/admin/auth/login`);
      await page.locator('input[name=email]').waitFor();
      await check('登录');
      await session.logIn(page, EDITOR);
      await page.getByText('你好').first().waitFor({ timeout: 30000 });
      await check('首页');
    });

    const lists: Array<[string, string, string]> = [
      ['期的列表', 'api::issue.issue', '2024年7月5日'],
      ['版面列表', 'api::page.page', '党建'],
      ['稿件列表', 'api::article.article', '福禄'],
    ];
    for (const [name, uid, text] of lists) {
      await step(page, name, async () => {
        await page.goto(`${CM}/${uid}${zh}`);
        await page.getByRole('gridcell').filter({ hasText: text }).first().waitFor({ timeout: 30000 });
        await check(name);
      });
    }
    await step(page, '版面列表的签字进度', async () => {
      await page.goto(`${CM}/api::page.page${zh}`);
      await page.getByRole('gridcell').filter({ hasText: '已审校' }).first().waitFor({ timeout: 30000 });
      expect(await page.getByRole('gridcell', { name: 'proofread' }).count()).toBe(0);
    });

    await step(page, '稿件编辑页（署名、图片）', async () => {
      await page.goto(`${CM}/api::article.article/${articleId}${zh}`);
      await page.locator('input[name=headline]').waitFor({ timeout: 30000 });
      await page.getByText('本报记者').first().waitFor();
      await check('稿件编辑页');
      // Relation chips say what they are: the column, not an id.
      expect(await visibleText(page)).toContain('争先创优');
      // Saving says so in Chinese (Strapi's toast was "Saved document").
      await page.locator('input[name=subtitle]').fill('呼图壁县葫芦产业发展综述');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('已保存').first().waitFor({ timeout: 30000 });
      await check('稿件保存后');
    });

    await step(page, '版面编辑页（稿件位置、签字）', async () => {
      await page.goto(`${CM}/api::page.page/${pageId}${zh}`);
      await page.getByTestId('credits-line').first().waitFor({ timeout: 30000 });
      const text = await visibleText(page);
      // A collapsed placement names its order, lead, headline and span; the issue chip its number and date.
      expect(text).toMatch(/①　头条　[^\n]+（(\d+栏×\d+行|自动排版)）/);
      expect(text).toContain('第12期（2024-07-05）');
      await check('版面编辑页');
      await page.getByText('稿件位置').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(DOCS, 'admin-page-zh.png') });
    });

    await step(page, '媒体库', async () => {
      await page.goto(`${session.base}/admin/plugins/upload`);
      await page.locator('img').first().waitFor({ timeout: 30000 });
      await page.waitForFunction(() => [...document.images].every((i) => i.complete), undefined, { timeout: 30000 });
      await check('媒体库');
    });

    await step(page, '导入 OCR 文本', async () => {
      await page.goto(`${session.base}/admin/banmian-import`);
      await page.getByRole('heading', { name: '导入 OCR 文本' }).waitFor({ timeout: 30000 });
      await check('导入页');
    });

    await step(page, '时间按报社时区显示', async () => {
      const zone = await page.evaluate(() => new Intl.DateTimeFormat('zh-Hans', { hour: 'numeric' }).resolvedOptions().timeZone);
      expect(zone).toBe('Asia/Shanghai');
    });

    expect(found).toEqual({});
    await page.goto(`${CM}/api::article.article${zh}`);
    await page.getByRole('gridcell').filter({ hasText: '福禄' }).first().waitFor({ timeout: 30000 });
    await page.screenshot({ path: path.join(DOCS, 'admin-articles-zh.png') });

    await step(page, '个人设置改为英文', async () => {
      await page.goto(`${session.base}/admin/me`);
      await page.getByRole('combobox', { name: '界面语言' }).click();
      await page.getByRole('option', { name: 'English' }).click();
      // The page switches to the chosen language at once; saving stores it in the profile.
      await page.getByRole('button', { name: /^(Save|保存)$/ }).click();
      const stored = async () => (await session.t.strapi.db.query('admin::user').findOne({ where: { email: EDITOR.email } })).preferedLanguage;
      for (let i = 0; i < 120 && (await stored()) !== 'en'; i += 1) await new Promise((r) => setTimeout(r, 250));
      expect(await stored()).toBe('en');
    });
    await step(page, 'the same screens in English', async () => {
      await page.goto(`${CM}/api::article.article${zh}`);
      await page.getByRole('gridcell').filter({ hasText: '福禄' }).first().waitFor({ timeout: 30000 });
      expect(englishIn(await visibleText(page))).toEqual(expect.arrayContaining(['Create new entry', 'Published']));
      await page.goto(`${CM}/api::page.page/${pageId}${zh}`);
      await page.getByTestId('credits-line').first().waitFor({ timeout: 30000 });
      // (Panel titles are shown in capitals by the design system's style.)
      expect((await visibleText(page)).toLowerCase()).toContain('sign-off: editor / layout / proofreader');
      expect(await visibleText(page)).toContain('Add or create a relation');
    });
    await context.close();
  });
});
