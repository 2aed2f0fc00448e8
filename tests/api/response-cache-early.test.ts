import request from 'supertest';
import { startStrapi, createApiToken, type TestStrapi } from '../helpers/strapi';
import { makeIssue } from '../../src/seed/generate-issue';
import { responseCacheOf } from '../../src/response-cache';

/**
 * The fast path (src/response-cache/early.ts): a fresh hit is answered before Strapi's
 * middleware chain with the headers the full chain sends, and nothing else takes it.
 */
let t: TestStrapi;
let token: string;
let tree: string;
const api = () => request(t.strapi.server.httpServer);
const ALLOWED = 'https://dangjian.example.gov.cn';
const ALSO_ALLOWED = 'https://m.example.gov.cn';
const early = () => responseCacheOf(t.strapi)!.early!.hits;
/** Headers that differ between any two answers, whichever path gives them. */
const comparable = (headers: Record<string, string>) => {
  const { date: _date, 'x-banmian-cache': _state, connection: _c, 'keep-alive': _k, ...rest } = headers;
  return rest;
};

beforeAll(async () => {
  t = await startStrapi({ CORS_ORIGINS: `${ALLOWED},${ALSO_ALLOWED}`, RESPONSE_CACHE_MAX_AGE: '30' });
  token = await createApiToken(t.strapi);
  const { issue } = await makeIssue(t.strapi, { number: 31, pages: 1, articlesPerPage: 2, publish: true });
  tree = `/api/issues/${issue.documentId}/tree`;
});
afterAll(async () => t?.stop());

describe('a fresh hit answered before the middleware chain', () => {
  it('sends the same bytes and headers as the full chain: ETag, Cache-Control, CORS for an allowed origin, security headers', async () => {
    const miss = await api().get(tree).set('Origin', ALLOWED);
    expect(miss.headers['x-banmian-cache']).toBe('miss');
    const before = early();
    const queries = t.queries();
    const hit = await api().get(tree).set('Origin', ALLOWED);
    expect(early() - before).toBe(1);
    expect(t.queries() - queries).toBe(0);
    expect(hit.status).toBe(200);
    expect(hit.headers['x-banmian-cache']).toBe('hit');
    expect(hit.text).toBe(miss.text);
    expect(comparable(hit.headers)).toEqual(comparable(miss.headers));
    // What the full chain sent, named, so the comparison above cannot pass on two empty sets.
    expect(hit.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(hit.headers.vary).toMatch(/Origin/);
    expect(hit.headers['content-security-policy']).toBeTruthy();
    expect(hit.headers['x-content-type-options']).toBe('nosniff');
    expect(hit.headers['x-frame-options']).toBeTruthy();
    expect(hit.headers['cache-control']).toBe('public, max-age=30');
    expect(hit.headers.etag).toBe(miss.headers.etag);
    expect(hit.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('takes the full chain once for an origin it has not answered yet, then answers that origin early with the full chain’s headers', async () => {
    const before = early();
    const full = await api().get(tree).set('Origin', ALSO_ALLOWED);
    expect(full.headers['x-banmian-cache']).toBe('hit'); // a hit, but on the full chain
    expect(early()).toBe(before);
    const fast = await api().get(tree).set('Origin', ALSO_ALLOWED);
    expect(early()).toBe(before + 1);
    expect(comparable(fast.headers)).toEqual(comparable(full.headers));
    expect(fast.headers['access-control-allow-origin']).toBe(ALSO_ALLOWED);
    expect(full.headers['x-powered-by']).toBeTruthy(); // a hit on the full chain carries it like a miss

    // An origin not allowed gets no CORS header, on either path.
    const other = await api().get(tree).set('Origin', 'https://evil.example');
    const otherFast = await api().get(tree).set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(otherFast.headers['access-control-allow-origin']).toBeUndefined();
    expect(comparable(otherFast.headers)).toEqual(comparable(other.headers));
  });

  it('answers 304 by the same rules (weak and strong ETags, *), and HEAD without a body', async () => {
    const first = await api().get(tree);
    await api().get(tree); // the template for no Origin is known from here on
    const before = early();
    expect((await api().get(tree).set('If-None-Match', first.headers.etag)).status).toBe(304);
    expect((await api().get(tree).set('If-None-Match', `W/${first.headers.etag}`)).status).toBe(304);
    expect((await api().get(tree).set('If-None-Match', '*')).status).toBe(304);
    const other = await api().get(tree).set('If-None-Match', '"other"');
    expect(other.status).toBe(200);
    expect(other.text).toBe(first.text);
    const head = await api().head(tree);
    expect(head.status).toBe(200);
    expect(head.text ?? '').toBe('');
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(first.text));
    expect(early() - before).toBe(5);
  });

  it('never answers early a request with a token, a draft request, an unknown parameter or an error', async () => {
    await api().get(tree);
    const before = early();
    const withToken = await api().get(tree).set('Authorization', `Bearer ${token}`);
    expect(withToken.status).toBe(200);
    expect(withToken.headers['x-banmian-cache']).toBeUndefined();
    const bogusToken = await api().get(tree).set('Authorization', 'Bearer nope');
    expect(bogusToken.status).toBe(401);
    const draft = await api().get(`${tree}?status=draft`);
    expect(draft.status).toBeGreaterThanOrEqual(400);
    await api().get(`${tree}?status=draft`);
    expect((await api().get(`${tree}?status=draft`)).headers['x-banmian-cache']).toBeUndefined();
    for (let i = 0; i < 2; i += 1) expect((await api().get(`${tree}?junk=1`)).headers['x-banmian-cache']).toBeUndefined();
    for (let i = 0; i < 2; i += 1) expect((await api().get('/api/issues/nope/tree')).status).toBe(404);
    expect(early()).toBe(before);
  });

  it('never serves an answer older than a completed write', async () => {
    const created = await api()
      .post('/api/articles')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { headline: '早答之前的主题' } });
    const path = `/api/articles/${created.body.data.documentId}`;
    await api().get(path);
    const before = early();
    expect((await api().get(path)).body.data.headline).toBe('早答之前的主题');
    expect(early()).toBe(before + 1);
    await api()
      .put(path)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { headline: '早答之后的主题' } });
    const after = await api().get(path);
    expect(after.headers['x-banmian-cache']).toBe('miss');
    expect(after.body.data.headline).toBe('早答之后的主题');
    expect(early()).toBe(before + 1);
  });
});
