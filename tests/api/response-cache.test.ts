import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import request from 'supertest';
import { APP_DIR, startStrapi, createApiToken, type TestStrapi } from '../helpers/strapi';
import { makeIssue } from '../../src/seed/generate-issue';
import { signPage } from '../../src/signoff/service';
import { responseCacheOf } from '../../src/response-cache';
import { runScript } from '../helpers/cli';

/** The published-content response cache (src/response-cache): hits, ETag/304, and never a stale answer after a write. */
let t: TestStrapi;
let token: string;
const api = () => request(t.strapi.server.httpServer);
const L = { locale: 'zh-Hans' };

beforeAll(async () => {
  t = await startStrapi({ RESPONSE_CACHE_MAX_AGE: '30', RESPONSE_CACHE_STALE_WHILE_REVALIDATE: '120' });
  token = await createApiToken(t.strapi);
});
afterAll(async () => t?.stop());

describe('anonymous reads of published content', () => {
  it('answers the second time from the cache, byte for byte, with a strong ETag and 304 when unchanged', async () => {
    const { issue } = await makeIssue(t.strapi, { number: 21, pages: 1, articlesPerPage: 2, publish: true });
    const path = `/api/issues/${issue.documentId}/tree`;
    const first = await api().get(path);
    expect(first.status).toBe(200);
    expect(first.headers['x-banmian-cache']).toBe('miss');
    expect(first.headers.etag).toMatch(/^"[\w-]{32}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=30, stale-while-revalidate=120');

    const before = t.queries();
    const second = await api().get(path);
    expect(second.headers['x-banmian-cache']).toBe('hit');
    expect(t.queries() - before).toBe(0); // not one database query
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);

    const revalidated = await api().get(path).set('If-None-Match', first.headers.etag);
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');
    expect((await api().get(path).set('If-None-Match', '"other"')).status).toBe(200);
  });

  it('answers 304 to a weak ETag of the same answer (If-None-Match compares weakly)', async () => {
    const first = await api().get('/api/publications');
    expect(first.status).toBe(200);
    const weak = await api().get('/api/publications').set('If-None-Match', `W/${first.headers.etag}`);
    expect(weak.status).toBe(304);
    expect((await api().get('/api/publications').set('If-None-Match', `"other", W/${first.headers.etag}`)).status).toBe(304);
    expect((await api().get('/api/publications').set('If-None-Match', 'W/"other"')).status).toBe(200);
  });

  it('keys by path, query and locale, whatever the order of the query', async () => {
    await api().get('/api/articles?sort=headline&pagination[pageSize]=5');
    const same = await api().get('/api/articles?pagination[pageSize]=5&sort=headline');
    expect(same.headers['x-banmian-cache']).toBe('hit');
    const other = await api().get('/api/articles?pagination[pageSize]=5&sort=headline&locale=en');
    expect(other.headers['x-banmian-cache']).toBe('miss');
  });

  it('keeps the order of a repeated parameter: sort=a&sort=b and sort=b&sort=a are two answers', async () => {
    const source = `排序测试${Date.now()}`;
    for (const [headline, kicker] of [
      ['甲', '乙'],
      ['乙', '甲'],
    ]) {
      const res = await api().post('/api/articles').set('Authorization', `Bearer ${token}`).send({ data: { headline, kicker, source } });
      expect(res.status).toBe(201);
    }
    const order = async (q: string) => {
      const res = await api().get(`/api/articles?filters[source][$eq]=${encodeURIComponent(source)}&${q}`);
      expect(res.status).toBe(200);
      return res.body.data.map((a: any) => a.headline);
    };
    const byHeadline = await order('sort=headline:asc&sort=kicker:asc');
    const byKicker = await order('sort=kicker:asc&sort=headline:asc');
    expect(byKicker).toEqual([...byHeadline].reverse());
    // Each from the cache now, each still in its own order.
    expect(await order('sort=headline:asc&sort=kicker:asc')).toEqual(byHeadline);
    expect(await order('sort=kicker:asc&sort=headline:asc')).toEqual(byKicker);
  });

  it('answers a query with a parameter the content API does not know, but does not keep it', async () => {
    const cache = responseCacheOf(t.strapi)!;
    await api().get('/api/articles');
    const before = cache.store.stats();
    for (let i = 0; i < 40; i += 1) {
      for (const _ of [1, 2]) {
        const res = await api().get(`/api/articles?junk${i}=${'x'.repeat(200)}`);
        expect(res.status).toBe(200);
        expect(res.headers['x-banmian-cache']).toBeUndefined();
      }
    }
    const after = cache.store.stats();
    expect(after.entries).toBeLessThanOrEqual(before.entries);
    expect(after.bytes).toBeLessThanOrEqual(before.bytes);
    // A known parameter is still cached.
    await api().get('/api/articles?pagination[pageSize]=3');
    expect((await api().get('/api/articles?pagination[pageSize]=3')).headers['x-banmian-cache']).toBe('hit');
  });

  it('never caches or serves from cache a request with a token, a draft request or an error', async () => {
    await api().get('/api/articles');
    const withToken = await api().get('/api/articles').set('Authorization', `Bearer ${token}`);
    expect(withToken.headers['x-banmian-cache']).toBeUndefined();
    expect(withToken.headers.etag).toBeUndefined();
    const drafts = await api().get('/api/articles?status=draft');
    expect(drafts.status).toBe(403);
    expect(drafts.headers['x-banmian-cache']).toBeUndefined();
    const missing = await api().get('/api/issues/nope/tree');
    expect(missing.status).toBe(404);
    expect((await api().get('/api/issues/nope/tree')).headers['x-banmian-cache']).toBeUndefined();
  });
});

