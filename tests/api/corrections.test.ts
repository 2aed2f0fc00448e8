import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import Ajv from 'ajv';
import { startStrapi, createApiToken, type TestStrapi } from '../helpers/strapi';
import { signInNewsroom } from '../helpers/admin-users';
import { makeIssue } from '../../src/seed/generate-issue';
import { exportIssue } from '../../src/broadsheet/export';

/**
 * 更正 and 撤稿 (src/corrections/) against a real Strapi: a correction is an edit
 * that goes live with the page's next signature and then shows in the tree, the
 * article's REST answer and the export; a withdrawal, by a Super Admin only, takes
 * the article off anonymous REST, the tree and the cached answers at once, leaves
 * a notice in its rectangle, and no signature or publish brings it back.
 */

let t: TestStrapi;
const api = () => request(t.strapi.server.httpServer);
const PASSWORD = 'Corrections-test-1';
const tokens: Record<'chief' | 'editor' | 'proofreader', string> = {} as any;
const as = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });
const CM = '/content-manager/collection-types';
const L = 'locale=zh-Hans';
let apiToken: string;
let issue: Awaited<ReturnType<typeof makeIssue>>;
let pageId: string;
let tmp: string;

const tree = async () => {
  const res = await api().get(`/api/issues/${issue.issue.documentId}/tree`);
  expect(res.status).toBe(200);
  return res;
};
const stage = async () => (await t.strapi.db.query('api::page.page').findOne({ where: { documentId: pageId, publishedAt: null } })).stage;
const sign = (role: 'editor' | 'layout' | 'proofreader') => api().post(`/banmian/pages/${pageId}/sign`).set(as('chief')).send({ role });
const withdraw = (who: keyof typeof tokens, article: string, body: object) => api().post(`/banmian/articles/${article}/withdraw`).set(as(who)).send(body);
const placementOf = (body: any, documentId: string) => body.data.pages[0].placements.find((p: any) => p.article?.documentId === documentId);
/** The OpenAPI document the documentation plugin serves (written at start), its 3.0 `nullable` read as "or null". */
function openapiCheck(schema: string) {
  const docs = t.strapi.plugin('documentation').service('documentation');
  const doc = JSON.parse(fs.readFileSync(path.join(docs.getFullDocumentationPath(), docs.getDocumentationVersion(), 'full_documentation.json'), 'utf8'));
  const schemas = JSON.parse(JSON.stringify(doc.components.schemas), (_k, v) =>
    v && typeof v === 'object' && v.nullable ? { anyOf: [{ ...v, nullable: undefined }, { type: 'null' }] } : v,
  );
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { date: /^\d{4}-\d{2}-\d{2}$/ } });
  ajv.addSchema({ components: { schemas } }, 'openapi.json');
  return { doc, check: ajv.compile({ $ref: `openapi.json#/components/schemas/${schema}` }) };
}
async function exported(name: string) {
  const out = path.join(tmp, name);
  await exportIssue(t.strapi, { issue: 41, outDir: out, cacheDir: path.join(tmp, 'cache') });
  return (file: string) => (fs.existsSync(path.join(out, file)) ? fs.readFileSync(path.join(out, file), 'utf8') : null);
}

