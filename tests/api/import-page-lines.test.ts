import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { startStrapi, APP_DIR, type TestStrapi } from '../helpers/strapi';
import { adminToken, createAdminUser } from '../helpers/admin-users';

/**
 * Issue 20, item 1: a page's theme band and a series label printed once over several
 * articles go to the page's name/theme and the articles' 栏目, never into a body; the
 * editor may move such a line before importing (a `line` edit), on preview and import.
 */
let t: TestStrapi;
let auth: { Authorization: string };
const api = () => request(t.strapi.server.httpServer);
const SERIES = fs.readFileSync(path.join(APP_DIR, 'tests/fixtures/ocr-synthetic/13-page-band-series.txt'));
/** The same page as OCR read it on the real sheet: band and label between article 2's byline and its body. */
const INSIDE = Buffer.from(
  [
    '第3版',
    '',
    '从百年党史中汲取奋进力量',
    '□ 张建军',
    '',
    '百年党史是一部践行初心使命的历史，领导干部学党史，要学出信仰、学出担当。',
    '',
    '（作者系县委常委、组织部部长）',
    '',
    '以为民情怀践行初心使命',
    '□ 李秀英',
    '学党史 悟思想 办实事 开新局',
    '领导干部学习笔谈',
    '',
    '',
    '江山就是人民，人民就是江山，学习党史就要始终把人民放在心中最高位置。',
    '',
    '（作者系县委常委、宣传部部长）',
  ].join('\n'),
);

/** The admin route always names its target (src/ocr-import/target.ts): the publication and a new issue. */
let publication: string;
beforeAll(async () => {
  t = await startStrapi();
  publication = (await t.strapi.documents('api::publication.publication').create({ data: { name: '昌吉党建', slug: 'changji' } as any })).documentId;
  await createAdminUser(t.strapi, { email: 'lines@paper.example', password: 'Import-lines-1', firstname: '值班', roleCodes: ['strapi-super-admin'] });
  auth = { Authorization: `Bearer ${await adminToken(t.strapi, 'lines@paper.example', 'Import-lines-1')}` };
});
afterAll(async () => t?.stop());

/** The imported page of issue `number` with its articles, as the draft tree holds them. */
async function importedPage(number: number) {
  const issue = await t.strapi.documents('api::issue.issue').findFirst({ filters: { number }, locale: 'zh-Hans', status: 'draft' });
  const tree = await t.strapi.service('api::issue.issue').loadTree({ documentId: issue.documentId, status: 'draft' });
  const [page] = tree.tree.pages;
  return { page, articles: page.placements.map((p: any) => p.article) };
}

it('imports the theme band as the page’s theme and the series label as every article’s 栏目, none of it in a body', async () => {
  const preview = await api().post('/banmian/import/preview').set(auth).attach('file', SERIES, 'series.txt');
  expect(preview.status).toBe(200);
  const [p] = preview.body.data.pages;
  expect([p.name, p.theme]).toEqual(['理论学习', '学党史 悟思想 办实事 开新局']);
  expect(p.lineChoices.map((l: any) => [l.line, l.placedAs, l.sure, l.articles ?? null])).toEqual([
    [7, 'theme', true, null],
    [9, 'column', false, [0, 1, 2]],
  ]);

  const done = await api()
    .post('/banmian/import')
    .set(auth)
    .attach('file', SERIES, 'series.txt')
    .field('publication', publication)
    .field('newIssue', '171')
    .field('date', '2021-06-18');
  expect(done.status).toBe(200);
  expect(done.body.data).toMatchObject({ status: 'imported', articles: 3, warnings: 0 });
  const { page, articles } = await importedPage(171);
  // The admin route numbers pages as the form says (none sent: the new issue's first); name and theme are read.
  expect([page.number, page.name, page.theme]).toEqual([1, '理论学习', '学党史 悟思想 办实事 开新局']);
  expect(articles.map((a: any) => a.column?.name)).toEqual(['领导干部学习笔谈', '领导干部学习笔谈', '领导干部学习笔谈']);
  for (const a of articles) expect([a.kicker ?? null, a.body]).toEqual([null, expect.not.stringMatching(/学党史 悟思想|领导干部学习笔谈/u)]);
  expect(await t.strapi.db.query('api::column.column').count({ where: { name: '领导干部学习笔谈' } })).toBe(1);
});

