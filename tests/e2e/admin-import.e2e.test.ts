import fs from 'fs';
import os from 'os';
import path from 'path';
import { APP_DIR } from '../helpers/strapi';
import { startAdminSession } from '../helpers/admin-session';
import { journey } from '../helpers/steps';

const EMAIL = 'desk@example.org';
const PASSWORD = 'Import-e2e-pass-1';
const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-import-shots-'));
const FIXTURE = path.join(APP_DIR, 'tests', 'fixtures', 'ocr-pages', 'manas-hutubi-changji.txt');

let session: Awaited<ReturnType<typeof startAdminSession>>;

beforeAll(async () => {
  session = await startAdminSession(EMAIL, PASSWORD);
  await session.t.strapi.documents('api::publication.publication').create({ data: { name: '昌吉党建', slug: 'changji' } as any });
}, 180000);
afterAll(async () => {
  await session?.stop();
  console.log(`import screenshots: ${SHOTS}`);
});

describe('导入 OCR 文本 in the admin', () => {
  it('shows the parsed page before the editor confirms, then writes drafts', async () => {
    const step = journey(SHOTS);
    const { t } = session;
    const page = await session.browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await step(page, 'log in', () => session.logIn(page));
    await step(page, 'open the import page from the menu', async () => {
      await page.getByRole('link', { name: '导入 OCR 文本' }).click();
      await page.getByRole('heading', { name: '导入 OCR 文本' }).waitFor({ timeout: 30000 });
    });
    await step(page, 'choose a file and read the dry run', async () => {
      await page.getByLabel('期号').fill('40');
      await page.getByLabel('出版日期（新建期时必填）').fill('2024-10-11');
      await page.getByLabel('OCR 文本文件').setInputFiles(FIXTURE);
      await page.locator('.ocr-headline').first().waitFor({ timeout: 30000 });
      expect(await page.locator('.ocr-headline').allTextContents()).toEqual([
        '以高质量党建推动司法行政工作高质量发展',
        '党建引领 做强“福禄”产业链',
        '党建领航 赋能发展 让群众更有“医靠”',
        '瞄准基层焦点 深入纠治形式主义',
      ]);
      expect(await page.getByText('第 23 行：删除了分栏处重复的「政」').count()).toBe(1);
      expect(await session.t.strapi.db.query('api::article.article').count()).toBe(0); // nothing written by the preview
    });
    await step(page, 'confirm the import', async () => {
      await page.getByRole('button', { name: '确认导入' }).click();
      await page.getByTestId('ocr-summary').waitFor({ timeout: 60000 });
      expect(await page.getByTestId('ocr-summary').textContent()).toContain('导入完成：第40期，1 个版面，4 篇草稿稿件');
    });
    const drafts = await t.strapi.documents('api::article.article').findMany({ locale: 'zh-Hans', status: 'draft' });
    expect(drafts).toHaveLength(4);
    expect(drafts.every((d: any) => d.publishedAt === null)).toBe(true);
    await page.close();
  });

  it('highlights weak boundaries and lets the editor split and merge before importing', async () => {
    const step = journey(SHOTS);
    const { t } = session;
    // Two articles with nothing between them but a short line: the parser reads the second headline as a subhead.
    const text = [
      '网格党建激活社区治理',
      '',
      '街道把党支部建在网格上，推动党员力量下沉一线。',
      '',
      '红心驿站暖民心',
      '',
      '社区党委打造“红心驿站”党群服务阵地，累计服务群众2万余人次。',
      '',
      '（白山社区党委供稿）',
    ].join('\n');
    const file = path.join(SHOTS, 'two-articles.txt');
    fs.writeFileSync(file, text);
    const page = await session.browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await step(page, 'log in', () => session.logIn(page));
    await page.getByRole('link', { name: '导入 OCR 文本' }).click();
    await page.getByRole('heading', { name: '导入 OCR 文本' }).waitFor({ timeout: 30000 });
    await step(page, 'read the dry run: one article, its boundary marked weak', async () => {
      await page.getByLabel('期号').fill('41');
      await page.getByLabel('出版日期（新建期时必填）').fill('2024-10-18');
      await page.getByLabel('OCR 文本文件').setInputFiles(file);
      await page.locator('.ocr-headline').first().waitFor({ timeout: 30000 });
      expect(await page.locator('.ocr-headline').allTextContents()).toEqual(['网格党建激活社区治理']);
      expect(await page.locator('li[data-weak="true"]').count()).toBe(1);
      expect(await page.getByText('请核对分界').count()).toBe(1);
    });
    await step(page, 'split the article where the second one starts', async () => {
      await page.getByRole('button', { name: '拆分…' }).click();
      await page.locator('ol[start] li', { hasText: '▸ 红心驿站暖民心' }).getByRole('button', { name: '从这段起另成一篇' }).click();
      await page.locator('.ocr-headline', { hasText: '红心驿站暖民心' }).waitFor({ timeout: 30000 });
      expect(await page.locator('.ocr-headline').allTextContents()).toEqual(['网格党建激活社区治理', '红心驿站暖民心']);
      expect(await page.getByText('开头：编辑拆分；结尾：供稿').count()).toBe(1);
    });
    await step(page, 'merge, undo, and import the split page', async () => {
      await page.getByRole('button', { name: '并入上一篇' }).click();
      await page.getByText('已做 2 处拆分/合并').waitFor({ timeout: 30000 });
      expect(await page.locator('.ocr-headline').allTextContents()).toEqual(['网格党建激活社区治理']);
      await page.getByRole('button', { name: '撤销上一步' }).click();
      await page.getByText('已做 1 处拆分/合并').waitFor({ timeout: 30000 });
      await page.getByRole('button', { name: '确认导入' }).click();
      await page.getByTestId('ocr-summary').waitFor({ timeout: 60000 });
      expect(await page.getByTestId('ocr-summary').textContent()).toContain('导入完成：第41期，1 个版面，2 篇草稿稿件');
    });
    const second = await t.strapi.documents('api::article.article').findMany({ filters: { headline: '红心驿站暖民心' }, locale: 'zh-Hans', status: 'draft' });
    expect(second.map((a: any) => a.suppliedBy)).toEqual(['白山社区党委']);
    await page.close();
  });
});
