#!/usr/bin/env node
// npm run bench:export — an archive of 2,000 text-only articles (50 issues × 8 pages ×
// 5 articles) on a throw-away SQLite file, exported twice: the first export, then a
// re-export with nothing changed. Then page composition on the same 400 pages: laying
// them out (view model: automatic layout and estimated fit) and checking every
// article's fit in headless Chromium as `npm run export` does (one browser per issue),
// with the share of export time that takes. Prints pages/s for each and the peak RSS.
const path = require('path');
const cliProgress = require('cli-progress');
const { loadThrowawayStrapi } = require('./load-strapi');

const ISSUES = Number(process.env.BENCH_ISSUES || 50);
const PAGES = 8;
const ARTICLES = 5;

(async () => {
  const { strapi, tmp, dispose } = await loadThrowawayStrapi('bench-export');
  try {
    const { makeIssue } = require(path.join(strapi.dirs.dist.src, 'seed', 'generate-issue'));
    const { exportIssue, loadExportTree } = require(path.join(strapi.dirs.dist.src, 'broadsheet', 'export'));
    const { siteView } = require(path.join(strapi.dirs.dist.src, 'broadsheet', 'view-model'));
    const { measureSite, findChromium, isOverset } = require(path.join(strapi.dirs.dist.src, 'broadsheet', 'copyfit'));
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
    const run = async (task) => {
      bar.start(ISSUES, 0, { task });
      const started = process.hrtime.bigint();
      let written = 0;
      for (let i = 1; i <= ISSUES; i += 1) {
        const s = await exportIssue(strapi, { issue: i, outDir: path.join(out, String(i)), cacheDir: path.join(tmp, 'cache') });
        written += s.written;
        bar.update(i);
      }
      bar.stop();
      return { seconds: Number(process.hrtime.bigint() - started) / 1e9, written };
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
    const chromium = findChromium();
    let fit = null;
    if (chromium) {
      bar.start(ISSUES, 0, { task: 'copyfit in Chromium' });
      started = process.hrtime.bigint();
      let placements = 0;
      let overset = 0;
      for (let i = 1; i <= ISSUES; i += 1) {
        const fits = await measureSite(path.join(out, String(i), 'print.html'), chromium);
        placements += fits.length;
        overset += fits.filter(isOverset).length;
        bar.update(i);
      }
      bar.stop();
      fit = { seconds: Number(process.hrtime.bigint() - started) / 1e9, placements, overset };
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
    if (fit)
      console.log(
        `| check the fit of ${pages} pages in Chromium (${fit.placements} articles, ${fit.overset} overset) | ${fit.seconds.toFixed(2)} | ${(pages / fit.seconds).toFixed(1)} | – |`,
      );
    else console.log('| check the fit in Chromium | – | – | no Chromium found (CHROMIUM_PATH) |');
    console.log(`\nre-export speed-up: ${(first.seconds / again.seconds).toFixed(1)}×; peak RSS ${peak.toFixed(0)} MiB`);
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
