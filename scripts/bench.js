#!/usr/bin/env node
// npm run bench — the tree endpoint against Strapi's stock populate=*, measured in
// one run on loopback: requests/s, p50/p99 latency, SQL queries per request, server RSS.
const { fork } = require('child_process');
const path = require('path');
const autocannon = require('autocannon');

const SHAPE = { pages: 8, articlesPerPage: 6 };
const DURATION = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10);

function ask(child, msg, type) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m.type === type) {
        child.off('message', on);
        resolve(m);
      }
    };
    child.on('message', on);
    if (msg) child.send(msg);
  });
}

async function load(url) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

(async () => {
  const child = fork(path.join(__dirname, 'bench-server.js'), [JSON.stringify(SHAPE)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port, issue } = await ask(child, null, 'ready');
  const base = `http://127.0.0.1:${port}`;
  const routes = [
    { name: `tree (GET /api/issues/:id/tree)`, path: `/api/issues/${issue}/tree` },
    { name: 'stock (GET /api/articles?populate=*)', path: '/api/articles?populate=*&pagination[pageSize]=48' },
  ];
  const rows = [];
  const idleRss = (await ask(child, { type: 'rss' }, 'rss')).rss;
  for (const r of routes) {
    const counted = await ask(child, { type: 'count', path: r.path }, 'count');
    if (counted.status !== 200) throw new Error(`${r.path} answered ${counted.status}`);
    const res = await load(base + r.path);
    const rss = (await ask(child, { type: 'rss' }, 'rss')).rss;
    rows.push({
      name: r.name,
      rps: res.requests.average,
      p50: res.latency.p50,
      p99: res.latency.p99,
      queries: counted.queries,
      kb: res.throughput.average / res.requests.average / 1024,
      rss,
    });
  }
  child.send({ type: 'stop' });

  const mb = (b) => (b / 1024 / 1024).toFixed(0);
  console.log(
    `\nbanmian bench — issue of ${SHAPE.pages} pages × ${SHAPE.articlesPerPage} articles, ${CONNECTIONS} connections × ${DURATION}s each, SQLite, Node ${process.version}\n`,
  );
  console.log('| endpoint | req/s | p50 ms | p99 ms | SQL queries/req | KiB/response | server RSS MiB |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.queries} | ${r.kb.toFixed(0)} | ${mb(r.rss)} |`);
  const [tree, stock] = rows;
  console.log(
    `\nratios: tree/stock req/s ${(tree.rps / stock.rps).toFixed(2)}, tree/stock queries ${(tree.queries / stock.queries).toFixed(2)}; server RSS idle ${mb(idleRss)} MiB`,
  );
  console.log('(the stock call returns the 48 articles flat, one level deep; the tree returns them with pages, placements, bylines, columns and photos)');
})().catch((error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});
