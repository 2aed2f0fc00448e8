// Child process of scripts/bench.js: boots banmian on a throw-away SQLite file,
// generates an issue, listens on loopback and answers the parent's questions
// (query counts, RSS, CPU time) over IPC, so the load generator does not share its CPU or heap.
const path = require('path');
const { loadThrowawayStrapi } = require('./load-strapi');

(async () => {
  // Strapi's request log on (`http`, as in production unless LOG_LEVEL says otherwise): its cost is part of a miss.
  const { strapi, dispose } = await loadThrowawayStrapi('bench', { NODE_ENV: 'production', LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'http' });
  const { responseCacheOf } = require(path.join(strapi.dirs.dist.src, 'response-cache'));
  const { makeIssue } = require(path.join(strapi.dirs.dist.src, 'seed', 'generate-issue'));
  const { pages, articlesPerPage } = JSON.parse(process.argv[2]);
  const { issue } = await makeIssue(strapi, { number: 1, pages, articlesPerPage, bodyParagraphs: 12 });
  let queries = 0;
  strapi.db.connection.on('query', () => {
    queries += 1;
  });
  strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = strapi.server.httpServer.address();

  process.on('message', async (msg) => {
    if (msg.type === 'count') {
      const before = queries;
      const res = await fetch(`http://127.0.0.1:${port}${msg.path}`);
      await res.arrayBuffer();
      process.send({ type: 'count', status: res.status, queries: queries - before });
    } else if (msg.type === 'rss') {
      process.send({ type: 'rss', rss: process.memoryUsage().rss });
    } else if (msg.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send({ type: 'cpu', micros: user + system });
    } else if (msg.type === 'early') {
      process.send({ type: 'early', early: responseCacheOf(strapi)?.early?.hits ?? 0 });
    } else if (msg.type === 'stop') {
      await dispose();
      process.exit(0);
    }
  });
  process.send({ type: 'ready', port, issue: issue.documentId });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
