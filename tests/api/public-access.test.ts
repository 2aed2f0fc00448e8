import request from 'supertest';
import { startStrapi, createApiToken, type TestStrapi } from '../helpers/strapi';
import { makeIssue } from '../../src/seed/generate-issue';

let t: TestStrapi;
let token: string;
let publishedIssue: Awaited<ReturnType<typeof makeIssue>>;
let draftIssue: Awaited<ReturnType<typeof makeIssue>>;
let draftArticle: string;
let modifiedArticle: string;
const api = () => request(t.strapi.server.httpServer);

beforeAll(async () => {
  t = await startStrapi();
  token = await createApiToken(t.strapi);
  publishedIssue = await makeIssue(t.strapi, { number: 1, pages: 1, articlesPerPage: 2 });
  draftIssue = await makeIssue(t.strapi, { number: 2, pages: 1, articlesPerPage: 1, publish: false, publication: publishedIssue.publication });
  const articles = t.strapi.documents('api::article.article');
  draftArticle = (await articles.create({ data: { headline: '草稿：不应公开' } as any, locale: 'zh-Hans' })).documentId;
  // Published, then edited: the published version is public, the newer draft is not.
  modifiedArticle = publishedIssue.articleIds[0];
  await articles.update({ documentId: modifiedArticle, locale: 'zh-Hans', data: { headline: '修改中：不应公开' } as any });
});
afterAll(async () => t?.stop());

const headlines = (res: request.Response) => (Array.isArray(res.body.data) ? res.body.data : [res.body.data]).map((a: any) => a?.headline);