it('reads the band and label OCR put inside an article out of its body, and the editor’s move applies on preview and on import', async () => {
  const plain = await api().post('/banmian/import/preview').set(auth).attach('file', INSIDE, 'inside.txt');
  const [p] = plain.body.data.pages;
  expect([p.theme, p.articles.map((a: any) => a.column), p.articles[1].body]).toEqual([
    '学党史 悟思想 办实事 开新局',
    [null, '领导干部学习笔谈'],
    '江山就是人民，人民就是江山，学习党史就要始终把人民放在心中最高位置。',
  ]);
  expect(p.lineChoices.map((l: any) => [l.line, l.placedAs, l.sure])).toEqual([
    [12, 'theme', false],
    [13, 'column', false],
  ]);

  // The editor: the label is this page's name, the band stays the theme.
  const edits = JSON.stringify([{ op: 'line', page: 0, line: 13, to: 'pageName' }]);
  const moved = await api().post('/banmian/import/preview').set(auth).attach('file', INSIDE, 'inside.txt').field('edits', edits);
  expect(moved.status).toBe(200);
  const [q] = moved.body.data.pages;
  expect([q.name, q.theme, q.articles.map((a: any) => a.column)]).toEqual(['领导干部学习笔谈', '学党史 悟思想 办实事 开新局', [null, null]]);
  expect(q.lineChoices[1]).toMatchObject({ line: 13, placedAs: 'pageName', sure: true });
  expect(moved.body.data.warnings).toEqual([]);

  const done = await api()
    .post('/banmian/import')
    .set(auth)
    .attach('file', INSIDE, 'inside.txt')
    .field('edits', edits)
    .field('publication', publication)
    .field('newIssue', '172')
    .field('date', '2021-06-25');
  expect(done.status).toBe(200);
  const { page, articles } = await importedPage(172);
  expect([page.number, page.name, page.theme]).toEqual([1, '领导干部学习笔谈', '学党史 悟思想 办实事 开新局']);
  expect(articles.map((a: any) => a.column ?? null)).toEqual([null, null]);
  expect(articles[1].body).toBe('江山就是人民，人民就是江山，学习党史就要始终把人民放在心中最高位置。');
});

it('refuses a move of a line that is not the page’s, or to a place it cannot go, in the user’s words', async () => {
  const noLine = await api()
    .post('/banmian/import/preview')
    .set(auth)
    .attach('file', SERIES, 'series.txt')
    .field('edits', JSON.stringify([{ op: 'line', page: 0, line: 12, to: 'theme' }]));
  expect(noLine.status).toBe(400);
  expect(noLine.body.error.details).toMatchObject({ code: 'import.badLineEdit', params: { index: 0, line: 12, problem: 'noLine' } });
  expect(noLine.body.error.message).toBe('第 1 项移动无效：第 1 个版面的第 12 行不是可以移动的版面行（版名、主题或栏目）');
  const badTarget = await api()
    .post('/banmian/import')
    .set(auth)
    .attach('file', SERIES, 'series.txt')
    .field('edits', JSON.stringify([{ op: 'line', page: 0, line: 9, to: 'body' }]))
    .field('publication', publication)
    .field('newIssue', '173')
    .field('date', '2021-07-02');
  expect(badTarget.status).toBe(400);
  expect(badTarget.body.error.message).toBe('第 1 项移动无效：第 9 行不能移到「正文」（可以移到：主题、栏目）');
  expect(await t.strapi.db.query('api::issue.issue').count({ where: { number: 173 } })).toBe(0);
});
