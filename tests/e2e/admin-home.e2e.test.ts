import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Page } from 'playwright-core';
import { startAdminSession } from '../helpers/admin-session';
import { createAdminUser } from '../helpers/admin-users';
import { journey } from '../helpers/steps';
import { seedDemoContent } from '../../src/seed/seed';
import { makeIssue } from '../../src/seed/generate-issue';
import { importOcrFile } from '../../src/ocr-import/import';

/**
 * The admin is the newsroom's, not Strapi's: walked in the real admin as the
 * Super Admin (值班总编) and as a 编辑, on the demo content plus a new issue and
 * an import. The home page shows the desk's four widgets with real data and no
 * Strapi Cloud, marketplace, guided tour or welcome-to-Strapi; the settings
 * screens a Super Admin opens hold none of the English listed below; forms ask
 * 姓 before 名 and the avatar reads 王芳; an edit view has one 预览 panel. During
 * the whole walk the browser console logs no error (react-intl's `Missing
 * message` among them) and the server answers no request with a 4xx or 5xx.
 */

const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-admin-home-'));
const CHIEF = { email: 'chief@home.example', password: 'Chief-home-e2e-1' };
const EDITOR = { email: 'wangfang@home.example', password: 'Editor-home-e2e-1', firstname: '芳', lastname: '王' };
const NOT_THE_DESK = ['Strapi Cloud', '市场', 'Marketplace', '欢迎使用Strapi', '认识后台', 'Deploy'];
const ENGLISH = ['UPDATEDAT', 'Admin Tokens', 'Active', 'Inactive', 'Super Admin', 'Editor', 'Author', 'person'];
const wordsIn = (text: string, words: string[]) => words.filter((w) => new RegExp(`(^|[^A-Za-z])${w}([^A-Za-z]|$)`).test(text));

let session: Awaited<ReturnType<typeof startAdminSession>>;
const answered: string[] = [];
const logged: string[] = [];
let latestPage: string;

beforeAll(async () => {
  session = await startAdminSession(CHIEF.email, CHIEF.password);
  const { strapi } = session.t;
  await seedDemoContent(strapi);
  await createAdminUser(strapi, { ...EDITOR, roleCodes: ['banmian-editor'] });
  // The week's issue: 第13期, after the demo's 第12期, one page at 采编 (waiting for the 编辑).
  const demo = await strapi.db.query('api::publication.publication').findOne({ where: { slug: 'changji-dangjian-demo' } });
  const issue13 = await makeIssue(strapi, { number: 13, pages: 1, articlesPerPage: 2, publish: false, publication: demo.documentId });
  await strapi.documents('api::issue.issue').update({ documentId: issue13.issue.documentId, locale: 'zh-Hans', data: { date: '2024-07-12' } as any });
  latestPage = (await strapi.db.query('api::page.page').findOne({ where: { issue: { documentId: issue13.issue.documentId } } })).documentId;
  await importOcrFile(strapi, fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'ocr-pages', 'baishan-hegang.txt')), 'baishan.txt', {
    publication: 'changji-dangjian-demo',
    issue: 40,
    date: '2024-06-01',
  });
  // The server's side of the walk: every answer with a 4xx/5xx status, and what it logs as an error or warning.
  strapi.server.httpServer.on('request', (req, res) =>
    res.on('finish', () => res.statusCode >= 400 && answered.push(`${req.method} ${req.url} → ${res.statusCode}`)),
  );
  for (const level of ['error', 'warn'] as const) {
    const original = strapi.log[level].bind(strapi.log);
    (strapi.log as any)[level] = (...args: any[]) => {
      logged.push(`${level}: ${args.map(String).join(' ')}`);
      return original(...args);
    };
  }
}, 240000);
afterAll(async () => {
  await session?.stop();
  console.log(`admin home screens: ${SHOTS}`);
});

async function settled(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 20000 }).catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], [role="progressbar"]'), undefined, { timeout: 15000 }).catch(() => undefined);
}
const text = (page: Page) => page.evaluate(() => document.body.innerText);

/** The input's box: `a` comes before `b` when it is above it, or on the same line and to its left. */
async function before(page: Page, a: string, b: string) {
  const [ba, bb] = [await page.locator(a).first().boundingBox(), await page.locator(b).first().boundingBox()];
  if (!ba || !bb) throw new Error(`no box for ${a} or ${b}`);
  return ba.y + 5 < bb.y || (Math.abs(ba.y - bb.y) <= 5 && ba.x < bb.x);
}

