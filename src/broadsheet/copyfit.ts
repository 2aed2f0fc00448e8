import fs from 'fs';
import os from 'os';
import { pathToFileURL } from 'url';
import { FitCache, sheetKeys } from './fit-cache';
import type { SiteView } from './view-model';
import { copyfitScript } from './render';
import { ems } from './copyfit-estimate';
import { holesOf, undersetOf, type PageHole, type Underset } from './underset';

/**
 * Copyfit of an exported issue: every placement's text against its rectangle,
 * measured in headless Chromium where the page is laid out (assets/copyfit.js on
 * the site's print.html), or, without a browser, estimated from character counts
 * and the grid (copyfit-estimate.ts, already in the view model). The thin edge
 * that launches the browser; the table is pure.
 */

export type PlacementFit = {
  page: number;
  order: number;
  headline: string;
  rect: number[];
  capacityLines: number;
  textLines: number;
  /** > 0: overset (超版) by this many lines / characters; < 0: room left (欠版). */
  overLines: number;
  overChars: number;
  charsPerLine: number;
  method: 'measured' | 'estimate';
  /** Underset (欠版, white the sheet will print): room left of at least a line per text column; null when the text fills the block. */
  underset: Underset | null;
  /** The 版's grid, [columns, rows], so the holes (modules no block covers) can be found from the results (underset.ts holesOf). */
  grid: number[];
};

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The browser copyfit measures in: CHROMIUM_PATH, else Debian's or Google's usual place (as the e2e tests find it); null when there is none. */
export function findChromium(env = process.env): string | null {
  if (env.CHROMIUM_PATH) return fs.existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

let launches = 0;
/** Browsers this process has launched (for the tests and the bench: a run starts one). */
export const chromiumLaunches = () => launches;

/** Headless Chromium with no background traffic (newsroom machines may have no network); the e2e tests launch theirs with this too. */
export async function launchChromium(executablePath: string) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  launches += 1;
  return browser;
}

type Browser = Awaited<ReturnType<typeof launchChromium>>;

/**
 * A browser started ahead of need and shared by every measurement of a run: the
 * CLI starts it before Strapi boots, so its launch (a second or so) runs on the
 * other core meanwhile. A launch that fails is kept, not thrown, until a
 * measurement asks for the browser; close() is safe either way.
 */
export type ChromiumSession = { executablePath: string; browser: () => Promise<Browser>; close: () => Promise<void> };

export function startChromium(executablePath: string, { lazy = false } = {}): ChromiumSession {
  let launching: Promise<Browser> | null = null;
  const launch = () => {
    if (!launching) {
      launching = launchChromium(executablePath);
      launching.catch(() => {}); // reported by the measurement that asks for it
    }
    return launching;
  };
  // Lazy: launched by the first measurement that needs it (a run whose 版 are all cached starts none).
  if (!lazy) launch();
  return {
    executablePath,
    browser: launch,
    close: async () => {
      const browser = await launching?.catch(() => null);
      await browser?.close();
    },
  };
}

export type FitOptions = {
  /** The cache of measured 版 (fit-cache.ts); null measures every 版. */
  cacheDir?: string | null;
  /** Browser contexts measuring at once (default: the machine's cores). */
  parallel?: number;
};

export type SitesFit = {
  /** Each print.html's fits, in the order given, 版 by 版. */
  fits: PlacementFit[][];
  /** 版 measured in the browser, and 版 whose fit was found in the cache. */
  measured: number;
  reused: number;
};

type Job = { site: number; printHtml: string; pages: number[] };

/**
 * Measures every placement of each print.html (true size) in headless Chromium,
 * in one browser: the session's when given one (which stays open), else one
 * launched for this call, and only if some 版 is not in the cache. The 版 to
 * measure are shared out among `parallel` browser contexts (one site each, or a
 * single site's 版 split between them), each loading its print.html and measuring
 * only its own 版 (a sheet has a fixed size: the others do not move its text).
 */
