#!/usr/bin/env node
// npm run import -- [--publication <slug>] [--issue <number>] [--date <YYYY-MM-DD>]
//                    [--encoding <name>] [--dry-run] [--json] <file.txt|.html|.pdf|.docx>…
// A page's OCR text, saved web page, PDF or Word manuscript → draft content. With --dry-run --json: exactly one JSON document
// on stdout for one file, nothing written, and Strapi is not started.
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
// Compiles src/ to dist/ only when the sources changed (build-stamp.js); what it prints goes to stderr, stdout stays the answer.
const { compiledAppQuietly, loadStrapi, shutdown } = require('./load-strapi');

const USAGE =
  'usage: npm run import -- [--publication <slug>] [--issue <number>] [--date YYYY-MM-DD] [--encoding <name>] [--dry-run] [--json] <file.txt|.html|.pdf|.docx>…';
const cwd = process.env.INIT_CWD || process.cwd();

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      publication: { type: 'string' },
      issue: { type: 'string' },
      date: { type: 'string' },
      encoding: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!positionals.length) throw new Error(`no file given\n${USAGE}`);
  if (values.issue !== undefined && !/^\d+$/.test(values.issue)) throw new Error('--issue must be a positive whole number');
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new Error('--date must be YYYY-MM-DD');
  if (values.json && !values['dry-run']) throw new Error('--json goes with --dry-run');
  if (values.json && positionals.length !== 1) throw new Error('--dry-run --json takes exactly one file');
  return { ...values, issue: values.issue ? Number(values.issue) : undefined, files: positionals.map((f) => path.resolve(cwd, f)) };
}

function readFile(file) {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new Error(`${file}: cannot read (${error.code || error.message})`);
  }
}

async function dryRun(opts) {
  const { distDir } = await compiledAppQuietly();
  // In this process (it is its own): nothing else waits on its event loop. The limits are the server's.
  // .txt, .html, .pdf and .docx: one reader per format, then the one parser (src/import-formats/read.ts).
  const { readImportFile } = require(path.join(distDir, 'src', 'import-formats', 'read'));
  const { importLimits } = require(path.join(distDir, 'src', 'ocr-import', 'limits'));
  // The dry run shows the 审校 checker's findings on what was read.
  const { withFindings } = require(path.join(distDir, 'src', 'proofreading', 'import-findings'));
  const { defaultLists } = require(path.join(distDir, 'src', 'proofreading', 'load-lists'));
  for (const file of opts.files) {
    const result = withFindings(await readImportFile(readFile(file), path.relative(cwd, file) || file, opts.encoding, [], importLimits()), defaultLists());
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      const articles = result.pages.flatMap((p) => p.articles);
      console.log(`${result.file}: ${result.pages.length} page(s), ${articles.length} article(s), ${result.warnings.length} warning(s)`);
      for (const a of articles)
        console.log(
          `  ${a.column ? `[${a.column}] ` : ''}${a.headline} — ${a.bylines.map((b) => `${b.role ?? ''}${b.names.join(' ')}`).join('；') || '（无署名）'}`,
        );
      for (const w of result.warnings) console.log(`  line ${w.line}: ${w.message}`);
      const findings = articles.flatMap((a) => a.findings.map((f) => ({ ...f, headline: a.headline })));
      if (findings.length) console.log(`  审校: ${findings.length} finding(s)`);
      for (const f of findings)
        console.log(`    《${f.headline}》${f.field} ${f.rule}: 「${f.text}」${f.suggestion !== undefined ? ` → 「${f.suggestion}」` : ''} ${f.message}`);
    }
  }
}

async function write(opts) {
  const cliProgress = require('cli-progress');
  const strapi = await loadStrapi({ env: { BANMIAN_DEMO_CONTENT: 'false' } });
  const { importOcrFile } = require(path.join(strapi.dirs.dist.src, 'ocr-import', 'import'));
  const bar =
    opts.files.length > 1
      ? new cliProgress.SingleBar(
          { format: 'import [{bar}] {value}/{total} {file}', noTTYOutput: true, notTTYSchedule: 2000 },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(opts.files.length, 0, { file: '' });
  const summaries = [];
  let failed = 0;
  try {
    for (const [i, file] of opts.files.entries()) {
      const name = path.relative(cwd, file) || file;
      try {
        summaries.push(await importOcrFile(strapi, readFile(file), name, opts));
      } catch (error) {
        failed += 1;
        summaries.push({ file: name, error: error.message });
      }
      bar?.update(i + 1, { file: name });
    }
  } finally {
    bar?.stop();
    await shutdown(strapi);
  }
  for (const s of summaries) {
    if (s.error) {
      console.error(`✗ ${s.error}`);
      continue;
    }
    console.log(
      `✓ ${s.file}: ${s.status} — 第${s.issue}期, ${s.pages} page(s), ${s.articles} draft article(s), ${s.contributors} new contributor(s), ${s.warnings} warning(s)`,
    );
    // An earlier import of the file that died was undone except what editors had worked on since.
    for (const k of s.kept ?? [])
      console.log(`  kept from the undone import: ${k.label} (${k.reason === 'edited' ? 'edited since' : 'holds or is held by kept work'})`);
  }
  if (failed) process.exitCode = 1;
}

(async () => {
  let opts;
  try {
    opts = options();
  } catch (error) {
    console.error(`import: ${error.message}`);
    process.exit(2);
  }
  try {
    await (opts['dry-run'] ? dryRun(opts) : write(opts));
  } catch (error) {
    console.error(`import failed: ${error.message}`);
    process.exitCode = 1;
  }
})();
