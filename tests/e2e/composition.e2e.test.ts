import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser } from 'playwright-core';
import { startStrapi, APP_DIR, type TestStrapi } from '../helpers/strapi';
import { launchChromium } from '../helpers/browser';
import { importOcrFile } from '../../src/ocr-import/import';
import { parseOcrFile } from '../../src/ocr-import/import';
import { exportIssue } from '../../src/broadsheet/export';
import { isOverset } from '../../src/broadsheet/copyfit';
import { paragraphStarts } from '../helpers/paragraphs';
import { PAGE_FORMATS } from '../../src/broadsheet/page-formats';
import { runScript } from '../helpers/cli';
import { pdfPages, pdfText, printToPdf as print } from '../helpers/pdf';

/**
 * 版面 composition in real Chromium: each fixture page (OCR of a real printed 版),
 * imported and laid out automatically in the demo format (对开), prints on exactly
 * one sheet of that format with all its text, nothing overset and no empty module; its A3 proof is
 * one A3 sheet; the same page with one article doubled reports that article
 * overset by what the browser shows, and `--strict` fails the export.
 */

const MM_TO_PT = 72 / 25.4;
const A3 = { width: 297 * MM_TO_PT, height: 420 * MM_TO_PT };
const SHEET = { width: PAGE_FORMATS.broadsheet.paper.width * MM_TO_PT, height: PAGE_FORMATS.broadsheet.paper.height * MM_TO_PT };
const FIXTURES = ['baishan-hegang', 'dianjiang-jiangjin', 'manas-hutubi-changji'];

let t: TestStrapi;
let browser: Browser;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-compose-'));
// A run never rewrites tracked files: the README's screenshot is replaced only on request.
const SCREENSHOT =
  process.env.UPDATE_DOC_SCREENSHOTS === '1' ? path.join(APP_DIR, 'docs', 'screenshots', 'broadsheet-sheet.png') : path.join(tmp, 'broadsheet-sheet.png');
const squash = (s: string) => s.replace(/\s+/g, '');
const fixture = (name: string) => fs.readFileSync(path.join(APP_DIR, 'tests', 'fixtures', 'ocr-pages', `${name}.txt`));

const printToPdf = (html: string, name: string) => print(browser, html, path.join(tmp, `${name}.pdf`));

beforeAll(async () => {
  t = await startStrapi();
  await t.strapi.documents('api::publication.publication').create({ data: { name: '党建专刊', slug: 'dangjian', pageFormat: 'broadsheet' } as any });
  browser = await launchChromium();
}, 180000);
afterAll(async () => {
  await browser?.close();
  await t?.stop();
  if (process.env.KEEP_TEST_FILES === '1') console.log(`kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each(FIXTURES.map((name, i) => [name, 60 + i] as const))('fixture page %s', (name, issue) => {
  let site: string;

  it('is laid out automatically and fits: nothing overset, measured in Chromium', async () => {
    await importOcrFile(t.strapi, fixture(name), `${name}.txt`, { issue, date: '2024-10-11' });
    site = path.join(tmp, name);
    const summary = await exportIssue(t.strapi, { issue, drafts: true, outDir: site, cacheDir: path.join(tmp, 'cache'), copyfit: true });
    expect(summary.fitMethod).toBe('measured');
    const parsed = parseOcrFile(fixture(name), `${name}.txt`);
    expect(summary.fits!.length).toBe(parsed.pages.flatMap((p) => p.articles).length);
    expect(summary.fits!.filter(isOverset)).toEqual([]);
    // The page has no holes: no module of the grid is left without a block (欠版 the sheet would print).
    expect(summary.holes).toEqual([]);
  });

  it('prints one sheet per 版 at the format size with every headline, byline, caption and paragraph start', async () => {
    const pdf = await printToPdf(path.join(site, 'print.html'), name);
    const parsed = parseOcrFile(fixture(name), `${name}.txt`);
    const sheets = pdfPages(pdf);
    expect(sheets.length).toBe(parsed.pages.length);
    for (const s of sheets) {
      expect(Math.abs(s.width - SHEET.width)).toBeLessThan(2);
      expect(Math.abs(s.height - SHEET.height)).toBeLessThan(2);
    }
    const text = squash(pdfText(pdf));
    const missing: string[] = [];
    const want = (s: string | null | undefined) => {
      if (s && !text.includes(squash(s))) missing.push(s);
    };
    for (const a of parsed.pages.flatMap((p) => p.articles)) {
      want(a.headline);
      for (const b of a.bylines) for (const n of b.names) want(n);
      for (const ph of a.photos) want(ph.caption?.slice(0, 12));
      for (const start of paragraphStarts(a.body, 8)) want(start);
    }
    expect(missing).toEqual([]);
  });

  it('proofs each 版 on one A3 sheet (--proof a3)', async () => {
    const proof = path.join(tmp, `${name}-proof`);
    await exportIssue(t.strapi, { issue, drafts: true, outDir: proof, cacheDir: path.join(tmp, 'cache'), proof: 'a3' });
    const sheets = pdfPages(await printToPdf(path.join(proof, 'print.html'), `${name}-proof`));
    expect(sheets.length).toBe(parseOcrFile(fixture(name), `${name}.txt`).pages.length);
    for (const s of sheets) {
      expect(Math.abs(s.width - A3.width)).toBeLessThan(2);
      expect(Math.abs(s.height - A3.height)).toBeLessThan(2);
    }
    if (name === 'manas-hutubi-changji') {
      // The README's picture of an exported 版: the A3 proof, as the newsroom prints it.
      const context = await browser.newContext({ viewport: { width: 1130, height: 1600 }, deviceScaleFactor: 0.6 });
      const tab = await context.newPage();
      await tab.goto(`file://${path.join(proof, 'print.html')}`, { waitUntil: 'load' });
      await tab.evaluate(() => document.fonts.ready);
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await tab.locator('.proof-frame').first().screenshot({ path: SCREENSHOT });
      await context.close();
      expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(50_000);
    }
  });
});

