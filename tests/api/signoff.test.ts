import request from 'supertest';
import { startStrapi, createApiToken, type TestStrapi } from '../helpers/strapi';
import { signInNewsroom } from '../helpers/admin-users';
import { makeIssue } from '../../src/seed/generate-issue';
import { ensureAdminRoles } from '../../src/bootstrap/admin-roles';
import { signOffPage } from '../../src/signoff/service';

/**
 * The sign-off chain 编辑 → 版式 → 审校 against a real Strapi: roles and their
 * permissions, signing in order with the right role, resets on change, the
 * history, the publish guard with its cascade, and the contributor delete guard.
 */

let t: TestStrapi;
const api = () => request(t.strapi.server.httpServer);
const PASSWORD = 'Signoff-test-1';
const tokens: Record<'chief' | 'editor' | 'layout' | 'proofreader', string> = {} as any;
let apiToken: string;
let issue: Awaited<ReturnType<typeof makeIssue>>;
let pageId: string;
const CM = '/content-manager/collection-types';
const L = 'locale=zh-Hans';

const as = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });
const sign = (who: keyof typeof tokens, role: string, page = pageId) => api().post(`/banmian/pages/${page}/sign`).set(as(who)).send({ role });
const status = async (page = pageId) => (await api().get(`/banmian/pages/${page}/signoff`).set(as('chief'))).body;
const pageRow = (page = pageId) => t.strapi.db.query('api::page.page').findOne({ where: { documentId: page, publishedAt: null } });
type Role = 'editor' | 'layout' | 'proofreader';
/** Each signature in turn, by the user of that role; every one must go through. */
async function signRoles(page: string, roles: Role[] = ['editor', 'layout', 'proofreader']) {
  for (const role of roles) expect([role, (await sign(role, role, page)).status]).toEqual([role, 200]);
}
let nextNumber = 100;
/** A page of its own (in an issue of its own, with two articles) at 采编, so no test depends on another. */
async function newPage() {
  const own = await makeIssue(t.strapi, { number: (nextNumber += 1), pages: 1, articlesPerPage: 2, publish: false, publication: issue.publication });
  const row = await t.strapi.db.query('api::page.page').findOne({ where: { issue: { documentId: own.issue.documentId } } });
  return { page: row.documentId as string, issue: own, number: nextNumber };
}

beforeAll(async () => {
  t = await startStrapi();
  Object.assign(
    tokens,
    await signInNewsroom(t.strapi, {
      domain: 'paper.example',
      password: PASSWORD,
      who: ['chief', 'editor', 'layout', 'proofreader'],
      people: { layout: { firstname: 'Baohong', lastname: 'Ren' } },
    }),
  );
  // The layout designer is linked explicitly (by e-mail) to a contributor whose name is not the account's.
  await t.strapi.documents('api::contributor.contributor').create({ data: { name: '任宝红', adminEmail: 'layout@paper.example' } as any });
  apiToken = await createApiToken(t.strapi);
  issue = await makeIssue(t.strapi, { number: 7, pages: 1, articlesPerPage: 2, publish: false });
  pageId = (await t.strapi.db.query('api::page.page').findOne({ where: { issue: { documentId: issue.issue.documentId } } })).documentId;
}, 120000);
afterAll(async () => t?.stop());

