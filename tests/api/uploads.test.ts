import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import sharp from 'sharp';
import { APP_DIR, createApiToken, startStrapi, type TestStrapi } from '../helpers/strapi';
import { adminToken, createAdminUser } from '../helpers/admin-users';

/**
 * Multipart bodies are read only by the routes that take files, after their
 * authentication, and every temp file is gone when the answer is sent. The temp
 * files go to a folder of this test's own (UPLOAD_TMP_DIR), watched for any file
 * being created; os.tmpdir() (Strapi's default) is searched for this test's
 * payload too, since a build that ignores UPLOAD_TMP_DIR writes there.
 */

let t: TestStrapi;
const uploadTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-upload-tmp-'));
const api = () => request(t.strapi.server.httpServer);
const started = Date.now();
const marker = `banmian-upload-test-${crypto.randomBytes(8).toString('hex')}`;
// A few MB that this test alone writes: its marker, then filler.
const payload = Buffer.concat([Buffer.from(marker), Buffer.alloc(3 * 1024 * 1024, 0x41)]);
const photo = fs.readFileSync(path.join(APP_DIR, 'tests/fixtures/images/journey-photo.jpg'));
const ocrPage = fs.readFileSync(path.join(APP_DIR, 'tests/fixtures/ocr-pages/baishan-hegang.txt'));

/** Every file name created in the upload temp folder while `run` runs (inotify, so also files deleted again at once). */
async function created<T>(run: () => Promise<T>, { expectSome = false } = {}): Promise<{ result: T; names: string[] }> {
  const names: string[] = [];
  const watcher = fs.watch(uploadTmp, (_event, name) => name && names.push(String(name)));
  try {
    const result = await run();
    // Events arrive after the fact: when some are expected, wait for the first (no time is asserted).
    for (let i = 0; expectSome && !names.length && i < 100; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 20));
    return { result, names: [...new Set(names)] };
  } finally {
    watcher.close();
  }
}

/** Files in os.tmpdir() holding this test's payload. */
function payloadLeftovers() {
  const found: string[] = [];
  for (const name of fs.readdirSync(os.tmpdir())) {
    const file = path.join(os.tmpdir(), name);
    try {
      const st = fs.statSync(file);
      if (!st.isFile() || st.size !== payload.length || st.mtimeMs < started - 1000) continue;
      const fd = fs.openSync(file, 'r');
      const head = Buffer.alloc(marker.length);
      fs.readSync(fd, head, 0, marker.length, 0);
      fs.closeSync(fd);
      if (head.toString() === marker) found.push(file);
    } catch {
      // a file of someone else's, gone meanwhile
    }
  }
  return found;
}

const leftInTmp = () => fs.readdirSync(uploadTmp);

let chief: string;
let editor: string;
let proofreader: string;
let token: string;
beforeAll(async () => {
  t = await startStrapi({ UPLOAD_TMP_DIR: uploadTmp, UPLOAD_MAX_FILES: '3', UPLOAD_REQUEST_MAX_MB: '2' });
  const users = [
    ['chief@paper.example', 'strapi-super-admin'],
    ['editor@paper.example', 'banmian-editor'],
    ['proof@paper.example', 'banmian-proofreader'],
  ];
  for (const [email, role] of users) await createAdminUser(t.strapi, { email, password: 'Upload-test-1', firstname: role, roleCodes: [role] });
  [chief, editor, proofreader] = await Promise.all(users.map(([email]) => adminToken(t.strapi, email, 'Upload-test-1')));
  token = await createApiToken(t.strapi);
});
afterAll(async () => {
  await t?.stop();
  for (const file of payloadLeftovers()) fs.rmSync(file, { force: true });
  fs.rmSync(uploadTmp, { recursive: true, force: true });
});