describe('an article doubled in length', () => {
  const issue = 70;
  let site: string;
  let headline: string;

  it('is reported overset by what the browser shows (within 10%)', async () => {
    // A byte more than the fixture, so the importer does not take it for the file it already imported.
    await importOcrFile(t.strapi, Buffer.concat([fixture('dianjiang-jiangjin'), Buffer.from('\n')]), 'doubled.txt', { issue, date: '2024-10-18' });
    const { documentId: issueId } = (await t.strapi.documents('api::issue.issue').findFirst({ filters: { number: issue }, status: 'draft' }))!;
    const page: any = await t.strapi.documents('api::page.page').findFirst({
      filters: { issue: { documentId: issueId } },
      status: 'draft',
      populate: { placements: { populate: { article: true } } },
    });
    const article = [...page.placements].sort((a: any, b: any) => a.order - b.order)[1].article;
    headline = article.headline;
    await t.strapi.documents('api::article.article').update({ documentId: article.documentId, data: { body: `${article.body}\n\n${article.body}` } as any });

    site = path.join(tmp, 'doubled');
    const summary = await exportIssue(t.strapi, { issue, drafts: true, outDir: site, cacheDir: path.join(tmp, 'cache'), copyfit: true });
    const overset = summary.fits!.filter(isOverset);
    expect(overset.map((f) => f.headline)).toEqual([headline]);
    const reported = overset[0];

    // The truth, measured independently: the same text set in one column of the same width,
    // unconstrained; its lines beyond what the rectangle's columns hold are the overset.
    const tab = await browser.newPage({ viewport: { width: 1800, height: 1200 } });
    await tab.goto(`file://${path.join(site, 'print.html')}`, { waitUntil: 'load' });
    await tab.evaluate(() => document.fonts.ready);
    const truth = await tab.evaluate((order) => {
      const body = document.querySelector(`.placement[data-order="${order}"] .body`) as HTMLElement;
      const cs = getComputedStyle(body);
      const columns = Number(cs.columnCount);
      const line = parseFloat(cs.lineHeight);
      const capacity = columns * Math.floor(body.clientHeight / line + 0.01);
      const column = (body.getBoundingClientRect().width - (columns - 1) * parseFloat(cs.columnGap)) / columns;
      const copy = body.cloneNode(true) as HTMLElement;
      Object.assign(copy.style, { columnCount: '1', height: 'auto', width: `${column}px`, flex: 'none', overflow: 'visible' });
      body.parentElement!.appendChild(copy);
      const lines = Math.round(copy.getBoundingClientRect().height / line);
      copy.remove();
      return { capacity, lines, over: lines - capacity };
    }, reported.order);
    await tab.close();
    expect(truth.over).toBeGreaterThan(10);
    expect(Math.abs(reported.overLines - truth.over)).toBeLessThanOrEqual(Math.ceil(truth.over * 0.1));
    // Characters: the text past the rectangle is about its lines' worth.
    expect(Math.abs(reported.overChars - truth.over * reported.charsPerLine)).toBeLessThanOrEqual(Math.ceil(truth.over * reported.charsPerLine * 0.1));
  });

  it('fails the export with --strict, naming the article, and passes without', async () => {
    const out = path.join(tmp, 'strict');
    const strict = await runScript('export.js', ['--issue', String(issue), '--drafts', '--strict', '--out', out]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('copyfit (measured in Chromium)');
    expect(strict.stdout).toContain(`1 article(s) overset (超版): 第1版 ${headline}`);
    expect(strict.stdout).toMatch(/超版 \d+ 行 约 \d+ 字/);
    const lenient = await runScript('export.js', ['--issue', String(issue), '--drafts', '--out', out]);
    expect(lenient.code).toBe(0);
  });

  it('estimates the fit from character counts when there is no Chromium, and says so', async () => {
    const out = path.join(tmp, 'estimate');
    const run = await runScript('export.js', ['--issue', String(issue), '--drafts', '--out', out], { CHROMIUM_PATH: path.join(tmp, 'no-such-browser') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('copyfit (estimated)');
    expect(run.stdout).toContain('no Chromium found');
    expect(run.stdout).toContain(`第1版 ${headline}`);
    // A browser that does not start costs the measurement, not the export.
    const broken = await runScript('export.js', ['--issue', String(issue), '--drafts', '--out', out], { CHROMIUM_PATH: '/bin/false' });
    expect(broken.code).toBe(0);
    expect(broken.stdout).toContain('copyfit (estimated)');
    expect(broken.stdout).toMatch(/Chromium at \/bin\/false failed \(.+\): fit estimated/);
  });
});
