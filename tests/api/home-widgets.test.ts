import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { startStrapi, type TestStrapi } from '../helpers/strapi';
import { adminToken, createAdminUser, signInNewsroom } from '../helpers/admin-users';
import { makeIssue } from '../../src/seed/generate-issue';
import { importOcrFile } from '../../src/ocr-import/import';

/**
 * The desk's home page data (GET /banmian/home/*): the latest issue's pages and
 * their stages, the pages waiting for the signed-in user's signature (by role),
 * the latest issue's overset and underset articles, and the latest imports;
 * each for a signed-in admin only, and only within what their role may read.
 */

let t: TestStrapi;
const api = () => request(t.strapi.server.httpServer);
const PASSWORD = 'Home-widgets-1';
type Who = 'chief' | 'editor' | 'layout' | 'proofreader' | 'guest';
const tokens = {} as Record<Who, string>;
const get = (who: Who, what: string) =>
  api()
    .get(`/banmian/home/${what}`)
    .set({ Authorization: `Bearer ${tokens[who]}` });
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'ocr-pages', name));

let latest: Awaited<ReturnType<typeof makeIssue>>;
const pageIds: Record<number, string> = {};
const LONG =
  '长稿'.repeat(1) +
  Array.from({ length: 120 }, (_, i) => `第${i + 1}段：各级党组织把党史学习教育同解决群众急难愁盼问题结合起来，办成了一批实事。`).join('\n\n');

beforeAll(async () => {
  t = await startStrapi();
  Object.assign(tokens, await signInNewsroom(t.strapi, { domain: 'home.example', password: PASSWORD, who: ['chief', 'editor', 'layout', 'proofreader'] }));
  // A role that may read no content at all.
  await t.strapi.service('admin::role').create({ name: '访客', code: 'home-guest', description: '' });
  await createAdminUser(t.strapi, { email: 'guest@home.example', password: PASSWORD, firstname: '访客', roleCodes: ['home-guest'] });
  tokens.guest = await adminToken(t.strapi, 'guest@home.example', PASSWORD);

  const publication = (await t.strapi.documents('api::publication.publication').create({ data: { name: '首页测试报', slug: 'home-test' } as any })).documentId;
  // An older issue, published and signed; and the latest (by date), three pages at 采编.
  await makeIssue(t.strapi, { number: 20, pages: 1, articlesPerPage: 1, publish: true, publication });
  latest = await makeIssue(t.strapi, { number: 21, pages: 3, articlesPerPage: 2, publish: false, publication });
  await t.strapi.documents('api::issue.issue').update({ documentId: latest.issue.documentId, data: { date: '2024-08-02' } as any, locale: 'zh-Hans' });
  const pages: any[] = await t.strapi.db.query('api::page.page').findMany({ where: { issue: { documentId: latest.issue.documentId } } });
  for (const p of pages) pageIds[p.number] = p.documentId;

  // 第3版: one article far too long for its one module, one very short in a rectangle as tall as the page.
  const page3 = await t.strapi.db
    .query('api::page.page')
    .findOne({ where: { documentId: pageIds[3] }, populate: { placements: { populate: { article: true } } } });
  const [a, b] = page3.placements.map((pl: any) => pl.article.documentId);
  await t.strapi.documents('api::article.article').update({ documentId: a, locale: 'zh-Hans', data: { headline: '超版的长稿', body: LONG } as any });
  await t.strapi.documents('api::article.article').update({ documentId: b, locale: 'zh-Hans', data: { headline: '欠版的短稿', body: '短短一段。' } as any });
  await t.strapi.documents('api::page.page').update({
    documentId: pageIds[3],
    locale: 'zh-Hans',
    data: {
      placements: [
        { article: a, order: 1, lead: true, span: 2, col: 1, colSpan: 1, row: 1, rowSpan: 2 },
        { article: b, order: 2, lead: false, span: 2, col: 3, colSpan: 6, row: 1, rowSpan: 20 },
      ],
    } as any,
  });

  // Signatures: 第1版 signed by 编辑 (now 版式's), 第2版 by 编辑 and 版式 (now 审校's); 第3版 stays at 采编.
  const sign = async (who: Who, page: number) =>
    expect(
      (
        await api()
          .post(`/banmian/pages/${pageIds[page]}/sign`)
          .set({ Authorization: `Bearer ${tokens[who]}` })
          .send({ role: who })
      ).status,
    ).toBe(200);
  await sign('editor', 1);
  await sign('editor', 2);
  await sign('layout', 2);

  // Two imported files, into earlier issues (the latest issue stays 第21期), the second one later.
  await importOcrFile(t.strapi, fixture('manas-hutubi-changji.txt'), 'manas.txt', { publication: 'home-test', issue: 40, date: '2024-06-01' });
  await new Promise((r) => setTimeout(r, 20));
  await importOcrFile(t.strapi, fixture('baishan-hegang.txt'), 'baishan.txt', { publication: 'home-test', issue: 41, date: '2024-06-08' });
}, 180000);
afterAll(async () => t?.stop());

