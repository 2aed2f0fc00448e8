import request from 'supertest';
import { APP_DIR, startStrapi, type TestStrapi } from '../helpers/strapi';
import { adminToken, createAdminUser } from '../helpers/admin-users';
import { makeIssue } from '../../src/seed/generate-issue';
import { signOffPage } from '../../src/signoff/service';
import type { PlannerView } from '../../src/broadsheet/planner';
import { importOcrFile } from '../../src/ocr-import/import';
import fs from 'fs';
import path from 'path';

/**
 * The planner's routes against a real Strapi: a page on its publication's grid
 * (automatic layout until the editor places blocks), saving rectangles through
 * the Document Service (a signed page goes back to 已编辑), refusals for blocks
 * outside the grid, overlapping or stale; the publication's page format and the
 * checks of a custom one.
 */

let t: TestStrapi;
const api = () => request(t.strapi.server.httpServer);
let jwt: string;
let authorJwt: string;
let publication: string;
let pageId: string;
let author: { documentId: string; name: string };
const auth = (token = jwt) => ({ Authorization: `Bearer ${token}` });
const layout = async (page = pageId): Promise<PlannerView> => (await api().get(`/banmian/pages/${page}/layout`).set(auth())).body;
const pageRow = () =>
  t.strapi.db.query('api::page.page').findOne({ where: { documentId: pageId, publishedAt: null }, populate: { placements: true, issue: true } });

beforeAll(async () => {
  t = await startStrapi();
  await createAdminUser(t.strapi, { email: 'chief@paper.example', password: 'Layout-test-1', firstname: '总编', roleCodes: ['strapi-super-admin'] });
  jwt = await adminToken(t.strapi, 'chief@paper.example', 'Layout-test-1');
  await createAdminUser(t.strapi, { email: 'author@paper.example', password: 'Layout-test-1', firstname: '作者', roleCodes: ['strapi-author'] });
  authorJwt = await adminToken(t.strapi, 'author@paper.example', 'Layout-test-1');
  publication = (await t.strapi.documents('api::publication.publication').create({ data: { name: '四开专刊', slug: 'sikai', pageFormat: 'tabloid' } as any }))
    .documentId;
  const made = await makeIssue(t.strapi, { number: 5, pages: 1, articlesPerPage: 3, publication, publish: false });
  pageId = (await t.strapi.db.query('api::page.page').findOne({ where: { issue: { documentId: made.issue.documentId } } })).documentId;
  author = made.author as any;
}, 120000);
afterAll(async () => t?.stop());

describe('GET /banmian/pages/:documentId/layout', () => {
  it("lays a page out automatically on its publication's grid", async () => {
    const view = await layout();
    expect(view.format).toMatchObject({ key: 'tabloid', name: '四开', columns: 6, rows: 14, paper: { width: 272, height: 390 } });
    expect(view.page.name).toBe('第5期第1版');
    expect(view.blocks).toHaveLength(3);
    expect(view.blocks.every((b) => b.auto)).toBe(true);
    for (const b of view.blocks) {
      expect(b.rect.col + b.rect.colSpan - 1).toBeLessThanOrEqual(6);
      expect(b.rect.row + b.rect.rowSpan - 1).toBeLessThanOrEqual(14);
      expect(b.fit.method).toBe('estimate');
      expect(b.fitArticle.blocks.length).toBeGreaterThan(0);
    }
  });

  it('is refused to an admin without the page, and for a page that does not exist', async () => {
    expect((await api().get('/banmian/pages/nope/layout').set(auth())).status).toBe(404);
    expect((await api().get(`/banmian/pages/${pageId}/layout`)).status).toBe(401);
  });
});

