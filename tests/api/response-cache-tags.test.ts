import request from 'supertest';
import { startStrapi, createApiToken, type TestStrapi } from '../helpers/strapi';
import { makeIssue } from '../../src/seed/generate-issue';
import { signOffPage, signPage } from '../../src/signoff/service';
import { responseCacheOf } from '../../src/response-cache';

/**
 * A write retires only the answers that show what it changed (src/response-cache/tags.ts):
 * an answer is tagged by the rows and documents it read, a write bumps those it wrote.
 */
let t: TestStrapi;
let token: string;
const api = () => request(t.strapi.server.httpServer);
const L = { locale: 'zh-Hans' };
const PAGE = 'api::page.page';
const ARTICLE = 'api::article.article';

beforeAll(async () => {
  t = await startStrapi();
  token = await createApiToken(t.strapi);
});
afterAll(async () => t?.stop());

/** An issue whose published pages are shown from the live rows (as pages published before signed snapshots are). */
async function liveIssue(number: number) {
  const made = await makeIssue(t.strapi, { number, pages: 1, articlesPerPage: 2, publish: true });
  const pages = await t.strapi.db.query(PAGE).findMany({ where: { issue: { documentId: made.issue.documentId }, publishedAt: { $notNull: true } } });
  for (const page of pages) await t.strapi.db.query(PAGE).update({ where: { id: page.id }, data: { printed: null } as any });
  return { ...made, path: `/api/issues/${made.issue.documentId}/tree` };
}

/** Reads `path` until it is kept, and says so. */
async function cached(path: string) {
  const first = await api().get(path);
  expect(first.status).toBe(200);
  const again = await api().get(path);
  expect(again.headers['x-banmian-cache']).toBe('hit');
  return again;
}

/** The issue's pages signed again by its author (each role in turn), as the newsroom does after an edit. */
async function signAgain(made: { issue: { documentId: string }; author: { documentId: string; name: string } }) {
  const pages = await t.strapi.db.query(PAGE).findMany({ where: { issue: { documentId: made.issue.documentId }, publishedAt: null } });
  const actor = { name: '测试', email: null, roleCodes: ['strapi-super-admin'] };
  const contributor = { documentId: made.author.documentId, name: made.author.name };
  for (const page of pages) {
    for (const role of ['editor', 'layout', 'proofreader'] as const) {
      await signPage(t.strapi, { documentId: page.documentId, role, actor, contributor }).catch(() => undefined);
    }
  }
}

const headlines = (res: request.Response) => res.body.data.pages.flatMap((p: any) => p.placements.map((pl: any) => pl.article.headline));

