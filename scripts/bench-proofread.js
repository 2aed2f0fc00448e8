#!/usr/bin/env node
// npm run bench:proofread — the 审校 checker (src/proofreading) over a whole 对开 page of
// about 8,000 characters built from the three real OCR fixture pages: CPU ms per page
// (process.cpuUsage around each run) and characters per second, median of
// BENCH_PROOF_RUNS (25) runs, after one cold run that also compiles the word lists'
// matcher. No Strapi: the checker is pure. `npm run bench` runs this first.
const fs = require('fs');
const path = require('path');

const RUNS = Number(process.env.BENCH_PROOF_RUNS || 25);
const PAGE_CHARACTERS = Number(process.env.BENCH_PROOF_CHARACTERS || 8000);
const FIXTURES = path.join(__dirname, '..', 'tests', 'fixtures', 'ocr-pages');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The fixture pages' paragraphs, in order, until the page holds PAGE_CHARACTERS countable characters. */
function pageText(countCharacters) {
  const paragraphs = fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8').split('\n'));
  const out = [];
  let n = 0;
  for (const p of paragraphs) {
    if (n >= PAGE_CHARACTERS) break;
    out.push(p);
    n += countCharacters(p);
  }
  return out.join('\n');
}

function measure(run) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const findings = run();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / 1000, wall, findings: findings.length };
}

async function benchProofread(distDir) {
  const from = (...p) => require(path.join(distDir, 'src', 'proofreading', ...p));
  const { checkFields, countCharacters } = from('index');
  const { loadLists } = from('load-lists');
  const text = pageText(countCharacters);
  const characters = countCharacters(text);
  const names = ['王芳', '任宝红', '刘军', '郭文治', '李静雯', '胡伟杰', '吴琛', '孟锦'];
  // A fresh lists object: the cold run pays for compiling its matcher, as a server's first check does.
  const lists = loadLists();
  const run = () => checkFields([{ field: 'body', text }], { names, lists });
  const cold = measure(run);
  const warm = Array.from({ length: RUNS }, () => measure(run));
  const cpu = median(warm.map((r) => r.cpu));
  const wall = median(warm.map((r) => r.wall));
  console.log(
    `\nbanmian bench:proofread — one 对开 page from the three OCR fixtures, ${characters} characters (${text.length} UTF-16 units), Node ${process.version}\n`,
  );
  console.log('| run | CPU ms | wall ms | characters/s (CPU) | findings |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  console.log(
    `| first check (lists' matcher compiled) | ${cold.cpu.toFixed(1)} | ${cold.wall.toFixed(1)} | ${Math.round(characters / (cold.cpu / 1000))} | ${cold.findings} |`,
  );
  console.log(`| median of ${RUNS} checks | ${cpu.toFixed(1)} | ${wall.toFixed(1)} | ${Math.round(characters / (cpu / 1000))} | ${warm[0].findings} |`);
  console.log(`\nper page: ${cpu.toFixed(1)} ms CPU (goal: well under 50 ms)`);
  return { characters, cpu, wall, cold };
}

module.exports = { benchProofread };

if (require.main === module) {
  (async () => {
    const { distDir } = await require('./load-strapi').compiledApp();
    await benchProofread(distDir);
  })().catch((error) => {
    console.error(`bench:proofread failed: ${error.message}`);
    process.exit(1);
  });
}