describe('anonymous readers', () => {
  it('read published articles, issues, pages, columns, contributors and publications', async () => {
    for (const path of ['/api/articles', '/api/issues', '/api/pages', '/api/columns', '/api/contributors', '/api/publications']) {
      const res = await api().get(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.body.data.length).toBeGreaterThan(0);
    }
    const list = await api().get('/api/articles');
    expect(headlines(list)).toHaveLength(2);
    expect(headlines(list)).not.toContain('草稿：不应公开');
    expect(headlines(list)).not.toContain('修改中：不应公开');
    const one = await api().get(`/api/articles/${publishedIssue.articleIds[1]}`);
    expect(one.status).toBe(200);
  });

  it('never see a draft-only article by id', async () => {
    expect((await api().get(`/api/articles/${draftArticle}`)).status).toBe(404);
    expect((await api().get(`/api/issues/${draftIssue.issue.documentId}`)).status).toBe(404);
  });

  it.each([
    'status=draft',
    'status=DRAFT',
    'status=modified',
    'status=',
    'status[]=draft',
    'status[0]=published&status[1]=draft',
    'status=draft&locale=zh-Hans',
    'status=draft&populate=*',
  ])('are refused drafts with ?%s', async (query) => {
    for (const path of [
      '/api/articles',
      `/api/articles/${draftArticle}`,
      `/api/articles/${modifiedArticle}`,
      '/api/issues',
      `/api/issues/${draftIssue.issue.documentId}`,
    ]) {
      const res = await api().get(`${path}?${query}`);
      expect([path, query, res.status]).toEqual([path, query, 403]);
      expect(JSON.stringify(res.body)).not.toContain('不应公开');
    }
  });

  it('do not reach drafts through populate of a published page', async () => {
    const res = await api().get('/api/pages?populate[placements][populate]=article');
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('不应公开');
  });

  it('are refused the draft tree and never see an unpublished issue tree', async () => {
    expect((await api().get(`/api/issues/${publishedIssue.issue.documentId}/tree?status=draft`)).status).toBe(403);
    expect((await api().get(`/api/issues/${draftIssue.issue.documentId}/tree`)).status).toBe(404);
    const tree = await api().get(`/api/issues/${publishedIssue.issue.documentId}/tree`);
    expect(tree.status).toBe(200);
    expect(JSON.stringify(tree.body)).not.toContain('不应公开');
  });

  it('cannot write', async () => {
    expect(
      (
        await api()
          .post('/api/articles')
          .send({ data: { headline: '匿名稿' } })
      ).status,
    ).toBe(403);
    expect(
      (
        await api()
          .put(`/api/articles/${publishedIssue.articleIds[1]}`)
          .send({ data: { headline: 'x' } })
      ).status,
    ).toBe(403);
    expect((await api().delete(`/api/articles/${publishedIssue.articleIds[1]}`)).status).toBe(403);
    expect(
      (
        await api()
          .post('/api/contributors')
          .send({ data: { name: '匿名' } })
      ).status,
    ).toBe(403);
    expect(await t.strapi.db.query('api::article.article').count({ where: { headline: '匿名稿' } })).toBe(0);
  });

  it('may read from any site, but never with credentials (no CORS_ORIGINS set)', async () => {
    const res = await api().get('/api/articles').set('Origin', 'https://any-site.example');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await api().options('/api/articles').set('Origin', 'https://any-site.example').set('Access-Control-Request-Method', 'GET');
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('are refused with a bad token', async () => {
    const res = await api().get('/api/articles?status=draft').set('Authorization', 'Bearer not-a-token');
    expect(res.status).toBe(401);
  });
});

describe('API token holders', () => {
  const auth = () => ({ Authorization: `Bearer ${token}` });

  it('read drafts', async () => {
    const res = await api().get('/api/articles?status=draft&pagination[pageSize]=100').set(auth());
    expect(res.status).toBe(200);
    expect(headlines(res)).toEqual(expect.arrayContaining(['草稿：不应公开', '修改中：不应公开']));
    const tree = await api().get(`/api/issues/${publishedIssue.issue.documentId}/tree?status=draft`).set(auth());
    expect(tree.status).toBe(200);
    expect(JSON.stringify(tree.body)).toContain('修改中：不应公开');
    const draftTree = await api().get(`/api/issues/${draftIssue.issue.documentId}/tree?status=draft`).set(auth());
    expect(draftTree.status).toBe(200);
  });

  it('read the issue tree with a read-only token; a custom token needs the reads of all the tree shows', async () => {
    const path = `/api/issues/${publishedIssue.issue.documentId}/tree`;
    const readOnly = await createApiToken(t.strapi, 'read-only');
    const tree = await api()
      .get(path)
      .set({ Authorization: `Bearer ${readOnly}` });
    expect(tree.status).toBe(200);
    expect(tree.body.data.pages.length).toBeGreaterThan(0);
    const drafts = await api()
      .get(`${path}?status=draft`)
      .set({ Authorization: `Bearer ${readOnly}` });
    expect(drafts.status).toBe(200);
    const custom = async (permissions: string[]) =>
      (await t.strapi.service('admin::api-token').create({ name: `custom-${permissions.length}-${Date.now()}`, type: 'custom', lifespan: null, permissions }))
        .accessKey as string;
    const issueOnly = await custom(['api::issue.issue.findOne']);
    expect(
      (
        await api()
          .get(path)
          .set({ Authorization: `Bearer ${issueOnly}` })
      ).status,
    ).toBe(403);
    const allReads = await custom(
      ['issue', 'publication'].map((n) => `api::${n}.${n}.findOne`).concat(['page', 'article', 'column', 'contributor'].map((n) => `api::${n}.${n}.find`)),
    );
    expect(
      (
        await api()
          .get(path)
          .set({ Authorization: `Bearer ${allReads}` })
      ).status,
    ).toBe(200);
  });

  it('write, and a read-only token may not', async () => {
    const ok = await api()
      .post('/api/articles')
      .set(auth())
      .send({ data: { headline: '令牌稿' } });
    expect(ok.status).toBe(201);
    const readOnly = await createApiToken(t.strapi, 'read-only');
    const refused = await api()
      .post('/api/articles')
      .set({ Authorization: `Bearer ${readOnly}` })
      .send({ data: { headline: '只读令牌稿' } });
    expect(refused.status).toBe(403);
  });
});

describe('malformed filters', () => {
  const callers: Array<[string, () => Record<string, string>]> = [
    ['anonymous', () => ({})],
    ['an API token', () => ({ Authorization: `Bearer ${token}` })],
  ];
  const shapes: Array<[string, string, string]> = [
    ['/api/articles', 'filters[$or]=1', 'filters[$or]'],
    ['/api/articles', 'filters[$and][0]=1', 'filters[$and][0]'],
    ['/api/articles', 'filters[$not]=x', 'filters[$not]'],
    ['/api/articles', 'filters[$or][0][$and]=1', 'filters[$or][0][$and]'],
    ['/api/articles', 'filters[$and][0][$or]=x', 'filters[$and][0][$or]'],
    ['/api/articles', 'filters[column][$or]=1', 'filters[column][$or]'],
    ['/api/articles', 'filters[headline][$eq][$eq]=1', 'filters[headline][$eq]'],
    ['/api/articles', 'filters[headline][$not][$eq][$eq]=1', 'filters[headline][$not][$eq]'],
    ['/api/pages', 'filters[placements][article][$or]=1', 'filters[placements][article][$or]'],
    ['/api/pages', 'filters[issue][$eq][number]=1', 'filters[issue][$eq]'],
    ['/api/articles', 'filters[column][$not][name][$eq]=x', 'filters[column][$not]'],
    ['/api/articles', 'filters[column][$eq]=1&filters[column][name]=x', 'filters[column]'],
    ['/api/articles', 'populate[column][filters][$or]=1', 'populate[column][filters][$or]'],
    [`/api/articles/DOC`, 'filters[$or]=1', 'filters[$or]'],
  ];

  it.each(callers)('are a 400 naming the parameter for %s, never a 500', async (_who, auth) => {
    for (const [route, query, parameter] of shapes) {
      const res = await api()
        .get(`${route.replace('DOC', publishedIssue.articleIds[0])}?${query}`)
        .set(auth());
      expect([route, query, res.status]).toEqual([route, query, 400]);
      expect(res.body.error.details).toMatchObject({ code: 'query.badFilter', params: { parameter } });
      expect(res.body.error.message).toContain(`查询参数 ${parameter} 无效`);
    }
    const en = await api().get('/api/articles?filters[$or]=1').set(auth()).set('Accept-Language', 'en');
    expect(en.body.error.message).toBe('query parameter filters[$or] is not valid: must be a list of conditions (such as [0][headline][$eq]=…)');
  });

  it.each(callers)('well-formed ones still answer for %s', async (_who, auth) => {
    for (const query of [
      'filters[$or][0][headline][$eq]=x&filters[$or][1][slug][$null]=true',
      'filters[$not][headline][$eq]=x',
      'filters[headline][$in][0]=a&filters[headline][$in][1]=b',
      'filters[column][name][$eq]=x',
      'filters[$and][0][column][$null]=true',
      'populate[column][filters][name][$eq]=x',
    ]) {
      const res = await api().get(`/api/articles?${query}`).set(auth());
      expect([query, res.status]).toEqual([query, 200]);
    }
  });
});
