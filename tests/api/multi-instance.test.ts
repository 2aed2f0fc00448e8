import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import sharp from 'sharp';
import { APP_DIR, startStrapi, createApiToken, type TestStrapi } from '../helpers/strapi';
import { runScript } from '../helpers/cli';
import { freePort, startRedis, startSecondInstance } from '../helpers/processes';
import { makeIssue } from '../../src/seed/generate-issue';
import { responseCacheOf } from '../../src/response-cache';

/**
 * Two banmian instances on one PostgreSQL, one Redis and one S3-compatible store,
 * as README "More than one instance" sets them up: A in this process, B in its
 * own. Runs with `npm run test:pg` (PostgreSQL); Redis is Debian's redis-server,
 * started here on a free port, S3 is s3rver.
 */
const onPostgres = process.env.BANMIAN_TEST_DB === 'postgres';
const suite = onPostgres ? describe : describe.skip;

suite('two instances on PostgreSQL, Redis and S3', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-multi-'));
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let s3: any;
  let a: TestStrapi;
  let b: Awaited<ReturnType<typeof startSecondInstance>>;
  let bUrl: string;
  let token: string;

  beforeAll(async () => {
    redis = await startRedis(tmp);

    const S3rver = require('s3rver');
    s3 = new S3rver({ port: await freePort(), address: '127.0.0.1', silent: true, directory: path.join(tmp, 's3'), configureBuckets: [{ name: 'banmian' }] });
    const { port: s3Port } = await s3.run();

    const shared = {
      REDIS_URL: redis.url,
      UPLOAD_PROVIDER: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      S3_BUCKET: 'banmian',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    };
    a = await startStrapi(shared);
    token = await createApiToken(a.strapi);
    // B: the same database (startStrapi put its URL and the secrets in process.env), Redis and bucket.
    // At debug level each answer B computed is a line of its output.
    b = await startSecondInstance({ ...shared, LOG_LEVEL: 'debug' });
    bUrl = b.url;
  }, 240000);

  afterAll(async () => {
    b?.child.kill('SIGTERM');
    await a?.stop();
    await s3?.close().catch(() => undefined);
    redis?.stop();
  });

  it('a publish on A is in B’s tree at once, though B had the old tree cached', async () => {
    const { issue } = await makeIssue(a.strapi, { number: 31, pages: 1, articlesPerPage: 1, publish: true });
    const path = `/api/issues/${issue.documentId}/tree`;
    await request(bUrl).get(path);
    const cached = await request(bUrl).get(path);
    expect(cached.headers['x-banmian-cache']).toBe('hit');
    expect(cached.body.data.title).toBe('第31期');

    // A's editor retitles the issue and the Super Admin publishes it (through A's Document Service).
    const issues = a.strapi.documents('api::issue.issue');
    await issues.update({ documentId: issue.documentId, locale: 'zh-Hans', data: { title: '第31期（更正）' } as any, status: 'draft' });
    expect((await request(bUrl).get(path)).body.data.title).toBe('第31期'); // a draft is not news
    await issues.publish({ documentId: issue.documentId, locale: 'zh-Hans' });
    const after = await request(bUrl).get(path);
    expect(after.headers['x-banmian-cache']).toBe('miss');
    expect(after.body.data.title).toBe('第31期（更正）');
  });

  it('concurrent misses of one answer on both instances are computed once (a lock in Redis), each serving the new answer', async () => {
    const { issue } = await makeIssue(a.strapi, { number: 33, pages: 2, articlesPerPage: 3, publish: true });
    const path = `/api/issues/${issue.documentId}/tree`;
    const issues = a.strapi.documents('api::issue.issue');
    const retitle = async (title: string) => {
      await issues.update({ documentId: issue.documentId, locale: 'zh-Hans', data: { title } as any });
      await issues.publish({ documentId: issue.documentId, locale: 'zh-Hans' });
    };
    const server = a.strapi.server.httpServer;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const aUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    await request(aUrl).get(path);
    await request(bUrl).get(path);
    await retitle('第33期（一次算好）');

    const computedOnB = () => b.output().split(`response cache: computed ${path}`).length - 1;
    const [aBefore, bBefore] = [responseCacheOf(a.strapi)!.computed, computedOnB()];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => fetch(`${i % 2 ? aUrl : bUrl}${path}`).then(async (r) => ({ status: r.status, text: await r.text() }))),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(new Set(answers.map((r) => r.text)).size).toBe(1);
    expect(JSON.parse(answers[0].text).data.title).toBe('第33期（一次算好）');
    await new Promise((resolve) => setTimeout(resolve, 200)); // B's log lines are written after its answers
    expect(responseCacheOf(a.strapi)!.computed - aBefore + (computedOnB() - bBefore)).toBe(1);
  });

  it('an upload through A is stored in S3, served through B, and exported by another instance', async () => {
    const photo = fs.readFileSync(path.join(APP_DIR, 'tests', 'fixtures', 'images', 'journey-photo.jpg'));
    const uploaded = await request(a.strapi.server.httpServer).post('/api/upload').set('Authorization', `Bearer ${token}`).attach('files', photo, 'photo.jpg');
    expect(uploaded.status).toBe(201);
    const file = uploaded.body[0];
    expect(file.provider).toBe('aws-s3');
    expect(file.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/banmian\//);

    // B knows the file (the same database) and the bytes come from the shared bucket, not from A's disk.
    const listed = await request(bUrl).get(`/api/upload/files/${file.id}`).set('Authorization', `Bearer ${token}`);
    expect(listed.body.url).toBe(file.url);
    const bytes = Buffer.from(await (await fetch(listed.body.url)).arrayBuffer());
    // (Strapi optimises the original on upload: the same picture, not the same bytes.)
    const [sent, stored] = await Promise.all([sharp(photo).metadata(), sharp(bytes).metadata()]);
    expect([stored.format, stored.width, stored.height]).toEqual(['jpeg', sent.width, sent.height]);
    expect(Math.round(bytes.length / 10.24) / 100).toBeCloseTo(file.size, 0);

    // An issue with that photo, exported by the CLI (a third instance: same database, same bucket).
    const { issue, articleIds } = await makeIssue(a.strapi, { number: 32, pages: 1, articlesPerPage: 1, publish: false });
    await a.strapi
      .documents('api::article.article')
      .update({ documentId: articleIds[0], locale: 'zh-Hans', data: { photos: [{ image: file.id, caption: '共享存储里的照片' }] } as any });
    const out = path.join(tmp, 'site');
    const cli = await runScript('export.js', ['--issue', String(issue.number ?? 32), '--drafts', '--out', out], { ...process.env } as any);
    expect({ code: cli.code, stderr: cli.code ? cli.stderr : '' }).toEqual({ code: 0, stderr: '' });
    const images = fs.readdirSync(path.join(out, 'images'));
    expect(images.length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(out, 'print.html'), 'utf8')).toContain('共享存储里的照片');
  }, 240000);
});