describe('a miss is computed once', () => {
  it('concurrent misses of one key wait for one computation instead of each building the answer', async () => {
    const { issue } = await makeIssue(t.strapi, { number: 29, pages: 2, articlesPerPage: 3, publish: true });
    const path = `/api/issues/${issue.documentId}/tree`;
    const cache = responseCacheOf(t.strapi)!;
    // A write the tree shows: the issue retitled and published.
    const write = async (title: string) => {
      const issues = t.strapi.documents('api::issue.issue');
      await issues.update({ documentId: issue.documentId, data: { title } as any, ...L });
      await issues.publish({ documentId: issue.documentId, ...L });
    };
    await api().get(path); // the first answer also warms Strapi's own caches
    await write('并发未命中之前');
    let before = t.queries();
    expect((await api().get(path)).headers['x-banmian-cache']).toBe('miss');
    const one = t.queries() - before;
    expect(one).toBeGreaterThan(3);
    // A write retires the answer; eight readers then arrive together. (On SQLite the
    // synchronous driver answers the first before the next is read; on PostgreSQL,
    // `npm run test:pg`, they overlap, and each built the tree before this was fixed.)
    await write('并发未命中');
    // A listening server and eight connections opened at once, so the readers really overlap.
    const server = t.strapi.server.httpServer;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    before = t.queries();
    const computed = cache.computed;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => fetch(`http://127.0.0.1:${port}${path}`).then(async (r) => ({ status: r.status, text: await r.text() }))),
    );
    const spent = t.queries() - before;
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(JSON.parse(answers[0].text).data.title).toBe('并发未命中');
    expect(cache.computed - computed).toBe(1);
    // One computation (and at most a straggler that arrived after it was kept), not eight.
    expect(spent).toBeLessThan(2 * one);
  });
});