describe('a write retires only the answers that show what it changed', () => {
  it('an edit of an article in issue A: nothing public until its page is signed again, then A’s tree with the new text, B’s kept', async () => {
    const a = await makeIssue(t.strapi, { number: 41, pages: 1, articlesPerPage: 2, publish: true });
    const b = await makeIssue(t.strapi, { number: 42, pages: 1, articlesPerPage: 2, publish: true });
    const aPath = `/api/issues/${a.issue.documentId}/tree`;
    const bPath = `/api/issues/${b.issue.documentId}/tree`;
    await cached(aPath);
    await cached(bPath);
    const res = await api()
      .put(`/api/articles/${a.articleIds[0]}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { headline: '甲期改过的标题' } });
    expect(res.status).toBe(200);
    // A placed article goes live with its page's signatures (src/signoff): the edit sent the page back, readers keep the signed page.
    expect((await api().get(aPath)).headers['x-banmian-cache']).toBe('hit');
    await signAgain(a);
    const after = await api().get(aPath);
    expect(after.headers['x-banmian-cache']).toBe('miss');
    expect(headlines(after)).toContain('甲期改过的标题');
    expect((await api().get(bPath)).headers['x-banmian-cache']).toBe('hit');
  });

  it('a draft article created or edited retires nothing public; publishing it retires the lists of articles', async () => {
    const a = await liveIssue(43);
    const list = '/api/articles?pagination[pageSize]=100&sort=id:asc';
    await cached(a.path);
    await cached(list);
    await cached(`/api/articles/${a.articleIds[0]}`);
    const draft = await t.strapi.documents(ARTICLE).create({ data: { headline: '没人看得见的稿' } as any, ...L });
    await t.strapi.documents(ARTICLE).update({ documentId: draft.documentId, data: { headline: '还是没人看得见' } as any, ...L });
    // A draft edit of a published article too (the Document Service writes the draft row only).
    await t.strapi.documents(ARTICLE).update({ documentId: a.articleIds[1], data: { headline: '草稿里的改动' } as any, ...L });
    for (const path of [a.path, list, `/api/articles/${a.articleIds[0]}`])
      expect([path, (await api().get(path)).headers['x-banmian-cache']]).toEqual([path, 'hit']);

    await t.strapi.documents(ARTICLE).publish({ documentId: draft.documentId, ...L });
    const after = await api().get(list);
    expect(after.headers['x-banmian-cache']).toBe('miss');
    expect(after.body.data.map((x: any) => x.headline)).toContain('还是没人看得见');
    expect((await api().get(a.path)).headers['x-banmian-cache']).toBe('hit');
  });

  it('a contributor renamed retires the trees that show it, not the others', async () => {
    const a = await liveIssue(44);
    const b = await liveIssue(45);
    await cached(a.path);
    await cached(b.path);
    await t.strapi.documents('api::contributor.contributor').update({ documentId: a.author.documentId, data: { name: '改名的记者' } as any });
    const after = await api().get(a.path);
    expect(after.headers['x-banmian-cache']).toBe('miss');
    expect(after.body.data.pages[0].placements[0].article.bylines[0].contributors[0].name).toBe('改名的记者');
    expect((await api().get(b.path)).headers['x-banmian-cache']).toBe('hit');
  });

  it('a placements change on a page, signed again, retires its issue’s tree, not another issue’s', async () => {
    const a = await makeIssue(t.strapi, { number: 46, pages: 1, articlesPerPage: 2, publish: true });
    const b = await makeIssue(t.strapi, { number: 47, pages: 1, articlesPerPage: 1, publish: true });
    const aPath = `/api/issues/${a.issue.documentId}/tree`;
    const bPath = `/api/issues/${b.issue.documentId}/tree`;
    expect((await cached(aPath)).body.data.pages[0].placements).toHaveLength(2);
    await cached(bPath);
    const [page] = await t.strapi.db.query(PAGE).findMany({ where: { issue: { documentId: a.issue.documentId }, publishedAt: null } });
    await t.strapi
      .documents(PAGE)
      .update({ documentId: page.documentId, data: { placements: [{ article: a.articleIds[0], order: 1, span: 2, lead: true }] } as any, ...L });
    expect((await api().get(aPath)).headers['x-banmian-cache']).toBe('hit'); // a draft: readers see the signed page
    await signAgain(a);
    const after = await api().get(aPath);
    expect(after.headers['x-banmian-cache']).toBe('miss');
    expect(after.body.data.pages[0].placements).toHaveLength(1);
    expect((await api().get(bPath)).headers['x-banmian-cache']).toBe('hit');
  });

  it('a page that joins an issue retires that issue’s tree (the relation is listed from the issue’s side)', async () => {
    const a = await liveIssue(48);
    const b = await liveIssue(51);
    await cached(a.path);
    await cached(b.path);
    const page = await t.strapi.documents(PAGE).create({ data: { number: 9, name: '新加的版', issue: a.issue.documentId } as any, ...L });
    expect((await api().get(a.path)).headers['x-banmian-cache']).toBe('hit'); // a draft page
    await signOffPage(t.strapi, page.documentId, { editor: a.author, layout: a.author, proofreader: a.author } as any);
    const after = await api().get(a.path);
    expect(after.headers['x-banmian-cache']).toBe('miss');
    expect(after.body.data.pages.map((p: any) => p.name)).toContain('新加的版');
    expect((await api().get(b.path)).headers['x-banmian-cache']).toBe('hit');
  });

  it('a bulk write by condition retires the rows it picked, found before it ran', async () => {
    const a = await liveIssue(49);
    const b = await liveIssue(50);
    await cached(a.path);
    await cached(b.path);
    await t.strapi.db
      .query(ARTICLE)
      .updateMany({ where: { documentId: a.articleIds[1], publishedAt: { $notNull: true } }, data: { headline: '批量改的标题' } });
    expect(headlines(await api().get(a.path))).toContain('批量改的标题');
    expect((await api().get(b.path)).headers['x-banmian-cache']).toBe('hit');
  });

  it('an answer past the tag bound still goes when a row it read is written (its row tags become its types’)', async () => {
    const a = await liveIssue(52);
    const settings = responseCacheOf(t.strapi)!.settings;
    const max = settings.maxTags;
    settings.maxTags = 5; // the tree has dozens: kept with its types' overflow tags
    try {
      await cached(a.path);
      await t.strapi.documents('api::contributor.contributor').update({ documentId: a.author.documentId, data: { name: '溢出后改名' } as any });
      const after = await api().get(a.path);
      expect(after.headers['x-banmian-cache']).toBe('miss');
      expect(after.body.data.pages[0].placements[0].article.bylines[0].contributors[0].name).toBe('溢出后改名');
    } finally {
      settings.maxTags = max;
    }
  });

  it('a published page deleted retires its issue’s answers that count its pages', async () => {
    const a = await liveIssue(53);
    const path = `/api/issues/${a.issue.documentId}?populate[pages][count]=true`;
    const first = await cached(path);
    expect(first.body.data.pages.count).toBe(1);
    const [page] = await t.strapi.db.query(PAGE).findMany({ where: { issue: { documentId: a.issue.documentId }, publishedAt: { $notNull: true } } });
    await t.strapi.db.query(PAGE).delete({ where: { id: page.id } });
    const after = await api().get(path);
    expect(after.headers['x-banmian-cache']).toBe('miss');
    expect(after.body.data.pages.count).toBe(0);
  });

  it('a published page moved to another issue retires the tree of the issue it left', async () => {
    const a = await liveIssue(54);
    const b = await liveIssue(55);
    const countA = `/api/issues/${a.issue.documentId}?populate[pages][count]=true`;
    await cached(countA);
    const [page] = await t.strapi.db.query(PAGE).findMany({ where: { issue: { documentId: a.issue.documentId }, publishedAt: { $notNull: true } } });
    const [issueB] = await t.strapi.db.query('api::issue.issue').findMany({ where: { documentId: b.issue.documentId, publishedAt: { $notNull: true } } });
    await t.strapi.db.query(PAGE).update({ where: { id: page.id }, data: { issue: issueB.id } as any });
    const after = await api().get(countA);
    expect(after.headers['x-banmian-cache']).toBe('miss');
    expect(after.body.data.pages.count).toBe(0);
  });

  it('a published row unpublished in place (publishedAt set to null) retires what showed it', async () => {
    const a = await liveIssue(56);
    const path = `/api/articles/${a.articleIds[0]}`;
    await cached(path);
    const [row] = await t.strapi.db.query(ARTICLE).findMany({ where: { documentId: a.articleIds[0], publishedAt: { $notNull: true } } });
    await t.strapi.db.query(ARTICLE).update({ where: { id: row.id }, data: { publishedAt: null } as any });
    const after = await api().get(path);
    expect(after.headers['x-banmian-cache']).not.toBe('hit');
    expect(after.status).toBe(404);
  });

  it('a change of the default locale retires the answers that read it', async () => {
    const a = await liveIssue(57);
    await cached(a.path);
    const store = t.strapi.store({ type: 'plugin', name: 'i18n' });
    const before = await store.get({ key: 'default_locale' });
    await store.set({ key: 'default_locale', value: 'en' });
    try {
      // The tree without a locale is now asked in English, which the issue lacks: not the kept Chinese answer.
      const after = await api().get(a.path);
      expect(after.headers['x-banmian-cache']).not.toBe('hit');
      expect(after.body?.data?.locale).not.toBe('zh-Hans');
    } finally {
      await store.set({ key: 'default_locale', value: before });
    }
  });
});
