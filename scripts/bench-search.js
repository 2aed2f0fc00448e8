#!/usr/bin/env node
// npm run bench:search — search (src/search/) over a 10,000-article archive (BENCH_SEARCH_ARTICLES)
// on SQLite (FTS5) and, when TEST_PG_URL names a server whose user may CREATE DATABASE, on
// PostgreSQL (tsvector + GIN), each on a throw-away database: the time to write the archive
// (bulk inserts, not 10k requests), to build the index (`npm run search:reindex`'s rebuild),
// the index's size on disk, and the latency p50/p99 of searches for 2-, 3- and 4+-character
// words, a name, a zh-Hant query and a filtered query (in process: the SQL and the highlights,
// no HTTP). Each database runs in a child process of its own. `npm run bench` runs it too.
const { fork } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ARTICLES = Number(process.env.BENCH_SEARCH_ARTICLES || 10000);
const RUNS = Number(process.env.BENCH_SEARCH_RUNS || 100);
const FIXTURES = path.join(__dirname, '..', 'tests', 'fixtures', 'ocr-pages');
const QUERIES = [
  ['2 characters', { q: '人才' }],
  ['3 characters', { q: '新时代' }],
  ['4+ characters (listed word)', { q: '全面从严治党' }],
  ['a name', { q: '袁雪英' }],
  ['zh-Hant', { q: '黨建引領' }],
  ['two words + date range', { q: '党建 乡村', from: '2020-01-01', to: '2022-12-31' }],
  ['no match', { q: '不存在之词' }],
];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

/** Paragraphs of the real OCR fixture pages, the archive's text. */
function paragraphs() {
  return fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8').split('\n'))
    .map((l) => l.trim())
    .filter((l) => l.length >= 20);
}

/** A deterministic archive: headline, body of 4–10 paragraphs, a date over five years; 1 in 100 carries a name. */
function* archive(n) {
  const pool = paragraphs();
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = () => pool[Math.floor(rand() * pool.length)];
  for (let i = 0; i < n; i += 1) {
    const body = Array.from({ length: 4 + Math.floor(rand() * 7) }, pick);
    if (i % 100 === 0) body.push('本报记者 袁雪英 报道。');
    const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 5 * 365) * 86400000).toISOString();
    yield { headline: pick().slice(0, 24), body: body.join('\n\n'), day };
  }
}

async function child(db) {
  const { compiledApp, loadStrapi, loadThrowawayStrapi, shutdown } = require('./load-strapi');
  const { distDir } = await compiledApp();
  let strapi;
  let dispose;
  if (db === 'postgres') {
    const { Client } = require('pg');
    const name = `banmian_bench_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
    const admin = new Client({ connectionString: process.env.TEST_PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.TEST_PG_URL);
    url.pathname = `/${name}`;
    strapi = await loadStrapi({ env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString(), BANMIAN_DEMO_CONTENT: 'false', LOG_LEVEL: 'error' } });
    dispose = async () => {
      await shutdown(strapi);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    ({ strapi, dispose } = await loadThrowawayStrapi('search'));
  }
  try {
    const { searchServiceOf } = require(path.join(distDir, 'src', 'search'));
    const { parseSearchParams } = require(path.join(distDir, 'src', 'search', 'params'));
    const service = searchServiceOf(strapi);
    const t0 = Date.now();
    // Bulk rows: each article published (a draft row and a published row, as Strapi keeps them).
    let batch = [];
    const flush = async () => {
      if (batch.length) await strapi.db.query('api::article.article').createMany({ data: batch });
      batch = [];
    };
    let n = 0;
    for (const a of archive(ARTICLES)) {
      const documentId = crypto.randomBytes(12).toString('hex');
      const slug = `bench-${(n += 1)}`;
      const row = { documentId, locale: 'zh-Hans', headline: a.headline, body: a.body, slug, createdAt: a.day, updatedAt: a.day };
      batch.push({ ...row, publishedAt: null }, { ...row, publishedAt: a.day });
      if (batch.length >= 500) await flush();
    }
    await flush();
    const generated = Date.now() - t0;
    const t1 = Date.now();
    const built = await service.rebuild();
    const indexed = Date.now() - t1;
    const bytes = await service.store.size(strapi.db.connection);
    const results = [];
    for (const [label, query] of QUERIES) {
      const parsed = parseSearchParams(query);
      const times = [];
      let total = 0;
      for (let r = 0; r < RUNS + 5; r += 1) {
        const s = process.hrtime.bigint();
        const answer = await service.search(parsed.params);
        if (r >= 5) times.push(Number(process.hrtime.bigint() - s) / 1e6);
        total = answer.meta.pagination.total;
      }
      results.push({ label, q: query.q, total, p50: pct(times, 50), p99: pct(times, 99) });
    }
    return { db, articles: built.articles, rows: built.rows, generated, indexed, bytes, results };
  } finally {
    await dispose();
  }
}

function runChild(db) {
  return new Promise((resolve, reject) => {
    const c = fork(__filename, ['--child', db], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    c.on('message', (m) => (m.error ? reject(new Error(m.error)) : resolve(m)));
    c.on('exit', (code) => code && reject(new Error(`bench:search (${db}) exited with ${code}`)));
  });
}

function print(r) {
  console.log(
    `\n${r.db}: ${r.articles} articles (${r.rows} index rows), archive written in ${(r.generated / 1000).toFixed(1)} s, index built in ${(r.indexed / 1000).toFixed(1)} s, index ${(r.bytes / 1024 / 1024).toFixed(1)} MB\n`,
  );
  console.log('| query | q | hits | p50 ms | p99 ms |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  for (const x of r.results) console.log(`| ${x.label} | ${x.q} | ${x.total} | ${x.p50.toFixed(1)} | ${x.p99.toFixed(1)} |`);
}

async function benchSearch() {
  console.log(`\nbanmian bench:search — ${ARTICLES} published articles, ${RUNS} runs per query, Node ${process.version}`);
  print(await runChild('sqlite'));
  if (process.env.TEST_PG_URL) print(await runChild('postgres'));
  else console.log('\n(PostgreSQL skipped: set TEST_PG_URL to a server whose user may CREATE DATABASE)');
}

if (process.argv[2] === '--child') {
  child(process.argv[3]).then(
    (r) => process.send(r, () => process.exit(0)),
    (e) => process.send({ error: e.stack || e.message }, () => process.exit(1)),
  );
} else if (require.main === module) {
  benchSearch().catch((e) => {
    console.error(`bench:search failed: ${e.message}`);
    process.exitCode = 1;
  });
}

module.exports = { benchSearch };
