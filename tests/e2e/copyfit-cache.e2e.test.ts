import fs from 'fs';
import os from 'os';
import path from 'path';
import { startStrapi, type TestStrapi } from '../helpers/strapi';
import { exportIssue } from '../../src/broadsheet/export';
import { chromiumLaunches, findChromium, isOverset, measureSite, measureSites, startChromium } from '../../src/broadsheet/copyfit';
import { makeIssue } from '../../src/seed/generate-issue';

/**
 * Copyfit in one browser per run, each 版 measured once per layout (src/broadsheet/fit-cache.ts):
 * real Chromium, launches counted where the browser is launched, the cache on disk.
 */
let t: TestStrapi;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-fitcache-'));
const chromium = findChromium()!;
const PAGES = 3;
let issues: Awaited<ReturnType<typeof makeIssue>>[];

beforeAll(async () => {
  t = await startStrapi();
  // Drafts, exported as drafts: an edit shows at once (a published page shows its signed snapshot).
  issues = [
    await makeIssue(t.strapi, { number: 81, pages: PAGES, articlesPerPage: 2, publish: false }),
    await makeIssue(t.strapi, { number: 82, pages: PAGES, articlesPerPage: 2, publish: false }),
  ];
}, 180000);
afterAll(async () => {
  await t?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const site = (n: number) => path.join(tmp, `site-${n}`);
const fitCacheDir = path.join(tmp, 'copyfit');
const exportBoth = async (session: ReturnType<typeof startChromium>) => {
  const out = [];
  for (const n of [81, 82])
    out.push(
      await exportIssue(t.strapi, {
        issue: n,
        drafts: true,
        outDir: site(n),
        cacheDir: path.join(tmp, 'images'),
        copyfit: true,
        chromium: session,
        fitCacheDir,
      }),
    );
  return out;
};

describe('the fit check of a run', () => {
  it('starts one browser for every issue of the run and measures every 版 the first time', async () => {
    const before = chromiumLaunches();
    const session = startChromium(chromium, { lazy: true });
    const summaries = await exportBoth(session);
    await session.close();
    expect(chromiumLaunches() - before).toBe(1);
    expect(summaries.map((s) => [s.fitMethod, s.fitMeasured, s.fitReused])).toEqual([
      ['measured', PAGES, 0],
      ['measured', PAGES, 0],
    ]);
    expect(summaries.map((s) => new Set(s.fits!.map((f) => f.page)).size)).toEqual([PAGES, PAGES]);
  });

  it('measures several sites in one browser, given only its path', async () => {
    const before = chromiumLaunches();
    const both = await measureSites(
      [site(81), site(82)].map((s) => path.join(s, 'print.html')),
      chromium,
      { cacheDir: null, parallel: 2 },
    );
    expect(chromiumLaunches() - before).toBe(1);
    expect(both.measured).toBe(2 * PAGES);
    expect(both.fits.map((f) => f.length)).toEqual([2 * PAGES, 2 * PAGES]);
  });

  it('re-measures nothing when nothing changed, and starts no browser', async () => {
    const before = chromiumLaunches();
    const session = startChromium(chromium, { lazy: true });
    const summaries = await exportBoth(session);
    await session.close();
    expect(chromiumLaunches() - before).toBe(0);
    expect(summaries.map((s) => [s.fitMeasured, s.fitReused])).toEqual([
      [0, PAGES],
      [0, PAGES],
    ]);
  });

  it('re-measures the 版 that changed, only that one, and finds it overset as a measurement without the cache does', async () => {
    const [made] = issues;
    // An article of the first 版 made longer than any sheet holds: overset, and that 版's HTML changed.
    const page: any = await t.strapi.documents('api::page.page').findFirst({
      filters: { issue: { documentId: made.issue.documentId }, number: 1 },
      status: 'draft',
      populate: { placements: { populate: { article: true } } },
    });
    const article = page.placements[0].article;
    const body = Array.from({ length: 1000 }, (_, k) => `第${k + 1}段：党建引领基层治理，三年来成效明显，群众满意度持续提升。`).join('\n\n');
    await t.strapi.documents('api::article.article').update({ documentId: article.documentId, data: { body } as any });
    const session = startChromium(chromium, { lazy: true });
    const [changed, same] = await exportBoth(session);
    await session.close();
    expect([changed.fitMeasured, changed.fitReused]).toEqual([1, PAGES - 1]);
    expect([same.fitMeasured, same.fitReused]).toEqual([0, PAGES]);
    expect(changed.fits!.filter(isOverset).map((f) => [f.page, f.headline])).toEqual([[1, article.headline]]);
    // The cache changes nothing in the results: every 版 measured afresh gives the same fits.
    const fresh = await measureSite(path.join(site(81), 'print.html'), chromium, { cacheDir: null });
    expect(fresh.reused).toBe(0);
    expect(changed.fits).toEqual(fresh.fits);
  });
});
