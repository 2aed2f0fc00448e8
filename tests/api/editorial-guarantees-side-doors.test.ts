import request from 'supertest';
import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import { startStrapi, createApiToken, type TestStrapi } from '../helpers/strapi';
import { adminToken, createAdminUser } from '../helpers/admin-users';
import { makeIssue } from '../../src/seed/generate-issue';
import { signOffPage } from '../../src/signoff/service';

/**
 * Editorial guarantees, second round: the side doors. What a published page shows
 * is what was signed, whatever Strapi copies between locales, whatever happens to
 * the contributors, 栏目, files and publication it prints, and whichever other page
 * carrying the same article is signed; stage and credits move by signatures only;
 * live content is not deleted behind readers' backs; a slug never names a path.
 */

let t: TestStrapi;
const api = () => request(t.strapi.server.httpServer);
const PASSWORD = 'Side-doors-test-1';
const CM = '/content-manager/collection-types';
const who = ['chief', 'editor', 'layout', 'proofreader', 'stock'] as const;
type Who = (typeof who)[number];
const tokens = {} as Record<Who, string>;
const as = (w: Who) => ({ Authorization: `Bearer ${tokens[w]}` });
let apiToken: string;
const docs = (uid: string) => t.strapi.documents(uid as any);
const q = (uid: string) => t.strapi.db.query(uid as any);
let nextNumber = 50;

const sign = (w: Who, role: string, page: string, extra: Record<string, unknown> = {}) =>
  api()
    .post(`/banmian/pages/${page}/sign`)
    .set(as(w))
    .send({ role, ...extra });
const status = async (page: string) => (await api().get(`/banmian/pages/${page}/signoff`).set(as('chief'))).body;
async function signRest(page: string) {
  const order = ['editor', 'layout', 'proofreader'] as const;
  const s = await status(page);
  for (const role of order.slice(order.indexOf(s.next))) {
    const res = await sign(role, role, page);
    expect([role, res.status, res.body?.error?.message]).toEqual([role, 200, undefined]);
  }
}
const drafts = (page: string) =>
  q('api::page.page').findMany({ where: { documentId: page, publishedAt: null }, populate: { credits: { populate: ['editor', 'layout', 'proofreader'] } } });
const tree = async (issue: string, locale = 'zh-Hans') => {
  const res = await api().get(`/api/issues/${issue}/tree?locale=${locale}`);
  expect(res.status).toBe(200);
  return res.body.data;
};
const pageOf = async (issue: string) =>
  (await q('api::page.page').findOne({ where: { issue: { documentId: issue }, publishedAt: null } })).documentId as string;
const history = (page: string) => q('api::signoff.signoff').findMany({ where: { pageDocumentId: page }, orderBy: [{ id: 'asc' }] });

/** A published issue of one signed page (two articles), made for one test. */
async function liveIssue(opts: { articlesPerPage?: number; pages?: number } = {}) {
  const made = await makeIssue(t.strapi, { number: (nextNumber += 1), pages: opts.pages ?? 1, articlesPerPage: opts.articlesPerPage ?? 2 });
  return { ...made, page: await pageOf(made.issue.documentId) };
}