describe('PUT /banmian/pages/:documentId/layout', () => {
  it('stores the rectangles, and a signed page goes back to 已编辑', async () => {
    await signOffPage(t.strapi, pageId, { editor: author, layout: author, proofreader: author });
    expect((await pageRow()).stage).toBe('proofread');
    const before = await layout();
    const blocks = before.blocks.map((b, i) => ({ article: b.article, rect: { col: 1 + 2 * i, colSpan: 2, row: 1, rowSpan: 14 } }));
    const res = await api().put(`/banmian/pages/${pageId}/layout`).set(auth()).send({ blocks });
    expect(res.status).toBe(200);
    expect((res.body as PlannerView).blocks.map((b) => [b.rect, b.auto])).toEqual(blocks.map((b) => [b.rect, false]));
    const row = await pageRow();
    expect(row.stage).toBe('edited');
    expect([...row.placements].sort((a: any, b: any) => a.order - b.order).map((p: any) => [p.col, p.colSpan, p.row, p.rowSpan])).toEqual(
      blocks.map((b) => [b.rect.col, b.rect.colSpan, b.rect.row, b.rect.rowSpan]),
    );
    // The issue tree (what frontends read) carries the rectangles.
    const tree = await t.strapi.service('api::issue.issue').loadTree({ documentId: row.issue.documentId, status: 'draft' });
    expect(tree.tree.pages[0].placements.map((p: any) => [p.col, p.colSpan, p.row, p.rowSpan])).toEqual(
      blocks.map((b) => [b.rect.col, b.rect.colSpan, b.rect.row, b.rect.rowSpan]),
    );
    expect(tree.tree.publication.pageFormat).toEqual({ key: 'tabloid', custom: null });
  });

  it('hands a block back to the automatic layout when its rect is null', async () => {
    const view = await layout();
    const blocks = view.blocks.map((b, i) => ({ article: b.article, rect: i === 2 ? null : b.rect }));
    const res = await api().put(`/banmian/pages/${pageId}/layout`).set(auth()).send({ blocks });
    expect(res.status).toBe(200);
    expect((res.body as PlannerView).blocks.map((b) => b.auto)).toEqual([false, false, true]);
  });

  it('refuses overlapping blocks, blocks outside the grid and a stale list, and changes nothing', async () => {
    const view = await layout();
    const before = JSON.stringify((await pageRow()).placements);
    const overlap = view.blocks.map((b, i) => ({ article: b.article, rect: { col: 1, colSpan: 2, row: 1 + i, rowSpan: 2 } }));
    const res = await api().put(`/banmian/pages/${pageId}/layout`).set(auth()).send({ blocks: overlap });
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('layout.overlap');
    expect(res.body.error.message).toMatch(/位置重叠/);

    const outside = view.blocks.map((b) => ({ article: b.article, rect: { col: 6, colSpan: 2, row: 1, rowSpan: 1 } }));
    const far = await api().put(`/banmian/pages/${pageId}/layout`).set(auth()).set('Accept-Language', 'en').send({ blocks: outside });
    expect(far.status).toBe(400);
    expect(far.body.error.message).toMatch(/outside the page grid \(6 columns × 14 rows\)/);

    const stale = await api()
      .put(`/banmian/pages/${pageId}/layout`)
      .set(auth())
      .send({ blocks: view.blocks.slice(1).map((b) => ({ article: b.article, rect: null })) });
    expect(stale.status).toBe(400);
    expect(stale.body.error.details.code).toBe('layout.changed');
    expect(JSON.stringify((await pageRow()).placements)).toBe(before);
  });

  it('keeps the rectangles when the importer adds articles to the page', async () => {
    const view = await layout();
    const blocks = view.blocks.map((b, i) => ({ article: b.article, rect: { col: 1 + 2 * i, colSpan: 2, row: 1, rowSpan: 10 } }));
    expect((await api().put(`/banmian/pages/${pageId}/layout`).set(auth()).send({ blocks })).status).toBe(200);
    // A printed 第1版: its articles join this page (issue 5, page 1).
    const text = Buffer.concat([Buffer.from('第1版 党建\n\n'), fs.readFileSync(path.join(APP_DIR, 'tests', 'fixtures', 'ocr-pages', 'baishan-hegang.txt'))]);
    await importOcrFile(t.strapi, text, 'baishan.txt', { issue: 5, publication: 'sikai' });
    const after = await layout();
    expect(after.blocks.length).toBeGreaterThan(3);
    expect(after.blocks.slice(0, 3).map((b) => [b.rect, b.auto])).toEqual(blocks.map((b) => [b.rect, false]));
    // The new articles are packed into what is left (rows 11–14) without covering the others.
    for (const b of after.blocks.slice(3)) expect(b.auto && b.rect.row).toBeGreaterThanOrEqual(11);
  });

  it('lays out the blocks it shows, and leaves a placement without an article as it is', async () => {
    const row = await pageRow();
    const kept = row.placements.map((p: any) => ({
      article: null,
      order: p.order,
      span: p.span,
      lead: p.lead,
      col: p.col,
      colSpan: p.colSpan,
      row: p.row,
      rowSpan: p.rowSpan,
    }));
    const withArticles = await t.strapi.db
      .query('api::page.page')
      .findOne({ where: { id: row.id }, populate: { placements: { populate: { article: true } } } });
    for (const [i, p] of withArticles.placements.entries()) kept[i].article = p.article?.documentId ?? null;
    await t.strapi
      .documents('api::page.page')
      .update({ documentId: pageId, data: { placements: [...kept, { article: null, order: 99, span: 2, lead: false }] } as any });
    const view = await layout();
    expect(view.blocks).toHaveLength(kept.length);
    const res = await api()
      .put(`/banmian/pages/${pageId}/layout`)
      .set(auth())
      .send({ blocks: view.blocks.map((b) => ({ article: b.article, rect: null })) });
    expect(res.status).toBe(200);
    expect((await pageRow()).placements).toHaveLength(kept.length + 1);
  });

  it('is refused to an admin who may not edit the page', async () => {
    const view = await layout();
    const res = await api()
      .put(`/banmian/pages/${pageId}/layout`)
      .set(auth(authorJwt))
      .send({ blocks: view.blocks.map((b) => ({ article: b.article, rect: null })) });
    expect(res.status).toBe(403);
  });
});