export async function measureSites(printHtmls: string[], chromium: string | ChromiumSession, options: FitOptions = {}): Promise<SitesFit> {
  const owned = typeof chromium === 'string' ? startChromium(chromium, { lazy: true }) : null;
  const session = owned ?? (chromium as ChromiumSession);
  const cache = options.cacheDir ? new FitCache(options.cacheDir) : null;
  const parallel = Math.max(1, options.parallel ?? os.availableParallelism());
  const script = copyfitScript();
  const found = new Map<string, PlacementFit[]>(); // `${site}:${page}`
  const keys = new Map<string, string>();
  const todo: { site: number; printHtml: string; pages: number[] }[] = [];
  let reused = 0;
  for (const [site, printHtml] of printHtmls.entries()) {
    const missing: number[] = [];
    for (const { page, key } of sheetKeys(printHtml, session.executablePath, script)) {
      const hit = cache?.get(key);
      keys.set(`${site}:${page}`, key);
      if (hit) {
        found.set(`${site}:${page}`, hit);
        reused += 1;
      } else missing.push(page);
    }
    if (missing.length) todo.push({ site, printHtml, pages: missing });
  }
  const jobs: Job[] =
    todo.length >= parallel
      ? todo
      : todo.flatMap((t) => {
          const n = Math.min(t.pages.length, Math.ceil(parallel / todo.length));
          const size = Math.ceil(t.pages.length / n);
          return Array.from({ length: Math.ceil(t.pages.length / size) }, (_, i) => ({ ...t, pages: t.pages.slice(i * size, (i + 1) * size) }));
        });
  try {
    if (jobs.length) {
      const browser = await session.browser();
      let next = 0;
      const worker = async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          const fits = await measureJob(browser, job, script);
          for (const page of job.pages) {
            const own = fits.filter((f) => f.page === page);
            found.set(`${job.site}:${page}`, own);
            cache?.set(keys.get(`${job.site}:${page}`)!, own);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, worker));
    }
  } finally {
    await owned?.close();
  }
  const fits = printHtmls.map((_, site) =>
    [...found.entries()]
      .filter(([k]) => k.startsWith(`${site}:`))
      .sort(([a], [b]) => Number(a.split(':')[1]) - Number(b.split(':')[1]))
      .flatMap(([, f]) => f),
  );
  return { fits, measured: jobs.reduce((n, j) => n + j.pages.length, 0), reused };
}

/** One context: the print.html loaded, the 版 not asked for removed, the rest measured. */
async function measureJob(browser: Browser, job: Job, script: string): Promise<PlacementFit[]> {
  // Wide enough that no phone layout applies; the sheets keep their size in mm whatever the window.
  const context = await browser.newContext({ viewport: { width: 1800, height: 1200 } });
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(job.printHtml).href, { waitUntil: 'load' });
    const keep = JSON.stringify(job.pages);
    await page.evaluate(`document.querySelectorAll('.sheet').forEach((s) => { if (!${keep}.includes(Number(s.getAttribute('data-page')))) s.remove(); })`);
    await page.addScriptTag({ content: script });
    return (await page.evaluate('window.banmianCopyfit.run()')) as PlacementFit[];
  } finally {
    await context.close();
  }
}

/** One print.html's fits (measureSites for a single site). */
export async function measureSite(printHtml: string, chromium: string | ChromiumSession, options: FitOptions = {}) {
  const { fits, measured, reused } = await measureSites([printHtml], chromium, options);
  return { fits: fits[0], measured, reused };
}

/** The view model's own estimate, for when no browser is at hand. */
export function estimatedFits(view: SiteView): PlacementFit[] {
  return view.pages.flatMap((page) =>
    page.placements.map((pl) => ({
      page: page.number,
      order: pl.order,
      headline: pl.article.headline,
      rect: [pl.rect.col, pl.rect.colSpan, pl.rect.row, pl.rect.rowSpan],
      ...pl.fit,
      underset: undersetOf(pl.fit, pl.rect.colSpan, page.linesPerModule),
      grid: [view.format.columns, view.format.rows],
    })),
  );
}