async function jpeg(colour: { r: number; g: number; b: number }) {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

beforeAll(async () => {
  t = await startStrapi();
  const roles: Record<Who, string> = {
    chief: 'strapi-super-admin',
    editor: 'banmian-editor',
    layout: 'banmian-layout',
    proofreader: 'banmian-proofreader',
    stock: 'strapi-editor',
  };
  const names: Record<Who, [string, string?]> = { chief: ['总编'], editor: ['芳', '王'], layout: ['宝红', '任'], proofreader: ['军', '刘'], stock: ['老编辑'] };
  for (const w of who) {
    await createAdminUser(t.strapi, { email: `${w}@paper.example`, password: PASSWORD, firstname: names[w][0], lastname: names[w][1], roleCodes: [roles[w]] });
    tokens[w] = await adminToken(t.strapi, `${w}@paper.example`, PASSWORD);
  }
  apiToken = await createApiToken(t.strapi);
}, 120000);
afterAll(async () => t?.stop());

describe('a new locale does not re-sign a page', () => {
  it('a page sent back, then created in English through the Content Manager, stays 采编 and its issue cannot be republished', async () => {
    const live = await liveIssue();
    const [article] = live.articleIds;
    // An edit sends the page back to 采编 (a column change is editorial).
    const other = await docs('api::column.column').create({ data: { name: '另一个栏目' }, locale: 'zh-Hans' });
    await docs('api::article.article').update({ documentId: article, locale: 'zh-Hans', data: { column: other.documentId, headline: '未签字的改动' } });
    expect((await drafts(live.page)).map((r: any) => r.stage)).toEqual(['collecting']);
    const rowsBefore = (await history(live.page)).length;

    const res = await api().put(`${CM}/api::page.page/${live.page}?locale=en`).set(as('editor')).send({ name: 'Party building' });
    expect(res.status).toBe(200);
    const rows = await drafts(live.page);
    expect(rows.map((r: any) => [r.locale, r.stage]).sort()).toEqual([
      ['en', 'collecting'],
      ['zh-Hans', 'collecting'],
    ]);
    expect((await history(live.page)).length).toBeGreaterThanOrEqual(rowsBefore);
    // Republishing the issue is refused: the page is not signed.
    const publish = await api().post(`${CM}/api::issue.issue/${live.issue.documentId}/actions/publish?locale=zh-Hans`).set(as('chief')).send({});
    expect(publish.status).toBe(400);
    expect(publish.body.error.details.code).toBe('issue.unsigned');
    expect((await tree(live.issue.documentId)).pages[0].placements.map((p: any) => p.article.headline)).not.toContain('未签字的改动');
  });

  it('a new locale written with an API token sends a signed page back to 采编, with a history row, and keeps its credits', async () => {
    const live = await liveIssue();
    const before = (await drafts(live.page))[0];
    expect(before.stage).toBe('proofread');
    const res = await api()
      .put(`/api/pages/${live.page}?locale=zh-Hant`)
      .set('Authorization', `Bearer ${apiToken}`)
      .send({ data: { name: '黨建' } });
    expect(res.status).toBe(200);
    const rows = await drafts(live.page);
    expect(rows.map((r: any) => r.stage)).toEqual(['collecting', 'collecting']);
    for (const r of rows) expect(r.credits?.editor?.documentId).toBe(before.credits.editor.documentId);
    const last = (await history(live.page)).at(-1);
    expect(last).toMatchObject({ action: 'returned', fromStage: 'proofread', toStage: 'collecting' });
    expect(last.reason).toMatch(/zh-Hant/);
  });

  it('a new locale of an article placed on a signed page sends the page back', async () => {
    const live = await liveIssue();
    const res = await api().put(`${CM}/api::article.article/${live.articleIds[0]}?locale=en`).set(as('editor')).send({ headline: 'Unsigned translation' });
    expect(res.status).toBe(200);
    expect((await drafts(live.page))[0].stage).not.toBe('proofread');
  });

  it('stage and credits sent in a form or an API body are ignored, on every locale', async () => {
    const live = await liveIssue();
    const stranger = await docs('api::contributor.contributor').create({ data: { name: '冒名者', kind: 'person' } });
    await docs('api::article.article').update({ documentId: live.articleIds[0], locale: 'zh-Hans', data: { headline: '送回采编' } });
    const res = await api()
      .put(`/api/pages/${live.page}?locale=zh-Hans&status=draft`)
      .set('Authorization', `Bearer ${apiToken}`)
      .send({ data: { stage: 'proofread', credits: { editor: stranger.documentId, layout: stranger.documentId, proofreader: stranger.documentId } } });
    expect(res.status).toBe(200);
    const [row] = await drafts(live.page);
    expect(row.stage).toBe('laid_out');
    expect(row.credits.proofreader.name).not.toBe('冒名者');
  });

  it('discarding one locale’s draft does not sign the edits of another locale', async () => {
    const live = await liveIssue();
    // An English version, signed with the page, and published with it.
    await docs('api::page.page').update({ documentId: live.page, locale: 'en', data: { name: 'Party building' } });
    await signRest(live.page);
    await api().post(`${CM}/api::issue.issue/${live.issue.documentId}/actions/publish?locale=zh-Hans`).set(as('chief')).send({});
    // An unsigned Chinese edit of the page, then the English draft discarded.
    await docs('api::page.page').update({ documentId: live.page, locale: 'zh-Hans', data: { theme: '未签字的主题带' } });
    expect((await drafts(live.page)).every((r: any) => r.stage === 'laid_out')).toBe(true);
    const discard = await api().post(`${CM}/api::page.page/${live.page}/actions/discard?locale=en`).set(as('chief')).send({});
    expect(discard.status).toBe(200);
    expect((await drafts(live.page)).map((r: any) => r.stage)).toEqual(['laid_out', 'laid_out']);
  });
});

describe('related entries and media: what a published page shows is what was signed', () => {
  it('renaming a credited contributor or a 栏目 changes nothing on the live page, and sends the page back to be proofread', async () => {
    const live = await liveIssue();
    const before = await tree(live.issue.documentId);
    const byline = before.pages[0].placements[0].article.bylines[0].contributors[0].name;
    const column = before.pages[0].placements[0].article.column.name;
    expect(before.pages[0].credits.editor.name).toBe(byline);

    const renamed = await api().put(`${CM}/api::contributor.contributor/${live.author.documentId}`).set(as('editor')).send({ name: '改名后的人' });
    expect(renamed.status).toBe(200);
    const col = await api().put(`${CM}/api::column.column/${live.column.documentId}?locale=zh-Hans`).set(as('editor')).send({ name: '改名后的栏目' });
    expect(col.status).toBe(200);

    const after = await tree(live.issue.documentId);
    expect(after).toEqual(before);
    expect(after.pages[0].placements[0].article.column.name).toBe(column);
    expect(JSON.stringify(after)).not.toMatch(/改名后/);
    expect((await drafts(live.page))[0].stage).toBe('laid_out');
    expect((await history(live.page)).map((h: any) => h.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/改为「改名后的人」/)]));
    // Signed again, the page prints the new names.
    await signRest(live.page);
    const signed = await tree(live.issue.documentId);
    expect(signed.pages[0].credits.editor.name).toBe('改名后的人');
    expect(signed.pages[0].placements[0].article.column.name).toBe('改名后的栏目');
  });

  it('Strapi’s stock Editor renaming the publication does not change a live issue', async () => {
    const live = await liveIssue();
    const before = await tree(live.issue.documentId);
    const res = await api().put(`${CM}/api::publication.publication/${live.publication}`).set(as('stock')).send({ name: '改名后的报' });
    expect(res.status).toBe(200);
    expect((await tree(live.issue.documentId)).publication.name).toBe(before.publication.name);
  });

  it('a photo replaced or re-described in the media library stays as signed on the live page; the page goes back to 已编辑', async () => {
    const live = await liveIssue();
    const red = await jpeg({ r: 200, g: 0, b: 0 });
    const up = await api().post('/upload').set(as('editor')).attach('files', red, 'red.jpg');
    expect(up.status).toBe(201);
    const file = up.body[0];
    await docs('api::article.article').update({
      documentId: live.articleIds[0],
      locale: 'zh-Hans',
      data: { photos: [{ image: file.id, caption: '红色的图', position: '上图' }] },
    });
    await signRest(live.page);
    const before = await tree(live.issue.documentId);
    const photo = before.pages[0].placements.find((p: any) => p.article.documentId === live.articleIds[0]).article.photos[0];
    const onDisk = path.join(t.strapi.dirs.static.public, photo.image.url);
    const bytes = fs.readFileSync(onDisk);

    const blue = await jpeg({ r: 0, g: 0, b: 200 });
    const replaced = await api().post(`/upload?id=${file.id}`).set(as('proofreader')).attach('files', blue, 'blue.jpg');
    expect(replaced.status).toBe(200);
    const info = await api()
      .post(`/upload?id=${file.id}`)
      .set(as('proofreader'))
      .field('fileInfo', JSON.stringify({ alternativeText: '未签字的替代文字' }));
    expect(info.status).toBe(200);

    const after = await tree(live.issue.documentId);
    expect(after).toEqual(before);
    expect(fs.readFileSync(onDisk).equals(bytes)).toBe(true);
    expect((await drafts(live.page))[0].stage).toBe('edited');
    // The working copy shows the new image.
    const draftRow = await q('api::article.article').findOne({
      where: { documentId: live.articleIds[0], publishedAt: null },
      populate: { photos: { populate: { image: true } } },
    });
    expect(draftRow.photos[0].image.id).not.toBe(file.id);
  });

  it('a file an article shows cannot be deleted from the media library', async () => {
    const live = await liveIssue();
    const up = await api()
      .post('/upload')
      .set(as('editor'))
      .attach('files', await jpeg({ r: 0, g: 120, b: 0 }), 'green.jpg');
    const file = up.body[0];
    await docs('api::article.article').update({ documentId: live.articleIds[1], locale: 'zh-Hans', data: { photos: [{ image: file.id, caption: '绿色' }] } });
    const res = await api().delete(`/upload/files/${file.id}`).set(as('chief'));
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('file.inUse');
    expect(await q('plugin::upload.file').count({ where: { id: file.id } })).toBe(1);
  });

  it('an article on two live pages: re-signing one page does not change what the other, unsigned page shows', async () => {
    const live = await liveIssue({ pages: 2, articlesPerPage: 1 });
    const pages: any[] = await q('api::page.page').findMany({
      where: { issue: { documentId: live.issue.documentId }, publishedAt: null },
      orderBy: { number: 'asc' },
    });
    const [a, b] = pages.map((p) => p.documentId as string);
    const aRow = await q('api::page.page').findOne({ where: { documentId: a, publishedAt: null }, populate: { placements: { populate: { article: true } } } });
    const shared = aRow.placements[0].article.documentId as string;
    // Page b carries page a's article too (a layout change, signed again).
    const bRow = await q('api::page.page').findOne({ where: { documentId: b, publishedAt: null }, populate: { placements: { populate: { article: true } } } });
    const placements = bRow.placements.map((p: any) => ({ article: p.article.documentId, order: p.order, span: p.span, lead: p.lead }));
    await docs('api::page.page').update({ documentId: b, locale: 'zh-Hans', data: { placements: [...placements, { article: shared, order: 9, span: 2 }] } });
    await signRest(b);
    const headlineOnB = async () =>
      (await tree(live.issue.documentId)).pages.find((p: any) => p.number === bRow.number).placements.find((p: any) => p.article.documentId === shared).article
        .headline;
    const signedHeadline = await headlineOnB();

    await docs('api::article.article').update({ documentId: shared, locale: 'zh-Hans', data: { headline: '只在甲版签过的主题' } });
    expect((await drafts(b))[0].stage).toBe('laid_out');
    await signRest(a);
    expect((await tree(live.issue.documentId)).pages.find((p: any) => p.number !== bRow.number).placements[0].article.headline).toBe('只在甲版签过的主题');
    expect(await headlineOnB()).toBe(signedHeadline);
  });
});

