import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { startStrapi, type TestStrapi, rowCounts } from '../helpers/strapi';
import { adminToken, createAdminUser } from '../helpers/admin-users';
import { FORMAT_FIXTURES, scannedPdf } from '../helpers/format-fixtures';

/** The admin's import routes take every format as an upload (multipart, binary), preview and import it, and refuse bad files. */
let t: TestStrapi;
let auth: { Authorization: string };
let publication: string;
const api = () => request(t.strapi.server.httpServer);
const fixture = (name: string) => fs.readFileSync(path.join(FORMAT_FIXTURES, name));
const TYPES = ['issue', 'page', 'article', 'contributor'].map((n) => `api::${n}.${n}`);
const counts = () => rowCounts(t.strapi, TYPES);

beforeAll(async () => {
  t = await startStrapi();
  publication = (await t.strapi.documents('api::publication.publication').create({ data: { name: '昌吉党建', slug: 'changji' } as any })).documentId;
  await createAdminUser(t.strapi, { email: 'formats@paper.example', password: 'Import-formats-1', firstname: '值班', roleCodes: ['strapi-super-admin'] });
  auth = { Authorization: `Bearer ${await adminToken(t.strapi, 'formats@paper.example', 'Import-formats-1')}` };
});
afterAll(async () => t?.stop());

describe('importing .html, .pdf and .docx through the admin routes', () => {
  it.each([
    ['epaper-article.html', '让党旗在基层治理一线高高飘扬'],
    ['broadsheet-print.pdf', '以高质量党建推动司法行政工作高质量发展'],
    ['manuscript.docx', '村里来了“红色管家”'],
  ])('previews %s as the dry run reads it', async (name, headline) => {
    const res = await api().post('/banmian/import/preview').set(auth).attach('file', fixture(name), name);
    expect(res.status).toBe(200);
    expect(res.body.data.file).toBe(name);
    expect(res.body.data.pages.flatMap((p: any) => p.articles.map((a: any) => a.headline))).toContain(headline);
    expect(res.body.data.warnings.filter((w: any) => w.rule === 'no-loss')).toEqual([]);
  });

  it('imports a Word manuscript and a printed PDF as drafts', async () => {
    const before = await counts();
    const docx = await api()
      .post('/banmian/import')
      .set(auth)
      .attach('file', fixture('manuscript.docx'), 'manuscript.docx')
      .field('publication', publication)
      .field('newIssue', '51')
      .field('date', '2024-11-01');
    expect(docx.status).toBe(200);
    expect(docx.body.data).toMatchObject({ status: 'imported', issue: 51, articles: 1 });
    const [article] = await t.strapi
      .documents('api::article.article')
      .findMany({ filters: { headline: '村里来了“红色管家”' }, status: 'draft', populate: ['photos'] as any });
    expect([article.authorNote, article.photos.map((p: any) => p.caption)]).toEqual([
      '玛纳斯县包家店镇党委宣传委员',
      ['图为“红色管家”服务队党员为村民讲解医保政策。'],
    ]);
    const pdf = await api()
      .post('/banmian/import')
      .set(auth)
      .attach('file', fixture('broadsheet-print.pdf'), 'broadsheet-print.pdf')
      .field('publication', publication)
      .field('issue', docx.body.data.issueDocumentId);
    expect(pdf.status).toBe(200);
    expect(pdf.body.data).toMatchObject({ status: 'imported', articles: 5 });
    expect((await counts())['api::article.article']).toBe(before['api::article.article'] + 6);
  });

  it('refuses a bad file with its name and the reason, writing nothing', async () => {
    const before = await counts();
    const scan = await api()
      .post('/banmian/import')
      .set(auth)
      .attach('file', scannedPdf(), 'scan.pdf')
      .field('publication', publication)
      .field('newIssue', '52')
      .field('date', '2024-11-02');
    expect(scan.status).toBe(400);
    expect(scan.body.error.details).toMatchObject({ code: 'import.scannedPdf' });
    expect(scan.body.error.message).toBe('scan.pdf：PDF 的 1 页里没有文字层，是扫描件，需要先做 OCR');
    const docx = await api().post('/banmian/import/preview').set(auth).attach('file', Buffer.from('PK\u0003\u0004broken'), 'broken.docx');
    expect(docx.status).toBe(400);
    expect(docx.body.error.details).toMatchObject({ code: 'import.corruptDocx' });
    expect(docx.body.error.message).toMatch(/^broken\.docx：无法读取这个 Word 文件/u);
    expect(await counts()).toEqual(before);
  });
});