describe('a write retires every answer it changes before its response returns', () => {
  it('an edit of a published article through the REST API', async () => {
    const created = await api()
      .post('/api/articles')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { headline: '缓存前的主题' } });
    const path = `/api/articles/${created.body.data.documentId}`;
    expect((await api().get(path)).body.data.headline).toBe('缓存前的主题');
    expect((await api().get(path)).headers['x-banmian-cache']).toBe('hit');
    await api()
      .put(path)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { headline: '改过的主题' } });
    const after = await api().get(path);
    expect(after.headers['x-banmian-cache']).toBe('miss');
    expect(after.body.data.headline).toBe('改过的主题');
  });

  it('a signature that publishes a corrected page, and the labels and stage written beside the Document Service', async () => {
    const { issue, author } = await makeIssue(t.strapi, { number: 22, pages: 1, articlesPerPage: 1, publish: true });
    const pages = await t.strapi.db.query('api::page.page').findMany({ where: { issue: { documentId: issue.documentId }, publishedAt: null } });
    const path = `/api/issues/${issue.documentId}/tree`;
    await api().get(path);
    expect((await api().get(path)).headers['x-banmian-cache']).toBe('hit');
    // A correction of the page's name: drafts only, readers still see the signed version (the kept answer: nothing public changed).
    await t.strapi.documents('api::page.page').update({ documentId: pages[0].documentId, data: { name: '改过的版名' } as any, ...L });
    const stillSigned = await api().get(path);
    expect(stillSigned.headers['x-banmian-cache']).toBe('hit');
    expect(stillSigned.body.data.pages[0].name).not.toBe('改过的版名');
    // Signing it again publishes the correction: the next read has it.
    const actor = { name: '测试', email: null, roleCodes: ['strapi-super-admin'] };
    const signer = { documentId: author.documentId, name: author.name };
    for (const role of ['editor', 'layout', 'proofreader'] as const) {
      await signPage(t.strapi, { documentId: pages[0].documentId, role, actor, contributor: signer }).catch(() => undefined);
    }
    expect((await api().get(path)).body.data.pages[0].name).toBe('改过的版名');
  });

  it('columns and contributors, when what made them public is unpublished (their list reads articles and pages)', async () => {
    const { issue, column, author } = await makeIssue(t.strapi, { number: 23, pages: 1, articlesPerPage: 1, publish: true });
    const names = (res: request.Response) => res.body.data.map((r: any) => r.name);
    const listed = async (path: string) => {
      const first = await api().get(path);
      expect((await api().get(path)).headers['x-banmian-cache']).toBe('hit');
      return first;
    };
    const columns = await listed('/api/columns?pagination[pageSize]=100');
    const contributors = await listed('/api/contributors?pagination[pageSize]=100');
    expect(names(columns)).toContain(column.name);
    expect(names(contributors)).toContain(author.name);

    // The article carried the column and a byline of the author; the page's credits still name the author.
    const [article] = await t.strapi.db
      .query('api::article.article')
      .findMany({ where: { column: { documentId: column.documentId }, publishedAt: { $notNull: true } } });
    await t.strapi.documents('api::article.article').unpublish({ documentId: article.documentId, ...L });
    const columnsAfter = await api().get('/api/columns?pagination[pageSize]=100').set('If-None-Match', columns.headers.etag);
    expect(columnsAfter.status).toBe(200);
    expect(names(columnsAfter)).not.toContain(column.name);
    expect(names(await api().get('/api/contributors?pagination[pageSize]=100'))).toContain(author.name);

    const [page] = await t.strapi.db.query('api::page.page').findMany({ where: { issue: { documentId: issue.documentId }, publishedAt: { $notNull: true } } });
    await t.strapi.documents('api::page.page').unpublish({ documentId: page.documentId, ...L });
    const contributorsAfter = await api().get('/api/contributors?pagination[pageSize]=100').set('If-None-Match', contributors.headers.etag);
    expect(contributorsAfter.status).toBe(200);
    expect(names(contributorsAfter)).not.toContain(author.name);
  });

  it('an upload changed in the media library', async () => {
    const file = await t.strapi.db.query('plugin::upload.file').create({
      data: { name: 'x.jpg', hash: 'x', ext: '.jpg', mime: 'image/jpeg', size: 1, url: '/uploads/x.jpg', provider: 'local', alternativeText: '旧的替代文字' },
    });
    const created = await api()
      .post('/api/articles')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { headline: '带图的稿件', photos: [{ image: file.id, caption: '图片说明' }] } });
    const path = `/api/articles/${created.body.data.documentId}?populate[photos][populate]=image`;
    expect((await api().get(path)).body.data.photos[0].image.alternativeText).toBe('旧的替代文字');
    expect((await api().get(path)).headers['x-banmian-cache']).toBe('hit');
    await t.strapi.plugin('upload').service('upload').updateFileInfo(file.id, { alternativeText: '新的替代文字' });
    expect((await api().get(path)).body.data.photos[0].image.alternativeText).toBe('新的替代文字');
  });
});