describe('roles', () => {
  it('编辑, 版式 and 审校 exist once, and a second bootstrap changes nothing', async () => {
    const roles = t.strapi.service('admin::role');
    const before = await ensureAdminRoles(t.strapi);
    const count = await t.strapi.db.query('admin::permission').count();
    expect(await ensureAdminRoles(t.strapi)).toEqual(before);
    expect(await t.strapi.db.query('admin::permission').count()).toBe(count);
    for (const [code, name] of [
      ['banmian-editor', '编辑'],
      ['banmian-layout', '版式'],
      ['banmian-proofreader', '审校'],
    ]) {
      const role = await roles.findOne({ code });
      expect(role.name).toBe(name);
      const perms = await t.strapi.db.query('admin::permission').findMany({ where: { role: role.id } });
      expect(perms.some((p: any) => p.action.endsWith('.publish'))).toBe(false);
      for (const p of perms.filter((p: any) => p.action.endsWith('.update'))) expect(p.properties.fields ?? []).not.toContain('stage');
    }
  });

  it('editors create articles; layout designers cannot; nobody but the Super Admin publishes', async () => {
    const created = await api().post(`${CM}/api::article.article?${L}`).set(as('editor')).send({ headline: '编辑新建的稿件' });
    expect(created.status).toBe(201);
    expect((await api().post(`${CM}/api::article.article?${L}`).set(as('layout')).send({ headline: '版式不能新建' })).status).toBe(403);
    expect((await api().delete(`${CM}/api::article.article/${created.body.data.documentId}?${L}`).set(as('proofreader'))).status).toBe(403);
    for (const who of ['editor', 'layout', 'proofreader'] as const) {
      const res = await api().post(`${CM}/api::issue.issue/${issue.issue.documentId}/actions/publish?${L}`).set(as(who)).send({});
      expect([who, res.status]).toEqual([who, 403]);
    }
  });

  it('proofreaders correct text but cannot move placements; layout designers can', async () => {
    const articleId = issue.articleIds[0];
    const res = await api().put(`${CM}/api::article.article/${articleId}?${L}`).set(as('proofreader')).send({ headline: '审校改过的主题' });
    expect(res.status).toBe(200);
    expect(res.body.data.headline).toBe('审校改过的主题');
    const layout = await api().put(`${CM}/api::page.page/${pageId}?${L}`).set(as('layout')).send({ theme: '版式改主题带' });
    expect(layout.status).toBe(200);
    expect(layout.body.data.theme).toBe('版式改主题带');
  });
});

describe('signing in order, with the right role', () => {
  it('refuses a signature out of order or by the wrong role, and changes nothing', async () => {
    const { page, number } = await newPage();
    const contributors = await t.strapi.db.query('api::contributor.contributor').count();
    const wrongRole = await sign('editor', 'layout', page);
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.error.message).toMatch(/只有「版式」角色/);
    const early = await sign('layout', 'layout', page);
    expect(early.status).toBe(400);
    expect(early.body.error.message).toMatch(new RegExp(`第${number}期第1版当前为「采编」，须先由编辑签字`));
    const bogus = await sign('chief', 'printer', page);
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.details).toMatchObject({ code: 'sign.unknownRole', params: { role: 'printer' } });
    // The same refusal in the language of the user's profile, with its code and parameters for any client.
    const profile = (lang: string | null) => api().put('/admin/users/me').set(as('layout')).send({ preferedLanguage: lang });
    expect((await profile('en')).status).toBe(200);
    const english = await sign('layout', 'layout', page);
    expect(english.body.error.message).toBe(`issue ${number} page 1 is “collecting”: editor must sign before layout can`);
    expect(english.body.error.details).toEqual({
      code: 'sign.outOfOrder',
      params: { page: { issue: number, number: 1 }, stage: 'collecting', role: 'layout', next: 'editor' },
    });
    expect((await profile('zh-Hans')).status).toBe(200);
    expect((await sign('layout', 'layout', page)).body.error.message).toMatch(/须先由编辑签字/);
    expect((await pageRow(page)).stage).toBe('collecting');
    // Only the page's creation is in its history: no refused signature left a row.
    expect((await status(page)).history.map((h: any) => [h.action, h.toStage])).toEqual([['created', 'collecting']]);
    expect(await t.strapi.db.query('api::contributor.contributor').count()).toBe(contributors);
  });

  it('signs 编辑 → 版式 → 审校, fills each credit with the signer’s contributor and records who and when', async () => {
    const { page, issue: own } = await newPage();
    pageId = page;
    issue = own;
    const e = await sign('editor', 'editor');
    expect(e.status).toBe(200);
    expect(e.body.page.stage).toBe('edited');
    expect(e.body.page.credits.editor.name).toBe('王芳'); // linked on first signature, from the account's name
    expect((await sign('editor', 'editor')).body.error.message).toMatch(/编辑已签过；下一步应由版式签字/);

    const l = await sign('layout', 'layout');
    expect(l.body.page.stage).toBe('laid_out');
    expect(l.body.page.credits.layout.name).toBe('任宝红'); // linked by adminEmail
    const p = await sign('proofreader', 'proofreader');
    expect(p.body.page.stage).toBe('proofread');
    expect(p.body.page.credits).toMatchObject({ editor: { name: '王芳' }, layout: { name: '任宝红' }, proofreader: { name: '刘军' } });
    expect((await sign('proofreader', 'proofreader')).body.error.message).toMatch(/签字已齐全/);

    const s = await status();
    expect(s.history.map((h: any) => [h.action, h.toStage, h.actorEmail, h.contributorName])).toEqual([
      ['signed', 'proofread', 'proofreader@paper.example', '刘军'],
      ['signed', 'laid_out', 'layout@paper.example', '任宝红'],
      ['signed', 'edited', 'editor@paper.example', '王芳'],
      ['created', 'collecting', null, null],
    ]);
    for (const h of s.history) expect(Date.now() - new Date(h.at).getTime()).toBeLessThan(120000);
    // The signature is in the page itself, for the REST API and the printed credits line.
    const tree = await api().get(`/api/issues/${issue.issue.documentId}/tree?status=draft`).set('Authorization', `Bearer ${apiToken}`);
    expect(tree.body.data.pages[0].credits).toMatchObject({ editor: { name: '王芳' }, layout: { name: '任宝红' }, proofreader: { name: '刘军' } });
  });

  it('shows each user only the buttons of their roles, the Super Admin all three', async () => {
    const { page } = await newPage();
    const mine = async (who: keyof typeof tokens) => (await api().get(`/banmian/pages/${page}/signoff`).set(as(who))).body.buttons.map((b: any) => b.label);
    expect(await mine('layout')).toEqual(['版式签字']);
    expect(await mine('chief')).toEqual(['编辑签字', '版式签字', '审校签字']);
  });
});

