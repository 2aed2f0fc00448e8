import { spawn } from 'child_process';
import path from 'path';
import request from 'supertest';
import { startStrapi, APP_DIR, type TestStrapi, rowCounts } from '../helpers/strapi';
import { importOcrFile } from '../../src/ocr-import/import';
import { readJournal } from '../../src/ocr-import/import-journal';
import { makeIssue } from '../../src/seed/generate-issue';
import crypto from 'crypto';

/**
 * The importer beside readers and beside itself: readers are not held up while a
 * big file is written; a file is all-or-nothing even though it is written in
 * short steps (a failing step undoes the ones before it, an import that died is
 * undone by the next); the same file imported twice at once is written once.
 */

let t: TestStrapi;
let liveIssue: string;
const api = () => request(t.strapi.server.httpServer);
const TYPES = ['issue', 'page', 'column', 'article', 'contributor', 'signoff'].map((n) => `api::${n}.${n}`);
const counts = () => rowCounts(t.strapi, TYPES);
/** One article, then `pages` page headers: a file that is mostly page writes. */
function bigFile(pages: number, tag: string) {
  const lines = [`# ${tag}的稿件`, '□本报记者 王芳', '', '正文第一段。', ''];
  for (let i = 2; i <= pages; i += 1) lines.push(`第${i}版`, '');
  return Buffer.from(lines.join('\n'));
}

beforeAll(async () => {
  t = await startStrapi();
  const live = await makeIssue(t.strapi, { number: 1, pages: 2, articlesPerPage: 3 });
  liveIssue = live.issue.documentId;
  await t.strapi.documents('api::publication.publication').update({ documentId: live.publication, data: { slug: 'changji' } as any });
}, 120000);
afterAll(async () => t?.stop());

it('readers are answered while a file of a thousand pages is imported in the same process, none waiting for the import', async () => {
  let finished = false;
  const importing = importOcrFile(t.strapi, bigFile(1000, '大文件'), 'big.txt', { issue: 50, date: '2024-11-01', publication: 'changji' }).finally(() => {
    finished = true;
  });
  // Behaviour, not timing (timings are the bench's): a read that starts while the import
  // runs is answered while it still runs. Many such reads mean none waited for it.
  let answeredDuringImport = 0;
  while (!finished) {
    const res = await api().get(`/api/issues/${liveIssue}/tree`);
    expect(res.status).toBe(200);
    if (!finished) answeredDuringImport += 1;
    await new Promise((r) => setTimeout(r, 20));
  }
  const summary = await importing;
  expect(summary).toMatchObject({ status: 'imported', pages: 999 });
  expect(await t.strapi.db.query('api::page.page').count({ where: { issue: { number: 50 } } })).toBe(999);
  expect(answeredDuringImport).toBeGreaterThan(10);
  // Other processes (a CLI import beside the server) read past a writer too: SQLite runs in WAL mode.
  if (process.env.BANMIAN_TEST_DB !== 'postgres') expect((await t.strapi.db.connection.raw('pragma journal_mode'))[0].journal_mode).toBe('wal');
}, 300000);