describe('live content is not deleted behind readers’ backs', () => {
  it('an editor cannot delete a placed article or a page of a live issue; the Super Admin unpublishes first', async () => {
    const live = await liveIssue();
    const article = await api().delete(`${CM}/api::article.article/${live.articleIds[0]}?locale=zh-Hans`).set(as('editor'));
    expect(article.status).toBe(400);
    expect(article.body.error.details.code).toBe('entry.liveDelete');
    const page = await api().delete(`${CM}/api::page.page/${live.page}?locale=zh-Hans`).set(as('editor'));
    expect(page.status).toBe(400);
    expect(page.body.error.details.code).toBe('entry.liveDelete');
    const viaToken = await api().delete(`/api/articles/${live.articleIds[1]}`).set('Authorization', `Bearer ${apiToken}`);
    expect(viaToken.status).toBe(400);
    expect((await tree(live.issue.documentId)).pages[0].placements).toHaveLength(2);
    const column = await api().delete(`${CM}/api::column.column/${live.column.documentId}?locale=zh-Hans`).set(as('chief'));
    expect(column.status).toBe(400);
    expect(column.body.error.details.code).toBe('entry.inUseByLive');

    expect((await api().post(`${CM}/api::issue.issue/${live.issue.documentId}/actions/unpublish?locale=zh-Hans`).set(as('chief')).send({})).status).toBe(200);
    expect((await api().delete(`${CM}/api::page.page/${live.page}?locale=zh-Hans`).set(as('editor'))).status).toBe(200);
  });
});

