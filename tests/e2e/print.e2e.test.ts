import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser } from 'playwright-core';
import { startStrapi, APP_DIR, type TestStrapi } from '../helpers/strapi';
import { launchChromium } from '../helpers/browser';
import { pdfPages, pdfText, printToPdf as print } from '../helpers/pdf';
import { seedDemoContent } from '../../src/seed/seed';
import { exportIssue } from '../../src/broadsheet/export';
import { paragraphStarts } from '../helpers/paragraphs';
import { makeIssue } from '../../src/seed/generate-issue';
import { normaliseName } from '../../src/newsroom/names';

// 对开, the demo publication's format: 390 × 545 mm, in points.
const SHEET = { width: (390 * 72) / 25.4, height: (545 * 72) / 25.4 };
let t: TestStrapi;
let browser: Browser;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-e2e-'));
// A run never rewrites tracked files: the README's screenshot is replaced only on request.
const SCREENSHOT =
  process.env.UPDATE_DOC_SCREENSHOTS === '1' ? path.join(APP_DIR, 'docs', 'screenshots', 'broadsheet-page.png') : path.join(tmp, 'broadsheet-page.png');
const squash = (s: string) => s.replace(/\s+/g, '');

const printToPdf = (site: string, name: string) => print(browser, path.join(site, 'print.html'), path.join(tmp, `${name}.pdf`));

beforeAll(async () => {
  t = await startStrapi();
  await seedDemoContent(t.strapi);
  browser = await launchChromium();
}, 180000);
afterAll(async () => {
  await browser?.close();
  await t?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('print.html in Chromium', () => {
  it('prints the demo issue on one 对开 sheet with every headline, byline, caption, credit and paragraph', async () => {
    const site = path.join(tmp, 'demo');
    await exportIssue(t.strapi, { issue: 12, outDir: site, cacheDir: path.join(tmp, 'cache') });
    const pdf = await printToPdf(site, 'demo');
    const pages = pdfPages(pdf);
    expect(pages.length).toBe(1); // the demo 版 was printed on one page, and is again
    for (const p of pages) {
      expect(Math.abs(p.width - SHEET.width)).toBeLessThan(2);
      expect(Math.abs(p.height - SHEET.height)).toBeLessThan(2);
    }
    const text = squash(pdfText(pdf));
    const demo = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'data/demo/demo-issue.json'), 'utf8'));
    const missing: string[] = [];
    const want = (s: string) => {
      if (!text.includes(squash(s))) missing.push(s);
    };
    for (const a of demo.issue.pages[0].articles) {
      want(a.headline);
      for (const b of a.bylines) for (const n of b.names) want(normaliseName(n));
      for (const ph of a.photos ?? []) {
        want(ph.caption.slice(0, 20));
        want(`${ph.creditRole}${ph.credit}摄`);
      }
      for (const start of paragraphStarts(a.body, 10)) want(start);
      if (a.source) want(`来源：${a.source}`);
      if (a.authorNote) want(a.authorNote);
    }
    want('编辑/王芳');
    want('版式/任宝红');
    want('审校/刘军');
    want('昌吉党建（示例）第12期'); // the folio line
    expect(missing).toEqual([]);
  });

  it('prints every 版 on exactly one sheet of its own', async () => {
    const publication = (await t.strapi.documents('api::publication.publication').findFirst({})).documentId;
    await makeIssue(t.strapi, { number: 30, pages: 3, articlesPerPage: 2, bodyParagraphs: 3, publication });
    const site = path.join(tmp, 'three');
    await exportIssue(t.strapi, { issue: 30, outDir: site, cacheDir: path.join(tmp, 'cache') });
    const pdf = await printToPdf(site, 'three');
    const count = pdfPages(pdf).length;
    expect(count).toBe(3);
    // Each sheet's folio reads `第N版` followed by the page name (版名…); headlines also say 第N版, so match the folio.
    const folios = Array.from({ length: count }, (_, i) => squash(pdfText(pdf, i + 1)).match(/第(\d+)版版名/)?.[1] ?? null);
    const firstSheetOf = (n: number) => folios.indexOf(String(n)) + 1;
    const sheets = [1, 2, 3].map(firstSheetOf);
    expect(sheets).toEqual([1, 2, 3]);
  });

  it('shows an exported page as a reader sees it (screenshot for the README)', async () => {
    // The whole 对开 sheet (390 mm ≈ 1474 px) in the window, at a scale that keeps the PNG small.
    const page = await browser.newPage({ viewport: { width: 1540, height: 2160 }, deviceScaleFactor: 0.6 });
    await page.goto(`file://${path.join(tmp, 'demo', 'pages', '3.html')}`, { waitUntil: 'load' });
    const headline = await page.locator('h2.headline').first().boundingBox();
    expect(headline!.width).toBeGreaterThan(100);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    // A laptop window narrower than the sheet gets the whole sheet, zoomed, without scrolling sideways.
    for (const width of [1400, 1280, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    }
    // Phones and a small tablet: the 版 reads top to bottom, every paragraph of every article
    // visible, link headlines look like links, nothing wider than the screen.
    for (const width of [360, 390, 768]) {
      await page.setViewportSize({ width, height: 844 });
      await page.goto(`file://${path.join(tmp, 'demo', 'pages', '3.html')}`, { waitUntil: 'load' });
      const onPhone = await page.evaluate(() => {
        const paragraphs = [...document.querySelectorAll('.sheet .body p')].map((p) => {
          const r = p.getBoundingClientRect();
          const body = p.closest('.body')!.getBoundingClientRect();
          return { text: (p.textContent ?? '').slice(0, 12), h: r.height, inside: r.bottom <= body.bottom + 1 && r.right <= window.innerWidth + 1 };
        });
        const links = [...document.querySelectorAll('.sheet .headline a')].map((a) => getComputedStyle(a).textDecorationLine);
        const tops = [...document.querySelectorAll('.sheet .placement')].map((p) => p.getBoundingClientRect().top);
        return { paragraphs, links, tops, overflow: document.documentElement.scrollWidth - window.innerWidth };
      });
      expect(onPhone.paragraphs.length).toBeGreaterThan(10);
      expect({ width, hidden: onPhone.paragraphs.filter((p) => !(p.h > 0 && p.inside)) }).toEqual({ width, hidden: [] });
      expect(onPhone.links.length).toBeGreaterThan(0);
      expect(onPhone.links.every((d) => d.includes('underline'))).toBe(true);
      expect(onPhone.tops).toEqual([...onPhone.tops].sort((a, b) => a - b));
      expect({ width, overflow: onPhone.overflow > 0 }).toEqual({ width, overflow: false });
    }
    await page.setViewportSize({ width: 390, height: 844 });
    const phone = path.join(tmp, 'demo', 'articles');
    await page.goto(`file://${path.join(phone, fs.readdirSync(phone)[0])}`);
    const reading = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      hidden: [...document.querySelectorAll('article .body p')].filter((p) => p.getBoundingClientRect().height === 0).length,
      paragraphs: document.querySelectorAll('article .body p').length,
    }));
    expect(reading.overflow).toBeLessThanOrEqual(0); // the reading view fits a phone
    expect(reading.paragraphs).toBeGreaterThan(0);
    expect(reading.hidden).toBe(0);
    await page.close();
    console.log(`screenshot: ${SCREENSHOT}`);
  });
});
