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
    await step(page, 'save; the dialog stays and shows the figures measured in the browser', async () => {
      await page.getByRole('button', { name: '保存版面' }).click();
      await page.getByText('版面已保存').first().waitFor({ timeout: 30000 });
      const row = await t.strapi.db.query('api::page.page').findOne({ where: { documentId: pageId, publishedAt: null }, populate: { placements: true } });
      expect(row.stage).toBe('edited'); // a layout change undoes 版式 and 审校
      const moved = [...row.placements].sort((a: any, b: any) => a.order - b.order)[3];
      expect([moved.col, moved.colSpan, moved.row, moved.rowSpan]).toEqual(final);
      // Measured, not estimated: the block says so, and gives the browser's figures.
      await page.locator('[data-testid="planner-block-4"][data-fit-method="measured"]').waitFor({ timeout: 60000 });
      expect(await block.getAttribute('data-over')).toBe('true');
      expect(await block.getByTestId('planner-fit').textContent()).toMatch(/^实测超版 \d+ 行（约 \d+ 字）$/);
    });

    await step(page, 'the 签字 panel measures the new layout: the block is overset, by what the planner says', async () => {
      const measured = (await block.getByTestId('planner-fit').textContent())!.replace(/^实测/, '');
      await page.getByRole('button', { name: '关闭' }).first().click();
      await page.getByTestId('page-fit').locator('li[data-over="true"]').first().waitFor({ timeout: 60000 });
      expect(await page.getByTestId('page-fit').locator('li').nth(3).getAttribute('data-over')).toBe('true');
      expect(await page.getByTestId('page-fit').locator('li').nth(3).textContent()).toContain(measured);
    });

    await step(page, 'the 预览 marks the overset block on the sheet', async () => {
      const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: '预览第3版' }).click()]);
      await popup.waitForURL(/^blob:/, { timeout: 30000 });
      await popup.locator('.placement.overset .copyfit-flag').first().waitFor({ timeout: 30000 });
      const flagged = await popup.locator('.placement.overset').evaluateAll((els) => els.map((e) => e.getAttribute('data-rect')));
      expect(flagged).toEqual([final.join(',')]);
      expect(await popup.locator('.placement.overset .copyfit-flag').textContent()).toMatch(/^超版 \d+ 行（约 \d+ 字）$/);
      await popup.close();
    });

    const site = path.join(tmp, 'site');
    const summary = await exportIssue(t.strapi, { issue: 12, drafts: true, outDir: site, cacheDir: path.join(tmp, 'cache'), copyfit: true });
    const html = parseHTML(fs.readFileSync(path.join(site, 'print.html'), 'utf8')).document;
    expect([...html.querySelectorAll('.placement')].map((p) => p.getAttribute('data-rect'))[3]).toBe(final.join(','));
    expect(summary.fits!.filter((f) => f.overLines > 0).map((f) => f.rect)).toEqual([final]);
    await context.close();
  });
  it('reports the white an editor’s layout leaves (欠版) on the 签字 panel, the 预览 and in the planner, whose whole grid fits 1440 × 900', async () => {
    const step = journey(tmp);
    const { base, browser, t } = session;
    // After the editor's changes: the lead article five columns wide, the whole height, more room than its
    // text needs; the other three down the right-hand columns, leaving a 2 × 2 hole at the foot of the page.
    const row: any = await t.strapi.db.query('api::page.page').findOne({
      where: { documentId: pageId, publishedAt: null },
      populate: { placements: { populate: { article: true } } },
    });
    const rects = [
      [1, 5, 1, 20],
      [6, 3, 1, 8],
      [6, 3, 9, 10],
      [6, 1, 19, 2],
    ];
    const placements = [...row.placements].sort((a: any, b: any) => a.order - b.order);
    await t.strapi.documents('api::page.page').update({
      documentId: pageId,
      locale: 'zh-Hans',
      data: {
        placements: placements.map((pl: any, i: number) => {
          const [col, colSpan, r, rowSpan] = rects[i];
          return { article: pl.article.documentId, order: pl.order, span: pl.span, lead: pl.lead, col, colSpan, row: r, rowSpan };
        }),
      } as any,
    });

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await step(page, 'log in', () => session.logIn(page));
    const panel = page.getByTestId('page-fit');
    await step(page, 'the 签字 panel lists the lead article underset and the hole', async () => {
      await page.goto(`${base}/admin/content-manager/collection-types/api::page.page/${pageId}?plugins[i18n][locale]=zh-Hans`);
      await panel.locator('li').first().waitFor({ timeout: 60000 });
      const lead = panel.locator('li').first();
      expect(await lead.getAttribute('data-under')).toBe('true');
      expect(await lead.textContent()).toMatch(/欠版 \d+ 行（约 \d+ 模块空白）/);
      const holes = panel.locator('li[data-hole="true"]');
      expect(await holes.count()).toBe(1);
      expect(await holes.getAttribute('data-rect')).toBe('7,2,19,2');
      expect(await holes.textContent()).toBe('空白：第7栏第19行起 2栏×2行（4 模块无稿件）');
    });

    await step(page, 'the 预览 outlines the underset block and the hole on the sheet', async () => {
      const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: '预览第3版' }).click()]);
      await popup.waitForURL(/^blob:/, { timeout: 30000 });
      await popup.locator('.placement.underset .copyfit-flag').first().waitFor({ timeout: 30000 });
      expect(await popup.locator('.placement.underset').first().getAttribute('data-rect')).toBe('1,5,1,20');
      expect(await popup.locator('.placement.underset .copyfit-flag').first().textContent()).toMatch(/^欠版 \d+ 行（约 \d+ 模块空白）$/);
      const hole = popup.locator('.sheet .hole');
      expect(await hole.getAttribute('data-rect')).toBe('7,2,19,2');
      expect(await hole.locator('.copyfit-flag').textContent()).toBe('空白 2栏×2行');
      expect((await hole.boundingBox())!.width).toBeGreaterThan(20); // drawn, not just in the markup
      await popup.close();
    });

    await step(page, 'the planner: every row of the grid in view above the footer, the figures measured', async () => {
      await page.getByRole('button', { name: '打开版面规划' }).click();
      const grid = page.getByTestId('planner-grid');
      await grid.waitFor();
      const footerTop = (await page.getByRole('button', { name: '保存版面' }).boundingBox())!.y;
      for (let r = 1; r <= 20; r++) {
        const box = (await page.getByTestId(`planner-row-${r}`).boundingBox())!;
        expect({ row: r, top: box.y >= 0, bottom: box.y + box.height <= Math.min(900, footerTop) }).toEqual({ row: r, top: true, bottom: true });
        // Nothing (the dialog's footer, its edge) lies over the row: what is under its middle belongs to the grid.
        const onGrid = await page.evaluate(({ x, y }) => Boolean(document.elementFromPoint(x, y)?.closest('[data-testid="planner-grid"]')), {
          x: box.x + box.width / 2,
          y: box.y + box.height / 2,
        });
        expect({ row: r, onGrid }).toEqual({ row: r, onGrid: true });
      }
      // The hole is drawn where it is.
      expect(await page.getByTestId('planner-hole').evaluateAll((els) => els.map((e) => [e.getAttribute('data-rect'), e.textContent]))).toEqual([
        ['7,2,19,2', '空白：第7栏第19行起 2栏×2行'],
      ]);
      const lead = page.getByTestId('planner-block-1');
      await page.locator('[data-testid="planner-block-1"][data-fit-method="measured"]').waitFor({ timeout: 60000 });
      const planned = (await lead.getByTestId('planner-fit').textContent())!;
      expect(planned).toMatch(/^实测欠版 \d+ 行（约 \d+ 模块空白）$/);
      expect(await lead.getAttribute('data-under')).toBe('true');
      // The same figures as the 签字 panel's (one measurement, the browser's).
      expect(await panel.locator('li').first().textContent()).toContain(planned.replace(/^实测/, ''));
      await page.getByRole('dialog').screenshot({ path: path.join(tmp, 'planner-1440x900.png') });
    });
    await context.close();
  });
});
