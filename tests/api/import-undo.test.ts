import { spawn } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { startStrapi, APP_DIR, type TestStrapi } from '../helpers/strapi';
import { adminToken, createAdminUser } from '../helpers/admin-users';
import { importOcrFile } from '../../src/ocr-import/import';
import { hasKeptArticles, readJournal, type Journal } from '../../src/ocr-import/import-journal';
import { pageHistory, pageStatus } from '../../src/signoff/service';

/**
 * Undoing an import that failed or died removes only what is still as the import
 * left it: an article an editor rewrote since, a page an editor added to, a page
 * signed since, stay (with what they need: their pages, the articles on them, the
 * issue), and are reported; the rest is undone, and the next import of the file
 * writes it again around what was kept.
 */

let t: TestStrapi;
let auth: { Authorization: string };
const api = () => request(t.strapi.server.httpServer);
const CM = '/content-manager/collection-types';
const L = 'locale=zh-Hans';
const hashOf = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');
const store = () => t.strapi.store({ type: 'plugin', name: 'banmian-import' });

/** A draft page of an issue by number, with the documentIds of the articles it carries, in order. */
const pageIn = async (issue: number, number: number) => {
  const row: any = await t.strapi.db.query('api::page.page').findOne({
    where: { issue: { number: issue }, number, publishedAt: null, locale: 'zh-Hans' },
    populate: { placements: { populate: { article: { select: ['documentId', 'headline'] } } } },
  });
  return row ? { documentId: row.documentId as string, articles: (row.placements ?? []).map((p: any) => p.article?.documentId ?? null) as string[] } : null;
};
const headlines = async (headline: string) => t.strapi.db.query('api::article.article').count({ where: { headline } });
/** Leaves the journal as an import that died two minutes ago would have: untouched since. */
const makeStale = (hash: string, journal: Journal) =>
  store().set({ key: hash, value: { ...journal, touchedAt: new Date(Date.now() - 3 * 60 * 1000).toISOString() } });
/** An editor's rewrite of an article in the admin. */
const rewrite = (documentId: string, headline: string) =>
  api().put(`${CM}/api::article.article/${documentId}?${L}`).set(auth).send({ headline, body: '编辑重写的正文。' });

beforeAll(async () => {
  t = await startStrapi();
  await t.strapi.documents('api::publication.publication').create({ data: { name: '昌吉党建', slug: 'changji' } as any });
  await createAdminUser(t.strapi, { email: 'desk@paper.example', password: 'Import-undo-1', firstname: '值班', roleCodes: ['strapi-super-admin'] });
  auth = { Authorization: `Bearer ${await adminToken(t.strapi, 'desk@paper.example', 'Import-undo-1')}` };
}, 120000);
afterAll(async () => t?.stop());

