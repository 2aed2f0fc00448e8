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
  const { signOffPage } = require(path.join(strapi.dirs.dist.src, 'signoff', 'service'));
  const main = await makeIssue(strapi, { number: 1, pages, articlesPerPage, bodyParagraphs: 12 });
  const { issue } = main;
  const cache = () => responseCacheOf(strapi);
  const get = async (p) => {
    const res = await fetch(`http://127.0.0.1:${port}${p}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
    return res.headers.get('x-banmian-cache');
  };
  /**
   * An edit of a placed article as the newsroom makes it: the text changed (a draft),
   * then its issue's pages signed again, which is when the edit goes live (src/signoff).
   */
  let edits = 0;
  async function editAndSign(made) {
    edits += 1;
    const documentId = made.articleIds[edits % made.articleIds.length];
    await strapi.documents('api::article.article').update({ documentId, locale: 'zh-Hans', data: { headline: `改过的标题 ${edits}` } });
    const drafts = await strapi.db
      .query('api::page.page')
      .findMany({ where: { issue: { documentId: made.issue.documentId }, publishedAt: null }, select: ['documentId'] });
    const credits = { editor: made.author, layout: made.author, proofreader: made.author };
    for (const page of drafts) await signOffPage(strapi, page.documentId, credits);
    return documentId;
  }
  const entries = () => cache().store.stats().entries;
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
    } else if (msg.type === 'retire') {
      // Answers retired per write: several issues' trees and every article's answer cached, then one write each.
      const others = [];
      for (let n = 2; n < 2 + msg.issues; n += 1) others.push(await makeIssue(strapi, { number: n, pages: 2, articlesPerPage: 3, bodyParagraphs: 4 }));
      const paths = ['/api/articles?pagination[pageSize]=20'];
      for (const made of [main, ...others]) paths.push(`/api/issues/${made.issue.documentId}/tree`, ...made.articleIds.map((a) => `/api/articles/${a}`));
      // Asked again after a write, each answer says whether it was still kept (hit) or retired (miss, and kept again).
      const retired = async () => {
        const out = [];
        for (const p of paths) if ((await get(p)) !== 'hit') out.push(p);
        return out;
      };
      await retired();
      const full = entries();
      // A draft nobody can see: created, never published.
      await strapi.documents('api::article.article').create({ data: { headline: '无人可见的草稿', body: '草稿。' }, locale: 'zh-Hans' });
      const draft = await retired();
      // An edit of an article in another issue (the last one), signed so that it is public.
      const last = others[others.length - 1];
      const edited = await editAndSign(last);
      const edit = await retired();
      const name = (p) =>
        p === `/api/issues/${last.issue.documentId}/tree`
          ? 'its issue’s tree'
          : p === `/api/articles/${edited}`
            ? 'its own answer'
            : p.includes('?')
              ? 'the article list'
              : last.articleIds.some((a) => p === `/api/articles/${a}`)
                ? 'an article of its issue, published again by the signature'
                : p;
      process.send({ type: 'retire', full, asked: paths.length, draft: draft.map(name), edit: edit.map(name) });
    } else if (msg.type === 'computed') {
      process.send({ type: 'computed', computed: cache().computed });
    } else if (msg.type === 'write') {
      // A write that retires the hammered tree: an article of the main issue edited and its pages signed again.
      const started = process.hrtime.bigint();
      await editAndSign(main);
      process.send({ type: 'write', ms: Number(process.hrtime.bigint() - started) / 1e6 });
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
