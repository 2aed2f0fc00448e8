import { cacheKey, isCacheable, noneMatch, routeType } from '../../src/response-cache/keys';
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import Redis from 'ioredis';
import { bounded, coarse, modelInfo, publicEither, readTags, withOverflow, writeTags, type Schema } from '../../src/response-cache/tags';
import { AnswerIndex, MemoryStore, RedisStore } from '../../src/response-cache/store';
import { cacheSettings } from '../../src/response-cache';
import { startRedis } from '../helpers/processes';

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
    const answer = (n: number) => ({ etag: `"${n}"`, body: Buffer.alloc(3000), type: 'application/json', tags: ['t'], at: 0 });
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

  const schema: Schema = {
    'api::issue.issue': modelInfo({
      options: { draftAndPublish: true },
      attributes: { pages: { type: 'relation', target: 'api::page.page', mappedBy: 'issue' } },
    }),
    'api::page.page': modelInfo({
      options: { draftAndPublish: true },
      attributes: {
        issue: { type: 'relation', target: 'api::issue.issue', inversedBy: 'pages' },
        placements: { type: 'component', component: 'newsroom.placement' },
      },
    }),
    'newsroom.placement': modelInfo({ modelType: 'component', attributes: { article: { type: 'relation', target: 'api::article.article' } } }),
    'api::article.article': modelInfo({ options: { draftAndPublish: true }, attributes: { column: { type: 'relation', target: 'api::column.column' } } }),
    'api::column.column': modelInfo({ attributes: {} }),
  };

  it('tags an answer by the rows and documents its queries read, a list by its type and the types its filter steps into', () => {
    const tree = new Set<string>();
    readTags(
      'api::issue.issue',
      'findOne',
      { where: { documentId: 'I1', locale: 'zh-Hans', publishedAt: { $notNull: true } }, populate: { pages: { where: { publishedAt: { $notNull: true } } } } },
      { id: 7, pages: [{ id: 70, placements: [{ id: 700, article: { id: 9 } }] }] },
      schema,
      tree,
    );
    readTags(
      'api::article.article',
      'findMany',
      { where: { documentId: { $in: ['A1', 'A2'] }, locale: 'zh-Hans' } },
      [{ id: 9, column: { id: 3 } }],
      schema,
      tree,
    );
    expect([...tree].sort()).toEqual(
      [
        'd:api::issue.issue#I1',
        'r:api::issue.issue#7',
        'r:api::page.page#70',
        'r:newsroom.placement#700',
        'r:api::article.article#9',
        'd:api::article.article#A1',
        'd:api::article.article#A2', // not found (a draft): publishing it changes the tree
        'r:api::column.column#3',
        'R:api::issue.issue',
        'R:api::page.page',
        'R:newsroom.placement',
        'R:api::article.article',
        'R:api::column.column',
      ].sort(),
    );
    expect([...tree].some((t) => t.startsWith('t:'))).toBe(false);

    const list = new Set<string>();
    readTags('api::article.article', 'findMany', { where: { column: { name: { $eq: '要闻' } } } }, [], schema, list);
    expect([...list].sort()).toEqual(['t:api::article.article', 't:api::column.column']);
    const counted = new Set<string>();
    readTags('api::article.article', 'count', { where: { documentId: 'A1' } }, 1, schema, counted);
    expect([...counted].sort()).toEqual(['d:api::article.article#A1', 'R:api::article.article'].sort());
  });

  it('bumps for a write only what it can change: nothing for a draft row, the row and its document and type for a published one', () => {
    expect(writeTags('api::article.article', [{ id: 1, documentId: 'A1', publishedAt: null }], schema)).toEqual([]);
    expect(writeTags('api::article.article', [{ id: 2, documentId: 'A1', publishedAt: '2025-01-01' }], schema).sort()).toEqual(
      ['t:api::article.article', 'r:api::article.article#2', 'd:api::article.article#A1'].sort(),
    );
    // A type without Draft & Publish: every row is public.
    expect(writeTags('api::column.column', [{ id: 3, documentId: 'C1' }], schema)).toContain('r:api::column.column#3');
    // A component row: its own tag; its owner's write decides the rest.
    expect(writeTags('newsroom.placement', [{ id: 700 }], schema)).toEqual(['r:newsroom.placement#700']);
    expect(writeTags('newsroom.placement', [{ id: 701 }], schema, true)).toEqual([]);
    expect(coarse('r:api::article.article#2')).toBe('R:api::article.article');
    expect(coarse('t:api::article.article')).toBe('t:api::article.article');
    expect(routeType('/api/articles/abc', { articles: 'api::article.article' })).toBe('api::article.article');
    expect(routeType('/api/unknown', { articles: 'api::article.article' })).toBeNull();
  });

  it('keeps an answer only if no tag of it was bumped since it was begun, and drops it when one is', async () => {
    const store = new MemoryStore({ entries: 10, bytes: 1_000_000 });
    const tags = ['r:api::article.article#2', 'R:api::article.article'];
    const answer = (at: number) => ({ etag: '"x"', body: Buffer.from('{}'), type: 'application/json', tags, at });
    // A reader begins, a writer bumps, then the reader stores what it computed from older rows: not kept.
    const at = await store.now();
    await store.bump(['r:api::article.article#2']);
    expect(await store.set('/api/articles/A1', answer(at))).toBe(false);
    expect(await store.get('/api/articles/A1')).toBeUndefined();
    // Begun after the bump: kept, and dropped by the next bump of any of its tags, not by others.
    expect(await store.set('/api/articles/A1', answer(await store.now()))).toBe(true);
    await store.bump(['r:api::article.article#3']);
    expect(await store.get('/api/articles/A1')).toBeDefined();
    await store.bump(['R:api::article.article']);
    expect(await store.get('/api/articles/A1')).toBeUndefined();
  });

  it('an answer past the tag bound holds its types’ overflow tags, and a write of one of its rows retires it', async () => {
    const store = new MemoryStore({ entries: 10, bytes: 1_000_000 });
    const read = new Set<string>();
    readTags('api::article.article', 'findMany', { where: { documentId: { $in: ['A1', 'A2'] } } }, [{ id: 9, column: { id: 3 } }], schema, read);
    const tags = bounded(read, 3);
    expect(tags.some((t) => t.startsWith('r:') || t.startsWith('d:'))).toBe(false);
    expect(tags).toEqual(expect.arrayContaining(['o:api::article.article', 'o:api::column.column', 'R:api::article.article']));
    await store.set('/api/articles', { etag: '"x"', body: Buffer.from('{}'), type: 'application/json', tags, at: await store.now() });
    // A column renamed: a published row of a type without Draft & Publish, its row and document tags bumped.
    await store.bump(withOverflow(writeTags('api::column.column', [{ id: 3, documentId: 'C3' }], schema)));
    expect(await store.get('/api/articles')).toBeUndefined();
    expect(bounded(['a', 'b'], 3)).toEqual(['a', 'b']);
  });

  it('judges a written row public if it was published before or after the write, or the write publishes it', () => {
    expect(publicEither({ id: 1, publishedAt: null }, { id: 1, publishedAt: '2025-01-01' }).publishedAt).toBe('2025-01-01');
    expect(publicEither({ id: 1, publishedAt: null }, null).publishedAt).not.toBeNull();
    expect(publicEither({ id: 1 }, undefined, { publishedAt: '2025-01-02' }).publishedAt).toBe('2025-01-02');
    expect(publicEither({ id: 1, publishedAt: null }, { id: 1, publishedAt: null }).publishedAt).toBeNull();
  });

  it('never moves a tag’s last bump backwards (an older bump applied after a newer one)', () => {
    const index = new AnswerIndex({ entries: 10, bytes: 1_000_000 });
    index.bump(['t:x'], 10);
    index.bump(['t:x'], 9);
    expect(index.set('/api/x', { etag: '"x"', body: Buffer.from('{}'), type: 'application/json', tags: ['t:x'], at: 9 })).toBe(false);
  });
});