describe('page formats of a publication', () => {
  const pubs = () => t.strapi.documents('api::publication.publication');

  it('defaults to 对开 and refuses an unusable custom format, naming the field', async () => {
    const plain = await pubs().create({ data: { name: '对开报' } as any });
    expect((plain as any).pageFormat).toBe('broadsheet');
    await expect(
      pubs().create({
        data: {
          name: '自定义报',
          pageFormat: 'custom',
          customFormat: { paperWidth: 300, paperHeight: 400, typeWidth: 320, typeHeight: 360, columns: 5, gutter: 3, rows: 12, bodySize: 9, leading: 13 },
        } as any,
      }),
    ).rejects.toMatchObject({ details: { code: 'format.invalid', errors: [{ path: ['customFormat.typeWidth'] }] } });
    await expect(pubs().update({ documentId: plain.documentId, data: { pageFormat: 'custom' } as any })).rejects.toMatchObject({
      details: { code: 'format.invalid' },
    });
    expect((await pubs().findOne({ documentId: plain.documentId }))!.pageFormat).toBe('broadsheet');
  });

  it('lays pages out on a usable custom format', async () => {
    const custom = await pubs().create({
      data: {
        name: '八开小报',
        pageFormat: 'custom',
        customFormat: { paperWidth: 260, paperHeight: 370, typeWidth: 230, typeHeight: 330, columns: 5, gutter: 3, rows: 12, bodySize: 9, leading: 13 },
      } as any,
    });
    const made = await makeIssue(t.strapi, { number: 9, pages: 1, articlesPerPage: 2, publication: custom.documentId, publish: false });
    const page = (await t.strapi.db.query('api::page.page').findOne({ where: { issue: { documentId: made.issue.documentId } } })).documentId;
    const view = await layout(page);
    expect(view.format).toMatchObject({ key: 'custom', columns: 5, rows: 12, paper: { width: 260, height: 370 }, typeArea: { width: 230, height: 330 } });
    expect(view.blocks.every((b) => b.rect.col + b.rect.colSpan - 1 <= 5)).toBe(true);
  });
});
