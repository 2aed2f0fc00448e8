import { cacheKey, isCacheable, reachable, tagsFor } from '../../src/response-cache/keys';
import { MemoryStore } from '../../src/response-cache/store';

describe('response cache: what may be cached, under which key, depending on what', () => {
  it('caches anonymous GETs of the content API, never a token, a draft, a write or the admin', () => {
    const q = {};
    expect(isCacheable({ method: 'GET', path: '/api/articles', query: q })).toBe(true);
    expect(isCacheable({ method: 'GET', path: '/api/articles', query: { status: 'published' } })).toBe(true);
    expect(isCacheable({ method: 'GET', path: '/api/articles', query: { status: 'draft' } })).toBe(false);
    expect(isCacheable({ method: 'GET', path: '/api/articles', authorization: 'Bearer x', query: q })).toBe(false);
    expect(isCacheable({ method: 'POST', path: '/api/articles', query: q })).toBe(false);
    expect(isCacheable({ method: 'GET', path: '/content-manager/collection-types/api::article.article', query: q })).toBe(false);
  });

  it('keys the query in a fixed order', () => {
    expect(cacheKey('/api/articles', 'b=2&a=1')).toBe(cacheKey('/api/articles', 'a=1&b=2'));
    expect(cacheKey('/api/articles', '')).toBe('/api/articles');
  });

  it('tags an answer with every type it can show, through relations and components', () => {
    const links = {
      'api::article.article': ['api::column.column', 'newsroom.byline'],
      'newsroom.byline': ['api::contributor.contributor'],
      'api::column.column': [],
    };
    expect(reachable('api::article.article', links).sort()).toEqual([
      'api::article.article',
      'api::column.column',
      'api::contributor.contributor',
      'newsroom.byline',
    ]);
    const tags = tagsFor('/api/articles/abc', { articles: 'api::article.article' }, links)!;
    expect(tags).toContain('api::contributor.contributor');
    expect(tags).toContain('plugin::users-permissions.permission');
    expect(tagsFor('/api/unknown', { articles: 'api::article.article' }, links)).toBeNull();
  });

  it('serves an answer only while the versions it was computed at still hold', async () => {
    const store = new MemoryStore(10);
    const tags = ['api::article.article'];
    // A reader reads the versions, a writer bumps, then the reader stores what it computed from older rows…
    const seen = await store.versions(tags);
    await store.bump(tags);
    await store.set('/api/articles', { etag: '"x"', body: Buffer.from('{}'), type: 'application/json', tags, versions: seen });
    // …and that answer can never be served.
    expect((await store.versions(tags)).every((v, i) => v === seen[i])).toBe(false);
  });
});