describe('changes after signing send the page back', () => {
  it('a text correction needs proofreading again; saving unchanged text does not', async () => {
    ({ page: pageId, issue } = await newPage());
    await signRoles(pageId);
    const articleId = issue.articleIds[1];
    const same = await t.strapi.documents('api::article.article').findOne({ documentId: articleId, locale: 'zh-Hans' });
    await api().put(`${CM}/api::article.article/${articleId}?${L}`).set(as('editor')).send({ headline: same!.headline });
    expect((await pageRow()).stage).toBe('proofread');

    const res = await api().put(`${CM}/api::article.article/${articleId}?${L}`).set(as('editor')).send({ body: '改过的正文。' });
    expect(res.status).toBe(200);
    expect((await pageRow()).stage).toBe('laid_out');
    const [reset] = (await status()).history;
    expect(reset).toMatchObject({ action: 'returned', fromStage: 'proofread', toStage: 'laid_out', actorEmail: 'editor@paper.example' });
    expect(reset.reason).toMatch(/正文/);
    expect((await sign('layout', 'layout')).status).toBe(400); // only the proofreader is needed again
    expect((await sign('proofreader', 'proofreader')).status).toBe(200);
  });

  it('a layout change needs layout and proofreading again; another page number goes back to the editor', async () => {
    ({ page: pageId, issue } = await newPage());
    await signRoles(pageId);
    const page = await t.strapi
      .documents('api::page.page')
      .findOne({ documentId: pageId, locale: 'zh-Hans', populate: { placements: { populate: ['article'] } } as any });
    const placements = (page as any).placements.map((p: any) => ({ article: p.article.documentId, order: p.order, span: p.span === 2 ? 3 : 2, lead: p.lead }));
    await t.strapi.documents('api::page.page').update({ documentId: pageId, locale: 'zh-Hans', data: { placements } as any });
    expect((await pageRow()).stage).toBe('edited');
    await signRoles(pageId, ['layout', 'proofreader']);
    await t.strapi.documents('api::page.page').update({ documentId: pageId, locale: 'zh-Hans', data: { number: 9 } as any });
    expect((await pageRow()).stage).toBe('collecting');
    expect((await status()).history[0].reason).toMatch(/版号/);
  });

  it('a page moved to another issue from the issue’s side goes back to the editor', async () => {
    ({ page: pageId, issue } = await newPage());
    await signRoles(pageId);
    const other = await t.strapi.documents('api::issue.issue').create({ data: { number: 70, publication: issue.publication } as any, locale: 'zh-Hans' });
    await t.strapi.documents('api::issue.issue').update({ documentId: other.documentId, locale: 'zh-Hans', data: { pages: { connect: [pageId] } } as any });
    expect((await pageRow()).stage).toBe('collecting');
    expect((await status()).history[0].reason).toMatch(/所属期/);
  });

  it('the stage itself cannot be written, only signed', async () => {
    ({ page: pageId, issue } = await newPage());
    await signRoles(pageId);
    const before = (await status()).history.length;
    await t.strapi.documents('api::page.page').update({ documentId: pageId, locale: 'zh-Hans', data: { stage: 'collecting' } as any });
    expect((await pageRow()).stage).toBe('proofread');
    // The admin's permissions do not even carry the field: it is dropped, the page starts at 采编…
    const res = await api().post(`${CM}/api::page.page?${L}`).set(as('editor')).send({ number: 5, stage: 'proofread', issue: issue.issue.documentId });
    expect(res.status).toBe(201);
    expect(res.body.data.stage).toBe('collecting');
    // …and any other path that asks for a signed new page is refused.
    await expect(
      t.strapi.documents('api::page.page').create({ data: { number: 6, stage: 'proofread', issue: issue.issue.documentId } as any, locale: 'zh-Hans' }),
    ).rejects.toThrow(/新版面从「采编」开始/);
    expect((await status()).history.length).toBe(before);
  });

  it('the history cannot be written by hand and is not public', async () => {
    ({ page: pageId } = await newPage());
    await signRoles(pageId);
    const res = await api()
      .post(`${CM}/api::signoff.signoff`)
      .set(as('chief'))
      .send({ pageDocumentId: pageId, action: 'signed', at: new Date().toISOString() });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/签字记录由签字和退回自动产生/);
    expect((await api().get('/api/signoffs')).status).toBe(404);
    const list = await api().get(`${CM}/api::signoff.signoff`).set(as('editor'));
    expect(list.status).toBe(200);
    expect(list.body.results.length).toBeGreaterThanOrEqual(4); // this page's 新建 and three signatures, at least
  });
});

