#!/usr/bin/env node
// npm run bench:export — an archive of 2,000 text-only articles (50 issues × 8 pages ×
// 5 articles) on a throw-away SQLite file, exported twice: the first export, then a
// re-export with nothing changed. Prints pages/s for each and the peak RSS.
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
    const { exportIssue } = require(path.join(strapi.dirs.dist.src, 'broadsheet', 'export'));
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
    const peak = process.resourceUsage().maxRSS / 1024; // KiB → MiB

    console.log(
      `\nbanmian bench:export — ${ISSUES} issues × ${PAGES} pages × ${ARTICLES} articles (${ISSUES * PAGES * ARTICLES} articles, text only), SQLite, Node ${process.version}\n`,
    );
    console.log('| run | seconds | pages/s | files written |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(`| first export | ${first.seconds.toFixed(2)} | ${(pages / first.seconds).toFixed(1)} | ${first.written} |`);
    console.log(`| re-export, nothing changed | ${again.seconds.toFixed(2)} | ${(pages / again.seconds).toFixed(1)} | ${again.written} |`);
    console.log(`\nre-export speed-up: ${(first.seconds / again.seconds).toFixed(1)}×; peak RSS ${peak.toFixed(0)} MiB`);
  } finally {
    await dispose();
  }
})().catch((error) => {
  console.error(`bench:export failed: ${error.stack || error.message}`);
  process.exit(1);
});