// Debian's redis-server, started by the test on a free port. Without one the suite is skipped with
// a warning on a developer's machine (README, Tests) and fails under CI, which installs it.
const redisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!redisServer && process.env.CI) throw new Error('redis-server is not installed (apt-get install -y redis-server): the Redis store test needs it');
if (!redisServer) console.warn('tests/unit/response-cache.test.ts: redis-server not found, the Redis store test is skipped (apt-get install -y redis-server)');

(redisServer ? describe : describe.skip)('response cache on Redis: a bump that fails', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let url: string;
  beforeAll(async () => {
    redis = await startRedis(fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-redis-')));
    url = redis.url;
  });
  afterAll(() => redis?.stop());

  it('drops this instance’s answers carrying its tags at once, and a retried bump retires the copies in Redis', async () => {
    const store = new RedisStore(url, { entries: 10, bytes: 1_000_000 });
    const admin = new Redis(url);
    try {
      const answer = (tags: string[], at: number) => ({ etag: '"x"', body: Buffer.from('{}'), type: 'application/json', tags, at });
      const at = await store.now();
      expect(await store.set('/api/a', answer(['r:a#1'], at))).toBe(true);
      expect(await store.set('/api/b', answer(['r:b#1'], at))).toBe(true);
      // Writes refused (reads still answered): the bump cannot be logged.
      await admin.config('SET', 'min-replicas-to-write', '1');
      await expect(store.bump(['r:a#1'])).rejects.toThrow();
      expect(await store.get('/api/a')).toBeUndefined();
      await admin.config('SET', 'min-replicas-to-write', '0');
      // The caller's retry (ResponseCache skips the cache until it goes): the copy in Redis is refused.
      await store.bump(['r:a#1']);
      await store.now();
      expect(await store.get('/api/a')).toBeUndefined();
      // Answers begun after it are kept again.
      expect(await store.set('/api/b', answer(['r:b#1'], await store.now()))).toBe(true);
    } finally {
      await admin.config('SET', 'min-replicas-to-write', '0').catch(() => undefined);
      admin.disconnect();
      await store.close();
    }
  });
});
