import request from 'supertest';
import { startStrapi, type TestStrapi } from '../helpers/strapi';
import { signInNewsroom } from '../helpers/admin-users';
import { makeIssue } from '../../src/seed/generate-issue';
import { versionHash } from '../../src/signoff/snapshots';

/**
 * What changed since a signature, against a real Strapi (SQLite, or PostgreSQL
 * with BANMIAN_TEST_DB=postgres): each signature keeps the version it covers and
 * its history row names that version's fingerprint; after an edit of one word
 * and a moved block, GET /banmian/pages/:id/changes shows exactly that word and
 * that block; signing again empties it; any two signed versions compare; an
 * unknown version is refused with its code; the routes need read on the page.
 */

let t: TestStrapi;
const api = () => request(t.strapi.server.httpServer);
const PASSWORD = 'Changes-test-1';
const CM = '/content-manager/collection-types';
const L = 'locale=zh-Hans';
type Who = 'chief' | 'editor' | 'layout' | 'proofreader' | 'author';
const tokens = {} as Record<Who, string>;
const as = (who: Who) => ({ Authorization: `Bearer ${tokens[who]}` });
const BODY = '全市党员干部认真学习党的二十大精神，推动基层党建工作高质量发展。';

const sign = async (who: Who, role: string, page: string) => {
  const res = await api().post(`/banmian/pages/${page}/sign`).set(as(who)).send({ role });
  expect([role, res.status, res.body?.error?.message]).toEqual([role, 200, undefined]);
};
const signAll = async (page: string) => {
  await sign('editor', 'editor', page);
  await sign('layout', 'layout', page);
  await sign('proofreader', 'proofreader', page);
};
const changes = async (page: string, query = '', who: Who = 'editor') => {
  const res = await api().get(`/banmian/pages/${page}/changes${query}`).set(as(who));
  expect(res.status).toBe(200);
  return res.body;
};
const versions = async (page: string) => (await api().get(`/banmian/pages/${page}/versions`).set(as('proofreader'))).body.versions as any[];
const layoutOf = async (page: string, rects: Array<{ col: number; colSpan: number; row: number; rowSpan: number }>) => {
  const view = (await api().get(`/banmian/pages/${page}/layout`).set(as('layout'))).body;
  const res = await api()
    .put(`/banmian/pages/${page}/layout`)
    .set(as('layout'))
    .send({ blocks: view.blocks.map((b: any, i: number) => ({ article: b.article, rect: rects[i] })) });
  expect([res.status, res.body?.error?.message]).toEqual([200, undefined]);
};

const TOP = { col: 1, colSpan: 3, row: 1, rowSpan: 7 };
const RIGHT = { col: 4, colSpan: 3, row: 1, rowSpan: 7 };
const LOWER = { col: 4, colSpan: 3, row: 8, rowSpan: 7 };

let number = 500;
/** A signed page of its own with two blocks on the grid; the first article's body is BODY. */
async function signedPage() {
  const own = await makeIssue(t.strapi, { number: (number += 1), pages: 1, articlesPerPage: 2, publish: false });
  const row: any = await t.strapi.db.query('api::page.page').findOne({
    where: { issue: { documentId: own.issue.documentId }, publishedAt: null },
    populate: { placements: { populate: { article: { select: ['documentId', 'headline'] } } } },
  });
  const [first, second] = [...row.placements].sort((a: any, b: any) => a.order - b.order).map((p: any) => p.article);
  await t.strapi.documents('api::article.article').update({ documentId: first.documentId, locale: 'zh-Hans', data: { body: BODY } as any });
  await layoutOf(row.documentId, [TOP, RIGHT]);
  await signAll(row.documentId);
  return { page: row.documentId as string, first, second };
}

beforeAll(async () => {
  t = await startStrapi();
  Object.assign(
    tokens,
    await signInNewsroom(t.strapi, { domain: 'changes.example', password: PASSWORD, who: ['chief', 'editor', 'layout', 'proofreader', 'author'] }),
  );
}, 120000);
afterAll(async () => t?.stop());

describe('signed versions', () => {
  it('keeps one per signature, named by its history row, whose fingerprint is that of what it stores', async () => {
    const { page } = await signedPage();
    const list = await versions(page);
    expect(list.map((v) => [v.role, v.stage, v.contributorName])).toEqual([
      ['proofreader', 'proofread', '刘军'],
      ['layout', 'laid_out', '任宝红'],
      ['editor', 'edited', '王芳'],
    ]);
    const status = (await api().get(`/banmian/pages/${page}/signoff`).set(as('chief'))).body;
    const signatures = status.history.filter((h: any) => h.action === 'signed');
    expect(signatures.map((h: any) => [h.documentId, h.version])).toEqual(list.map((v) => [v.id, v.hash]));
    // The last signature covers the page as it is now: the fingerprint the 签字 panel shows.
    expect(list[0].hash).toBe(status.version);

    const one = await api().get(`/banmian/pages/${page}/versions/${list[0].id}`).set(as('editor'));
    expect(one.status).toBe(200);
    expect(one.body.intact).toBe(true);
    expect(versionHash(one.body.snapshot.parts)).toBe(list[0].hash);
    const part = one.body.snapshot.parts[0];
    expect(part.articles.map((a: any) => a.body)).toContain(BODY);
    expect(Object.values(one.body.snapshot.names.contributors)).toEqual(expect.arrayContaining(['王芳', '任宝红', '刘军']));
    // Stored, not recomputed: it stays as signed while the draft changes.
    await t.strapi.documents('api::page.page').update({ documentId: page, locale: 'zh-Hans', data: { theme: '新的主题带' } as any });
    const later = await api().get(`/banmian/pages/${page}/versions/${list[0].id}`).set(as('editor'));
    expect(later.body.snapshot).toEqual(one.body.snapshot);
  });
});

