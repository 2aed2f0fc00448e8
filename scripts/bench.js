#!/usr/bin/env node
// npm run bench — the tree and Strapi's stock populate=*, with the response cache
// off and on (and 304 revalidation), against a plain Node http server answering the
// same bytes, measured in one run on loopback: requests/s, p50/p99 latency, server
// CPU ms per request, SQL queries per request, server RSS.
const { fork } = require('child_process');
const os = require('os');
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

async function load(url, headers = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  // Every answer must be of the class asked for: 200, or 304 for a revalidation.
  const expected = headers['if-none-match'] ? result['3xx'] : result['2xx'];
  if (result.errors || result['4xx'] || result['5xx'] || expected === 0)
    throw new Error(`${url}: ${result.errors} errors, ${result['4xx']} 4xx, ${result['5xx']} 5xx`);
  return result;
}

// The servers run the build as `npm start` does: compiled once here, not by each server
// (the TypeScript compiler would stay in the server's memory and inflate its RSS).
const startServer = (cache) =>
  fork(path.join(__dirname, 'bench-server.js'), [JSON.stringify(SHAPE)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, RESPONSE_CACHE: cache ? 'true' : 'false', REDIS_URL: '', BANMIAN_DIST_READY: '1' },
  });

/** Loads `path` on `child`'s server and reads its CPU time and RSS around the run. */
async function measure(child, base, name, path, headers = {}, queries = null) {
  const cpu0 = (await ask(child, { type: 'cpu' }, 'cpu')).micros;
  const res = await load(base + path, headers);
  const cpu1 = (await ask(child, { type: 'cpu' }, 'cpu')).micros;
  const rss = (await ask(child, { type: 'rss' }, 'rss')).rss;
  const requests = res.requests.total;
  return { name, rps: res.requests.average, p50: res.latency.p50, p99: res.latency.p99, cpu: (cpu1 - cpu0) / 1000 / requests, queries, rss };
}

(async () => {
  await require('@strapi/strapi').compileStrapi({ appDir: path.resolve(__dirname, '..') });
  const rows = [];
  // 1. banmian with the response cache off: every request builds its answer.
  const cold = startServer(false);
  {
    const { port, issue } = await ask(cold, null, 'ready');
    const base = `http://127.0.0.1:${port}`;
    const tree = `/api/issues/${issue}/tree`;
    const stock = '/api/articles?populate=*&pagination[pageSize]=48';
    for (const [name, p] of [
      ['tree, cache off', tree],
      ['stock populate=*, cache off', stock],
    ]) {
      const counted = await ask(cold, { type: 'count', path: p }, 'count');
      if (counted.status !== 200) throw new Error(`${p} answered ${counted.status}`);
      rows.push(await measure(cold, base, name, p, {}, counted.queries));
    }
    cold.send({ type: 'stop' });
  }
  // 2. banmian with the cache: answers from memory, and 304 to a client that has the answer.
  const warm = startServer(true);
  let body;
  {
    const { port, issue } = await ask(warm, null, 'ready');
    const base = `http://127.0.0.1:${port}`;
    const tree = `/api/issues/${issue}/tree`;
    const stock = '/api/articles?populate=*&pagination[pageSize]=48';
    const first = await fetch(base + tree);
    body = await first.text();
    const etag = first.headers.get('etag');
    await fetch(base + stock).then((r) => r.arrayBuffer());
    rows.push(await measure(warm, base, 'tree, cached', tree, {}, 0));
    rows.push(await measure(warm, base, 'tree, If-None-Match (304)', tree, { 'if-none-match': etag }, 0));
    rows.push(await measure(warm, base, 'stock populate=*, cached', stock, {}, 0));
    warm.send({ type: 'stop' });
  }
  // 3. The ceiling: a plain Node http server answering the same tree bytes from memory.
  const plain = fork(path.join(__dirname, 'bench-plain-server.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  plain.send({ body });
  {
    const { port } = await ask(plain, null, 'ready');
    rows.push(await measure(plain, `http://127.0.0.1:${port}`, 'plain Node http, same bytes', '/', {}, 0));
    plain.send({ type: 'stop' });
  }

  const mb = (b) => (b / 1024 / 1024).toFixed(0);
  console.log(
    `\nbanmian bench — issue of ${SHAPE.pages} pages × ${SHAPE.articlesPerPage} articles (tree ${(Buffer.byteLength(body) / 1024).toFixed(0)} KiB), ${CONNECTIONS} connections × ${DURATION}s each, SQLite, Node ${process.version}, ${os.cpus().length} cores\n`,
  );
  console.log('| endpoint | req/s | p50 ms | p99 ms | CPU ms/req | SQL queries/req | server RSS MiB |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.cpu.toFixed(2)} | ${r.queries} | ${mb(r.rss)} |`);
  const by = (n) => rows.find((r) => r.name === n);
  const plainRps = by('plain Node http, same bytes').rps;
  console.log(
    `\nratios: cached tree / plain server ${(by('tree, cached').rps / plainRps).toFixed(2)} (goal ≥ 0.50); ` +
      `304 / plain ${(by('tree, If-None-Match (304)').rps / plainRps).toFixed(2)}; ` +
      `uncached tree / 28 req/s (before this work) ${(by('tree, cache off').rps / 28).toFixed(1)}× (goal ≥ 4×); ` +
      `cached / uncached tree ${(by('tree, cached').rps / by('tree, cache off').rps).toFixed(1)}×`,
  );
  console.log(`largest server RSS ${mb(Math.max(...rows.filter((r) => !r.name.startsWith('plain')).map((r) => r.rss)))} MiB (goal ≤ 500)`);
})().catch((error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});