it('a step that fails undoes the steps before it: nothing of the file stays, the page it added to is as it was', async () => {
  // Page 1 of 第60期 exists, with one article from an earlier file.
  await importOcrFile(t.strapi, Buffer.from(['第1版', '# 先有的稿件', '□本报记者 王芳', '', '正文。'].join('\n')), 'first.txt', {
    issue: 60,
    date: '2024-12-01',
    publication: 'changji',
  });
  const pageBefore = await t.strapi.db
    .query('api::page.page')
    .findOne({ where: { issue: { number: 60 }, number: 1 }, populate: { placements: { populate: { article: { select: ['documentId'] } } } } });
  const before = await counts();
  const text = [
    '第1版',
    '# 加到第一版的稿件',
    '□本报记者 新人丙',
    '',
    '正文一。',
    '',
    '第2版',
    '# 第二版的稿件',
    '□本报记者 新人丁',
    '',
    '正文二。',
    '',
    '第3版',
    `# ${'长'.repeat(201)}`,
    '□本报记者 新人戊',
    '',
    '正文三。',
  ].join('\n');
  await expect(importOcrFile(t.strapi, Buffer.from(text), 'broken.txt', { issue: 60, publication: 'changji' })).rejects.toThrow(/headline/);
  expect(await counts()).toEqual(before);
  for (const name of ['新人丙', '新人丁', '新人戊']) expect(await t.strapi.db.query('api::contributor.contributor').count({ where: { name } })).toBe(0);
  const pageAfter = await t.strapi.db.query('api::page.page').findOne({
    where: { documentId: pageBefore.documentId, locale: 'zh-Hans', publishedAt: null },
    populate: { placements: { populate: { article: { select: ['documentId'] } } } },
  });
  expect(pageAfter.placements.map((p: any) => p.article.documentId)).toEqual(pageBefore.placements.map((p: any) => p.article.documentId));
  const hash = crypto.createHash('sha256').update(Buffer.from(text)).digest('hex');
  expect(await readJournal(t.strapi, hash)).toBeNull();
});

it('the same file imported twice at once is written once', async () => {
  const file = Buffer.from(['# 同时导入的稿件', '□本报记者 王芳', '', '正文。'].join('\n'));
  const results = await Promise.all([1, 2, 3].map(() => importOcrFile(t.strapi, file, 'twice.txt', { issue: 70, date: '2024-12-10', publication: 'changji' })));
  expect(results.map((r) => r.status).sort()).toEqual(['already imported', 'already imported', 'imported']);
  expect(await t.strapi.db.query('api::article.article').count({ where: { headline: '同时导入的稿件' } })).toBe(1);
});

it('an import that died is refused while it may still be running, and undone by the next import once it is stale', async () => {
  const file = path.join(require('os').tmpdir(), `banmian-dying-${process.pid}.txt`);
  require('fs').writeFileSync(file, bigFile(400, '中断'));
  const bytes = require('fs').readFileSync(file);
  const hash = crypto.createHash('sha256').update(bytes).digest('hex');
  const before = await counts();
  // A real import in another process, killed once it has written some pages.
  const child = spawn('node', [path.join(APP_DIR, 'scripts/import.js'), '--publication', 'changji', '--issue', '80', '--date', '2024-12-20', file], {
    cwd: APP_DIR,
    env: { ...process.env, LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 120000;
  let journal = null;
  while (Date.now() < deadline) {
    journal = await readJournal(t.strapi, hash);
    if (journal && journal.pages.length >= 5) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  journal = await readJournal(t.strapi, hash);
  expect(journal!.pages.length).toBeGreaterThanOrEqual(5);
  expect(await t.strapi.db.query('api::page.page').count({ where: { issue: { number: 80 } } })).toBe(journal!.pages.length);

  await expect(importOcrFile(t.strapi, bytes, file, { issue: 80, date: '2024-12-20', publication: 'changji' })).rejects.toThrow(/being imported right now/);
  // Two minutes later nobody has touched it: it belonged to an import that died.
  await t.strapi
    .store({ type: 'plugin', name: 'banmian-import' })
    .set({ key: hash, value: { ...journal, touchedAt: new Date(Date.now() - 3 * 60 * 1000).toISOString() } });
  const summary = await importOcrFile(t.strapi, bytes, file, { issue: 80, date: '2024-12-20', publication: 'changji' });
  expect(summary.status).toBe('imported');
  // Exactly one set of pages: the dead import's were undone first.
  expect(summary.pages).toBeGreaterThan(300);
  expect(await t.strapi.db.query('api::page.page').count({ where: { issue: { number: 80 } } })).toBe(summary.pages);
  expect(await t.strapi.db.query('api::issue.issue').count({ where: { number: 80 } })).toBe(1);
  const after = await counts();
  expect(after['api::article.article'] - before['api::article.article']).toBe(1);
  expect(after['api::page.page'] - before['api::page.page']).toBe(summary.pages);
  require('fs').rmSync(file, { force: true });
}, 240000);
