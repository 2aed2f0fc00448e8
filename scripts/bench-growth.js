#!/usr/bin/env node
// npm run bench:growth — does cost grow with what is asked for, not with the archive?
// On a throw-away SQLite file, the response cache off (every answer computed), in this
// process with Strapi's HTTP server on loopback: the uncached tree of issues of 2, 20,
// 100 and 400 placed articles; REST list pages of an archive of 2,500 then 10,000
// articles (first page and last page); a filter by 栏目 name whose result is the same
// 40 articles in both archives; and the first export of 50, 100 and 200 issues (BENCH_GROWTH_EXPORTS=50,200,400 for the issue's sizes). Each
// figure is the median of BENCH_GROWTH_REPEAT (9) requests after one unmeasured; a table
// with the growth factor per step. The archive is written in bulk (db.query createMany
// and one insert per link table), not through 10,000 HTTP calls.
const os = require('os');
const path = require('path');
const { createId } = require('@paralleldrive/cuid2');
const { loadThrowawayStrapi } = require('./load-strapi');

const REPEAT = Number(process.env.BENCH_GROWTH_REPEAT || 9);
// Sizes per step; `none` skips a part. The issue's export sizes are 50,200,400 (generating 400 issues through the
// Document Service and the sign-off takes many minutes on a shared 2-core machine), so the default stops at 200.
const sizes = (name, fallback) => ((process.env[name] || fallback) === 'none' ? [] : (process.env[name] || fallback).split(',').map(Number));
const TREE_SIZES = sizes('BENCH_GROWTH_TREES', '2,20,100,400');
const ARCHIVES = sizes('BENCH_GROWTH_ARCHIVES', '2500,10000');
const EXPORTS = sizes('BENCH_GROWTH_EXPORTS', '50,100,200');
const PAGE_SIZE = 25;
const FIXED = 40; // the rows the 栏目 filter finds, whatever the archive's size

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

let capturing = null;
/** The SQL one request runs, with SQLite's plan for each statement (BENCH_GROWTH_SQL=1 prints them: where an index is missing shows as SCAN). */
async function plans(strapi, base, p) {
  capturing = [];
  await (await fetch(base + p)).arrayBuffer();
  const queries = capturing;
  capturing = null;
  const out = [];
  for (const q of queries) {
    if (!/^select/i.test(q.sql)) continue;
    const plan = await strapi.db.connection.raw(`explain query plan ${q.sql}`, q.bindings ?? []);
    out.push(`${q.sql}\n  ${plan.map((r) => r.detail).join('\n  ')}`);
  }
  return out;
}

async function timedGet(base, p) {
  const times = [];
  let body;
  for (let i = 0; i <= REPEAT; i += 1) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(base + p);
    body = await res.json();
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    if (i > 0) times.push(ms(t0));
  }
  return { ms: median(times), body };
}

/** Articles in bulk: a draft row and a published row per document, as the Document Service keeps them, each in a 栏目. */
async function addArticles(strapi, { from, count, columnOf }) {
  const uid = 'api::article.article';
  const meta = strapi.db.metadata.get(uid);
  const link = meta.attributes.column.joinTable;
  const now = new Date();
  for (let start = 0; start < count; start += 500) {
    const rows = [];
    const docs = [];
    for (let i = start; i < Math.min(count, start + 500); i += 1) {
      const n = from + i;
      const documentId = createId();
      docs.push({ documentId, column: columnOf(n) });
      const data = {
        documentId,
        headline: `档案稿件 ${n}`,
        slug: `archive-${n}`,
        body: `第${n}篇：党建引领基层治理，3年来成效明显。`,
        source: '人民日报',
        locale: 'zh-Hans',
        createdAt: now,
        updatedAt: now,
      };
      rows.push({ ...data, publishedAt: null }, { ...data, publishedAt: now });
    }
    await strapi.db.query(uid).createMany({ data: rows });
    const ids = await strapi.db
      .connection(meta.tableName)
      .select('id', 'document_id')
      .whereIn(
        'document_id',
        docs.map((d) => d.documentId),
      );
    const columnByDoc = new Map(docs.map((d) => [d.documentId, d.column]));
    const links = ids.map((r) => ({ [link.joinColumn.name]: r.id, [link.inverseJoinColumn.name]: columnByDoc.get(r.document_id) }));
    await strapi.db.connection.batchInsert(link.name, links, 200);
  }
}

const factor = (xs) =>
  xs
    .slice(1)
    .map((x, i) => (x / xs[i]).toFixed(2))
    .join(', ');

