#!/usr/bin/env node
// npm run bench:export — an archive of 2,000 text-only articles (50 issues × 8 pages ×
// 5 articles) on a throw-away SQLite file, exported twice: the first export, then a
// re-export with nothing changed. Then page composition on the same 400 pages: laying
// them out (view model: automatic layout and estimated fit) and checking every
// article's fit in headless Chromium as `npm run export` does (one browser for the run, 版 measured in parallel contexts, kept by layout fingerprint so the re-export measures none),
// with the share of export time that takes. Prints pages/s for each and the peak RSS.
// First (alone with `--cli`), the command line against Chromium: the demo issue
// exported by `node scripts/export.js` (whole process, fit check included) beside
// Chromium alone printing that issue's print.html to PDF, and the export once more
// with dist/'s stamp removed, so it compiles first as every run did before.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const cliProgress = require('cli-progress');
const { loadThrowawayStrapi } = require('./load-strapi');
const { STAMP } = require('./build-stamp');

const ISSUES = Number(process.env.BENCH_ISSUES || 50);
const PAGES = 8;
const ARTICLES = 5;

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
// GNU time reports the peak RSS of the largest process a command runs (Node, or one of Chromium's).
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs a command to its end: wall seconds (start to exit, as a user waits) and peak RSS in MiB (null without GNU time). */
function timed(command, args, { env = process.env, cwd = ROOT } = {}) {
  const rssFile = path.join(os.tmpdir(), `banmian-bench-rss-${process.pid}-${Date.now()}`);
  const [cmd, argv] = GNU_TIME ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let rss = null;
      if (GNU_TIME) {
        rss = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
        fs.rmSync(rssFile, { force: true });
      }
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${out}`));
      else resolve({ seconds, rss, out });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The demo issue (第12期, one 版, two photos) from the command line against Chromium
 * alone printing the same print.html, in rounds that take turns, so the machine's
 * load falls on all alike. "Chromium alone" twice: its own `--print-to-pdf` (no
 * Node at all) and playwright's page.pdf in a fresh browser (launch to PDF, inside
 * this process); the faster of the two is the one the export is held against.
 */
async function cliAgainstChromium() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-bench-cli-'));
  fs.mkdirSync(path.join(tmp, 'public', 'uploads'), { recursive: true });
  const env = {
    ...process.env,
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(tmp, 'demo.db'),
    PUBLIC_DIR: path.join(tmp, 'public'),
    LOG_LEVEL: 'error',
  };
  delete env.BANMIAN_DIST_READY; // each export checks dist/ as a user's run does
  try {
    // Compiles dist/ first when the sources changed, so the timed exports find it fresh, as a newsroom's weekly run does.
    await timed(process.execPath, [path.join(__dirname, 'seed.js')], { env });
    const { findChromium, launchChromium } = require(path.join(ROOT, 'dist', 'src', 'broadsheet', 'copyfit'));
    const chromium = findChromium();
    if (!chromium) return console.log('\nCLI against Chromium: no Chromium found (CHROMIUM_PATH)');
    const rounds = [];
    for (let i = 1; i <= ROUNDS; i += 1) {
      const out = path.join(tmp, `export-${i}`);
      const cli = await timed(process.execPath, [path.join(__dirname, 'export.js'), '--issue', '12', '--out', out], { env });
      if (!cli.out.includes('copyfit (measured in Chromium)')) throw new Error(`the export did not measure the fit in Chromium:\n${cli.out}`);
      const printHtml = pathToFileURL(path.join(out, 'print.html')).href;
      const own = await timed(chromium, [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--no-pdf-header-footer',
        `--print-to-pdf=${path.join(tmp, `own-${i}.pdf`)}`,
        printHtml,
      ]);
      const started = process.hrtime.bigint();
      const browser = await launchChromium(chromium);
      const page = await browser.newPage();
      await page.goto(printHtml, { waitUntil: 'load' });
      await page.pdf({ path: path.join(tmp, `playwright-${i}.pdf`), preferCSSPageSize: true, printBackground: true });
      await browser.close();
      const playwright = Number(process.hrtime.bigint() - started) / 1e9;
      rounds.push({ cli, own, playwright, resized: Number(cli.out.match(/\((\d+) resized\)/)?.[1] ?? 0) });
    }
    // As every run was before dist/ carried its sources' stamp: the same export compiling the app first.
    fs.rmSync(path.join(ROOT, 'dist', STAMP), { force: true });
    const compiling = await timed(process.execPath, [path.join(__dirname, 'export.js'), '--issue', '12', '--out', path.join(tmp, 'export-compiling')], { env });
    if (!compiling.out.includes('compiling the app')) throw new Error(`the export did not compile:\n${compiling.out}`);
    const cli = median(rounds.map((r) => r.cli.seconds));
    const own = median(rounds.map((r) => r.own.seconds));
    const playwright = median(rounds.map((r) => r.playwright));
    const alone = Math.min(own, playwright);
    const mib = (xs) => (xs.some((x) => x === null) ? '–' : median(xs).toFixed(0));
    console.log(`\nbanmian bench:export — the demo issue 第12期 (1 版, 4 articles, 2 photos) from the command line, median of ${ROUNDS} rounds\n`);
    console.log('| run | seconds | peak RSS MiB |');
    console.log('| --- | ---: | ---: |');
    console.log(`| \`node scripts/export.js --issue 12\`, whole process, fit checked in Chromium | ${cli.toFixed(2)} | ${mib(rounds.map((r) => r.cli.rss))} |`);
    console.log(
      `| the same export when the sources changed (compiles the app first, as every run did before) | ${compiling.seconds.toFixed(2)} | ${mib([compiling.rss])} |`,
    );
    console.log(`| Chromium alone: \`chromium --headless --print-to-pdf\` of its print.html | ${own.toFixed(2)} | ${mib(rounds.map((r) => r.own.rss))} |`);
    console.log(`| Chromium alone: playwright page.pdf in a fresh browser (launch to PDF) | ${playwright.toFixed(2)} | – |`);
    console.log(
      `\nexport / Chromium alone (the faster, ${alone === own ? '--print-to-pdf' : 'page.pdf'}): ${(cli / alone).toFixed(2)}× (goal ≤ 4×); each round's export: ${rounds
        .map((r) => `${r.cli.seconds.toFixed(2)} s (${r.resized} photo files resized)`)
        .join(', ')}`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

(async () => {
  // --archive: only the archive part (the command line against Chromium is the slow, separate half).
  if (!process.argv.includes('--archive')) await cliAgainstChromium();
  if (process.argv.includes('--cli')) return;
  const { strapi, tmp, dispose } = await loadThrowawayStrapi('bench-export');
  try {
    const { makeIssue } = require(path.join(strapi.dirs.dist.src, 'seed', 'generate-issue'));
    const { exportIssue, loadExportTree } = require(path.join(strapi.dirs.dist.src, 'broadsheet', 'export'));
    const { siteView } = require(path.join(strapi.dirs.dist.src, 'broadsheet', 'view-model'));
    const { measureSites, startChromium, chromiumLaunches, findChromium, isOverset } = require(path.join(strapi.dirs.dist.src, 'broadsheet', 'copyfit'));
    const bar = new cliProgress.SingleBar(
      { format: '{task} [{bar}] {value}/{total}', noTTYOutput: true, notTTYSchedule: 5000 },
      cliProgress.Presets.shades_classic,
    );

    bar.start(ISSUES, 0, { task: 'generating' });
    const publication = (await strapi.documents('api::publication.publication').create({ data: { name: '基准测试报' } })).documentId;
    for (let i = 1; i <= ISSUES; i += 1) {
      await makeIssue(strapi, { number: i, pages: PAGES, articlesPerPage: ARTICLES, bodyParagraphs: 8, publication });
      bar.update(i);
    }
    bar.stop();

    const out = path.join(tmp, 'exports');
    const fitCache = path.join(tmp, 'copyfit-cache');
    const chromium = findChromium();
    const run = async (task, fit = null) => {
      bar.start(ISSUES, 0, { task });
      const started = process.hrtime.bigint();
      let written = 0;
      let measured = 0;
      let reused = 0;
      for (let i = 1; i <= ISSUES; i += 1) {
        const s = await exportIssue(strapi, {
          issue: i,
          outDir: path.join(out, String(i)),
          cacheDir: path.join(tmp, 'cache'),
          ...(fit ? { copyfit: true, chromium: fit, fitCacheDir: fitCache } : {}),
        });
        written += s.written;
        measured += s.fitMeasured ?? 0;
        reused += s.fitReused ?? 0;
        bar.update(i);
      }
      bar.stop();
      return { seconds: Number(process.hrtime.bigint() - started) / 1e9, written, measured, reused };
    };
    const first = await run('first export');
    const again = await run('re-export');
    const pages = ISSUES * PAGES;

    // Composition: the layout of 400 pages (trees loaded first, not timed), then the fit measured in Chromium.
    const trees = [];
    for (let i = 1; i <= ISSUES; i += 1) trees.push(await loadExportTree(strapi, { issue: i }));
    let started = process.hrtime.bigint();
    for (const tree of trees) siteView(tree, new Map());
    const layoutSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    let fit = null;
    let againFit = null;
    if (chromium) {
      // One browser for the whole archive, 版 measured in parallel contexts (one per core), nothing cached yet.
      const launched = chromiumLaunches();
      const session = startChromium(chromium, { lazy: true });
      started = process.hrtime.bigint();
      const sites = Array.from({ length: ISSUES }, (_, i) => path.join(out, String(i + 1), 'print.html'));
      const measuredSites = await measureSites(sites, session, { cacheDir: fitCache });
      const all = measuredSites.fits.flat();
      fit = {
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        placements: all.length,
        overset: all.filter(isOverset).length,
        measured: measuredSites.measured,
        parallel: os.availableParallelism(),
      };
      // The re-export again, now with the fit check, as `npm run export` does: every 版 found in the cache.
      againFit = await run('re-export + fit', session);
      await session.close();
      fit.launches = chromiumLaunches() - launched;
    }
    const peak = process.resourceUsage().maxRSS / 1024; // KiB → MiB

    console.log(
      `\nbanmian bench:export — ${ISSUES} issues × ${PAGES} pages × ${ARTICLES} articles (${ISSUES * PAGES * ARTICLES} articles, text only), SQLite, Node ${process.version}\n`,
    );
    console.log('| run | seconds | pages/s | files written |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(`| first export | ${first.seconds.toFixed(2)} | ${(pages / first.seconds).toFixed(1)} | ${first.written} |`);
    console.log(`| re-export, nothing changed | ${again.seconds.toFixed(2)} | ${(pages / again.seconds).toFixed(1)} | ${again.written} |`);
    console.log(`| lay out ${pages} pages (automatic layout + estimated fit) | ${layoutSeconds.toFixed(2)} | ${(pages / layoutSeconds).toFixed(1)} | – |`);
    if (fit) {
      console.log(
        `| check the fit of ${pages} pages in Chromium (${fit.placements} articles, ${fit.overset} overset; ${fit.measured} 版 measured in ${fit.parallel} contexts) | ${fit.seconds.toFixed(2)} | ${(pages / fit.seconds).toFixed(1)} | – |`,
      );
      console.log(
        `| re-export, nothing changed, fit checked (${againFit.reused} 版 unchanged since measured, ${againFit.measured} measured) | ${againFit.seconds.toFixed(2)} | ${(pages / againFit.seconds).toFixed(1)} | ${againFit.written} |`,
      );
    } else console.log('| check the fit in Chromium | – | – | no Chromium found (CHROMIUM_PATH) |');
    console.log(`\nre-export speed-up: ${(first.seconds / again.seconds).toFixed(1)}×; peak RSS ${peak.toFixed(0)} MiB`);
    if (fit)
      console.log(
        `fit check / first export: ${(fit.seconds / first.seconds).toFixed(2)}× (goal ≤ 3×); Chromium launched ${fit.launches} time(s) for the fit check and the re-export together (goal 1)`,
      );
    // The layout runs inside every export (the view model); the fit check follows it.
    const share = (n) => `${((100 * n) / (first.seconds + (fit ? fit.seconds : 0))).toFixed(0)}%`;
    console.log(`share of export time (first export + fit check): layout ${share(layoutSeconds)}${fit ? `, fit check in Chromium ${share(fit.seconds)}` : ''}`);
  } finally {
    await dispose();
  }
})().catch((error) => {
  console.error(`bench:export failed: ${error.stack || error.message}`);
  process.exit(1);
});
