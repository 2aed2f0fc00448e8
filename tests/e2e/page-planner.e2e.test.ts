import fs from 'fs';
import os from 'os';
import path from 'path';
import { parseHTML } from 'linkedom';
import { startAdminSession } from '../helpers/admin-session';
import { seedDemoContent } from '../../src/seed/seed';
import { exportIssue } from '../../src/broadsheet/export';
import { APP_DIR } from '../helpers/strapi';
import { journey } from '../helpers/steps';

/**
 * The planner in the page edit view, driven like an editor would: the page's
 * blocks on the 对开 grid, one resized by its corner and dragged to a new place
 * with the mouse, made shorter with Shift+↑, saved; the page went back to 已编辑,
 * the export shows the block where it was put, the 预览 marks it overset and the
 * 签字 panel shows the same measured figures.
 */

const EMAIL = 'chief@example.org';
const PASSWORD = 'Planner-e2e-1';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-planner-'));
// A run never rewrites tracked files: the README's screenshot is replaced only on request.
const SCREENSHOT =
  process.env.UPDATE_DOC_SCREENSHOTS === '1' ? path.join(APP_DIR, 'docs', 'screenshots', 'page-planner.png') : path.join(tmp, 'page-planner.png');

let session: Awaited<ReturnType<typeof startAdminSession>>;
let pageId: string;