describe('publishing an issue', () => {
  let second: Awaited<ReturnType<typeof makeIssue>>;
  let secondPages: string[];
  /** An issue of two pages of its own, at 采编. */
  async function twoPageIssue(number: number) {
    second = await makeIssue(t.strapi, { number, pages: 2, articlesPerPage: 1, publish: false, publication: issue.publication });
    secondPages = (
      await t.strapi.db.query('api::page.page').findMany({ where: { issue: { documentId: second.issue.documentId } }, orderBy: { number: 'asc' } })
    ).map((p: any) => p.documentId);
  }
  const publishInAdmin = () => api().post(`${CM}/api::issue.issue/${second.issue.documentId}/actions/publish?${L}`).set(as('chief')).send({});

  it('is refused, in the admin and through the API, naming the pages and the missing signatures', async () => {
    await twoPageIssue(8);
    await sign('editor', 'editor', secondPages[0]);
    const res = await publishInAdmin();
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      '第8期不能发布：第1版（已编辑）缺版式、审校签字；第2版（采编）缺编辑、版式、审校签字。每一版都要编辑、版式、审校签字（已审校）后才能发布',
    );
    const rest = await api()
      .put(`/api/issues/${second.issue.documentId}?status=published`)
      .set('Authorization', `Bearer ${apiToken}`)
      .send({ data: { title: '抢发' } });
    expect(rest.status).toBe(400);
    expect(rest.body.error.message).toMatch(/第8期不能发布：第1版（已编辑）缺版式、审校签字/);
    expect(rest.body.error.details.unsignedPages).toHaveLength(2);
    // Nothing went out: neither the issue nor its articles.
    expect((await api().get(`/api/issues/${second.issue.documentId}`)).status).toBe(404);
    for (const a of second.articleIds) expect((await api().get(`/api/articles/${a}`)).status).toBe(404);
    const panel = await api().get(`/banmian/issues/${second.issue.documentId}/pages`).set(as('editor'));
    expect(panel.body.ready).toBe(false);
    expect(panel.body.pages.map((p: any) => [p.number, p.stage])).toEqual([
      [1, 'edited'],
      [2, 'collecting'],
    ]);
  });

  it('an issue without pages is refused too', async () => {
    const empty = await t.strapi.documents('api::issue.issue').create({ data: { number: 99, publication: issue.publication } as any, locale: 'zh-Hans' });
    const res = await api().post(`${CM}/api::issue.issue/${empty.documentId}/actions/publish?${L}`).set(as('chief')).send({});
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('第99期不能发布：还没有任何版面');
  });

  it('goes through once every page is signed off, with its articles; unpublishing takes them back', async () => {
    await twoPageIssue(9);
    for (const p of secondPages) await signRoles(p);
    expect((await api().get(`/banmian/issues/${second.issue.documentId}/pages`).set(as('editor'))).body.ready).toBe(true);
    const res = await publishInAdmin();
    expect(res.status).toBe(200);
    expect((await api().get(`/api/issues/${second.issue.documentId}`)).status).toBe(200);
    for (const a of second.articleIds) expect((await api().get(`/api/articles/${a}`)).status).toBe(200);

    const un = await api().post(`${CM}/api::issue.issue/${second.issue.documentId}/actions/unpublish?${L}`).set(as('chief')).send({});
    expect(un.status).toBe(200);
    expect((await api().get(`/api/issues/${second.issue.documentId}`)).status).toBe(404);
    for (const a of second.articleIds) expect((await api().get(`/api/articles/${a}`)).status).toBe(404);
  });
});

