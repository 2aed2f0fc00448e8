import { execFileSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';
import type { Core } from '@strapi/strapi';
import { engine as transferEngine, file as fileTransfer, strapi as strapiTransfer } from '@strapi/data-transfer';
import { runScript } from '../helpers/cli';
import { adminToken, createAdminUser } from '../helpers/admin-users';
import { createApiToken, createPgDatabase, startStrapi, type TestStrapi } from '../helpers/strapi';
import { seedDemoContent } from '../../src/seed/seed';
import { makeIssue } from '../../src/seed/generate-issue';

/**
 * `npm run backup` then `npm run restore` into an empty database (SQLite here,
 * PostgreSQL under `npm run test:pg`) gives back the same newsroom: issues and
 * their trees (draft and published), pages with stages and credits, placements,
 * the sign-off history and every uploaded file, byte for byte. The file is
 * encrypted, mode 0600, and holds no credentials; a restore keeps the server's
 * own admin users, roles, sessions and tokens exactly as they were (even from an
 * old backup that held some); a damaged backup, or a restore that fails
 * part-way, leaves the database and the upload folder as they were.
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

const KEY = 'correct horse battery staple';
const withKey = { BANMIAN_BACKUP_KEY: KEY };

/** What stays with a server, by type: ids in order (a restore must not add, drop or renumber one). */
const SERVER_OWN = [
  'admin::user',
  'admin::role',
  'admin::permission',
  'admin::api-token',
  'admin::api-token-permission',
  'admin::transfer-token',
  'admin::session',
  'plugin::users-permissions.user',
  'plugin::users-permissions.role',
  'plugin::users-permissions.permission',
];
async function serverOwn(strapi: Core.Strapi) {
  const out: Record<string, number[]> = {};
  for (const uid of SERVER_OWN) out[uid] = (await strapi.db.query(uid as any).findMany({ select: ['id'], orderBy: { id: 'asc' } })).map((r: any) => r.id);
  const grant = await strapi.store({ type: 'plugin', name: 'users-permissions', key: 'grant' }).get();
  return { ids: out, admins: (await strapi.db.query('admin::user').findMany({ select: ['email', 'password'], orderBy: { id: 'asc' } })) as any[], grant };
}

/** Credentials of every kind, with values to look for in a backup file. */
async function addCredentials(strapi: Core.Strapi, who: string) {
  const email = `${who}@example.cn`;
  const password = `Secret-${who}-123`;
  await createAdminUser(strapi, { email, password, firstname: who, roleCodes: ['strapi-super-admin'] });
  await adminToken(strapi, email, password); // a session
  await createApiToken(strapi);
  await strapi
    .plugin('users-permissions')
    .service('user')
    .add({
      username: `${who}-reader`,
      email: `${who}-reader@example.cn`,
      password: `Reader-${who}-456`,
      provider: 'local',
      confirmed: true,
      role: (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } })).id,
    });
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'grant' });
  const grant: any = await store.get();
  await store.set({ value: { ...grant, github: { ...grant.github, enabled: true, key: `${who}-client`, secret: `oauth-secret-${who}` } } });
  const admin = await strapi.db.query('admin::user').findOne({ where: { email } });
  const token = await strapi.db.query('admin::api-token').findOne({ orderBy: { id: 'desc' } });
  const session = await strapi.db.query('admin::session').findOne({ orderBy: { id: 'desc' } });
  const reader = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: `${who}-reader@example.cn` } });
  expect([admin?.password, token?.accessKey, session?.sessionId, reader?.password].every(Boolean)).toBe(true);
  return { secrets: [email, admin.password, token.accessKey, session.sessionId, reader.password, reader.email, `oauth-secret-${who}`] };
}