describe('the newsroom’s admin', () => {
  it('opens on the desk’s home page, shows no Strapi marketing, no English, names family first, one 预览; a clean console and server log', async () => {
    const step = journey(SHOTS);
    const context = await session.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || /Missing message/.test(msg.text())) consoleErrors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
    // The console names no URL for a failed load: these do.
    page.on('requestfailed', (request) => consoleErrors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
    const CM = `${session.base}/admin/content-manager/collection-types`;
    const found: Record<string, string[]> = {};
    const scan = async (screen: string, words = ENGLISH) => {
      await settled(page);
      const hits = wordsIn(await text(page), [...words, ...NOT_THE_DESK]);
      if (hits.length) found[screen] = hits;
    };

    await step(page, '值班总编的首页', async () => {
      await session.logIn(page, CHIEF);
      for (const id of ['home-issue', 'home-signatures', 'home-fit', 'home-imports']) await page.getByTestId(id).waitFor({ timeout: 60000 });
      const home = await text(page);
      // This issue's pages with their stages; what waits for a signature; the fit; the import.
      expect(await page.getByTestId('home-issue').innerText()).toMatch(/第13期（2024-07-12）[\s\S]*第1版[\s\S]*采编/);
      expect(await page.getByTestId('home-signatures').innerText()).toContain('第13期第1版');
      expect(await page.getByTestId('home-fit').innerText()).toContain('第13期');
      expect(await page.getByTestId('home-imports').innerText()).toContain('第40期');
      expect(home).toContain('超版与欠版');
      // Strapi's stock widgets are gone.
      expect(home).not.toMatch(/最近编辑|最近发布|统计|个人资料/);
      // No guided tour: its state says so, and no tour popover stands over the page.
      const tour = await page.evaluate(() => JSON.parse(localStorage.getItem('STRAPI_GUIDED_TOUR') ?? 'null'));
      expect(tour?.enabled).toBe(false);
      expect(await page.locator('a[href*="market.strapi.io"], a[href*="strapi.io/cloud"]').count()).toBe(0);
      await scan('首页');
      // The desk's avatar: 总编 has one name only, so no swap; the editor's is checked below.
    });

    const lists: Array<[string, string]> = [
      ['期', 'api::issue.issue'],
      ['版', 'api::page.page'],
      ['稿件', 'api::article.article'],
      ['人员/单位', 'api::contributor.contributor'],
      ['栏目', 'api::column.column'],
      ['签字记录', 'api::signoff.signoff'],
    ];
    for (const [name, uid] of lists) {
      await step(page, `${name}列表`, async () => {
        await page.goto(`${CM}/${uid}?plugins[i18n][locale]=zh-Hans`);
        await page.getByRole('gridcell').first().waitFor({ timeout: 30000 });
        await scan(`${name}列表`);
      });
    }
    await step(page, '版编辑页只有一个预览', async () => {
      await page.goto(`${CM}/api::page.page/${latestPage}?plugins[i18n][locale]=zh-Hans`);
      await page.getByTestId('credits-line').first().waitFor({ timeout: 30000 });
      await settled(page);
      // Strapi's own `设置预览` panel is gone; banmian's 预览 is the only one.
      expect(await page.getByText('设置预览').count()).toBe(0);
      expect(await page.getByRole('link', { name: '设置预览' }).count()).toBe(0);
      await scan('版编辑页');
    });
    await step(page, '期编辑页只有一个预览', async () => {
      const issue = await session.t.strapi.db.query('api::issue.issue').findOne({ where: { number: 13 } });
      await page.goto(`${CM}/api::issue.issue/${issue.documentId}?plugins[i18n][locale]=zh-Hans`);
      await page.getByRole('button', { name: '预览', exact: true }).first().waitFor({ timeout: 30000 });
      await settled(page);
      expect(await page.getByRole('button', { name: '预览', exact: true }).count()).toBe(1);
      expect(await page.getByText('设置预览').count()).toBe(0);
    });
    await step(page, '用户与角色', async () => {
      await page.goto(`${session.base}/admin/settings/users`);
      await page.getByRole('gridcell').first().waitFor({ timeout: 30000 });
      await scan('用户列表');
      expect(await text(page)).toContain('值班总编');
      await page
        .getByRole('button', { name: /邀请新用户/ })
        .first()
        .click();
      await page.locator('input[name=firstname]').waitFor();
      // 姓 before 名.
      expect(await before(page, 'input[name=lastname]', 'input[name=firstname]')).toBe(true);
      // The roles offered: the newsroom's, and Strapi's own under names nobody takes for 编辑.
      await page.getByRole('combobox').last().click();
      const roles = await page.getByRole('option').allInnerTexts();
      expect(roles).toEqual(expect.arrayContaining(['值班总编', '编辑', '版式', '审校']));
      expect(wordsIn(roles.join('\n'), ['Editor', 'Author', 'Super Admin'])).toEqual([]);
      await page.keyboard.press('Escape');
      await scan('邀请用户');
      await page.keyboard.press('Escape');
      await page.goto(`${session.base}/admin/settings/roles`);
      await page.getByRole('gridcell').first().waitFor({ timeout: 30000 });
      await scan('角色列表');
    });
    for (const [name, url] of [
      ['API 令牌', '/admin/settings/api-tokens'],
      ['管理令牌', '/admin/settings/admin-tokens'],
      ['应用', '/admin/settings/application-infos'],
    ]) {
      await step(page, name, async () => {
        await page.goto(`${session.base}${url}`);
        await settled(page);
        await scan(name);
      });
    }
    await step(page, '个人资料', async () => {
      await page.goto(`${session.base}/admin/me`);
      await page.locator('input[name=firstname]').waitFor({ timeout: 30000 });
      expect(await before(page, 'input[name=lastname]', 'input[name=firstname]')).toBe(true);
      // The keyboard follows what is shown: into the pair at 姓, then 名, then what follows (and back the same way).
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.tagName);
      await page.locator('input[name=email]').focus();
      await page.keyboard.press('Shift+Tab');
      expect(await focused()).toBe('firstname');
      await page.keyboard.press('Shift+Tab');
      expect(await focused()).toBe('lastname');
      await page.keyboard.press('Shift+Tab');
      const beforePair = await focused();
      expect(['firstname', 'lastname']).not.toContain(beforePair);
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('lastname');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('firstname');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('email');
      await scan('个人资料');
    });

    // The editor's day starts on the same home page, with what waits for their signature.
    await context.clearCookies();
    await page.evaluate(() => localStorage.clear());
    await step(page, '编辑的首页', async () => {
      await session.logIn(page, EDITOR);
      for (const id of ['home-issue', 'home-signatures', 'home-fit', 'home-imports']) await page.getByTestId(id).waitFor({ timeout: 60000 });
      expect(await page.getByTestId('home-signatures').innerText()).toMatch(/第13期第1版[\s\S]*编辑签字/);
      await scan('编辑的首页');
      // The avatar's initials and the name in the user menu, family name first.
      await page.waitForFunction(() => (document.querySelector('nav button[aria-haspopup]') as HTMLElement | null)?.innerText.includes('王芳'), undefined, {
        timeout: 15000,
      });
      const avatar = await page.locator('nav button[aria-haspopup]').first().innerText();
      expect(avatar).toContain('王芳');
      expect(avatar).not.toContain('芳王');
      // The greeting does not call her by her given name alone (Strapi passes only firstname).
      expect(await text(page)).not.toMatch(/你好，\s*芳/);
    });
    await step(page, '编辑的个人资料', async () => {
      await page.goto(`${session.base}/admin/me`);
      await page.locator('input[name=firstname]').waitFor({ timeout: 30000 });
      // The heading names the user family name first, as the avatar does.
      await page.waitForFunction(() => document.querySelector('main h1')?.textContent?.includes('王芳'), undefined, { timeout: 15000 });
      expect(await page.locator('main h1').first().innerText()).not.toContain('芳 王');
    });
    for (const [name, uid] of lists.slice(0, 3)) {
      await step(page, `编辑看${name}列表`, async () => {
        await page.goto(`${CM}/${uid}?plugins[i18n][locale]=zh-Hans`);
        await page.getByRole('gridcell').first().waitFor({ timeout: 30000 });
        await scan(`编辑看${name}列表`);
        // Strapi's users-permissions `User` is not in an editor's 内容管理.
        expect(
          wordsIn(
            await page
              .locator('nav')
              .allInnerTexts()
              .then((t) => t.join('\n')),
            ['User'],
          ),
        ).toEqual([]);
      });
    }
    await step(page, '编辑的媒体库', async () => {
      // The media library asks for its settings on every visit: a 编辑 may read them (no 403 in the log).
      const settingsAnswer = page.waitForResponse((r) => r.url().includes('/upload/settings'), { timeout: 60000 });
      await page.goto(`${session.base}/admin/plugins/upload`);
      expect((await settingsAnswer).status()).toBe(200);
      await scan('编辑的媒体库');
    });
    await step(page, '编辑的导入页', async () => {
      await page.goto(`${session.base}/admin/banmian-import`);
      await page.getByRole('heading', { name: '导入 OCR 文本' }).waitFor({ timeout: 30000 });
      await scan('导入页');
    });
    await context.close();

    expect({ found, consoleErrors, answered, logged }).toEqual({ found: {}, consoleErrors: [], answered: [], logged: [] });
    // A long walk (two users, twenty screens) on a busy machine: no step is timed, the walk is given room.
  }, 900000);
});
