import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { startStrapi, APP_DIR, type TestStrapi, rowCounts } from '../helpers/strapi';
import { adminToken, createAdminUser } from '../helpers/admin-users';

/**
 * The admin import goes where the editor chose, never where the old page's text
 * says: POST /banmian/import needs a publication and an existing issue of it, or a
 * new issue's number and date (src/ocr-import/target.ts); anything else is refused
 * with a code before anything is written.
 */

let t: TestStrapi;
const api = () => request(t.strapi.server.httpServer);
const TYPES = ['issue', 'page', 'column', 'article', 'contributor'].map((n) => `api::${n}.${n}`);
const counts = () => rowCounts(t.strapi, TYPES);
// A page whose text prints the old paper's 第207期 and its pages 第2版 要闻 / 第3版 基层.
const OLD_PAGES = fs.readFileSync(path.join(APP_DIR, 'tests/fixtures/ocr-synthetic/12-masthead-pages.txt'));
const onePage = (headline: string) => Buffer.from([`# ${headline}`, '□本报记者 王芳', '', '正文。'].join('\n'));

let chief: { Authorization: string };
let editor: { Authorization: string };
let reader: { Authorization: string };
let changji: string;
let hegang: string;
let issue13: string;
let issue5: string;

beforeAll(async () => {
  t = await startStrapi();
  const publications = t.strapi.documents('api::publication.publication');
  changji = (await publications.create({ data: { name: '昌吉党建', slug: 'changji' } as any })).documentId;
  hegang = (await publications.create({ data: { name: '鹤岗党建', slug: 'hegang' } as any })).documentId;
  const issues = t.strapi.documents('api::issue.issue');
  issue13 = (await issues.create({ data: { number: 13, date: '2024-10-11', publication: changji } as any, locale: 'zh-Hans' })).documentId;
  issue5 = (await issues.create({ data: { number: 5, date: '2024-03-01', publication: hegang } as any, locale: 'zh-Hans' })).documentId;
  // A role that may read publications and issues and write articles, but change no issue and create none.
  const roles = t.strapi.service('admin::role');
  const role = await roles.create({ name: '通讯员', code: 'test-correspondent', description: 'reads issues, writes articles' });
  const CM = 'plugin::content-manager.explorer';
  const locales = { locales: ['zh-Hans'] };
  await roles.assignPermissions(role.id, [
    { action: `${CM}.read`, subject: 'api::publication.publication', properties: {}, conditions: [] },
    { action: `${CM}.read`, subject: 'api::issue.issue', properties: locales, conditions: [] },
    { action: `${CM}.create`, subject: 'api::article.article', properties: locales, conditions: [] },
  ]);
  const users = [
    ['chief@paper.example', 'strapi-super-admin'],
    ['editor@paper.example', 'banmian-editor'],
    ['reader@paper.example', 'test-correspondent'],
  ];
  const tokens: string[] = [];
  for (const [email, code] of users) {
    await createAdminUser(t.strapi, { email, password: 'Target-pass-1', firstname: email.split('@')[0], roleCodes: [code] });
    tokens.push(await adminToken(t.strapi, email, 'Target-pass-1'));
  }
  [chief, editor, reader] = tokens.map((token) => ({ Authorization: `Bearer ${token}` }));
}, 180000);
afterAll(async () => t?.stop());

const post = (auth: object, file: Buffer, name: string, fields: Record<string, string>) => {
  const req = api().post('/banmian/import').set(auth).attach('file', file, name);
  for (const [k, v] of Object.entries(fields)) req.field(k, v);
  return req;
};