describe('deleting a contributor', () => {
  it('is refused while the contributor is credited on a page, and allowed once unused', async () => {
    // A layout designer of their own, credited on two pages of one issue and one page of another.
    const layout = await t.strapi.documents('api::contributor.contributor').create({ data: { name: '席宝红' } as any });
    const credit = (page: string) => signOffPage(t.strapi, page, { editor: layout, layout, proofreader: layout } as any);
    const a = await makeIssue(t.strapi, { number: 77, pages: 2, articlesPerPage: 1, publish: false, publication: issue.publication });
    const b = await makeIssue(t.strapi, { number: 78, pages: 1, articlesPerPage: 1, publish: false, publication: issue.publication });
    for (const own of [a, b]) {
      for (const p of await t.strapi.db.query('api::page.page').findMany({ where: { issue: { documentId: own.issue.documentId } } }))
        await credit(p.documentId);
    }
    const res = await api().delete(`${CM}/api::contributor.contributor/${layout.documentId}`).set(as('chief'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      '不能删除人员「席宝红」：仍署名于 第77期第1版的编辑/版式/审校署名、第77期第2版的编辑/版式/审校署名、第78期第1版的编辑/版式/审校署名。请先换人或删去这些署名',
    );
    expect(await t.strapi.db.query('api::contributor.contributor').findOne({ where: { name: '席宝红' } })).not.toBeNull();

    const spare = await t.strapi.documents('api::contributor.contributor').create({ data: { name: '临时人员' } as any });
    expect((await api().delete(`${CM}/api::contributor.contributor/${spare.documentId}`).set(as('chief'))).status).toBe(200);
  });
});
