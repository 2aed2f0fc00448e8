import request from 'supertest';
import { startStrapi, type TestStrapi } from '../helpers/strapi';
import { columnNameOf, requiredColumnNames } from '../../src/newsroom/column-filter';

/**
 * Articles filtered by 栏目 name are looked up through the link table first
 * (src/newsroom/column-filter.ts): the same rows as Strapi's own filter, a query
 * that names the candidate ids, and the response cache still retires the answer
 * when an article joins the column.
 */
let t: TestStrapi;
const api = () => request(t.strapi.server.httpServer);
const ARTICLE = 'api::article.article';
const L = { locale: 'zh-Hans' };

beforeAll(async () => {
  t = await startStrapi();
});
afterAll(async () => t?.stop());

async function article(headline: string, column: string | null, publish: boolean) {
  const a = await t.strapi.documents(ARTICLE).create({ data: { headline, body: '正文。', ...(column ? { column } : {}) } as any, ...L });
  if (publish) await t.strapi.documents(ARTICLE).publish({ documentId: a.documentId, ...L });
  return a;
}

const byName = (name: string) => `/api/articles?fields[0]=headline&sort=headline:asc&filters[column][name][$eq]=${encodeURIComponent(name)}`;

describe('a filter by 栏目 name', () => {
  it('reads the names a filter requires', () => {
    expect(columnNameOf({ name: '党建' })).toBe('党建');
    expect(columnNameOf({ name: { $eq: '党建' } })).toBe('党建');
    expect(columnNameOf({ name: { $contains: '党' } })).toBeNull();
    expect(columnNameOf({ name: '党建', slug: 'x' })).toBeNull();
    expect(requiredColumnNames({ $and: [{ column: { name: '甲' } }, { headline: 'x' }] })).toEqual(['甲']);
    expect(requiredColumnNames({ $or: [{ column: { name: '甲' } }] })).toEqual([]);
  });

  it('finds the same published rows as Strapi’s own filter, names their ids in the query, and retires when an article joins', async () => {
    const [a, b] = await Promise.all(['栏目甲', '栏目乙'].map((name) => t.strapi.documents('api::column.column').create({ data: { name } as any, ...L })));
    await article('甲一', a.documentId, true);
    await article('甲二', a.documentId, true);
    await article('甲草稿', a.documentId, false); // a draft: never listed
    await article('乙一', b.documentId, true);
    await article('无栏目', null, true);
    const expected = (
      await t.strapi.db.query(ARTICLE).findMany({ where: { column: { name: '栏目甲' }, publishedAt: { $notNull: true } }, select: ['headline'] })
    )
      .map((r: any) => r.headline)
      .sort();
    expect(expected).toEqual(['甲一', '甲二']);

    const sql: string[] = [];
    const listen = (q: { sql: string }) => sql.push(q.sql);
    t.strapi.db.connection.on('query', listen);
    const res = await api().get(byName('栏目甲'));
    t.strapi.db.connection.off('query', listen);
    expect(res.status).toBe(200);
    expect(res.body.data.map((d: any) => d.headline)).toEqual(expected);
    expect(res.body.meta.pagination.total).toBe(2);
    const listing = sql.filter((s) => /from [`"]articles[`"] as [`"]t0[`"]/.test(s) && /[`"]t2[`"]\.[`"]name[`"]/.test(s));
    expect(listing.length).toBeGreaterThan(0);
    for (const s of listing) expect(s).toMatch(/[`"]t0[`"]\.[`"]id[`"] in \(/);

    // Inside $and, and with no match at all.
    const nested = await api().get(`/api/articles?fields[0]=headline&sort=headline:asc&filters[$and][0][column][name]=${encodeURIComponent('栏目乙')}`);
    expect(nested.body.data.map((d: any) => d.headline)).toEqual(['乙一']);
    const none = await api().get(byName('没有这个栏目'));
    expect({ status: none.status, data: none.body.data, total: none.body.meta.pagination.total }).toEqual({ status: 200, data: [], total: 0 });

    // Cached, then an article published into the column: the answer is retired and shows it.
    expect((await api().get(byName('栏目甲'))).headers['x-banmian-cache']).toBe('hit');
    await article('甲三', a.documentId, true);
    const after = await api().get(byName('栏目甲'));
    expect(after.headers['x-banmian-cache']).toBe('miss');
    expect(after.body.data.map((d: any) => d.headline)).toEqual(['甲一', '甲三', '甲二'].sort());
  });
});
