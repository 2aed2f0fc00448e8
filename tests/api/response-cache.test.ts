import request from 'supertest';
import { startStrapi, createApiToken, type TestStrapi } from '../helpers/strapi';
import { makeIssue } from '../../src/seed/generate-issue';
import { signPage } from '../../src/signoff/service';

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

  it('keys by path, query and locale, whatever the order of the query', async () => {
    await api().get('/api/articles?sort=headline&pagination[pageSize]=5');
    const same = await api().get('/api/articles?pagination[pageSize]=5&sort=headline');
    expect(same.headers['x-banmian-cache']).toBe('hit');
    const other = await api().get('/api/articles?pagination[pageSize]=5&sort=headline&locale=en');
    expect(other.headers['x-banmian-cache']).toBe('miss');
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
    // A correction of the page's name: drafts only, readers still see the signed version (a fresh answer, the same content).
    await t.strapi.documents('api::page.page').update({ documentId: pages[0].documentId, data: { name: '改过的版名' } as any, ...L });
    const stillSigned = await api().get(path);
    expect(stillSigned.headers['x-banmian-cache']).toBe('miss');
    expect(stillSigned.body.data.pages[0].name).not.toBe('改过的版名');
    // Signing it again publishes the correction: the next read has it.
    const actor = { name: '测试', email: null, roleCodes: ['strapi-super-admin'] };
    const signer = { documentId: author.documentId, name: author.name };
    for (const role of ['editor', 'layout', 'proofreader'] as const) {
      await signPage(t.strapi, { documentId: pages[0].documentId, role, actor, contributor: signer }).catch(() => undefined);
    }
    expect((await api().get(path)).body.data.pages[0].name).toBe('改过的版名');
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