describe('POST /banmian/import: an explicit target or nothing', () => {
  it('refuses an import that does not say where it goes, with a code and a Chinese message, writing nothing', async () => {
    const before = await counts();
    const cases: Array<[Record<string, string>, string, string]> = [
      // The old form's fields: the issue number read from the text and a date would have made a wrong 第207期.
      [{ date: '2024-10-18' }, 'import.targetPublication', '请选择要导入到的刊物'],
      [{ publication: changji }, 'import.targetIssue', '请选择要导入到的期：已有的一期，或新建一期（填写期号和出版日期）'],
      [{ publication: changji, date: '2024-10-18' }, 'import.targetIssue', '请选择要导入到的期：已有的一期，或新建一期（填写期号和出版日期）'],
      [{ publication: changji, issue: issue13, newIssue: '14', date: '2024-10-18' }, 'import.twoTargets', '已有的期和新建一期只能选一个'],
      [{ publication: changji, newIssue: '十四', date: '2024-10-18' }, 'import.badIssueNumber', '期号须为正整数'],
      [{ publication: changji, newIssue: '14' }, 'import.newIssueDate', '新建第14期需要填写出版日期'],
      [{ publication: changji, newIssue: '14', date: '18/10/2024' }, 'import.badDate', '出版日期的格式应为 YYYY-MM-DD'],
    ];
    for (const [fields, code, message] of cases) {
      const res = await post(editor, OLD_PAGES, 'old.txt', fields);
      expect([JSON.stringify(fields), res.status, res.body.error?.details?.code, res.body.error?.message]).toEqual([
        JSON.stringify(fields),
        400,
        code,
        message,
      ]);
    }
    // An issue number where an issue's documentId belongs (what the old form sent) names no issue.
    const old = await post(editor, OLD_PAGES, 'old.txt', { publication: changji, issue: '207', date: '2024-10-18' });
    expect([old.status, old.body.error.details.code]).toEqual([404, 'entry.notFound']);
    expect(await counts()).toEqual(before);
    expect(await t.strapi.db.query('api::issue.issue').count({ where: { number: 207 } })).toBe(0);
  });

  it('refuses a new issue whose number exists, offering the existing one', async () => {
    const before = await counts();
    const res = await post(editor, onePage('已有期号的新期'), 'taken.txt', { publication: changji, newIssue: '13', date: '2024-12-01' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('「昌吉党建」的第13期已经存在（2024-10-11）：要导入到这一期，请在“期”中选择它');
    expect(res.body.error.details).toEqual({
      code: 'import.issueExists',
      params: { number: 13, date: '2024-10-11', existing: issue13, publication: '昌吉党建' },
    });
    // The same number in another publication is free.
    const other = await post(editor, onePage('鹤岗的第13期'), 'other.txt', { publication: hegang, newIssue: '13', date: '2024-12-01' });
    expect([other.status, other.body.data?.issue]).toEqual([200, 13]);
    expect((await counts())['api::issue.issue']).toBe(before['api::issue.issue'] + 1);
  });

  it('refuses an issue of another publication, a publication or issue that does not exist', async () => {
    const before = await counts();
    const wrong = await post(editor, onePage('错刊'), 'wrong.txt', { publication: changji, issue: issue5 });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('所选的第5期属于「鹤岗党建」，不是所选的刊物「昌吉党建」');
    expect(wrong.body.error.details.code).toBe('import.issueOtherPublication');
    const noPub = await post(editor, onePage('无刊'), 'nopub.txt', { publication: 'nosuchpublication00000000', issue: issue13 });
    expect([noPub.status, noPub.body.error.details.code, noPub.body.error.details.params?.type]).toEqual([404, 'entry.notFound', 'publication']);
    expect(await counts()).toEqual(before);
  });

  it('refuses an issue the user may not change, and a new issue they may not create', async () => {
    const before = await counts();
    const into = await post(reader, onePage('通讯员的稿件'), 'reader.txt', { publication: changji, issue: issue13 });
    expect(into.status).toBe(403);
    expect(into.body.error.message).toBe('你没有修改这一期的权限');
    expect(into.body.error.details).toEqual({ code: 'admin.notAllowed', params: { action: 'update', type: 'issue' } });
    const fresh = await post(reader, onePage('通讯员的稿件'), 'reader.txt', { publication: changji, newIssue: '30', date: '2025-01-03' });
    expect([fresh.status, fresh.body.error.details]).toEqual([403, { code: 'admin.notAllowed', params: { action: 'create', type: 'issue' } }]);
    expect(await counts()).toEqual(before);
  });

  it('refuses page numbers that do not fit the file', async () => {
    const before = await counts();
    const target = { publication: changji, newIssue: '15', date: '2024-10-25' };
    const short = await post(editor, OLD_PAGES, 'old.txt', { ...target, pages: JSON.stringify([{ number: 2, name: '要闻' }]) });
    expect([short.status, short.body.error.details.code, short.body.error.message]).toEqual([
      400,
      'import.badPages',
      '版号和版名应逐版填写：文件有 2 个版面，提交了 1 个',
    ]);
    const same = await post(editor, OLD_PAGES, 'old.txt', { ...target, pages: JSON.stringify([{ number: 2 }, { number: 2 }]) });
    expect([same.status, same.body.error.details.code]).toEqual([400, 'import.samePageNumber']);
    expect(await counts()).toEqual(before);
  });

  it('writes into the new issue chosen, with the page numbers and names confirmed, never the text’s 第207期', async () => {
    const pages = JSON.stringify([
      { number: 2, name: '要闻' },
      { number: 5, name: '基层党建' },
    ]);
    const res = await post(editor, OLD_PAGES, 'old.txt', { publication: changji, newIssue: '14', date: '2024-10-18', pages });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'imported', issue: 14, issueDate: '2024-10-18', pages: 2, articles: 2 });
    expect(await t.strapi.db.query('api::issue.issue').count({ where: { number: 207 } })).toBe(0);
    const issue = await t.strapi
      .documents('api::issue.issue')
      .findOne({ documentId: res.body.data.issueDocumentId, locale: 'zh-Hans', status: 'draft', populate: ['publication'] });
    expect([issue?.number, (issue as any)?.publication?.documentId]).toEqual([14, changji]);
    const written = await t.strapi.documents('api::page.page').findMany({
      filters: { documentId: { $in: res.body.data.pagesWritten.map((p: any) => p.documentId) } },
      locale: 'zh-Hans',
      status: 'draft',
      sort: 'number',
    });
    expect(written.map((p: any) => [p.number, p.name])).toEqual([
      [2, '要闻'],
      [5, '基层党建'],
    ]);
    expect(res.body.data.pagesWritten.map((p: any) => [p.number, p.name])).toEqual([
      [2, '要闻'],
      [5, '基层党建'],
    ]);
  });

  it('adds to the existing issue chosen; a page without a number takes the next free one', async () => {
    const first = await post(editor, onePage('导入到第13期'), 'into-13.txt', { publication: changji, issue: issue13 });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ status: 'imported', issue: 13, issueDocumentId: issue13, issueDate: '2024-10-11' });
    const second = await post(editor, onePage('第13期的第二篇'), 'into-13b.txt', {
      publication: changji,
      issue: issue13,
      pages: JSON.stringify([{ number: null, name: '' }]),
    });
    expect(first.body.data.pagesWritten.map((p: any) => p.number)).toEqual([1]);
    expect(second.body.data.pagesWritten.map((p: any) => [p.number, p.name])).toEqual([[2, null]]);
    // The same file again writes nothing, and says where it went.
    const again = await post(editor, onePage('导入到第13期'), 'again.txt', { publication: changji, issue: issue13 });
    expect(again.body.data).toMatchObject({ status: 'already imported', issue: 13, issueDocumentId: issue13, pagesWritten: first.body.data.pagesWritten });
  });
});

describe('GET /banmian/import/targets: what the form offers', () => {
  it('lists the publications and issues the user may read, and what they may change', async () => {
    const mine = await api().get('/banmian/import/targets').set(editor);
    expect(mine.status).toBe(200);
    const names = mine.body.data.publications.map((p: any) => p.name);
    expect(names).toEqual(['昌吉党建', '鹤岗党建']);
    const cj = mine.body.data.publications[0];
    expect(cj.issues.map((i: any) => [i.number, i.date, i.canUpdate])).toEqual([
      [14, '2024-10-18', true],
      [13, '2024-10-11', true],
    ]);
    expect(cj.issues[1].pages.map((p: any) => p.number)).toEqual([1, 2]);
    expect(mine.body.data.canCreateIssue).toBe(true);
    const theirs = await api().get('/banmian/import/targets').set(reader);
    expect(theirs.body.data.canCreateIssue).toBe(false);
    expect(theirs.body.data.publications[0].issues.every((i: any) => i.canUpdate === false)).toBe(true);
    const chiefs = await api().get('/banmian/import/targets').set(chief);
    expect(chiefs.body.data.publications).toHaveLength(2);
    expect((await api().get('/banmian/import/targets')).status).toBe(401);
  });
});
