import request from 'supertest';
import { runScript } from '../helpers/cli';
import { startStrapi, type TestStrapi } from '../helpers/strapi';
import { adminToken, createAdminUser } from '../helpers/admin-users';
import { importOcrFile } from '../../src/ocr-import/import';
import { makeIssue } from '../../src/seed/generate-issue';
import fs from 'fs';
import os from 'os';
import path from 'path';

/**
 * One import cannot freeze the server (issue 19): the admin's preview and import parse
 * in a worker thread, so reads are answered while a big file is read; and what one
 * request may bring is bounded (size, edits, parse time), each refusal with its code.
 */

let t: TestStrapi;
let auth: { Authorization: string };
let tree: string;
const api = () => request(t.strapi.server.httpServer);
/** Two megabytes of headline-like lines: the rule table's slowest shape, seconds of parsing. */
const slowFile = () => Buffer.from(`党建引领基层治理\n□本报记者 王芳\n\n正文一句。\n${'凝心铸魂\n'.repeat(160000)}`);
const small = Buffer.from(['# 支部建在网格上', '□本报通讯员 林晓峰', '', '街道把党支部建在网格上。'].join('\n'));

/** Runs `fn` with environment variables set, and puts them back. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

beforeAll(async () => {
  t = await startStrapi();
  const live = await makeIssue(t.strapi, { number: 1, pages: 2, articlesPerPage: 3 });
  tree = `/api/issues/${live.issue.documentId}/tree`;
  await createAdminUser(t.strapi, { email: 'night@paper.example', password: 'Worker-route-1', firstname: '夜班', roleCodes: ['strapi-super-admin'] });
  auth = { Authorization: `Bearer ${await adminToken(t.strapi, 'night@paper.example', 'Worker-route-1')}` };
}, 120000);
afterAll(async () => t?.stop());

it('answers reads of the public API while a big file is parsed for the preview', async () => {
  // Reads go one after another while the preview is pending. Parsed on the event loop,
  // a read that arrives once the parse has begun waits for all of it: one wait as long
  // as the parse, most of the time the preview was pending. Off the event loop no read
  // waits for more than a small part of it. (A comparison of the two spans, not a clock.)
  for (let round = 0; round < 2; round += 1) {
    let pending = true;
    const started = Date.now();
    const preview = api()
      .post('/banmian/import/preview')
      .set(auth)
      .attach('file', slowFile(), 'slow.txt')
      .then((res) => {
        pending = false;
        return res;
      });
    const answered: number[] = [started];
    let during = 0;
    while (pending) {
      const res = await api().get(tree);
      expect(res.status).toBe(200);
      if (pending) {
        during += 1;
        answered.push(Date.now());
      }
    }
    const res = await preview;
    answered.push(Date.now());
    expect(res.status).toBe(200);
    expect(res.body.data.pages[0].articles[0].headline).toBe('党建引领基层治理');
    const longestWait = Math.max(...answered.slice(1).map((at, i) => at - answered[i]));
    console.log(
      `round ${round}: ${during} reads answered while the preview was pending; the longest wait was ${longestWait} ms of ${answered[answered.length - 1] - started} ms`,
    );
    expect(during).toBeGreaterThan(100); // on the event loop: a few, during the upload
    expect(longestWait / (answered[answered.length - 1] - started)).toBeLessThan(1 / 3);
  }
}, 300000);

it('refuses more edits than one import may bring, with its code', async () => {
  const edits = JSON.stringify(Array.from({ length: 1001 }, (_, i) => ({ op: 'split', page: 0, article: i, paragraph: 1 })));
  const res = await api().post('/banmian/import/preview').set(auth).attach('file', small, 'edits.txt').field('edits', edits);
  expect(res.status).toBe(400);
  expect(res.body.error.details).toEqual({ code: 'import.tooManyEdits', params: { count: 1001, max: 1000 } });
  expect(res.body.error.message).toBe('一次最多提交 1000 项拆分/合并，这次有 1001 项：请分几次导入，或先拆分文件');
  await expect(importOcrFile(t.strapi, small, 'edits.txt', { edits: JSON.parse(edits), issue: 7, date: '2025-01-01' })).rejects.toMatchObject({
    code: 'import.tooManyEdits',
  });
});

it('refuses a file over BANMIAN_IMPORT_MAX_BYTES in the admin, in the writer and on the command line', async () => {
  const big = Buffer.from('正文一句。\n'.repeat(Math.ceil((1.5 * 1024 * 1024) / 16)));
  await withEnv({ BANMIAN_IMPORT_MAX_BYTES: String(1024 * 1024) }, async () => {
    const res = await api().post('/banmian/import/preview').set(auth).attach('file', big, 'big.txt');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'import.tooLarge', params: { file: 'big.txt', max: 1024 * 1024 } });
    expect(res.body.error.message).toBe('big.txt：1.5 MB，超过单个版面 1 MB 的上限');
    await expect(importOcrFile(t.strapi, big, 'big.txt', { issue: 7, date: '2025-01-01' })).rejects.toMatchObject({ code: 'import.tooLarge' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-big-'));
    fs.writeFileSync(path.join(dir, 'big.txt'), big);
    const cli = await runScript('import.js', ['--dry-run', path.join(dir, 'big.txt')], { BANMIAN_IMPORT_MAX_BYTES: String(1024 * 1024) });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('MB is over the 1 MB limit for one page');
  });
}, 120000);

it('stops a parse that runs past BANMIAN_IMPORT_PARSE_TIMEOUT, and the next file is read by a new worker', async () => {
  const res = await withEnv({ BANMIAN_IMPORT_PARSE_TIMEOUT: '0.05' }, () =>
    api().post('/banmian/import/preview').set(auth).attach('file', slowFile(), 'slow.txt'),
  );
  expect(res.status).toBe(400);
  expect(res.body.error.details).toEqual({ code: 'import.parseTimeout', params: { file: 'slow.txt', seconds: 0.05 } });
  const after = await api().post('/banmian/import/preview').set(auth).attach('file', small, 'small.txt');
  expect(after.status).toBe(200);
  expect(after.body.data.pages[0].articles[0].headline).toBe('支部建在网格上');
}, 120000);
