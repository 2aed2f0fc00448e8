import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { runScript } from '../helpers/cli';
import { createPgDatabase, startStrapi, type TestStrapi } from '../helpers/strapi';
import { seedDemoContent } from '../../src/seed/seed';
import { makeIssue } from '../../src/seed/generate-issue';

/**
 * `npm run backup` then `npm run restore` into an empty database (SQLite here,
 * PostgreSQL under `npm run test:pg`) gives back the same newsroom: issues and
 * their trees (draft and published), pages with stages and credits, placements,
 * the sign-off history and every uploaded file, byte for byte.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every value but database ids (a restore may number rows anew; documentIds are the identity). */
function withoutIds(value: any): any {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'id')
        .map(([k, v]) => [k, withoutIds(v)]),
    );
  }
  return value;
}

function filesBelow(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.gitkeep') continue; // Strapi's restore leaves one in the upload folder
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, filesBelow(full, base));
    else out[path.relative(base, full)] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}

const NAME = { select: ['documentId', 'name'] };
async function snapshot(strapi: Core.Strapi) {
  const q = (uid: string) => strapi.db.query(uid as any);
  const order = [{ documentId: 'asc' }, { locale: 'asc' }, { publishedAt: 'asc' }] as any;
  const issues: any[] = await q('api::issue.issue').findMany({ orderBy: order });
  const trees = [];
  for (const i of issues) {
    const status = i.publishedAt ? 'published' : 'draft';
    trees.push(await strapi.service('api::issue.issue').loadTree({ documentId: i.documentId, locale: i.locale, status }));
  }
  return withoutIds({
    issues,
    trees,
    pages: await q('api::page.page').findMany({
      orderBy: order,
      populate: {
        issue: { select: ['documentId'] },
        credits: { populate: { editor: NAME, layout: NAME, proofreader: NAME } },
        placements: { populate: { article: { select: ['documentId', 'publishedAt'] } } },
      },
    }),
    articles: await q('api::article.article').findMany({
      orderBy: order,
      populate: { bylines: { populate: { contributors: NAME } }, photos: { populate: { image: { select: ['hash'] }, credit: NAME } }, column: NAME },
    }),
    contributors: await q('api::contributor.contributor').findMany({ orderBy: order }),
    signoffs: await q('api::signoff.signoff').findMany({
      orderBy: [{ at: 'asc' }, { pageDocumentId: 'asc' }, { action: 'asc' }],
      populate: { contributor: NAME },
    }),
    uploads: await q('plugin::upload.file').findMany({ orderBy: [{ hash: 'asc' }] }),
    files: filesBelow(path.join(strapi.dirs.static.public, 'uploads')),
  });
}

it('round-trips the newsroom through a backup file into an empty database', async () => {
  const t: TestStrapi = await startStrapi();
  let before: any;
  try {
    await seedDemoContent(t.strapi);
    // Something of every kind: a draft issue at 采编 beside the published one, and a signed page sent back by an edit.
    const extra = await makeIssue(t.strapi, { number: 31, pages: 2, articlesPerPage: 2 });
    await t.strapi.documents('api::article.article').update({ documentId: extra.articleIds[0], locale: 'zh-Hans', data: { headline: '改过的主题' } as any });
    await makeIssue(t.strapi, { number: 32, pages: 1, articlesPerPage: 1, publish: false, publication: extra.publication });
    before = await snapshot(t.strapi);
    expect(before.signoffs.map((s: any) => s.action)).toEqual(expect.arrayContaining(['created', 'signed', 'returned']));
    expect(Object.keys(before.files).length).toBeGreaterThan(2);
    const backup = await runScript('backup.js', [path.join(tmp, 'newsroom')]);
    expect([backup.code, backup.stderr]).toEqual([0, expect.anything()]);
    expect(backup.stdout).toContain(`backup: ${path.join(tmp, 'newsroom.tar.gz')}`);
  } finally {
    await t.stop();
  }

  // An empty database of the same kind, and an empty upload folder.
  const target: Record<string, string> = { PUBLIC_DIR: path.join(tmp, 'restored-public') };
  fs.mkdirSync(path.join(target.PUBLIC_DIR, 'uploads'), { recursive: true });
  let dropTarget = async () => {};
  if (process.env.BANMIAN_TEST_DB === 'postgres') {
    const db = await createPgDatabase();
    target.DATABASE_URL = db.url;
    dropTarget = db.drop;
  } else {
    target.DATABASE_FILENAME = path.join(tmp, 'restored.db');
  }
  try {
    const restore = await runScript('restore.js', [path.join(tmp, 'newsroom.tar.gz')], target);
    expect([restore.code, restore.stderr]).toEqual([0, expect.anything()]);
    const t2 = await startStrapi(target);
    try {
      const after = await snapshot(t2.strapi);
      for (const key of Object.keys(before)) expect([key, after[key]]).toEqual([key, before[key]]);
    } finally {
      await t2.stop();
    }
  } finally {
    await dropTarget();
  }
}, 300000);

it('refuses a missing file and says which', async () => {
  const res = await runScript('restore.js', [path.join(tmp, 'nothing-here.tar.gz')], {
    DATABASE_FILENAME: path.join(tmp, 'unused.db'),
    DATABASE_CLIENT: 'sqlite',
  });
  expect(res.code).toBe(1);
  expect(res.stderr).toContain(`restore: no backup file at ${path.join(tmp, 'nothing-here.tar.gz')}`);
});