it('after an import that died, editors’ work on its entries survives the undo, and the next import writes the rest again', async () => {
  const lines = [
    '第1版',
    '# 第一版头条',
    '□本报记者 王芳',
    '',
    '正文一甲。',
    '',
    '# 第一版二条',
    '□本报记者 王芳',
    '',
    '正文一乙。',
    '',
    '第2版',
    '# 第二版稿件',
    '□本报记者 王芳',
    '',
    '正文二。',
    '',
    '第3版',
    '# 第三版稿件',
    '□本报记者 王芳',
    '',
    '正文三。',
    '',
    '第4版',
    '# 第四版无人动过的稿件',
    '□本报记者 新人庚',
    '',
    '正文四。',
    '',
  ];
  // Many empty pages after them, so the import is still writing when it is killed.
  for (let i = 5; i <= 400; i += 1) lines.push(`第${i}版`, '');
  const file = path.join(os.tmpdir(), `banmian-undo-${process.pid}.txt`);
  fs.writeFileSync(file, lines.join('\n'));
  const bytes = fs.readFileSync(file);
  const hash = hashOf(bytes);
  const options = { issue: 81, date: '2025-01-10', publication: 'changji' };

  // A real import in another process, killed once its first pages are written.
  const child = spawn('node', [path.join(APP_DIR, 'scripts/import.js'), '--publication', 'changji', '--issue', '81', '--date', '2025-01-10', file], {
    cwd: APP_DIR,
    env: { ...process.env, LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 120000;
  let journal: Journal | null = null;
  while (Date.now() < deadline) {
    journal = await readJournal(t.strapi, hash);
    if (journal && journal.pages.length >= 8) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  journal = await readJournal(t.strapi, hash);
  expect(journal!.pages.length).toBeGreaterThanOrEqual(8);
  expect(journal!.pages.length).toBeLessThan(400);

  const [p1, p2, p3, p4] = [await pageIn(81, 1), await pageIn(81, 2), await pageIn(81, 3), await pageIn(81, 4)];
  const [a1, a1b] = p1!.articles;
  const untouched = { page: p4!.documentId, article: p4!.articles[0] };
  const newcomer = await t.strapi.db.query('api::contributor.contributor').findOne({ where: { name: '新人庚' } });
  expect(newcomer).not.toBeNull();

  // Editors work on the drafts in the admin meanwhile: a rewrite, an article added to a page, a signature.
  expect((await rewrite(a1, '编辑改写的头条')).status).toBe(200);
  const added = await api().post(`${CM}/api::article.article?${L}`).set(auth).send({ headline: '编辑加到第二版的稿件' });
  expect(added.status).toBe(201);
  const onPage2 = await api()
    .put(`${CM}/api::page.page/${p2!.documentId}?${L}`)
    .set(auth)
    .send({
      placements: [
        { article: { connect: [{ documentId: p2!.articles[0] }] }, order: 1, span: 4, lead: true },
        { article: { connect: [{ documentId: added.body.data.documentId }] }, order: 2, span: 2 },
      ],
    });
  expect(onPage2.status).toBe(200);
  const signed = await api().post(`/banmian/pages/${p3!.documentId}/sign`).set(auth).send({ role: 'editor' });
  expect(signed.status).toBe(200);

  // Two minutes on, nobody has touched the journal: the next import of the file undoes it first.
  await makeStale(hash, journal!);
  const summary = await importOcrFile(t.strapi, bytes, file, options);
  expect(summary.status).toBe('imported');
  expect(summary.kept.map((k) => [k.label, k.reason]).sort()).toEqual(
    [
      ['稿件「编辑改写的头条」', 'edited'],
      ['稿件「第一版二条」', 'linked'],
      ['稿件「第二版稿件」', 'linked'],
      ['稿件「第三版稿件」', 'linked'],
      ['第81期', 'linked'],
      ['第81期第1版', 'linked'],
      ['第81期第2版', 'edited'],
      ['第81期第3版', 'edited'],
    ].sort(),
  );

  // The rewrite stands, once, in its place on its page, and the file's original of it is not written again.
  expect(await pageIn(81, 1)).toEqual({ documentId: p1!.documentId, articles: [a1, a1b] });
  expect(await headlines('编辑改写的头条')).toBe(1);
  expect(await headlines('第一版头条')).toBe(0);
  // The page an editor added to carries both, as they left it.
  expect(await pageIn(81, 2)).toEqual({ documentId: p2!.documentId, articles: [p2!.articles[0], added.body.data.documentId] });
  // The signature stands: stage, credit and history.
  const status = await pageStatus(t.strapi, p3!.documentId);
  expect([status!.stage, status!.credits.editor?.name]).toEqual(['edited', '值班']);
  expect((await pageHistory(t.strapi, p3!.documentId)).map((h) => h.action)).toEqual(['signed', 'created']);
  expect(await pageIn(81, 3)).toEqual(p3);

  // What nobody touched was undone and written again by this import: new entries, once.
  const p4now = await pageIn(81, 4);
  expect(p4now!.documentId).not.toBe(untouched.page);
  expect(p4now!.articles).toHaveLength(1);
  expect(p4now!.articles[0]).not.toBe(untouched.article);
  expect(await t.strapi.db.query('api::article.article').count({ where: { documentId: untouched.article } })).toBe(0);
  expect(await headlines('第四版无人动过的稿件')).toBe(1);
  const again = await t.strapi.db.query('api::contributor.contributor').findMany({ where: { name: '新人庚' } });
  expect(again.map((c: any) => c.documentId)).not.toContain(newcomer.documentId);
  expect(again).toHaveLength(1);
  expect(await t.strapi.db.query('api::page.page').count({ where: { issue: { number: 81 }, publishedAt: null } })).toBe(400);
  expect(await t.strapi.db.query('api::issue.issue').count({ where: { number: 81 } })).toBe(1);

  // The dead import's journal is closed, and the file now counts as imported.
  expect(await readJournal(t.strapi, hash)).toBeNull();
  expect(await hasKeptArticles(t.strapi, hash)).toBe(false);
  expect((await importOcrFile(t.strapi, bytes, file, options)).status).toBe('already imported');
  fs.rmSync(file, { force: true });
}, 240000);

it('a failing import keeps an article an editor rewrote while it ran, with its page and issue, and undoes the rest', async () => {
  const lines = ['第1版', '# 导入时被改写的稿件', '□本报记者 王芳', '', '正文。', ''];
  for (let i = 2; i <= 400; i += 1) lines.push(`第${i}版`, '');
  // The last page's headline is over 200 characters: its step fails, after all the others.
  lines.push('第401版', `# ${'长'.repeat(201)}`, '□本报记者 王芳', '', '正文。');
  const bytes = Buffer.from(lines.join('\n'));
  const hash = hashOf(bytes);
  let finished = false;
  const importing = importOcrFile(t.strapi, bytes, 'failing.txt', { issue: 82, date: '2025-01-17', publication: 'changji' }).finally(() => {
    finished = true;
  });
  importing.catch(() => undefined);
  let journal: Journal | null = null;
  while (!finished) {
    journal = await readJournal(t.strapi, hash);
    if (journal && journal.pages.length >= 2) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const page = await pageIn(82, 1);
  expect((await rewrite(page!.articles[0], '导入时编辑改写的稿件')).status).toBe(200);
  // The rewrite landed while the import was still writing (else this test would prove nothing).
  expect(finished).toBe(false);
  await expect(importing).rejects.toThrow(/headline/);

  expect(await pageIn(82, 1)).toEqual(page);
  expect(await headlines('导入时编辑改写的稿件')).toBe(1);
  expect(await t.strapi.db.query('api::issue.issue').count({ where: { number: 82 } })).toBe(1);
  // The empty pages nobody touched are gone, with their history.
  expect(await t.strapi.db.query('api::page.page').count({ where: { issue: { number: 82 } } })).toBe(1);
  expect(await t.strapi.db.query('api::signoff.signoff').count({ where: { pageDocumentId: { $in: journal!.pages.slice(1) } } })).toBe(0);
  expect(await readJournal(t.strapi, hash)).toBeNull();
  // The file is not imported whole: its kept article stands in for its place, it does not make the file "already imported".
  expect(await hasKeptArticles(t.strapi, hash)).toBe(true);
}, 240000);
