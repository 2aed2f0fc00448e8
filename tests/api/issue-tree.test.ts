import request from 'supertest';
import { startStrapi, type TestStrapi } from '../helpers/strapi';
import { makeIssue } from '../../src/seed/generate-issue';
import { signOffPage } from '../../src/signoff/service';

let t: TestStrapi;
const api = () => request(t.strapi.server.httpServer);

beforeAll(async () => {
  // The query counts are the uncached tree's: the response cache would answer the second request from memory.
  t = await startStrapi({ RESPONSE_CACHE: 'false' });
});
afterAll(async () => t?.stop());

async function queriesFor(path: string) {
  await api().get(path); // warm caches (permissions, locales) so both counts compare like with like
  const before = t.queries();
  const res = await api().get(path);
  expect(res.status).toBe(200);
  return { count: t.queries() - before, res };
}

describe('GET /api/issues/:documentId/tree', () => {
  it('returns the whole issue in order, in the documented shape', async () => {
    const { issue, articleIds } = await makeIssue(t.strapi, { number: 3, pages: 2, articlesPerPage: 3 });
    const res = await api().get(`/api/issues/${issue.documentId}/tree`);
    expect(res.status).toBe(200);
    const tree = res.body.data;
    expect(Object.keys(tree).sort()).toEqual(['date', 'documentId', 'locale', 'number', 'pages', 'publication', 'title'].sort());
    expect(tree).toMatchObject({ documentId: issue.documentId, number: 3, date: '2024-07-05', title: '第3期' });
    expect(Object.keys(tree.publication).sort()).toEqual(['email', 'name', 'pageFormat', 'slug']);
    expect(tree.publication.pageFormat).toEqual({ key: 'broadsheet', custom: null });
    expect(tree.pages.map((p: any) => p.number)).toEqual([1, 2]);
    const page = tree.pages[0];
    expect(Object.keys(page).sort()).toEqual(['credits', 'name', 'number', 'placements', 'theme']);
    // makeIssue signs every page off with its reporter as 编辑, 版式 and 审校.
    for (const role of ['editor', 'layout', 'proofreader']) expect(page.credits[role]).toEqual({ name: expect.any(String) });
    expect(page.placements.map((p: any) => p.order)).toEqual([1, 2, 3]);
    // Page 1 was created second; its placements were stored in reverse order.
    expect(page.placements.map((p: any) => p.article.documentId)).toEqual([articleIds[5], articleIds[4], articleIds[3]]);
    const article = page.placements[0].article;
    expect(Object.keys(article).sort()).toEqual(
      [
        'authorNote',
        'body',
        'bylines',
        'column',
        'corrections',
        'documentId',
        'headline',
        'kicker',
        'locale',
        'photos',
        'slug',
        'source',
        'subtitle',
        'suppliedBy',
      ].sort(),
    );
    expect(article.corrections).toEqual([]);
    expect(Object.keys(page.placements[0]).sort()).toEqual(['article', 'col', 'colSpan', 'lead', 'order', 'row', 'rowSpan', 'span', 'withdrawn']);
    expect(page.placements[0].withdrawn).toBeNull();
    expect(article.column).toEqual({ name: expect.any(String), slug: expect.any(String) });
    expect(article.bylines).toEqual([{ role: '本报记者', contributors: [{ name: expect.stringMatching(/^记者/), kind: 'person' }] }]);
    expect(article.source).toBe('人民日报');
    expect(page.placements[2].lead).toBe(true);
    // Not laid out on the grid yet: the renderers lay such a page out automatically.
    expect(page.placements[0]).toMatchObject({ col: null, colSpan: null, row: null, rowSpan: null });
    expect(res.body.meta).toMatchObject({ locale: 'zh-Hans', fallback: false, status: 'published' });
  });

  it('answers 404 for an unknown issue and 400 for an unknown locale', async () => {
    expect((await api().get('/api/issues/doesnotexist/tree')).status).toBe(404);
    const { issue } = await makeIssue(t.strapi, { number: 4, pages: 1, articlesPerPage: 1 });
    const res = await api().get(`/api/issues/${issue.documentId}/tree?locale=xx-YY`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('xx-YY');
  });

  it('falls back to the default locale when the issue has no version in the asked one', async () => {
    const { issue } = await makeIssue(t.strapi, { number: 5, pages: 1, articlesPerPage: 1 });
    const res = await api().get(`/api/issues/${issue.documentId}/tree?locale=en`);
    expect(res.status).toBe(200);
    expect(res.body.meta).toMatchObject({ locale: 'zh-Hans', requestedLocale: 'en', fallback: true });
    expect(res.body.data.pages[0].placements[0].article.headline).toMatch(/^第1版 稿件1/);
  });

  it('serves the asked locale when it exists', async () => {
    const { issue, publication } = await makeIssue(t.strapi, { number: 6, pages: 1, articlesPerPage: 1 });
    const docs = t.strapi.documents;
    const en = await docs('api::article.article').create({ data: { headline: 'Party building leads the gourd industry' } as any, locale: 'en' });
    await docs('api::article.article').publish({ documentId: en.documentId, locale: 'en' });
    await docs('api::issue.issue').update({
      documentId: issue.documentId,
      locale: 'en',
      data: { title: 'Issue 6', number: 6, date: '2024-07-05', publication } as any,
    });
    // The English page is a locale of the same page document, so its number stays unique.
    const zhPage = await docs('api::page.page').findFirst({ filters: { issue: { documentId: issue.documentId } }, locale: 'zh-Hans' });
    await docs('api::page.page').update({
      documentId: zhPage.documentId,
      locale: 'en',
      data: { number: 1, name: 'Party building', issue: issue.documentId, placements: [{ article: en.documentId, order: 1, span: 2 }] } as any,
    });
    // A new locale is a version nobody has signed: the page is signed again before the English issue goes live.
    const author = await docs('api::contributor.contributor').findFirst({});
    await signOffPage(t.strapi, zhPage.documentId, { editor: author, layout: author, proofreader: author } as any);
    await docs('api::issue.issue').publish({ documentId: issue.documentId, locale: 'en' });
    const res = await api().get(`/api/issues/${issue.documentId}/tree?locale=en`);
    expect(res.status).toBe(200);
    expect(res.body.meta).toMatchObject({ locale: 'en', fallback: false });
    expect(res.body.data.title).toBe('Issue 6');
    expect(res.body.data.pages.map((p: any) => p.name)).toEqual(['Party building']);
    expect(res.body.data.pages[0].placements[0].article.headline).toBe('Party building leads the gourd industry');
    // The Chinese version is untouched.
    const zh = await api().get(`/api/issues/${issue.documentId}/tree?locale=zh-Hans`);
    expect(zh.body.data.title).toBe('第6期');
  });

  it('leaves out placed articles that are not published', async () => {
    const { issue, articleIds } = await makeIssue(t.strapi, { number: 7, pages: 1, articlesPerPage: 2 });
    await t.strapi.documents('api::article.article').unpublish({ documentId: articleIds[0], locale: 'zh-Hans' });
    const res = await api().get(`/api/issues/${issue.documentId}/tree`);
    expect(res.body.data.pages[0].placements.map((p: any) => p.article.documentId)).toEqual([articleIds[1]]);
  });

  it('uses as many SQL queries for 40 articles as for 2', async () => {
    const small = await makeIssue(t.strapi, { number: 20, pages: 1, articlesPerPage: 2 });
    const large = await makeIssue(t.strapi, { number: 21, pages: 8, articlesPerPage: 5 });
    const a = await queriesFor(`/api/issues/${small.issue.documentId}/tree`);
    const b = await queriesFor(`/api/issues/${large.issue.documentId}/tree`);
    expect(b.res.body.data.pages.flatMap((p: any) => p.placements)).toHaveLength(40);
    expect(a.res.body.data.pages.flatMap((p: any) => p.placements)).toHaveLength(2);
    expect(a.count).toBeGreaterThan(0);
    expect(b.count).toBe(a.count);
  });
});
