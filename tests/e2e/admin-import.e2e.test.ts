import fs from 'fs';
import os from 'os';
import path from 'path';
import { APP_DIR } from '../helpers/strapi';
import type { Page } from 'playwright-core';
import { startAdminSession } from '../helpers/admin-session';
import { createAdminUser } from '../helpers/admin-users';
import { journey } from '../helpers/steps';

const EMAIL = 'desk@example.org';
const PASSWORD = 'Import-e2e-pass-1';
// The walk is an editor's (编辑), not a Super Admin's.
const EDITOR = { email: 'editor@example.org', password: 'Import-e2e-editor-1' };
const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-import-shots-'));
const FIXTURE = path.join(APP_DIR, 'tests', 'fixtures', 'ocr-pages', 'manas-hutubi-changji.txt');

let session: Awaited<ReturnType<typeof startAdminSession>>;
let changji: string;

beforeAll(async () => {
  session = await startAdminSession(EMAIL, PASSWORD);
  const publications = session.t.strapi.documents('api::publication.publication');
  changji = (await publications.create({ data: { name: '昌吉党建', slug: 'changji' } as any })).documentId;
  await publications.create({ data: { name: '鹤岗党建', slug: 'hegang' } as any });
  await createAdminUser(session.t.strapi, { ...EDITOR, firstname: '芳', lastname: '王', roleCodes: ['banmian-editor'] });
}, 180000);
afterAll(async () => {
  await session?.stop();
  console.log(`import screenshots: ${SHOTS}`);
});