/** Another process on the same database, as `npm run import` or `npm run restore` beside the server: its own Strapi, its own cache. */
const run = promisify(execFile);
async function inOtherProcess(code: string) {
  const script = `
    const { loadStrapi, shutdown } = require(${JSON.stringify(path.join(APP_DIR, 'scripts', 'load-strapi.js'))});
    (async () => {
      const strapi = await loadStrapi();
      try { ${code} } finally { await shutdown(strapi); }
    })().catch((error) => { console.error(error); process.exit(1); });`;
  await run('node', ['-e', script], { cwd: APP_DIR, env: { ...process.env, LOG_LEVEL: 'error' }, timeout: 180000 });
}

describe('a write by another process on the same database', () => {
  it('retires the answers it changes: on SQLite from the next request on, on PostgreSQL once its notification arrives', async () => {
    const publication = await t.strapi.documents('api::publication.publication').create({ data: { name: '别的进程改之前' } as any });
    const path = `/api/publications/${publication.documentId}`;
    const first = await api().get(path);
    expect(first.body.data.name).toBe('别的进程改之前');
    expect((await api().get(path)).headers['x-banmian-cache']).toBe('hit');

    await inOtherProcess(
      `await strapi.db.query('api::publication.publication').updateMany({ where: { documentId: ${JSON.stringify(publication.documentId)} }, data: { name: '别的进程改过' } });`,
    );

    let after = await api().get(path).set('If-None-Match', first.headers.etag);
    // PostgreSQL: the notification travels on its own connection; wait for it, within a generous ceiling.
    for (let i = 0; i < 100 && process.env.BANMIAN_TEST_DB === 'postgres' && after.status === 304; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await api().get(path).set('If-None-Match', first.headers.etag);
    }
    expect(after.status).toBe(200);
    expect(after.body.data.name).toBe('别的进程改过');
  }, 240000);

  it('npm run restore beside the server: its answers go back to the backup', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-cache-restore-'));
    try {
      const publication = await t.strapi.documents('api::publication.publication').create({ data: { name: '备份时的报名' } as any });
      const path_ = `/api/publications/${publication.documentId}`;
      expect((await runScript('backup.js', ['--no-encrypt', path.join(dir, 'b')])).code).toBe(0);
      await t.strapi.documents('api::publication.publication').update({ documentId: publication.documentId, data: { name: '备份后改的报名' } as any });
      expect((await api().get(path_)).body.data.name).toBe('备份后改的报名');
      expect((await api().get(path_)).headers['x-banmian-cache']).toBe('hit');

      const restored = await runScript('restore.js', [path.join(dir, 'b.tar.gz')]);
      expect([restored.code, restored.stderr]).toEqual([0, expect.any(String)]);

      let after = await api().get(path_);
      for (let i = 0; i < 100 && process.env.BANMIAN_TEST_DB === 'postgres' && after.body.data?.name !== '备份时的报名'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = await api().get(path_);
      }
      expect(after.body.data.name).toBe('备份时的报名');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240000);
});