describe('the latest issue and its pages', () => {
  it('names the latest issue by date, with every page, its stage and the signature due next', async () => {
    for (const who of ['chief', 'editor', 'proofreader'] as const) {
      const res = await get(who, 'issue');
      expect([who, res.status]).toEqual([who, 200]);
      expect(res.body.issue).toMatchObject({ documentId: latest.issue.documentId, number: 21, date: '2024-08-02', label: '第21期（2024-08-02）' });
      expect(res.body.pages.map((p: any) => [p.label, p.stage, p.next])).toEqual([
        ['第21期第1版', 'edited', 'layout'],
        ['第21期第2版', 'laid_out', 'proofreader'],
        ['第21期第3版', 'collecting', 'editor'],
      ]);
      expect(res.body.pages[0].name).toMatch(/^版名/);
    }
  });
});

describe('pages waiting for my signature', () => {
  it('lists, for each role, the pages whose next signature is theirs; a Super Admin sees every unsigned page', async () => {
    const labels = async (who: Who) => {
      const res = await get(who, 'signatures');
      expect([who, res.status]).toEqual([who, 200]);
      return res.body.pages.map((p: any) => `${p.label}:${p.next}`);
    };
    // Newest issue first: 第21期, then the imported pages (第41期, 第40期), at 采编 too.
    expect(await labels('editor')).toEqual(['第21期第3版:editor', '第41期第1版:editor', '第40期第1版:editor']);
    expect(await labels('layout')).toEqual(['第21期第1版:layout']);
    expect(await labels('proofreader')).toEqual(['第21期第2版:proofreader']);
    const chief = await labels('chief');
    expect(chief.slice(0, 3)).toEqual(['第21期第1版:layout', '第21期第2版:proofreader', '第21期第3版:editor']);
    expect(chief.filter((l: string) => /第4[01]期/.test(l)).every((l: string) => l.endsWith(':editor'))).toBe(true);
    // Fully signed pages (第20期) wait for nobody.
    expect(chief.some((l: string) => l.startsWith('第20期'))).toBe(false);
    expect((await get('editor', 'signatures')).body.myRoles).toEqual(['editor']);
  });
});

describe('overset and underset', () => {
  it('names the latest issue’s overset and underset articles, with their page and how much', async () => {
    const res = await get('layout', 'fit');
    expect(res.status).toBe(200);
    expect(res.body.issue.number).toBe(21);
    expect(res.body.method).toBe('estimate');
    const over = res.body.overset.find((f: any) => f.headline === '超版的长稿');
    expect(over).toMatchObject({ page: 3, order: 1 });
    expect(over.lines).toBeGreaterThan(0);
    expect(res.body.underset.find((f: any) => f.headline === '欠版的短稿')).toMatchObject({ page: 3, order: 2 });
    expect(res.body.underset.find((f: any) => f.headline === '欠版的短稿').lines).toBeGreaterThan(0);
    expect(res.body.overset.some((f: any) => f.headline === '欠版的短稿')).toBe(false);
    expect(res.body.underset.some((f: any) => f.headline === '超版的长稿')).toBe(false);
  });
});

describe('the latest imports', () => {
  it('lists the imported files newest first, with their articles and the pages they went to', async () => {
    const res = await get('editor', 'imports');
    expect(res.status).toBe(200);
    const [baishan, manas] = res.body.imports;
    expect(res.body.imports).toHaveLength(2);
    expect(baishan.pages.every((p: string) => p.startsWith('第41期'))).toBe(true);
    expect(manas.pages.every((p: string) => p.startsWith('第40期'))).toBe(true);
    expect(manas.articles).toBe(4);
    expect(manas.headlines.join('|')).toMatch(/福禄/);
    expect(new Date(baishan.at).getTime()).toBeGreaterThan(new Date(manas.at).getTime());
  });
});

describe('who may see it', () => {
  it('refuses without a signed-in admin, and refuses a role that may not read the content (403, with a code)', async () => {
    for (const what of ['issue', 'signatures', 'fit', 'imports']) {
      expect([what, (await api().get(`/banmian/home/${what}`)).status]).toEqual([what, 401]);
      const res = await get('guest', what);
      expect([what, res.status]).toEqual([what, 403]);
      expect(res.body.error.details.code).toBe('admin.notAllowed');
    }
  });

  it('leaves out entries the role’s conditions hide (Strapi’s Author: only what they created)', async () => {
    await createAdminUser(t.strapi, { email: 'author@home.example', password: PASSWORD, firstname: '作者', roleCodes: ['strapi-author'] });
    const author = await adminToken(t.strapi, 'author@home.example', PASSWORD);
    const as = (what: string) =>
      api()
        .get(`/banmian/home/${what}`)
        .set({ Authorization: `Bearer ${author}` });
    // An Author reads every type, but only the entries they created: none here.
    const issue = await as('issue');
    expect(issue.status).toBe(200);
    expect(issue.body).toEqual({ issue: null, pages: [] });
    expect((await as('signatures')).body.pages).toEqual([]);
    const imports = await as('imports');
    expect(imports.status).toBe(200);
    expect(imports.body.imports).toEqual([]);
  });
});
