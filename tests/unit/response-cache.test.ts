import { cacheKey, isCacheable, noneMatch, reachable, tagsFor } from '../../src/response-cache/keys';
import { MemoryStore } from '../../src/response-cache/store';
import { cacheSettings } from '../../src/response-cache';
import { ruleReads } from '../../src/newsroom/public-reads';

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

  it('does not cache a query naming a parameter the content API does not know', () => {
    const known = new Set(['sort', 'filters', 'locale']);
    expect(isCacheable({ method: 'GET', path: '/api/articles', query: { sort: 'a', filters: {} } }, known)).toBe(true);
    expect(isCacheable({ method: 'GET', path: '/api/articles', query: { sort: 'a', junk: 'x' } }, known)).toBe(false);
  });

  it('keys distinct parameters in a fixed order, the parts of one parameter in theirs', () => {
    expect(cacheKey('/api/articles', 'b=2&a=1')).toBe(cacheKey('/api/articles', 'a=1&b=2'));
    expect(cacheKey('/api/articles', '')).toBe('/api/articles');
    expect(cacheKey('/api/articles', 'sort=a&sort=b')).not.toBe(cacheKey('/api/articles', 'sort=b&sort=a'));
    expect(cacheKey('/api/articles', 'sort[0]=a&locale=en&sort[1]=b')).toBe(cacheKey('/api/articles', 'locale=en&sort[0]=a&sort[1]=b'));
    expect(cacheKey('/api/articles', 'sort%5B0%5D=a&sort%5B1%5D=b')).not.toBe(cacheKey('/api/articles', 'sort%5B1%5D=b&sort%5B0%5D=a'));
    expect(cacheKey('/api/articles', 'z=1&sort=b&a=2&sort=a')).toBe('/api/articles?a=2&sort=b&sort=a&z=1');
  });

  it('compares If-None-Match weakly (RFC 9110)', () => {
    expect(noneMatch('"abc"', '"abc"')).toBe(true);
    expect(noneMatch('W/"abc"', '"abc"')).toBe(true);
    expect(noneMatch('"x", W/"abc"', '"abc"')).toBe(true);
    expect(noneMatch('*', '"abc"')).toBe(true);
    expect(noneMatch('"abcd"', '"abc"')).toBe(false);
    expect(noneMatch(undefined, '"abc"')).toBe(false);
  });

  it('bounds the answers kept in memory by bytes, dropping the least recently used', async () => {
    const store = new MemoryStore({ entries: 1000, bytes: 10_000 });
    const answer = (n: number) => ({ etag: `"${n}"`, body: Buffer.alloc(3000), type: 'application/json', tags: ['t'], versions: [0] });
    for (let n = 0; n < 10; n += 1) await store.set(`/api/a${n}`, answer(n));
    expect(store.stats().bytes).toBeLessThanOrEqual(10_000);
    expect(store.stats().entries).toBeLessThan(10);
    expect(await store.get('/api/a0')).toBeUndefined();
    expect(await store.get('/api/a9')).toBeDefined();
    // An answer larger than the whole budget is not kept.
    await store.set('/api/huge', { ...answer(99), body: Buffer.alloc(20_000) });
    expect(await store.get('/api/huge')).toBeUndefined();
  });

  it('reads its byte budget from RESPONSE_CACHE_MAX_BYTES, 64 MiB by default', () => {
    expect(cacheSettings({}).maxBytes).toBe(64 * 1024 * 1024);
    expect(cacheSettings({ RESPONSE_CACHE_MAX_BYTES: '1048576' }).maxBytes).toBe(1048576);
  });

  it('derives what the public list of columns and contributors depends on from the queries that decide it', () => {
    const models: Record<string, any> = {
      'api::article.article': {
        attributes: {
          column: { type: 'relation', target: 'api::column.column' },
          bylines: { type: 'component', component: 'newsroom.byline' },
          photos: { type: 'component', component: 'newsroom.photo' },
        },
      },
      'api::page.page': { attributes: { credits: { type: 'component', component: 'newsroom.page-credits' } } },
      'newsroom.byline': { attributes: { contributors: { type: 'relation', target: 'api::contributor.contributor' } } },
      'newsroom.photo': { attributes: { credit: { type: 'relation', target: 'api::contributor.contributor' } } },
      'newsroom.page-credits': {
        attributes: {
          editor: { type: 'relation', target: 'api::contributor.contributor' },
          layout: { type: 'relation', target: 'api::contributor.contributor' },
        },
      },
    };
    const reads = ruleReads((uid) => models[uid] ?? { attributes: {} });
    expect(reads['api::column.column']).toEqual(['api::article.article', 'api::column.column']);
    expect(reads['api::contributor.contributor']).toEqual(
      ['api::article.article', 'api::contributor.contributor', 'api::page.page', 'newsroom.byline', 'newsroom.page-credits', 'newsroom.photo'].sort(),
    );
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
    const store = new MemoryStore({ entries: 10, bytes: 1_000_000 });
    const tags = ['api::article.article'];
    // A reader reads the versions, a writer bumps, then the reader stores what it computed from older rows…
    const seen = await store.versions(tags);
    await store.bump(tags);
    await store.set('/api/articles', { etag: '"x"', body: Buffer.from('{}'), type: 'application/json', tags, versions: seen });
    // …and that answer can never be served.
    expect((await store.versions(tags)).every((v, i) => v === seen[i])).toBe(false);
  });
});