describe('GET /banmian/pages/:documentId/changes', () => {
  it('shows exactly the changed words and the moved block since the last signature; signing again empties it; two signed versions compare', async () => {
    const { page, first, second } = await signedPage();
    expect((await changes(page)).changes).toEqual([]);
    const signedBefore = (await versions(page))[0];

    // The 审校 corrects one word through the Content Manager; the 版式 moves the second block down.
    const edit = await api()
      .put(`${CM}/api::article.article/${first.documentId}?${L}`)
      .set(as('proofreader'))
      .send({ body: BODY.replace('认真', '深入') });
    expect(edit.status).toBe(200);
    await layoutOf(page, [TOP, LOWER]);

    const diff = await changes(page);
    expect(diff.since).toMatchObject({ id: signedBefore.id, role: 'proofreader', draft: false });
    expect(diff.to).toMatchObject({ id: null, draft: true });
    expect(diff.changes).toEqual([
      {
        kind: 'text',
        locale: 'zh-Hans',
        article: { documentId: first.documentId, headline: first.headline },
        field: 'body',
        label: '正文',
        pieces: [
          { op: 'equal', text: '全市党员干部' },
          { op: 'delete', text: '认真' },
          { op: 'insert', text: '深入' },
          { op: 'equal', text: '学习党的二十大精神，推动基层党建工作高质量发展。' },
        ],
      },
      {
        kind: 'block',
        locale: 'zh-Hans',
        article: { documentId: second.documentId, headline: second.headline },
        field: 'placement.rect',
        label: '移动',
        moved: true,
        resized: false,
        from: RIGHT,
        to: LOWER,
      },
    ]);

    // The page went back to 已编辑; the 版式 and the 审校 sign again: nothing changed since.
    await sign('layout', 'layout', page);
    await sign('proofreader', 'proofreader', page);
    expect((await changes(page)).changes).toEqual([]);

    // Any two signed versions: the old 审校 signature against the new one shows the same edit.
    const [latest, layoutAgain] = await versions(page);
    const between = await changes(page, `?since=${signedBefore.id}&to=${latest.id}`);
    expect(between.to).toMatchObject({ id: latest.id, draft: false });
    expect(between.changes.map((c: any) => [c.kind, c.field, c.article.documentId])).toEqual([
      ['text', 'body', first.documentId],
      ['block', 'placement.rect', second.documentId],
    ]);
    // The 审校 signed what the 版式 had signed: the same person re-credited, nothing else.
    expect((await changes(page, `?since=${layoutAgain.id}&to=${latest.id}`)).changes).toEqual([]);
    // The 编辑's first signature against the 审校's: the credits the later signatures added.
    const all = await versions(page);
    const editorFirst = all[all.length - 1];
    const credits = (await changes(page, `?since=${editorFirst.id}&to=${signedBefore.id}`)).changes;
    expect(credits.map((c: any) => [c.kind, c.role, c.from, c.to])).toEqual([
      ['credit', 'layout', null, '任宝红'],
      ['credit', 'proofreader', null, '刘军'],
    ]);
  });

  it('has nothing to compare before the first signature', async () => {
    const own = await makeIssue(t.strapi, { number: (number += 1), pages: 1, articlesPerPage: 1, publish: false });
    const row: any = await t.strapi.db.query('api::page.page').findOne({ where: { issue: { documentId: own.issue.documentId } } });
    const diff = await changes(row.documentId);
    expect(diff).toMatchObject({ since: null, to: { draft: true }, changes: [] });
    expect(await versions(row.documentId)).toEqual([]);
  });

  it('refuses an unknown version, and another page’s, with changes.noSuchVersion', async () => {
    const { page } = await signedPage();
    const other = await signedPage();
    const foreign = (await versions(other.page))[0].id;
    for (const url of [
      `/banmian/pages/${page}/changes?since=nosuchversion`,
      `/banmian/pages/${page}/changes?to=${foreign}`,
      `/banmian/pages/${page}/versions/${foreign}`,
    ]) {
      const res = await api().get(url).set(as('editor')).set('Accept-Language', 'zh-CN');
      expect([url, res.status, res.body.error.details.code]).toEqual([url, 404, 'changes.noSuchVersion']);
      expect(res.body.error.message).toMatch(/没有签字版本/);
    }
    expect((await api().get('/banmian/pages/nosuchpage/changes').set(as('chief'))).status).toBe(404);
  });

  it('needs a signed-in admin who may read the page', async () => {
    const { page } = await signedPage();
    const id = (await versions(page))[0].id;
    for (const url of [`/banmian/pages/${page}/changes`, `/banmian/pages/${page}/versions`, `/banmian/pages/${page}/versions/${id}`]) {
      expect([url, (await api().get(url)).status]).toEqual([url, 401]);
      // A Strapi Author limited to own entries: someone else's page.
      expect([url, (await api().get(url).set(as('author'))).status]).toEqual([url, 403]);
    }
  });
});