export const isOverset = (f: Pick<PlacementFit, 'overLines' | 'overChars'>) => f.overLines > 0 || f.overChars > 0;
export const isUnderset = (f: Pick<PlacementFit, 'underset'>) => Boolean(f.underset);

/** What the CLI says under the tables: overset articles, underset articles, holes; and which of them fail `--strict` / `--strict-underset`. */
export function fitSummary(fits: PlacementFit[]) {
  const name = (f: PlacementFit) => `第${f.page}版 ${f.headline}`;
  const overset = fits.filter(isOverset);
  const underset = fits.filter(isUnderset);
  const holes: PageHole[] = holesOf(fits);
  const lines = [
    overset.length ? `${overset.length} article(s) overset (超版): ${overset.map(name).join('; ')}` : 'no article is overset',
    underset.length
      ? `${underset.length} article(s) underset (欠版): ${underset.map((f) => `${name(f)}（欠 ${f.underset!.lines} 行，约 ${f.underset!.modules} 模块）`).join('; ')}`
      : 'no article is underset',
    holes.length ? `${holes.length} hole(s) (空白): ${holes.map(holeText).join('; ')}` : 'no hole: every module of the grid is covered',
  ];
  return { overset, underset, holes, lines };
}

/** A hole as the table and the panels say it: 第1版 第7栏第18行起 2栏×3行（6 模块）. */
export const holeText = (h: PageHole) => `第${h.page}版 第${h.rect[0]}栏第${h.rect[2]}行起 ${h.rect[1]}栏×${h.rect[3]}行（${h.modules} 模块）`;

// Terminal columns: a CJK character takes two, as it takes one em where a Latin letter takes half.
const width = (s: string) => 2 * ems(s);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const cut = (s: string, n: number) => {
  let out = '';
  for (const ch of s) {
    if (width(out + ch) > n - 1) return `${out}…`;
    out += ch;
  }
  return out;
};

/** The fit of each article, one table per 版: article, space (rectangle and lines), text, over/under; then the 版's holes. */
export function fitTable(fits: PlacementFit[]): string {
  const out: string[] = [];
  const pages = [...new Set(fits.map((f) => f.page))].sort((a, b) => a - b);
  for (const page of pages) {
    const rows = fits.filter((f) => f.page === page).sort((a, b) => a.order - b.order);
    out.push(`第${page}版`);
    out.push(`  ${pad('稿件', 34)} ${pad('位置 栏×行', 14)} ${pad('容量', 8)} ${pad('正文', 8)} 超版/欠版`);
    for (const f of rows) {
      const [col, colSpan, row, rowSpan] = f.rect;
      const verdict =
        f.overLines > 0 || f.overChars > 0
          ? `超版 ${Math.max(f.overLines, 0)} 行 约 ${Math.max(f.overChars, 0)} 字`
          : f.underset
            ? `欠版 ${f.underset.lines} 行 约 ${-f.overChars} 字（约 ${f.underset.modules} 模块空白）`
            : `欠 ${-f.overLines} 行 约 ${-f.overChars} 字`;
      out.push(
        `  ${pad(cut(f.headline, 34), 34)} ${pad(`${col},${row} ${colSpan}×${rowSpan}`, 14)} ${pad(`${f.capacityLines} 行`, 8)} ${pad(`${f.textLines} 行`, 8)} ${verdict}`,
      );
    }
    for (const h of holesOf(rows)) {
      const [col, colSpan, row, rowSpan] = h.rect;
      out.push(`  ${pad('（空白：无稿件）', 34)} ${pad(`${col},${row} ${colSpan}×${rowSpan}`, 14)} ${pad('', 8)} ${pad('', 8)} 空白 ${h.modules} 模块`);
    }
  }
  return out.join('\n');
}
