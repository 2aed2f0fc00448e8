import request from 'supertest';
import { startStrapi, createApiToken, type TestStrapi } from '../helpers/strapi';
import { runScript } from '../helpers/cli';
import { adminToken, createAdminUser } from '../helpers/admin-users';
import { signOffPage } from '../../src/signoff/service';
import { withdrawArticle } from '../../src/corrections/withdraw';
import { searchServiceOf } from '../../src/search';

/**
 * GET /api/search on a real Strapi (SQLite, or PostgreSQL with BANMIAN_TEST_DB=postgres):
 * relevant hits for words and names of 2, 3 and 4+ characters, 简/繁, filters,
 * pagination, escaped highlights, and the draft guarantees every route gives — tried
 * with secrets (all starting with 密, which no published text has) the way
 * editorial-guarantees.test.ts tries the REST filters: no answer may differ because a
 * draft holds a word.
 */
let t: TestStrapi;
const api = () => request(t.strapi.server.httpServer);
const docs = (uid: string) => t.strapi.documents(uid as any);
const L = 'zh-Hans';
let token: string;
let adminJwt: string;
const ids: Record<string, string> = {};

const search = (query: Record<string, string>, headers: Record<string, string> = {}) => {
  const qs = new URLSearchParams(query).toString();
  return api().get(`/api/search?${qs}`).set(headers);
};
const hits = async (query: Record<string, string>, headers: Record<string, string> = {}) => {
  const res = await search(query, headers);
  expect([query, res.status]).toEqual([query, 200]);
  return res.body as { data: any[]; meta: { pagination: { total: number; page: number; pageSize: number; pageCount: number } } };
};
const found = async (q: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  (await hits({ q, ...extra }, headers)).data.map((d) => d.documentId);
const asToken = () => ({ Authorization: `Bearer ${token}` });

async function article(key: string, data: Record<string, unknown>, { publish = true } = {}) {
  const a = await docs('api::article.article').create({ data: data as any, locale: L });
  if (publish) await docs('api::article.article').publish({ documentId: a.documentId, locale: L });
  ids[key] = a.documentId;
  return a.documentId;
}

/** An issue of published pages placing these articles (published first, as web news, then placed and signed). */
async function issue(publication: string, number: number, date: string, pages: string[][], signer: any) {
  const i = await docs('api::issue.issue').create({ data: { number, date, title: `第${number}期`, publication } as any, locale: L });
  for (const [n, articles] of pages.entries()) {
    const page = await docs('api::page.page').create({
      data: {
        number: n + 1,
        name: `第${n + 1}版`,
        issue: i.documentId,
        placements: articles.map((a, k) => ({ article: ids[a], order: k + 1, span: 2 })),
      } as any,
      locale: L,
    });
    await signOffPage(t.strapi, page.documentId, { editor: signer, layout: signer, proofreader: signer } as any);
  }
  await docs('api::issue.issue').publish({ documentId: i.documentId, locale: L });
  return i.documentId;
}

beforeAll(async () => {
  t = await startStrapi();
  token = await createApiToken(t.strapi, 'read-only');
  await createAdminUser(t.strapi, { email: 'desk@paper.example', password: 'Search-test-1', firstname: '值班', roleCodes: ['strapi-super-admin'] });
  adminJwt = await adminToken(t.strapi, 'desk@paper.example', 'Search-test-1');
  const pub = await docs('api::publication.publication').create({ data: { name: '木垒党建', slug: 'mulei' } as any });
  const other = await docs('api::publication.publication').create({ data: { name: '奇台党建', slug: 'qitai' } as any });
  const jiceng = await docs('api::column.column').create({ data: { name: '基层党建', slug: 'jiceng' } as any, locale: L });
  const lilun = await docs('api::column.column').create({ data: { name: '理论学习', slug: 'lilun' } as any, locale: L });
  const yuan = await docs('api::contributor.contributor').create({ data: { name: '袁雪英', kind: 'person', slug: 'yuan-xue-ying' } as any });
  const li = await docs('api::contributor.contributor').create({ data: { name: '李明', kind: 'person' } as any });
  const by = (c: any) => [{ role: '本报记者', contributors: [c.documentId] }];

  await article('talent', {
    headline: '木垒县人才振兴工作综述',
    kicker: '引才育才',
    body: '## 人才是第一资源\n\n全县围绕**人才**工作，打造基层党组织人才队伍。',
    column: jiceng.documentId,
    bylines: by(yuan),
  });
  await article('era', {
    headline: '奋进新时代 建功新征程',
    body: '推进全面从严治党向纵深发展，坚决做到两个维护，深刻领悟两个确立。',
    column: lilun.documentId,
    bylines: by(li),
  });
  await article('ability', { headline: '个人才能与集体事业', body: '个人才能要服务于大局。', column: lilun.documentId, bylines: by(li) });
  await article('escape', {
    headline: '<b>党建</b>引领 & 发展',
    body: '<script>alert("x")</script>党建工作取得实效。',
    column: jiceng.documentId,
    bylines: by(yuan),
  });
  await article('qitai', { headline: '奇台县人才工作推进会召开', body: '会议部署人才工作。', column: jiceng.documentId, bylines: by(li) });
  await issue(pub.documentId, 1, '2024-03-01', [['talent'], ['era']], li);
  await issue(pub.documentId, 2, '2024-04-10', [['ability', 'escape']], li);
  await issue(other.documentId, 1, '2024-05-20', [['qitai']], li);
  // Web-only news (on no page): 25 of them for pagination.
  for (let i = 1; i <= 25; i += 1) await article(`web${i}`, { headline: `巡察整改通报第${i}号`, body: `巡察整改落实情况第${i}次通报。` });
  // Secrets: a draft-only article, and a draft edit of a published placed one.
  await article('secret', { headline: '密稿蓝鲸计划', body: '密文：蓝鲸计划尚未审定。', bylines: by(yuan) }, { publish: false });
  await docs('api::article.article').update({ documentId: ids.talent, locale: L, data: { body: '密改：紫藤方案待签字。' } as any });
}, 240000);
afterAll(async () => t?.stop());

describe('relevant results', () => {
  it.each([
    ['人才', 'talent'],
    ['袁雪英', 'talent'],
    ['新时代', 'era'],
    ['全面从严治党', 'era'],
    ['两个维护', 'era'],
    ['基层党组织', 'talent'],
  ])('%s finds its article', async (q, key) => {
    expect(await found(q)).toContain(ids[key]);
  });

  it('a whole word ranks above a match across two words, and the title above the body', async () => {
    const order = await found('人才');
    // 个人才能 holds 人才 only across 个人/才能: it comes after every article where 人才 is a word.
    expect(order.indexOf(ids.ability)).toBeGreaterThan(order.indexOf(ids.talent));
    expect(order.indexOf(ids.ability)).toBeGreaterThan(order.indexOf(ids.qitai));
    expect(order).toContain(ids.ability);
  });

  it('all words of a query must match; no match, no hit', async () => {
    expect(await found('人才 综述')).toEqual([ids.talent]);
    expect(await found('人才 新时代')).toEqual([]);
    expect(await found('不存在的词语组合')).toEqual([]);
  });

  it('a zh-Hant query finds zh-Hans text, and highlights it', async () => {
    const body = await hits({ q: '黨建' });
    expect(body.data.map((d) => d.documentId)).toContain(ids.escape);
    const hit = body.data.find((d) => d.documentId === ids.escape);
    expect(hit.highlights.body).toContain('<mark>党建</mark>');
    expect(await found('從嚴治黨')).toContain(ids.era);
  });

  it('a hit says where it was printed', async () => {
    const [hit] = (await hits({ q: '袁雪英 振兴' })).data;
    expect(hit).toMatchObject({
      documentId: ids.talent,
      status: 'published',
      headline: '木垒县人才振兴工作综述',
      column: { name: '基层党建', slug: 'jiceng' },
      contributors: ['袁雪英'],
      publication: { slug: 'mulei', name: '木垒党建' },
      issue: { number: 1, date: '2024-03-01' },
      page: { number: 1 },
      date: '2024-03-01',
    });
  });
});

describe('highlights', () => {
  it('mark the matches and escape everything else', async () => {
    const hit = (await hits({ q: '党建' })).data.find((d) => d.documentId === ids.escape);
    expect(hit.highlights.headline).toBe('&lt;b&gt;<mark>党建</mark>&lt;/b&gt;引领 &amp; 发展');
    expect(hit.highlights.body).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<mark>党建</mark>工作取得实效。');
    const talent = (await hits({ q: '人才' })).data.find((d) => d.documentId === ids.talent);
    // The body is searched without its Markdown.
    expect(talent.highlights.body).not.toMatch(/[#*]/);
    expect(talent.highlights.body).toContain('<mark>人才</mark>');
  });
});

describe('filters', () => {
  it.each([
    [{ publication: 'qitai' }, ['qitai']],
    [{ publication: 'mulei' }, ['talent', 'ability']],
    [{ issueFrom: '2' }, ['ability']],
    [{ issueTo: '1', publication: 'mulei' }, ['talent']],
    [{ from: '2024-05-01' }, ['qitai']],
    [{ to: '2024-03-31' }, ['talent']],
    [{ page: '1', publication: 'mulei' }, ['talent', 'ability']],
    [{ page: '2' }, []],
    [{ column: 'jiceng' }, ['talent', 'qitai']],
    [{ column: '基层党建' }, ['talent', 'qitai']],
    [{ column: 'lilun' }, ['ability']],
    [{ contributor: '袁雪英' }, ['talent']],
    [{ contributor: 'yuan-xue-ying' }, ['talent']],
    [{ contributor: '李明' }, ['ability', 'qitai']],
  ])('人才 with %j', async (filter, keys) => {
    expect((await found('人才', filter as any)).sort()).toEqual(keys.map((k) => ids[k]).sort());
  });

  it('issue range and page over the second issue', async () => {
    expect((await found('党建', { issueFrom: '2', issueTo: '2', page: '1' })).sort()).toEqual([ids.escape]);
  });
});

describe('pagination', () => {
  it('pages of at most pageSize, with the total; ties by date then newest first, no hit twice', async () => {
    const first = await hits({ q: '巡察整改', 'pagination[pageSize]': '10' });
    expect(first.meta.pagination).toEqual({ page: 1, pageSize: 10, pageCount: 3, total: 25 });
    const seen = new Set<string>();
    for (const page of ['1', '2', '3']) {
      const body = await hits({ q: '巡察整改', 'pagination[pageSize]': '10', 'pagination[page]': page });
      expect(body.data.length).toBe(page === '3' ? 5 : 10);
      for (const d of body.data) seen.add(d.documentId);
    }
    expect(seen.size).toBe(25);
    expect((await hits({ q: '巡察整改' })).data).toHaveLength(20);
    const past = await hits({ q: '巡察整改', 'pagination[pageSize]': '10', 'pagination[page]': '9' });
    expect([past.data, past.meta.pagination.total]).toEqual([[], 25]);
  });
});

describe('bad parameters are 400s naming the parameter', () => {
  it.each([
    [{}, 'q'],
    [{ q: '' }, 'q'],
    [{ q: '人才', issueFrom: 'abc' }, 'issueFrom'],
    [{ q: '人才', from: '2024-13-01' }, 'from'],
    [{ q: '人才', 'pagination[pageSize]': '1000' }, 'pagination[pageSize]'],
    [{ q: '人才', sort: 'date' }, 'sort'],
    [{ q: '人才', issueFrom: '5', issueTo: '1' }, 'issueFrom'],
  ])('%j', async (query, parameter) => {
    const res = await search(query as any);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'search.badParameter', params: { parameter } });
    expect(res.body.error.message).toContain(parameter);
  });
});

describe('drafts never in anonymous answers', () => {
  const SECRET_TEXT = ['密稿蓝鲸计划', '密文：蓝鲸计划尚未审定', '密改：紫藤方案待签字'];
  it('no substring of a draft finds anything, nor shows 密', async () => {
    for (const text of SECRET_TEXT) {
      const chars = [...text.replace(/[：，。]/g, '')];
      for (let i = 0; i + 2 <= chars.length; i += 1) {
        const res = await search({ q: chars.slice(i, i + 2).join('') });
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body)).not.toContain('密');
        // 计划 and 方案 are common words: the oracle is that no draft's documentId comes back.
        expect(res.body.data.map((d: any) => d.documentId)).not.toContain(ids.secret);
      }
    }
    expect(await found('紫藤方案')).toEqual([]);
    // The published text of the edited article is still found.
    expect(await found('打造基层党组织人才队伍')).toEqual([ids.talent]);
  });

  it('status=draft needs an API token; with one (or the admin) drafts are found', async () => {
    const refused = await search({ q: '蓝鲸计划', status: 'draft' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.code).toBe('read.draftNeedsToken');
    expect(await found('蓝鲸计划', { status: 'draft' }, asToken())).toEqual([ids.secret]);
    expect(await found('紫藤方案', { status: 'draft' }, asToken())).toEqual([ids.talent]);
    // A token without status=draft reads published rows, like every route.
    expect(await found('蓝鲸计划', {}, asToken())).toEqual([]);
    const desk = await api()
      .get(`/banmian/search?q=${encodeURIComponent('蓝鲸计划')}`)
      .set({ Authorization: `Bearer ${adminJwt}` });
    expect(desk.status).toBe(200);
    expect(desk.body.data.map((d: any) => d.documentId)).toEqual([ids.secret]);
    expect((await api().get(`/banmian/search?q=${encodeURIComponent('蓝鲸计划')}`)).status).toBe(401);
  });

  it('answers are not cached: a write shows in the next answer', async () => {
    const res = await search({ q: '巡察整改' });
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('the index follows every write', () => {
  it('publish: a new word is found once published, not before', async () => {
    const id = await article('late', { headline: '银杏书屋开放', body: '银杏书屋向党员开放。' }, { publish: false });
    expect(await found('银杏书屋')).toEqual([]);
    await docs('api::article.article').publish({ documentId: id, locale: L });
    expect(await found('银杏书屋')).toEqual([id]);
  });

  it('edit: a published article\u2019s draft edit shows only when published', async () => {
    const id = ids.late;
    await docs('api::article.article').update({ documentId: id, locale: L, data: { headline: '银杏书屋改名枫林书屋' } as any });
    expect(await found('枫林书屋')).toEqual([]);
    expect(await found('枫林书屋', { status: 'draft' }, asToken())).toEqual([id]);
    await docs('api::article.article').publish({ documentId: id, locale: L });
    expect(await found('枫林书屋')).toEqual([id]);
  });

  it('discard draft: the draft row is the published text again', async () => {
    const id = ids.late;
    await docs('api::article.article').update({ documentId: id, locale: L, data: { headline: '枫林书屋暂缓试点' } as any });
    expect(await found('暂缓试点', { status: 'draft' }, asToken())).toEqual([id]);
    await docs('api::article.article').discardDraft({ documentId: id, locale: L });
    expect(await found('暂缓试点', { status: 'draft' }, asToken())).toEqual([]);
  });

  it('unpublish: gone from anonymous answers at once; delete: gone everywhere', async () => {
    const id = ids.late;
    await docs('api::article.article').unpublish({ documentId: id, locale: L });
    expect(await found('枫林书屋')).toEqual([]);
    expect(await found('枫林书屋', { status: 'draft' }, asToken())).toEqual([id]);
    await docs('api::article.article').delete({ documentId: id, locale: L });
    expect(await found('枫林书屋', { status: 'draft' }, asToken())).toEqual([]);
  });

  it('a 栏目 renamed, a contributor renamed: the index shows the new names', async () => {
    const column = await t.strapi.db.query('api::column.column').findOne({ where: { slug: 'lilun' } });
    await docs('api::column.column').update({ documentId: column.documentId, locale: L, data: { name: '理论园地' } as any });
    expect(await found('人才', { column: '理论园地' })).toEqual([ids.ability]);
    expect(await found('理论园地')).toEqual(expect.arrayContaining([ids.ability, ids.era]));
    const li = await t.strapi.db.query('api::contributor.contributor').findOne({ where: { name: '李明' } });
    await docs('api::contributor.contributor').update({ documentId: li.documentId, data: { name: '李明亮' } as any });
    expect(await found('人才', { contributor: '李明亮' })).toEqual(expect.arrayContaining([ids.ability]));
    expect(await found('人才', { contributor: '李明' })).toEqual([]);
  });

  it('withdrawn (撤稿): gone from anonymous answers at once', async () => {
    expect(await found('两个确立')).toEqual([ids.era]);
    await withdrawArticle(t.strapi, { articleDocumentId: ids.era, reason: '事实有误', by: '值班总编' });
    expect(await found('两个确立')).toEqual([]);
    expect(await found('全面从严治党')).toEqual([]);
  });

  it('an issue unpublished takes its articles out of anonymous answers', async () => {
    const qitai = await t.strapi.db.query('api::issue.issue').findOne({ where: { publication: { slug: 'qitai' }, publishedAt: { $notNull: true } } });
    await docs('api::issue.issue').unpublish({ documentId: qitai.documentId, locale: L });
    expect(await found('奇台县')).toEqual([]);
  });
});

describe('npm run search:reindex', () => {
  const QUERIES = ['人才', '党建', '袁雪英', '巡察整改', '黨建', '理论园地'];
  const answers = async () => {
    const out: unknown[] = [];
    for (const q of QUERIES) {
      out.push(await hits({ q, 'pagination[pageSize]': '100' }));
      out.push(await hits({ q, status: 'draft', 'pagination[pageSize]': '100' }, asToken()));
    }
    return JSON.stringify(out);
  };
  // Scores aside: on SQLite, FTS5's corpus statistics after many deletes differ from a fresh build's (README "Search").
  const withoutScores = (json: string) => JSON.parse(json, (k, v) => (k === 'score' ? undefined : v));
  it('rebuilds the same index, from nothing', async () => {
    const before = await answers();
    const service = searchServiceOf(t.strapi);
    await service.store.clear(t.strapi.db.connection);
    expect(await found('人才')).toEqual([]);
    const run = await runScript('search-reindex.js', []);
    expect([run.code, run.stderr]).toEqual([0, expect.any(String)]);
    expect(run.stdout).toMatch(/search index rebuilt: \d+ articles/);
    // A rebuild gives new row ids; answers hold none, so they are the same, in the same order.
    expect(withoutScores(await answers())).toEqual(withoutScores(before));
  });
});
