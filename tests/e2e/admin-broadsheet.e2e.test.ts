import fs from 'fs';
import os from 'os';
import path from 'path';
import { startAdminSession } from '../helpers/admin-session';
import { seedDemoContent } from '../../src/seed/seed';
import { journey } from '../helpers/steps';

const EMAIL = 'chief@example.org';
const PASSWORD = 'Broadsheet-e2e-1';
const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-admin-shots-'));

let session: Awaited<ReturnType<typeof startAdminSession>>;
let issueId: string;

beforeAll(async () => {
  session = await startAdminSession(EMAIL, PASSWORD);
  issueId = (await seedDemoContent(session.t.strapi)).issueDocumentId!;
}, 180000);
afterAll(async () => {
  await session?.stop();
  console.log(`admin screenshots: ${SHOTS}`);
});

describe('issue edit view in the admin', () => {
  it('opens in Chinese and offers 预览 and 导出 that work', async () => {
    const step = journey(SHOTS);
    const { base, browser } = session;
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await step(page, 'log in', async () => {
      await session.logIn(page);
      expect(await page.locator('html').getAttribute('lang')).toMatch(/^zh/);
    });

    const preview = page.getByRole('button', { name: '预览' });
    await step(page, 'open the issue', async () => {
      await page.goto(`${base}/admin/content-manager/collection-types/api::issue.issue/${issueId}?plugins[i18n][locale]=zh-Hans`);
      await preview.waitFor({ timeout: 60000 });
    });

    await step(page, 'preview', async () => {
      const [popup] = await Promise.all([context.waitForEvent('page'), preview.click()]);
      await popup.waitForURL(/^blob:/, { timeout: 30000 });
      await popup.waitForSelector('h2.headline');
      const headlines = await popup.locator('h2.headline').allTextContents();
      expect(headlines.map((h) => h.trim())).toContain('党建引领 做强“福禄”产业链');
      await popup.screenshot({ path: path.join(SHOTS, 'preview-window.png') });
      await popup.close();
    });

    await step(page, 'export', async () => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.getByRole('button', { name: '导出已发布版' }).click()]);
      expect(download.suggestedFilename()).toBe('banmian-第12期-已发布.zip');
      const zip = fs.readFileSync((await download.path())!);
      expect(zip.subarray(0, 2).toString()).toBe('PK');
      expect(zip.includes(Buffer.from('changji-dangjian-demo-12/print.html'))).toBe(true);
    });

    await step(page, 'the same panel in English for a user who chose English', async () => {
      await page.evaluate(() => window.localStorage.setItem('strapi-admin-language', 'en'));
      await page.goto(`${base}/admin/content-manager/collection-types/api::issue.issue/${issueId}?plugins[i18n][locale]=zh-Hans`);
      await page.getByRole('button', { name: 'Preview', exact: true }).waitFor({ timeout: 60000 });
      expect(await page.getByRole('button', { name: 'Export published version', exact: true }).count()).toBe(1);
      expect(await page.getByText('Broadsheet preview / export').count()).toBe(1);
      expect(await page.getByText('Pages and signatures').count()).toBe(1);
      await page.evaluate(() => window.localStorage.setItem('strapi-admin-language', 'zh-Hans'));
    });
    await context.close();
  });
});
