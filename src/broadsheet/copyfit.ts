import fs from 'fs';
import { pathToFileURL } from 'url';
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

/** Headless Chromium with no background traffic (newsroom machines may have no network); the e2e tests launch theirs with this too. */
export async function launchChromium(executablePath: string) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

type Browser = Awaited<ReturnType<typeof launchChromium>>;

/**
 * A browser started ahead of need and shared by every measurement of a run: the
 * CLI starts it before Strapi boots, so its launch (a second or so) runs on the
 * other core meanwhile. A launch that fails is kept, not thrown, until a
 * measurement asks for the browser; close() is safe either way.
 */
export type ChromiumSession = { executablePath: string; browser: () => Promise<Browser>; close: () => Promise<void> };

export function startChromium(executablePath: string): ChromiumSession {
  const launching = launchChromium(executablePath);
  launching.catch(() => {}); // reported by the measurement that asks for it
  return {
    executablePath,
    browser: () => launching,
    close: async () => {
      const browser = await launching.catch(() => null);
      await browser?.close();
    },
  };
}

/**
 * Measures every placement of a print.html (true size) in headless Chromium: in
 * the session's browser when given one (which stays open), else in a browser
 * launched for this measurement.
 */
export async function measureSite(printHtml: string, chromium: string | ChromiumSession): Promise<PlacementFit[]> {
  const owned = typeof chromium === 'string' ? startChromium(chromium) : null;
  const session = owned ?? (chromium as ChromiumSession);
  try {
    const browser = await session.browser();
    // Wide enough that no phone layout applies; the sheets keep their size in mm whatever the window.
    const page = await browser.newPage({ viewport: { width: 1800, height: 1200 } });
    try {
      await page.goto(pathToFileURL(printHtml).href, { waitUntil: 'load' });
      await page.addScriptTag({ content: copyfitScript() });
      return (await page.evaluate('window.banmianCopyfit.run()')) as PlacementFit[];
    } finally {
      await page.close();
    }
  } finally {
    await owned?.close();
  }
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
