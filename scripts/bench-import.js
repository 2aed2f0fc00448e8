#!/usr/bin/env node
// npm run bench:import — first, the parser's growth: 1, 2, 4 and 8 MB of each shape
// that once froze the server (issue 19: spaces, bylines, short paragraphs, column lines,
// a real-page mix, an editor's splits), seconds, MB/s and the growth per doubling
// (linear: 2×); then the parsing speed (dry run, MB/s) over a generated corpus of at
// least 20 MB built from the real OCR fixtures, and the time to write 100 imported
// pages into a throw-away SQLite database; also the reading speed of each file format
// (.txt, .html, .pdf, .docx: the format fixtures, read and parsed as the server does, MB/s
// and pages/s). `-- --shapes` runs the first part only, `-- --formats` the formats only.
const fs = require('fs');
const path = require('path');
const cliProgress = require('cli-progress');
const { compiledApp, loadThrowawayStrapi } = require('./load-strapi');

const CORPUS_MB = Number(process.env.BENCH_CORPUS_MB || 20);
const PAGES = Number(process.env.BENCH_PAGES || 100);
const FIXTURES = path.join(__dirname, '..', 'tests', 'fixtures', 'ocr-pages');
const SHAPE_SIZES_MB = (process.env.BENCH_SHAPE_MB || '1,2,4,8').split(',').map(Number);
const MB = 1024 * 1024;

const fill = (unit, bytes) => unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
/** Each shape: bytes → [file text, edits]. */
function shapes(fixtures) {
  const mix = fixtures.join('\n');
  return {
    'spaces (one line, then lines of them)': (b) => [`# 标题${' '.repeat(b / 2)}正文\n${fill(' '.repeat(60) + '\n', b / 2)}正文一句。`, []],
    bylines: (b) => [`党建引领基层治理\n${fill('□本报通讯员 胡伟杰 吴琛\n', b)}`, []],
    'short paragraphs': (b) => [`党建引领基层治理\n□本报记者 王芳\n\n${fill('短段落一句。\n\n', b)}`, []],
    'column lines (all joined)': (b) => [`党建引领基层治理\n□本报记者 王芳\n${fill('街道把党支部建在网格上，社区\n党委打造党群服务阵地的\n', b)}`, []],
    'real pages (the fixtures)': (b) => [fill(mix + '\n', b), []],
    '1,000 split edits': (b) => {
      const paragraphs = Math.ceil(b / 20);
      const step = Math.floor(paragraphs / 1000);
      return [
        `# 党建引领基层治理\n□本报记者 王芳\n\n${'短段落一句。\n\n'.repeat(paragraphs)}`,
        Array.from({ length: 1000 }, (_, i) => ({ op: 'split', page: 0, article: i, paragraph: step - 1 })),
      ];
    },
  };
}

/** Parses each shape at each size (no size limit: 8 MB is over the server's 5 MB) and prints the table. */
function benchShapes(parseOcrFile, fixtures) {
  console.log(`\nbanmian bench:import — the parser's growth (decode, rules, cleanup, edits, no-loss check), Node ${process.version}\n`);
  console.log(`| shape | ${SHAPE_SIZES_MB.map((m) => `${m} MB`).join(' | ')} | growth per doubling |`);
  console.log(`| --- | ${SHAPE_SIZES_MB.map(() => '---:').join(' | ')} | ---: |`);
  for (const [name, make] of Object.entries(shapes(fixtures))) {
    const seconds = SHAPE_SIZES_MB.map((mb) => {
      const [text, edits] = make(mb * MB);
      const bytes = Buffer.from(text);
      const t0 = process.hrtime.bigint();
      parseOcrFile(bytes, 'shape.txt', undefined, edits, { maxBytes: Infinity, maxEdits: Infinity });
      return { s: Number(process.hrtime.bigint() - t0) / 1e9, mb: bytes.length / MB };
    });
    const growth = seconds.slice(1).map((x, i) => (x.s / seconds[i].s).toFixed(2));
    console.log(`| ${name} | ${seconds.map((x) => `${x.s.toFixed(2)} s, ${(x.mb / x.s).toFixed(2)} MB/s`).join(' | ')} | ${growth.join(', ')} |`);
  }
}

const FORMAT_FILES = [
  ['txt', path.join(FIXTURES, 'manas-hutubi-changji.txt')],
  ['html', path.join(__dirname, '..', 'tests', 'fixtures', 'import-formats', 'epaper-article.html')],
  ['pdf', path.join(__dirname, '..', 'tests', 'fixtures', 'import-formats', 'broadsheet-print.pdf')],
  ['docx', path.join(__dirname, '..', 'tests', 'fixtures', 'import-formats', 'manuscript.docx')],
];

/** Each format's fixture read and parsed again and again for about two seconds (after one warm-up run), in this process. */
async function benchFormats(readImportFile) {
  console.log(`\nbanmian bench:import — reading each file format (its reader, then the parser and the no-loss check), Node ${process.version}\n`);
  console.log('| format | file | size | runs | MB/s | pages/s |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const [format, file] of FORMAT_FILES) {
    const bytes = fs.readFileSync(file);
    const name = path.basename(file);
    await readImportFile(bytes, name);
    let runs = 0;
    const t0 = process.hrtime.bigint();
    let seconds = 0;
    while (seconds < 2 || runs < 3) {
      await readImportFile(bytes, name);
      runs += 1;
      seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    }
    const kb = bytes.length / 1024;
    console.log(
      `| ${format} | ${name} | ${kb.toFixed(0)} KB | ${runs} | ${((bytes.length / MB) * (runs / seconds)).toFixed(2)} | ${(runs / seconds).toFixed(1)} |`,
    );
  }
}

(async () => {
  const fixtures = fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
  // The parser alone needs no Strapi: the compiled module, parsing in this process.
  const { distDir } = await compiledApp();
  const formatsOnly = process.argv.includes('--formats');
  if (!formatsOnly) benchShapes(require(path.join(distDir, 'src', 'ocr-import', 'read-file')).parseOcrFile, fixtures);
  if (!process.argv.includes('--shapes')) await benchFormats(require(path.join(distDir, 'src', 'import-formats', 'read')).readImportFile);
  if (process.argv.includes('--shapes') || formatsOnly) return;
  const { strapi, dispose } = await loadThrowawayStrapi('bench-import');
  try {
    const { parseOcrFile, importOcrFile } = require(path.join(strapi.dirs.dist.src, 'ocr-import', 'import'));
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