describe('multipart bodies before authentication', () => {
  const routes: Array<[string, string, number[]]> = [
    ['post', '/api/articles', [403]],
    ['put', '/api/articles/nope', [403]],
    ['post', '/api/upload', [403]],
    ['post', '/api/no-such-type', [404, 405]],
    ['post', '/upload', [401]],
    ['post', '/upload/files', [401]],
    ['put', '/upload/files/1', [401]],
    ['post', '/upload/files/1/replace', [401]],
    ['post', '/banmian/import', [401]],
    ['post', '/banmian/import/preview', [401]],
    ['post', '/admin/project-settings', [401]],
  ];

  it.each(routes)('%s %s answers its refusal and writes nothing to disk', async (method, route, statuses) => {
    const { result, names } = await created(async () => {
      const answers = [];
      for (const field of ['files', 'file', 'anything']) {
        answers.push((await (api() as any)[method](route).attach(field, payload, 'big.txt')).status);
      }
      return answers;
    });
    for (const status of result) expect(statuses).toContain(status);
    expect(names).toEqual([]);
    expect(payloadLeftovers()).toEqual([]);
  });

  it('an admin without the permission is refused before the form is read', async () => {
    const { result, names } = await created(() =>
      api().post('/banmian/import').set('Authorization', `Bearer ${proofreader}`).attach('file', payload, 'big.txt'),
    );
    expect(result.status).toBe(403);
    expect(names).toEqual([]);
    expect(payloadLeftovers()).toEqual([]);
  });

  it('a multipart body on a route that takes no files is not read: the route answers as without a body', async () => {
    const { result, names } = await created(() => api().post('/api/articles').set('Authorization', `Bearer ${token}`).attach('files', payload, 'big.txt'));
    expect(result.status).toBe(400);
    expect(names).toEqual([]);
    expect(payloadLeftovers()).toEqual([]);
  });
});