/** The backup banmian made before this change: everything, credentials too, in Strapi's format. */
async function oldStyleBackup(strapi: Core.Strapi, file: string) {
  const source = strapiTransfer.providers.createLocalStrapiSourceProvider({ getStrapi: async () => strapi, autoDestroy: false });
  const destination = fileTransfer.providers.createLocalFileDestinationProvider({
    file: { path: file },
    encryption: { enabled: false },
    compression: { enabled: true },
  } as any);
  await transferEngine.createTransferEngine(source, destination, { versionStrategy: 'ignore', schemaStrategy: 'ignore' } as any).transfer();
  return `${file}.tar.gz`;
}

/** An unencrypted backup's files, unpacked by the system's tar (not by the code under test). */
function unpack(archive: string) {
  const dir = fs.mkdtempSync(path.join(tmp, 'unpacked-'));
  execFileSync('tar', ['-xzf', archive, '-C', dir]);
  return dir;
}
function entityTypes(dir: string) {
  const types = new Set<string>();
  for (const f of fs.readdirSync(path.join(dir, 'entities'))) {
    for (const line of fs
      .readFileSync(path.join(dir, 'entities', f), 'utf8')
      .split('\n')
      .filter(Boolean))
      types.add(JSON.parse(line).type);
  }
  return types;
}
function repack(dir: string, archive: string) {
  const files = execFileSync('find', ['.', '-type', 'f'], { cwd: dir, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^\.\//, ''));
  fs.writeFileSync(path.join(tmp, 'files.txt'), files.join('\n'));
  execFileSync('tar', ['-czf', archive, '-C', dir, '-T', path.join(tmp, 'files.txt')]);
}
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const leftovers = (publicDir: string) => fs.readdirSync(publicDir).filter((n) => n !== 'uploads');

describe('backup and restore', () => {
  let before: any;
  let sourceSecrets: string[] = [];
  const sealed = path.join(tmp, 'newsroom.tar.gz.enc');
  const plain = path.join(tmp, 'clear.tar.gz');
  let old = '';
  // An empty database of the same kind, and an empty upload folder: the server restored into.
  const target: Record<string, string> = { PUBLIC_DIR: path.join(tmp, 'restored-public') };
  let dropTarget = async () => {};
  let own: any;
  let targetSecrets: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(path.join(target.PUBLIC_DIR, 'uploads'), { recursive: true });
    if (process.env.BANMIAN_TEST_DB === 'postgres') {
      const db = await createPgDatabase();
      target.DATABASE_URL = db.url;
      dropTarget = db.drop;
    } else {
      target.DATABASE_FILENAME = path.join(tmp, 'restored.db');
    }
  });
  afterAll(async () => dropTarget());

  /** The target as it stands: its content, and what it keeps of its own. */
  async function targetState() {
    const t = await startStrapi(target);
    try {
      return { content: await snapshot(t.strapi), own: await serverOwn(t.strapi) };
    } finally {
      await t.stop();
    }
  }

  it('writes an encrypted backup, mode 0600, that holds no credentials', async () => {
    const t: TestStrapi = await startStrapi();
    try {
      await seedDemoContent(t.strapi);
      // Something of every kind: a draft issue at 采编 beside the published one, and a signed page sent back by an edit.
      const extra = await makeIssue(t.strapi, { number: 31, pages: 2, articlesPerPage: 2 });
      await t.strapi.documents('api::article.article').update({ documentId: extra.articleIds[0], locale: 'zh-Hans', data: { headline: '改过的主题' } as any });
      await makeIssue(t.strapi, { number: 32, pages: 1, articlesPerPage: 1, publish: false, publication: extra.publication });
      sourceSecrets = (await addCredentials(t.strapi, 'source')).secrets;
      before = await snapshot(t.strapi);
      expect(before.signoffs.map((s: any) => s.action)).toEqual(expect.arrayContaining(['created', 'signed', 'returned']));
      expect(Object.keys(before.files).length).toBeGreaterThan(2);
      old = await oldStyleBackup(t.strapi, path.join(tmp, 'old'));

      // No key, no choice: refused, and no file.
      const refused = await runScript('backup.js', [path.join(tmp, 'nokey')], { BANMIAN_BACKUP_KEY: '' });
      expect([refused.code, refused.stderr]).toEqual([
        1,
        expect.stringContaining('backup: backups are encrypted: set BANMIAN_BACKUP_KEY (or pass --key), or pass --no-encrypt'),
      ]);
      expect(fs.readdirSync(tmp).filter((n) => n.includes('nokey'))).toEqual([]);

      const backup = await runScript('backup.js', [path.join(tmp, 'newsroom')], withKey);
      expect([backup.code, backup.stderr]).toEqual([0, expect.anything()]);
      expect(backup.stdout).toContain(`backup: ${sealed}`);
      const clear = await runScript('backup.js', [path.join(tmp, 'clear'), '--no-encrypt'], { BANMIAN_BACKUP_KEY: '' });
      expect([clear.code, clear.stderr]).toEqual([0, expect.stringContaining(`backup: NOT ENCRYPTED (--no-encrypt): ${plain}`)]);
    } finally {
      await t.stop();
    }
    expect([mode(sealed), mode(plain)]).toEqual([0o600, 0o600]);
    // No temporary file left beside them.
    expect(fs.readdirSync(tmp).filter((n) => n.includes('partial'))).toEqual([]);

    // The encrypted file is not a gzip, and holds none of the content in the clear.
    const bytes = fs.readFileSync(sealed);
    expect(bytes.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(false);
    expect(() => zlib.gunzipSync(bytes)).toThrow();

    // The unencrypted one: content, media and settings, and no credentials of any kind.
    const dir = unpack(plain);
    const types = entityTypes(dir);
    expect([...types]).toEqual(
      expect.arrayContaining(['api::issue.issue', 'api::page.page', 'api::article.article', 'plugin::upload.file', 'api::signoff.signoff']),
    );
    expect([...types].filter((type) => type.startsWith('admin::') || type.startsWith('plugin::users-permissions.'))).toEqual([]);
    const tarText = zlib.gunzipSync(fs.readFileSync(plain)).toString('latin1');
    for (const secret of sourceSecrets) expect([secret, tarText.includes(secret)]).toEqual([secret, false]);
    // The old backup did hold them (so the test above could fail).
    const oldTypes = entityTypes(unpack(old));
    expect(['admin::user', 'admin::api-token', 'admin::session', 'plugin::users-permissions.user'].every((type) => oldTypes.has(type))).toBe(true);
    expect(zlib.gunzipSync(fs.readFileSync(old)).toString('latin1')).toContain(sourceSecrets[1]);
  }, 300000);

  it('restores into a server with its own admins, keeping them exactly as they were', async () => {
    const t = await startStrapi(target);
    try {
      targetSecrets = (await addCredentials(t.strapi, 'target')).secrets;
      own = await serverOwn(t.strapi);
    } finally {
      await t.stop();
    }
    expect(own.ids['admin::user'].length).toBeGreaterThan(0);

    const wrong = await runScript('restore.js', [sealed], { ...target, BANMIAN_BACKUP_KEY: 'not the right key at all' });
    expect([wrong.code, wrong.stderr]).toEqual([1, expect.stringContaining(`restore: ${sealed}: wrong key, or the file is damaged; nothing was changed`)]);
    const noKey = await runScript('restore.js', [sealed], { ...target, BANMIAN_BACKUP_KEY: '' });
    expect([noKey.code, noKey.stderr]).toEqual([1, expect.stringContaining(`restore: ${sealed} is encrypted: set BANMIAN_BACKUP_KEY`)]);

    const restore = await runScript('restore.js', [sealed], { ...target, ...withKey });
    expect([restore.code, restore.stderr]).toEqual([0, expect.anything()]);
    const after = await targetState();
    for (const key of Object.keys(before)) expect([key, after.content[key]]).toEqual([key, before[key]]);
    expect(after.own).toEqual(own);
  }, 300000);

  it('restores an old backup that holds admin users and tokens without them', async () => {
    const restore = await runScript('restore.js', [old], target);
    expect([restore.code, restore.stderr]).toEqual([0, expect.stringContaining('restore: skipped, this server keeps its own: ')]);
    expect(restore.stderr).toContain('admin::user');
    const after = await targetState();
    for (const key of Object.keys(before)) expect([key, after.content[key]]).toEqual([key, before[key]]);
    expect(after.own).toEqual(own);
    expect(after.own.admins.map((a: any) => a.email)).not.toContain(sourceSecrets[0]);
  }, 300000);

  it('a restore that fails in the middle of the files leaves the database and the upload folder as they were', async () => {
    // A sound archive whose first file names a media entry it does not hold: Strapi's assets stage fails on it.
    const dir = unpack(plain);
    const metaDir = path.join(dir, 'assets', 'metadata');
    const first = path.join(metaDir, fs.readdirSync(metaDir)[0]);
    fs.writeFileSync(first, JSON.stringify({ ...JSON.parse(fs.readFileSync(first, 'utf8')), id: 987654321 }));
    const broken = path.join(tmp, 'broken-assets.tar.gz');
    repack(dir, broken);

    const filesBefore = filesBelow(path.join(target.PUBLIC_DIR, 'uploads'));
    expect(Object.keys(filesBefore).length).toBeGreaterThan(2);
    const restore = await runScript('restore.js', [broken], target);
    expect([restore.code, restore.stderr]).toEqual([1, expect.stringContaining('restore: the restore failed part-way (File ID not found for ID: 987654321)')]);
    expect(filesBelow(path.join(target.PUBLIC_DIR, 'uploads'))).toEqual(filesBefore);
    expect(leftovers(target.PUBLIC_DIR)).toEqual([]);
    const after = await targetState();
    for (const key of Object.keys(before)) expect([key, after.content[key]]).toEqual([key, before[key]]);
    expect(after.own).toEqual(own);
  }, 300000);

  it('refuses a truncated backup before it changes anything', async () => {
    const truncated = path.join(tmp, 'truncated.tar.gz');
    const bytes = fs.readFileSync(plain);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const filesBefore = filesBelow(path.join(target.PUBLIC_DIR, 'uploads'));
    const restore = await runScript('restore.js', [truncated], target);
    expect([restore.code, restore.stderr]).toEqual([
      1,
      expect.stringContaining(`restore: ${truncated} is damaged (unexpected end of file); nothing was changed`),
    ]);
    expect(filesBelow(path.join(target.PUBLIC_DIR, 'uploads'))).toEqual(filesBefore);
    expect(leftovers(target.PUBLIC_DIR)).toEqual([]);
    const after = await targetState();
    for (const key of Object.keys(before)) expect([key, after.content[key]]).toEqual([key, before[key]]);

    // An encrypted one with a byte changed: refused by its authentication, nothing changed.
    const tampered = path.join(tmp, 'tampered.tar.gz.enc');
    const enc = fs.readFileSync(sealed);
    enc[Math.floor(enc.length / 2)] ^= 0xff;
    fs.writeFileSync(tampered, enc);
    const res = await runScript('restore.js', [tampered], { ...target, ...withKey });
    expect([res.code, res.stderr]).toEqual([1, expect.stringContaining(`restore: ${tampered}: wrong key, or the file is damaged; nothing was changed`)]);
    expect(filesBelow(path.join(target.PUBLIC_DIR, 'uploads'))).toEqual(filesBefore);
    expect(targetSecrets.length).toBeGreaterThan(0);
  }, 300000);
});

it('refuses a missing file and says which', async () => {
  const res = await runScript('restore.js', [path.join(tmp, 'nothing-here.tar.gz')], {
    DATABASE_FILENAME: path.join(tmp, 'unused.db'),
    DATABASE_CLIENT: 'sqlite',
  });
  expect(res.code).toBe(1);
  expect(res.stderr).toContain(`restore: no backup file at ${path.join(tmp, 'nothing-here.tar.gz')}`);
});