(async () => {
  const { strapi, tmp, dispose } = await loadThrowawayStrapi('bench-growth', { NODE_ENV: 'production', RESPONSE_CACHE: 'false', LOG_LEVEL: 'warn' });
  try {
    const { makeIssue } = require(path.join(strapi.dirs.dist.src, 'seed', 'generate-issue'));
    const { exportIssue } = require(path.join(strapi.dirs.dist.src, 'broadsheet', 'export'));
    strapi.server.mount();
    await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
    strapi.db.connection.on('query', (q) => capturing?.push(q));
    const base = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;
    // Generation between measurements takes longer than Node's 5 s keep-alive: a reused socket the server just closed would reset.
    strapi.server.httpServer.keepAliveTimeout = 10 * 60 * 1000;
    const rows = [];
    let started = process.hrtime.bigint();

    // 1. The uncached tree, by the number of placed articles (pages of up to 10 articles).
    const trees = [];
    for (const [i, n] of TREE_SIZES.entries()) {
      const perPage = Math.min(n, 10);
      const made = await makeIssue(strapi, { number: 900 + i, pages: Math.ceil(n / perPage), articlesPerPage: perPage, bodyParagraphs: 4 });
      trees.push((await timedGet(base, `/api/issues/${made.issue.documentId}/tree`)).ms);
    }
    if (trees.length) rows.push([`uncached tree, ${TREE_SIZES.join(' / ')} placed articles`, trees, TREE_SIZES]);
    console.error(`trees: ${(ms(started) / 1000).toFixed(1)} s`);

    // 2. REST list pages and a 栏目 filter, as the archive grows.
    started = process.hrtime.bigint();
    const columns = [];
    for (let c = 0; c < 50; c += 1)
      columns.push(await strapi.db.query('api::column.column').create({ data: { name: `档案栏目${c}`, slug: `archive-column-${c}` } }));
    const fixed = await strapi.db.query('api::column.column').create({ data: { name: '固定栏目', slug: 'fixed-column' } });
    const firstPages = [];
    const lastPages = [];
    const filtered = [];
    let have = 0;
    for (const size of ARCHIVES) {
      // The first FIXED articles of the archive are the fixed 栏目's; the others share 50 columns.
      await addArticles(strapi, { from: have, count: size - have, columnOf: (n) => (n < FIXED ? fixed.id : columns[n % columns.length].id) });
      have = size;
      const list = `/api/articles?fields[0]=headline&pagination[pageSize]=${PAGE_SIZE}`;
      const first = await timedGet(base, `${list}&pagination[page]=1`);
      const pageCount = first.body.meta.pagination.pageCount;
      firstPages.push(first.ms);
      lastPages.push((await timedGet(base, `${list}&pagination[page]=${pageCount}`)).ms);
      const byColumn = await timedGet(
        base,
        `/api/articles?fields[0]=headline&filters[column][name][$eq]=${encodeURIComponent('固定栏目')}&pagination[pageSize]=100`,
      );
      if (byColumn.body.data.length !== FIXED) throw new Error(`the 栏目 filter found ${byColumn.body.data.length} articles, not ${FIXED}`);
      filtered.push(byColumn.ms);
    }
    if (process.env.BENCH_GROWTH_SQL === '1' && ARCHIVES.length) {
      const list = `/api/articles?fields[0]=headline&pagination[pageSize]=${PAGE_SIZE}`;
      for (const p of [
        `${list}&pagination[page]=${Math.ceil(have / PAGE_SIZE)}`,
        `/api/articles?fields[0]=headline&filters[column][name][$eq]=${encodeURIComponent('固定栏目')}`,
      ])
        console.error(`\n${p}\n${(await plans(strapi, base, p)).join('\n')}`);
    }
    if (ARCHIVES.length) {
      rows.push([`REST list, first page of ${PAGE_SIZE}, archive of ${ARCHIVES.join(' / ')}`, firstPages, ARCHIVES]);
      rows.push([`REST list, last page of ${PAGE_SIZE}, archive of ${ARCHIVES.join(' / ')}`, lastPages, ARCHIVES]);
      rows.push([`filter by 栏目 name (${FIXED} rows), archive of ${ARCHIVES.join(' / ')}`, filtered, ARCHIVES.map(() => FIXED)]);
    }
    console.error(`archive: ${(ms(started) / 1000).toFixed(1)} s`);

    // 3. The first export of 50, 200, 400 issues (1 版 of 2 articles each; no fit check).
    started = process.hrtime.bigint();
    const publication = (await strapi.documents('api::publication.publication').create({ data: { name: '增长基准报' } })).documentId;
    const exportTimes = [];
    let issues = 0;
    for (const n of EXPORTS) {
      for (; issues < n; issues += 1) await makeIssue(strapi, { number: issues + 1, pages: 1, articlesPerPage: 2, publication });
      const t0 = process.hrtime.bigint();
      for (let i = 1; i <= n; i += 1)
        await exportIssue(strapi, { issue: i, outDir: path.join(tmp, `exports-${n}`, String(i)), cacheDir: path.join(tmp, 'cache') });
      exportTimes.push(ms(t0));
    }
    if (EXPORTS.length) rows.push([`first export of ${EXPORTS.join(' / ')} issues (1 版 × 2 articles)`, exportTimes, EXPORTS]);
    console.error(`exports: ${(ms(started) / 1000).toFixed(1)} s`);

    console.log(`\nbanmian bench:growth — response cache off, SQLite, median of ${REPEAT} requests, Node ${process.version}, ${os.cpus().length} cores\n`);
    console.log('| what | ms per step | growth per step | size per step |');
    console.log('| --- | --- | --- | --- |');
    for (const [name, xs, sizes] of rows) console.log(`| ${name} | ${xs.map((x) => x.toFixed(1)).join(' / ')} | ${factor(xs)} | ${factor(sizes)} |`);
    console.log(
      `\nlast page / first page at ${ARCHIVES[ARCHIVES.length - 1]} articles: ${(lastPages[lastPages.length - 1] / firstPages[firstPages.length - 1]).toFixed(2)}×`,
    );
  } finally {
    await dispose();
  }
})().catch((error) => {
  console.error(`bench:growth failed: ${String(error.stack || error.message).slice(0, 2000)}${error.cause ? ` (${error.cause.message})` : ''}`);
  process.exit(1);
});