beforeAll(async () => {
  t = await startStrapi();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-corrections-'));
  Object.assign(tokens, await signInNewsroom(t.strapi, { domain: 'paper.example', password: PASSWORD, who: ['chief', 'editor', 'proofreader'] }));
  apiToken = await createApiToken(t.strapi);
  issue = await makeIssue(t.strapi, { number: 41, pages: 1, articlesPerPage: 3 });
  pageId = (await t.strapi.db.query('api::page.page').findOne({ where: { issue: { documentId: issue.issue.documentId } } })).documentId;
  // Blocks at rectangles of their own, so the notice can be checked at the same place: a layout change, signed again.
  const page: any = await t.strapi.db.query('api::page.page').findOne({
    where: { documentId: pageId, publishedAt: null },
    populate: { placements: { populate: { article: { select: ['documentId'] } } } },
  });
  const rects: Record<string, number[]> = {
    [issue.articleIds[0]]: [1, 4, 1, 8],
    [issue.articleIds[1]]: [5, 4, 1, 8],
    [issue.articleIds[2]]: [1, 8, 9, 6],
  };
  const placements = page.placements.map((p: any) => {
    const [col, colSpan, row, rowSpan] = rects[p.article.documentId];
    return { article: p.article.documentId, order: p.order, span: p.span, lead: p.lead, col, colSpan, row, rowSpan };
  });
  await t.strapi.documents('api::page.page').update({ documentId: pageId, locale: 'zh-Hans', data: { placements } as any });
  expect(await stage()).toBe('edited');
  for (const role of ['layout', 'proofreader'] as const) expect([role, (await sign(role)).status]).toEqual([role, 200]);
}, 180000);
afterAll(async () => {
  await t?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('更正: a correction readers see', () => {
  const correction = { kind: '更正', text: '本文第二段“三百余人”应为“三千余人”，特此更正。', date: '2026-12-02', by: '王芳' };

  it('is an edit: the signed page goes back, readers see nothing new until it is signed again', async () => {
    const article = issue.articleIds[0];
    const res = await api()
      .put(`${CM}/api::article.article/${article}?${L}`)
      .set(as('editor'))
      .send({ corrections: [correction] });
    expect(res.status).toBe(200);
    expect(await stage()).toBe('laid_out');
    const history = (await api().get(`/banmian/pages/${pageId}/signoff`).set(as('chief'))).body.history;
    // Newest first: the 退回 names the correction.
    expect(history[0]).toMatchObject({ action: 'returned', toStage: 'laid_out' });
    expect(history[0].reason).toContain('更正');
    expect(placementOf((await tree()).body, article).article.corrections).toEqual([]);
    const rest = await api().get(`/api/articles/${article}?populate=corrections`);
    expect(rest.status).toBe(200);
    expect(rest.body.data.corrections).toEqual([]);
  });

  it('goes live with the 审校 signature: in the tree, the article’s REST answer and the export', async () => {
    const article = issue.articleIds[0];
    expect((await sign('proofreader')).status).toBe(200);
    const { kind, text, date } = correction;
    expect(placementOf((await tree()).body, article).article.corrections).toEqual([{ kind, text, date }]);
    const rest = await api().get(`/api/articles/${article}?populate=corrections`);
    expect(rest.body.data.corrections).toEqual([expect.objectContaining({ kind, text, date })]);
    const read = await exported('corrected');
    const slug = placementOf((await tree()).body, article).article.slug;
    expect(read(`articles/${slug}.html`)).toContain(`<span class="correction-kind">更正</span>${text}<span class="correction-date">（2026年12月2日）</span>`);
    expect(read('pages/1.html')).toContain(text);
  });

  it('is in the OpenAPI document: the tree’s schema and the article’s', async () => {
    const { doc, check } = openapiCheck('IssueTreeResponse');
    const answer = (await tree()).body;
    expect(check(answer) ? [] : check.errors).toEqual([]);
    const bad = structuredClone(answer);
    placementOf(bad, issue.articleIds[0]).article.corrections[0].kind = '勘误';
    expect(check(bad)).toBe(false);
    expect(Object.keys(doc.components.schemas.Article.properties)).toContain('corrections');
  });
});

describe('撤稿: a withdrawal', () => {
  it('needs a Super Admin, a reason, and a published article', async () => {
    const article = issue.articleIds[1];
    const byEditor = await withdraw('editor', article, { reason: '事实有误' });
    expect(byEditor.status).toBe(403);
    expect(byEditor.body.error.details.code).toBe('withdraw.superAdminOnly');
    const noReason = await withdraw('chief', article, { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.code).toBe('withdraw.reasonMissing');
    const draft = await t.strapi.documents('api::article.article').create({ data: { headline: '未发布的稿件' } as any });
    const unpublished = await withdraw('chief', draft.documentId, { reason: '事实有误' });
    expect(unpublished.status).toBe(400);
    expect(unpublished.body.error.details).toMatchObject({ code: 'withdraw.notPublished', params: { headline: '未发布的稿件' } });
    expect((await api().get(`/api/articles/${article}`)).status).toBe(200);
  });

  it('takes the article off anonymous REST, the tree and the cached answers at once, leaving its notice at the same place', async () => {
    const article = issue.articleIds[1];
    const treePath = `/api/issues/${issue.issue.documentId}/tree`;
    const before = placementOf((await tree()).body, article);
    // Warm the cache: the second anonymous GET of each is a hit.
    for (const url of [treePath, `/api/articles/${article}`, '/api/articles']) {
      await api().get(url);
      expect([url, (await api().get(url)).headers['x-banmian-cache']]).toEqual([url, 'hit']);
    }
    const res = await withdraw('chief', article, { reason: '稿件涉及的数据未经核实', notice: '本文因数据未经核实，已撤稿。' });
    expect(res.status).toBe(201);
    expect(res.body.withdrawal).toMatchObject({ by: '总编', reason: '稿件涉及的数据未经核实', notice: '本文因数据未经核实，已撤稿。' });

    // Right after the response: nothing cached that showed it is served.
    expect((await api().get(`/api/articles/${article}`)).status).toBe(404);
    const list = await api().get('/api/articles');
    expect(list.body.data.map((a: any) => a.documentId)).not.toContain(article);
    const after = await tree();
    const pl = after.body.data.pages[0].placements;
    const notice = pl.find((p: any) => p.withdrawn);
    const { article: _a, withdrawn: _w, ...place } = before;
    expect(notice).toEqual({
      ...place,
      article: null,
      withdrawn: { date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), notice: '本文因数据未经核实，已撤稿。' },
    });
    // The tree's OpenAPI schema describes the notice (article null, withdrawn set).
    const { check } = openapiCheck('IssueTreeResponse');
    expect(check(after.body) ? [] : check.errors).toEqual([]);
    expect(
      pl
        .filter((p: any) => p.article)
        .map((p: any) => p.article.documentId)
        .sort(),
    ).toEqual([issue.articleIds[0], issue.articleIds[2]].sort());
    // Who and why are kept; readers reach neither.
    const record = await t.strapi.db.query('api::withdrawal.withdrawal').findOne({ where: { articleDocumentId: article } });
    expect(record).toMatchObject({ by: '总编', reason: '稿件涉及的数据未经核实' });
    expect((await api().get('/api/withdrawals')).status).toBe(404);
    expect(JSON.stringify(after.body)).not.toContain('稿件涉及的数据未经核实');
    const status = await api().get(`/banmian/articles/${article}/withdrawal`).set(as('editor'));
    expect(status.body).toMatchObject({ published: false, mayWithdraw: false, withdrawal: { by: '总编', reason: '稿件涉及的数据未经核实' } });
  });

  it('never comes back: not by a new signature of its page, nor a publish, nor a REST write', async () => {
    const article = issue.articleIds[1];
    // An edit of another article sends the page back; signing it again prints the notice, not the article.
    const edit = await api().put(`${CM}/api::article.article/${issue.articleIds[2]}?${L}`).set(as('proofreader')).send({ subtitle: '审校改过的副题' });
    expect(edit.status).toBe(200);
    expect(await stage()).toBe('laid_out');
    expect((await sign('proofreader')).status).toBe(200);
    expect((await api().get(`/api/articles/${article}`)).status).toBe(404);
    const pl = (await tree()).body.data.pages[0].placements;
    expect(pl.filter((p: any) => p.withdrawn)).toEqual([expect.objectContaining({ article: null, col: 5, colSpan: 4, row: 1, rowSpan: 8 })]);
    expect(pl.find((p: any) => p.article?.documentId === issue.articleIds[2]).article.subtitle).toBe('审校改过的副题');

    const publish = await api().post(`${CM}/api::article.article/${article}/actions/publish?${L}`).set(as('chief')).send({});
    expect(publish.status).toBe(400);
    expect(publish.body.error.details.code).toBe('withdraw.isWithdrawn');
    const rest = await api()
      .put(`/api/articles/${article}`)
      .set({ Authorization: `Bearer ${apiToken}` })
      .send({ data: { headline: '换个主题再发' } });
    expect(rest.status).toBe(200);
    expect((await api().get(`/api/articles/${article}`)).status).toBe(404);
    const again = await withdraw('chief', article, { reason: '再撤一次' });
    expect(again.body.error.details.code).toBe('withdraw.isWithdrawn');

    // The export: the notice in the block's rectangle, no reading page for it.
    const read = await exported('withdrawn');
    expect(read('pages/1.html')).toContain('<p class="withdrawn-notice">本文因数据未经核实，已撤稿。</p>');
    expect(read('pages/1.html')).toContain('data-rect="5,4,1,8"');
    const headline = (await t.strapi.db.query('api::withdrawal.withdrawal').findOne({ where: { articleDocumentId: article } })).headline;
    expect(read('pages/1.html')).not.toContain(headline);
    expect(read('index.html')).not.toContain(headline);
  });
});