describe('slugs never name a path', () => {
  it('refuses a slug with a path in it on every write path, drafts too, and stores nothing', async () => {
    const created = await docs('api::article.article').create({ data: { headline: '网址名测试' }, locale: 'zh-Hans' });
    const cm = await api().put(`${CM}/api::article.article/${created.documentId}?locale=zh-Hans`).set(as('editor')).send({ slug: '../../../x' });
    expect(cm.status).toBe(400);
    expect(cm.body.error.details.errors[0].path).toEqual(['slug']);
    expect(cm.body.error.details.code).toBe('field.slugInvalid');
    for (const slug of ['..', 'a/b', 'a\\b', '.hidden', 'x.html', '~home']) {
      const rest = await api()
        .post('/api/articles?status=draft')
        .set('Authorization', `Bearer ${apiToken}`)
        .send({ data: { headline: `坏网址 ${slug}`, slug } });
      expect([slug, rest.status]).toEqual([slug, 400]);
    }
    await expect(docs('api::column.column').create({ data: { name: '坏栏目', slug: '../c' }, locale: 'zh-Hans' })).rejects.toThrow(/网址名|slug/);
    const row = await q('api::article.article').findOne({ where: { documentId: created.documentId } });
    expect(row.slug).toBe('wang-zhi-ming-ce-shi');
    expect(await q('api::article.article').count({ where: { headline: { $startsWith: '坏网址' } } })).toBe(0);
  });
});