describe('uploads by those allowed, and their temp files', () => {
  it('whoever may use the media library reads its settings (the page asks on every visit); only a settings reader changes them', async () => {
    const read = await api().get('/upload/settings').set('Authorization', `Bearer ${editor}`);
    expect(read.status).toBe(200);
    expect(read.body.data).toHaveProperty('sizeOptimization');
    const before = read.body.data;
    const change = await api()
      .put('/upload/settings')
      .set('Authorization', `Bearer ${editor}`)
      .send({ ...before, sizeOptimization: !before.sizeOptimization });
    expect(change.status).toBe(403);
    expect((await api().get('/upload/settings').set('Authorization', `Bearer ${chief}`)).body.data).toEqual(before);
    expect((await api().get('/upload/settings')).status).toBe(401);
    // A role that may not open the media library still may not read them.
    await t.strapi.service('admin::role').create({ name: '无媒体库', code: 'no-media', description: '' });
    await createAdminUser(t.strapi, { email: 'nomedia@paper.example', password: 'Upload-test-1', firstname: '无', roleCodes: ['no-media'] });
    const nobody = await adminToken(t.strapi, 'nomedia@paper.example', 'Upload-test-1');
    expect((await api().get('/upload/settings').set('Authorization', `Bearer ${nobody}`)).status).toBe(403);
  });

  it('the media library (an editor’s upload) works; its temp file is gone after the answer', async () => {
    const { result, names } = await created(
      () =>
        api()
          .post('/upload')
          .set('Authorization', `Bearer ${editor}`)
          .attach('files', photo, 'journey-photo.jpg')
          .field('fileInfo', JSON.stringify({ name: '采访照片.jpg', alternativeText: '采访现场' })),
      { expectSome: true },
    );
    expect(result.status).toBe(201);
    expect(result.body[0]).toMatchObject({ name: '采访照片.jpg', alternativeText: '采访现场', mime: 'image/jpeg' });
    expect(fs.existsSync(path.join(process.env.PUBLIC_DIR!, result.body[0].url))).toBe(true);
    expect(names.length).toBeGreaterThan(0); // written to the configured folder while the request ran…
    expect(leftInTmp()).toEqual([]); // …and deleted when it was answered
  });

  it('one file at a time, a metadata edit and a replacement (the new media library) work too', async () => {
    const one = await api()
      .post('/upload/files')
      .set('Authorization', `Bearer ${chief}`)
      .attach('files', photo, 'one.jpg')
      .field('fileInfo', JSON.stringify({ name: 'one.jpg' }));
    expect([one.status, one.body.name ?? one.body[0]?.name]).toEqual([201, 'one.jpg']);
    const id = one.body.id ?? one.body[0].id;
    const renamed = await api()
      .put(`/upload/files/${id}`)
      .set('Authorization', `Bearer ${chief}`)
      .field('fileInfo', JSON.stringify({ name: '改名.jpg' }));
    expect([renamed.status, renamed.body.name]).toEqual([200, '改名.jpg']);
    const replaced = await api().post(`/upload/files/${id}/replace`).set('Authorization', `Bearer ${chief}`).attach('files', photo, 'two.jpg');
    expect(replaced.status).toBe(200);
    expect(leftInTmp()).toEqual([]);
  });

  it('the content API upload works with an API token, leaving no temp file', async () => {
    const res = await api().post('/api/upload').set('Authorization', `Bearer ${token}`).attach('files', photo, 'api.jpg');
    expect(res.status).toBe(201);
    expect(res.body[0].name).toBe('api.jpg');
    expect(leftInTmp()).toEqual([]);
  });

  it('a Super Admin sets the menu logo (Settings → Overview)', async () => {
    const logo = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    const res = await api().post('/admin/project-settings').set('Authorization', `Bearer ${chief}`).attach('menuLogo', logo, 'logo.png');
    expect(res.status).toBe(200);
    expect((await api().get('/admin/init')).body.data.menuLogo).toMatch(/logo/);
    expect(leftInTmp()).toEqual([]);
  });

  it('the admin import leaves no temp file, whether it succeeds or is refused', async () => {
    const auth = { Authorization: `Bearer ${chief}` };
    const { result: preview, names } = await created(() => api().post('/banmian/import/preview').set(auth).attach('file', ocrPage, 'baishan.txt'), {
      expectSome: true,
    });
    expect(preview.status).toBe(200);
    expect(names.length).toBeGreaterThan(0);
    expect(leftInTmp()).toEqual([]);
    const refused = await api().post('/banmian/import').set(auth).attach('file', ocrPage, 'baishan.txt').field('publication', 'p').field('newIssue', 'x');
    expect([refused.status, refused.body.error.details.code]).toEqual([400, 'import.badIssueNumber']);
    const failed = await api().post('/banmian/import').set(auth).attach('file', ocrPage, 'baishan.txt'); // no target chosen
    expect([failed.status, failed.body.error.details.code]).toEqual([400, 'import.targetPublication']);
    expect(leftInTmp()).toEqual([]);
  });

  it('refuses too many files or too many bytes in one request, keeping none of them', async () => {
    const auth = { Authorization: `Bearer ${chief}` };
    const many = api().post('/upload').set(auth);
    for (let i = 0; i < 4; i++) many.attach('files', photo, `p${i}.jpg`);
    const tooMany = await many;
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.details).toMatchObject({ code: 'upload.tooManyFiles', params: { max: 3, count: 4 } });
    expect(tooMany.body.error.message).toBe('一次最多上传 3 个文件（这次有 4 个），请分批上传');
    const big = await api().post('/upload').set(auth).set('Accept-Language', 'en').attach('files', payload, 'big.jpg');
    expect(big.status).toBe(413);
    expect(big.body.error.details).toMatchObject({ code: 'upload.tooLarge', params: { limitMb: 2 } });
    expect(big.body.error.message).toBe('the upload is over the limit of 2 MB a request; nothing was kept');
    const twoPages = await api().post('/banmian/import/preview').set(auth).attach('file', ocrPage, 'a.txt').attach('file', ocrPage, 'b.txt');
    expect([twoPages.status, twoPages.body.error.details.code]).toEqual([413, 'upload.tooManyFiles']);
    expect(leftInTmp()).toEqual([]);
    expect(await t.strapi.db.query('plugin::upload.file').count({ where: { name: { $in: ['p0.jpg', 'big.jpg'] } } })).toBe(0);
  });
});
