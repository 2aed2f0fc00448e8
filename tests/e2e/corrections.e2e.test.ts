import fs from 'fs';
import os from 'os';
import path from 'path';
import { pathToFileURL } from 'url';
import type { Browser } from 'playwright-core';
import { startStrapi, type TestStrapi } from '../helpers/strapi';
import { launchChromium } from '../helpers/browser';
import { exportIssue } from '../../src/broadsheet/export';
import { makeIssue } from '../../src/seed/generate-issue';
import { signOffPage } from '../../src/signoff/service';
import { withdrawArticle } from '../../src/corrections/withdraw';

/**
 * 更正 and 撤稿 as readers see them in a browser: the exported article page of a
 * corrected article shows its notice, and a withdrawn article's rectangle on the
 * 版 shows the withdrawal notice where the article was.
 */

let t: TestStrapi;
let browser: Browser;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-e2e-corrections-'));
const CORRECTION = '本文第二段“三百余人”应为“三千余人”，特此更正。';

beforeAll(async () => {
  t = await startStrapi();
  browser = await launchChromium();
}, 180000);
afterAll(async () => {
  await browser?.close();
  await t?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('shows the correction on the exported article page and the withdrawal notice on the sheet', async () => {
  const issue = await makeIssue(t.strapi, { number: 52, pages: 1, articlesPerPage: 2 });
  const [corrected, withdrawn] = issue.articleIds;
  const page = await t.strapi.db.query('api::page.page').findOne({ where: { issue: { documentId: issue.issue.documentId }, publishedAt: null } });
  await t.strapi.documents('api::article.article').update({
    documentId: corrected,
    locale: 'zh-Hans',
    data: { corrections: [{ kind: '更正', text: CORRECTION, date: '2026-12-02', by: '王芳' }] } as any,
  });
  // The correction goes live with the page's signature.
  await signOffPage(t.strapi, page.documentId, { editor: issue.author, layout: issue.author, proofreader: issue.author } as any);
  await withdrawArticle(t.strapi, { articleDocumentId: withdrawn, reason: '数据未经核实', notice: '本文因数据未经核实，已撤稿。', by: '总编' });

  const site = path.join(tmp, 'site');
  await exportIssue(t.strapi, { issue: 52, outDir: site, cacheDir: path.join(tmp, 'cache') });
  const slug = (await t.strapi.db.query('api::article.article').findOne({ where: { documentId: corrected, publishedAt: { $notNull: true } } })).slug;

  const tab = await browser.newPage();
  try {
    await tab.goto(pathToFileURL(path.join(site, 'articles', `${slug}.html`)).href);
    const notice = tab.locator('.corrections .correction');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toBe(`更正${CORRECTION}（2026年12月2日）`);
    // Under the article's text, inside the page's width.
    const body = (await tab.locator('.article .body p').first().boundingBox())!;
    const box = (await notice.boundingBox())!;
    expect(box.y).toBeGreaterThan(body.y);
    expect(box.width).toBeGreaterThan(100);

    await tab.setViewportSize({ width: 1600, height: 1200 });
    await tab.goto(pathToFileURL(path.join(site, 'pages', '1.html')).href);
    const block = tab.locator('.sheet .withdrawn-block');
    expect(await block.count()).toBe(1);
    expect(await block.locator('.withdrawn-notice').isVisible()).toBe(true);
    expect(await block.locator('.withdrawn-notice').innerText()).toBe('本文因数据未经核实，已撤稿。');
    // The notice holds the article's rectangle: a real box on the grid, not overlapping the article left on the page.
    const rect = (await block.boundingBox())!;
    const other = (await tab.locator('.sheet .placement').first().boundingBox())!;
    expect(rect.width * rect.height).toBeGreaterThan(10000);
    const overlaps = rect.x < other.x + other.width && other.x < rect.x + rect.width && rect.y < other.y + other.height && other.y < rect.y + rect.height;
    expect(overlaps).toBe(false);
    expect(await tab.locator('.sheet .placement').count()).toBe(1);
  } finally {
    await tab.close();
  }
});