describe('the planner and the signature respect roles and versions', () => {
  it('a proofreader cannot move blocks in the planner; a layout designer can', async () => {
    const live = await liveIssue();
    const view = (await api().get(`/banmian/pages/${live.page}/layout?locale=zh-Hans`).set(as('layout'))).body;
    const blocks = view.blocks.map((b: any, i: number) => ({ article: b.article, rect: { col: 1, colSpan: 4, row: 1 + i * 10, rowSpan: 10 } }));
    const refused = await api().put(`/banmian/pages/${live.page}/layout?locale=zh-Hans`).set(as('proofreader')).send({ blocks });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.code).toBe('admin.fieldsNotAllowed');
    expect((await drafts(live.page))[0].stage).toBe('proofread');
    const allowed = await api().put(`/banmian/pages/${live.page}/layout?locale=zh-Hans`).set(as('layout')).send({ blocks });
    expect(allowed.status).toBe(200);
    expect((await drafts(live.page))[0].stage).toBe('edited');
  });

  it('a signature names the version it signs, and is refused when the page changed since it was shown', async () => {
    const own = await makeIssue(t.strapi, { number: (nextNumber += 1), pages: 1, articlesPerPage: 1, publish: false });
    const page = await pageOf(own.issue.documentId);
    const shown = (await status(page)).version;
    expect(typeof shown).toBe('string');
    await docs('api::article.article').update({ documentId: own.articleIds[0], locale: 'zh-Hans', data: { body: '看过之后又改的正文' } });
    const stale = await sign('editor', 'editor', page, { version: shown });
    expect(stale.status).toBe(400);
    expect(stale.body.error.details.code).toBe('sign.stale');
    expect((await drafts(page))[0].stage).toBe('collecting');
    const fresh = await sign('editor', 'editor', page, { version: (await status(page)).version });
    expect(fresh.status).toBe(200);
  });
});

describe('pages published before snapshots', () => {
  it('get theirs at start, so a rename after an upgrade does not reach readers either', async () => {
    const live = await liveIssue();
    await q('api::page.page').updateMany({ where: { documentId: live.page, publishedAt: { $notNull: true } }, data: { printed: null } });
    const { ensurePrintedSnapshots } = await import('../../src/signoff/printed');
    await ensurePrintedSnapshots(t.strapi);
    const before = await tree(live.issue.documentId);
    await docs('api::contributor.contributor').update({ documentId: live.author.documentId, data: { name: '升级后改名' } });
    expect(await tree(live.issue.documentId)).toEqual(before);
  });

  it('signOffPage of scripts still publishes what it signs', async () => {
    const own = await makeIssue(t.strapi, { number: (nextNumber += 1), pages: 1, articlesPerPage: 1 });
    const page = await pageOf(own.issue.documentId);
    await docs('api::article.article').update({ documentId: own.articleIds[0], locale: 'zh-Hans', data: { headline: '脚本签字后的主题' } });
    await signOffPage(t.strapi, page, { editor: own.author, layout: own.author, proofreader: own.author } as any);
    expect((await tree(own.issue.documentId)).pages[0].placements[0].article.headline).toBe('脚本签字后的主题');
  });
});
