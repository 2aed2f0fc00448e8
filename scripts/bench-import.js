#!/usr/bin/env node
// npm run bench:import — parsing speed (dry run, MB/s) over a generated corpus of at
// least 20 MB built from the real OCR fixtures, and the time to write 100 imported
// pages into a throw-away SQLite database.
const fs = require('fs');
const path = require('path');
const cliProgress = require('cli-progress');
const { loadThrowawayStrapi } = require('./load-strapi');

const CORPUS_MB = Number(process.env.BENCH_CORPUS_MB || 20);
const PAGES = Number(process.env.BENCH_PAGES || 100);
const FIXTURES = path.join(__dirname, '..', 'tests', 'fixtures', 'ocr-pages');

(async () => {
  const { strapi, dispose } = await loadThrowawayStrapi('bench-import');
  try {
    const { parseOcrFile, importOcrFile } = require(path.join(strapi.dirs.dist.src, 'ocr-import', 'import'));
    const fixtures = fs
      .readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
    // Each generated page is a real fixture with its numbers changed, so no two pages are alike.
    const pageText = (n) => fixtures[n % fixtures.length].replace(/\d+/g, (d) => String(Number(d) + n));

    const files = [];
    let bytes = 0;
    for (let n = 0; bytes < CORPUS_MB * 1024 * 1024; n += 1) {
      const b = Buffer.from(pageText(n));
      files.push(b);
      bytes += b.length;
    }
    let articles = 0;
    const t0 = process.hrtime.bigint();
    for (const [i, b] of files.entries()) articles += parseOcrFile(b, `page-${i}.txt`).pages.reduce((s, p) => s + p.articles.length, 0);
    const parseSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

    await strapi.documents('api::publication.publication').create({ data: { name: '基准测试报' } });
    const bar = new cliProgress.SingleBar(
      { format: 'import [{bar}] {value}/{total}', noTTYOutput: true, notTTYSchedule: 5000 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(PAGES, 0);
    const t1 = process.hrtime.bigint();
    let written = 0;
    for (let i = 0; i < PAGES; i += 1) {
      const s = await importOcrFile(strapi, files[i], `page-${i}.txt`, { issue: Math.floor(i / 8) + 1, date: '2024-01-05' });
      written += s.articles;
      bar.update(i + 1);
    }
    bar.stop();
    const writeSeconds = Number(process.hrtime.bigint() - t1) / 1e9;

    console.log(
      `\nbanmian bench:import — ${files.length} generated pages (${(bytes / 1024 / 1024).toFixed(1)} MB) from the OCR fixtures, SQLite, Node ${process.version}\n`,
    );
    console.log('| step | amount | seconds | rate |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(
      `| parse (dry run) | ${(bytes / 1024 / 1024).toFixed(1)} MB, ${articles} articles | ${parseSeconds.toFixed(2)} | ${(bytes / 1024 / 1024 / parseSeconds).toFixed(2)} MB/s |`,
    );
    console.log(`| write drafts | ${PAGES} pages, ${written} articles | ${writeSeconds.toFixed(2)} | ${(PAGES / writeSeconds).toFixed(1)} pages/s |`);
  } finally {
    await dispose();
  }
})().catch((error) => {
  console.error(`bench:import failed: ${error.stack || error.message}`);
  process.exit(1);
});