beforeAll(async () => {
  session = await startAdminSession(EMAIL, PASSWORD);
  await seedDemoContent(session.t.strapi);
  pageId = (await session.t.strapi.db.query('api::page.page').findOne({ where: { number: 3, publishedAt: null } })).documentId;
}, 180000);
afterAll(async () => {
  await session?.stop();
  if (process.env.KEEP_TEST_FILES === '1') console.log(`kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
});

const rectOf = async (block: import('playwright-core').Locator) => (await block.getAttribute('data-rect'))!.split(',').map(Number);

describe('版面规划 in the page edit view', () => {
  it('moves and resizes a block with mouse and keyboard, saves it, and the page, export and preview follow', async () => {
    const step = journey(tmp);
    const { base, browser, t } = session;
    const context = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
    const page = await context.newPage();
    await step(page, 'log in', () => session.logIn(page));
    const stageBefore = (await t.strapi.db.query('api::page.page').findOne({ where: { documentId: pageId, publishedAt: null } })).stage;
    expect(stageBefore).toBe('proofread');

    await step(page, 'open the page; the 签字 panel shows the measured fit', async () => {
      await page.goto(`${base}/admin/content-manager/collection-types/api::page.page/${pageId}?plugins[i18n][locale]=zh-Hans`);
      await page.getByRole('button', { name: '打开版面规划' }).waitFor({ timeout: 60000 });
      const fit = page.getByTestId('page-fit').locator('li');
      await fit.first().waitFor({ timeout: 60000 });
      expect(await fit.count()).toBe(4);
      expect(await page.getByTestId('page-fit').locator('li[data-over="true"]').count()).toBe(0); // the demo page fits
    });

    const block = page.getByTestId('planner-block-4');
    let start: number[] = [];
    await step(page, 'open the planner', async () => {
      await page.getByRole('button', { name: '打开版面规划' }).click();
      await block.waitFor();
      expect(await page.locator('[data-testid^="planner-block-"]').count()).toBe(4);
      start = await rectOf(block);
      expect(start[1]).toBe(4); // half of the 8 columns, as its span asks
    });

    await page.getByTestId('planner-grid').scrollIntoViewIfNeeded();
    const grid = (await page.getByTestId('planner-grid').boundingBox())!;
    const pitch = (grid.width + 2.6 * (grid.width / 350)) / 8; // a column and its gutter, in px
    const rowPitch = grid.height / 20;

    await step(page, 'resize it by its corner to two columns', async () => {
      const handle = (await page.getByTestId('planner-resize-4').boundingBox())!;
      await page.mouse.move(handle.x + 5, handle.y + 5);
      await page.mouse.down();
      await page.mouse.move(handle.x + 5 - pitch, handle.y + 5, { steps: 5 });
      await page.mouse.move(handle.x + 5 - 2 * pitch, handle.y + 5, { steps: 5 });
      await page.mouse.up();
      expect(await rectOf(block)).toEqual([start[0], 2, start[2], start[3]]);
    });

    await step(page, 'drag it two columns to the right', async () => {
      const box = (await block.boundingBox())!;
      await page.mouse.move(box.x + 20, box.y + 20);
      await page.mouse.down();
      await page.mouse.move(box.x + 20 + pitch, box.y + 20 + rowPitch / 4, { steps: 5 });
      await page.mouse.move(box.x + 20 + 2 * pitch, box.y + 20, { steps: 5 });
      await page.mouse.up();
      expect(await rectOf(block)).toEqual([start[0] + 2, 2, start[2], start[3]]);
    });

    await step(page, 'make it four rows deep with Shift+↑; it is overset now', async () => {
      await block.focus();
      for (let i = start[3]; i > 4; i--) await page.keyboard.press('Shift+ArrowUp');
      expect(await rectOf(block)).toEqual([start[0] + 2, 2, start[2], 4]);
      expect(await block.getAttribute('data-over')).toBe('true');
      expect(await block.getAttribute('aria-label')).toMatch(/第\d+栏起占2栏，第\d+行起占4行，超版约 \d+ 行/);
      // Another block cannot be pushed onto it.
      await page.getByTestId('planner-block-3').focus();
      const third = await rectOf(page.getByTestId('planner-block-3'));
      await page.keyboard.press('ArrowRight');
      expect(await rectOf(page.getByTestId('planner-block-3'))).toEqual(third);
      expect(await page.getByTestId('planner-status').textContent()).toMatch(/放不下：会与“.+”重叠/);
      await page.getByRole('dialog').screenshot({ path: SCREENSHOT });
    });

    const final = [start[0] + 2, 2, start[2], 4];
    await step(page, 'save', async () => {
      await page.getByRole('button', { name: '保存版面' }).click();
      await page.getByText('版面已保存').first().waitFor({ timeout: 30000 });
      const row = await t.strapi.db.query('api::page.page').findOne({ where: { documentId: pageId, publishedAt: null }, populate: { placements: true } });
      expect(row.stage).toBe('edited'); // a layout change undoes 版式 and 审校
      const moved = [...row.placements].sort((a: any, b: any) => a.order - b.order)[3];
      expect([moved.col, moved.colSpan, moved.row, moved.rowSpan]).toEqual(final);
    });

    await step(page, 'the 签字 panel measures the new layout: the block is overset', async () => {
      await page.getByTestId('page-fit').locator('li[data-over="true"]').first().waitFor({ timeout: 60000 });
      expect(await page.getByTestId('page-fit').locator('li').nth(3).getAttribute('data-over')).toBe('true');
    });

    await step(page, 'the 预览 marks the overset block on the sheet', async () => {
      const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: '预览第3版' }).click()]);
      await popup.waitForURL(/^blob:/, { timeout: 30000 });
      await popup.locator('.placement.overset .copyfit-flag').first().waitFor({ timeout: 30000 });
      const flagged = await popup.locator('.placement.overset').evaluateAll((els) => els.map((e) => e.getAttribute('data-rect')));
      expect(flagged).toEqual([final.join(',')]);
      expect(await popup.locator('.copyfit-flag').textContent()).toMatch(/^超版 \d+ 行（约 \d+ 字）$/);
      await popup.close();
    });

    const site = path.join(tmp, 'site');
    const summary = await exportIssue(t.strapi, { issue: 12, drafts: true, outDir: site, cacheDir: path.join(tmp, 'cache'), copyfit: true });
    const html = parseHTML(fs.readFileSync(path.join(site, 'print.html'), 'utf8')).document;
    expect([...html.querySelectorAll('.placement')].map((p) => p.getAttribute('data-rect'))[3]).toBe(final.join(','));
    expect(summary.fits!.filter((f) => f.overLines > 0).map((f) => f.rect)).toEqual([final]);
    await context.close();
  });
});