/** Opens 导入 OCR 文本 from the menu, signed in as the editor. */
async function openImport(step: ReturnType<typeof journey>, page: Page) {
  await step(page, 'log in as the editor', () => session.logIn(page, EDITOR));
  await step(page, 'open the import page from the menu', async () => {
    // The menu's link (the home page's 最近导入 widget links to the page too).
    await page.getByRole('navigation').getByRole('link', { name: '导入 OCR 文本' }).click();
    await page.getByRole('heading', { name: '导入 OCR 文本' }).waitFor({ timeout: 30000 });
    await page.getByRole('combobox', { name: /^刊物/ }).waitFor({ timeout: 30000 });
  });
}
/** Chooses the file through the page's own button (the browser's file input is hidden). */
async function chooseFile(page: Page, file: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '选择文件…' }).click()]);
  await chooser.setFiles(file);
  await page.locator('.ocr-headline').first().waitFor({ timeout: 30000 });
}
async function pick(page: Page, combobox: RegExp, option: string) {
  await page.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
/** Picks the publication, 新建一期, and types its number and date (the date in the picker's Chinese format). */
async function newIssue(page: Page, publication: string, number: string, date: string) {
  await pick(page, /^刊物/, publication);
  await pick(page, /^导入到哪一期/, '新建一期');
  await page.getByRole('textbox', { name: /^新一期的期号/ }).fill(number);
  const picker = page.getByRole('combobox', { name: /^出版日期/ });
  await picker.fill(date.replaceAll('-', '/'));
  await picker.press('Enter');
  await page.getByRole('heading', { name: '导入 OCR 文本' }).click(); // out of the picker: its calendar closes
}

describe('导入 OCR 文本 in the admin', () => {
  it('shows the parsed page before the editor confirms, then writes drafts', async () => {
    const step = journey(SHOTS);
    const { t } = session;
    const page = await session.browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await openImport(step, page);
    await step(page, 'choose a file and read the dry run', async () => {
      await chooseFile(page, FIXTURE);
      expect(await page.locator('.ocr-headline').allTextContents()).toEqual([
        '以高质量党建推动司法行政工作高质量发展',
        '党建引领 做强“福禄”产业链',
        '党建领航 赋能发展 让群众更有“医靠”',
        '瞄准基层焦点 深入纠治形式主义',
      ]);
      expect(await page.getByText('第 23 行：删除了分栏处重复的「政」').count()).toBe(1);
      expect(await session.t.strapi.db.query('api::article.article').count()).toBe(0); // nothing written by the preview
    });
    await step(page, 'choose the publication and a new issue, then confirm', async () => {
      expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
      await newIssue(page, '昌吉党建', '40', '2024-10-11');
      await page.getByRole('button', { name: '确认导入' }).click();
      await page.getByTestId('ocr-summary').waitFor({ timeout: 60000 });
      expect(await page.getByTestId('ocr-summary').textContent()).toContain('导入完成：第40期（2024-10-11），1 个版面，4 篇草稿稿件');
      expect(await page.getByRole('heading', { name: '已导入到 第40期（2024-10-11）' }).isVisible()).toBe(true);
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
    await openImport(step, page);
    await step(page, 'read the dry run: one article, its boundary marked weak', async () => {
      await newIssue(page, '昌吉党建', '41', '2024-10-18');
      await chooseFile(page, file);
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
      expect(await page.getByTestId('ocr-summary').textContent()).toContain('导入完成：第41期（2024-10-18），1 个版面，2 篇草稿稿件');
    });
    const second = await t.strapi.documents('api::article.article').findMany({ filters: { headline: '红心驿站暖民心' }, locale: 'zh-Hans', status: 'draft' });
    expect(second.map((a: any) => a.suppliedBy)).toEqual(['白山社区党委']);
    await page.close();
  });

  it('puts an old page where the editor chose, never into the issue its text prints, and links to the new page', async () => {
    const step = journey(SHOTS);
    const { t } = session;
    await t.strapi.documents('api::issue.issue').create({ data: { number: 13, date: '2024-10-11', publication: changji } as any, locale: 'zh-Hans' });
    // The old page prints its own paper's 第171期 and 第3版 党建.
    const file = path.join(SHOTS, 'old-171.txt');
    fs.writeFileSync(
      file,
      ['第171期', '', '第3版 党建', '', '网格党建激活社区治理', '', '□本报记者 王芳', '', '街道把党支部建在网格上，推动党员力量下沉一线。'].join('\n'),
    );
    const page = await session.browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await openImport(step, page);
    await step(page, 'the form speaks Chinese: no browser file button or date format, no placeholder that looks like a value', async () => {
      await pick(page, /^刊物/, '昌吉党建');
      await pick(page, /^导入到哪一期/, '新建一期');
      const text = await page.locator('main').innerText();
      for (const english of ['Choose File', 'No file chosen', 'mm/dd/yyyy', 'YYYY', 'changji-dangjian-demo', 'gb18030', 'Select or enter', 'Clear'])
        expect([english, text.includes(english)]).toEqual([english, false]);
      const placeholders = await page.locator('main input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).placeholder).filter(Boolean));
      expect(placeholders.length).toBeGreaterThan(0);
      for (const p of placeholders) expect([p, /[A-Za-z]/.test(p) || /^\d+$/.test(p)]).toEqual([p, false]);
      expect(await page.locator('main input[type=file]').isVisible()).toBe(false);
      expect(await page.locator('main input[type=date]').count()).toBe(0);
      expect(await page.getByRole('combobox', { name: /^编码/ }).textContent()).toContain('自动识别');
    });
    await step(page, 'choose the old page: what was read is shown as read, and fills no issue', async () => {
      await chooseFile(page, file);
      expect(await page.getByTestId('ocr-read').textContent()).toContain('识别为 第171期 / 第3版 党建');
      expect(await page.getByText('识别为 第171期（原报的期号，不会自动采用）').isVisible()).toBe(true);
      expect(await page.getByRole('textbox', { name: /^新一期的期号/ }).inputValue()).toBe('');
      expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
      expect(await page.getByText('请先在“导入到”中选择刊物和期').isVisible()).toBe(true);
    });
    await step(page, 'a new issue whose number exists is refused on the form, and that issue offered', async () => {
      await page.getByRole('textbox', { name: /^新一期的期号/ }).fill('13');
      await page.getByText('第13期（2024-10-11）已经存在，不能再新建。').waitFor({ timeout: 30000 });
      expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
      await page.getByRole('button', { name: '改为导入到第13期（2024-10-11）' }).click();
      expect(await page.getByRole('combobox', { name: /^导入到哪一期/ }).textContent()).toContain('第13期（2024-10-11）');
    });
    await step(page, 'into the existing 第13期: the page number and name are the ones read, editable', async () => {
      expect(await page.getByRole('textbox', { name: /^版号/ }).inputValue()).toBe('3');
      expect(await page.getByRole('textbox', { name: /^版名/ }).inputValue()).toBe('党建');
      expect(await page.getByText('识别为 第3版 党建', { exact: true }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(false);
    });
    await step(page, 'confirm: the summary names 第13期 and stays in view', async () => {
      await page.getByRole('button', { name: '确认导入' }).click();
      const heading = page.getByRole('heading', { name: '已导入到 第13期（2024-10-11）' });
      await heading.waitFor({ timeout: 60000 });
      await page.waitForFunction(() => {
        const r = document.querySelector('[data-testid="ocr-summary"]')!.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      });
    });
    expect(await t.strapi.db.query('api::issue.issue').count({ where: { number: 171 } })).toBe(0);
    const [written] = await t.strapi
      .documents('api::page.page')
      .findMany({ filters: { name: '党建' }, locale: 'zh-Hans', status: 'draft', populate: ['issue'] });
    expect([written.number, (written as any).issue.number]).toEqual([3, 13]);
    await step(page, 'follow the link to the new page’s edit view', async () => {
      await page.getByRole('link', { name: '打开 第13期（2024-10-11）第3版 党建' }).click();
      await page.waitForURL(new RegExp(`/content-manager/collection-types/api::page.page/${written.documentId}`), { timeout: 30000 });
      await page.getByRole('textbox', { name: /^版名/ }).waitFor({ timeout: 30000 });
      expect(await page.getByRole('textbox', { name: /^版名/ }).inputValue()).toBe('党建');
    });
    await page.close();
  });
});
