import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { startStrapi, type TestStrapi } from '../helpers/strapi';
import { startRedis, startSecondInstance } from '../helpers/processes';
import { adminToken, createAdminUser } from '../helpers/admin-users';
import { makeIssue } from '../../src/seed/generate-issue';
import { signOffPage } from '../../src/signoff/service';

/**
 * Timed publication with two banmian instances on one PostgreSQL and one Redis
 * (tests/api/multi-instance.test.ts is the model): both poll for due schedules,
 * fast, and each issue still goes live exactly once. "Once" is counted by the
 * database itself: a trigger records every committed insert of a published
 * issue or page row (Strapi's publish writes one), whichever process made it.
 * Runs on PostgreSQL only (`npm run test:pg`).
 */
const onPostgres = process.env.BANMIAN_TEST_DB === 'postgres';
const suite = onPostgres ? describe : describe.skip;

const PROBE = `
  CREATE TABLE publish_probe (document_id text NOT NULL, tbl text NOT NULL);
  CREATE FUNCTION publish_probe() RETURNS trigger AS $$
  BEGIN
    IF NEW.published_at IS NOT NULL THEN INSERT INTO publish_probe VALUES (NEW.document_id, TG_TABLE_NAME); END IF;
    RETURN NEW;
  END $$ LANGUAGE plpgsql;
  CREATE TRIGGER publish_probe_issues AFTER INSERT ON issues FOR EACH ROW EXECUTE FUNCTION publish_probe();
  CREATE TRIGGER publish_probe_pages AFTER INSERT ON pages FOR EACH ROW EXECUTE FUNCTION publish_probe();
`;

suite('a scheduled issue with two instances on PostgreSQL and Redis', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-schedule-multi-'));
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: TestStrapi;
  let b: Awaited<ReturnType<typeof startSecondInstance>>;
  let bUrl: string;
  let token: string;
  /** The same Super Admin signed in on B. */
  let tokenB: string;
  let publication: string;

  beforeAll(async () => {
    redis = await startRedis(tmp);
    // Both instances poll every 100 ms, so they reach a due schedule at nearly the same moment.
    const shared = { REDIS_URL: redis.url, BANMIAN_SCHEDULER: 'true', BANMIAN_SCHEDULE_POLL_MS: '100', TZ: 'Asia/Shanghai' };
    a = await startStrapi(shared);
    await createAdminUser(a.strapi, { email: 'chief@multi.example', password: 'Schedule-multi-1', firstname: '总编', roleCodes: ['strapi-super-admin'] });
    token = await adminToken(a.strapi, 'chief@multi.example', 'Schedule-multi-1');
    await a.strapi.db.connection.raw(PROBE);
    publication = (await a.strapi.documents('api::publication.publication').create({ data: { name: '双实例报' } as any })).documentId;
    b = await startSecondInstance(shared);
    bUrl = b.url;
    const login = await request(bUrl).post('/admin/login').send({ email: 'chief@multi.example', password: 'Schedule-multi-1' });
    tokenB = login.body.data.token;
  }, 240000);

  afterAll(async () => {
    b?.child.kill('SIGTERM');
    await a?.stop();
    redis?.stop();
  });

  async function signedIssue(number: number) {
    const made = await makeIssue(a.strapi, { number, pages: 2, articlesPerPage: 1, publish: false, publication });
    const pages: any[] = await a.strapi.db.query('api::page.page').findMany({ where: { issue: { documentId: made.issue.documentId } } });
    for (const p of pages) await signOffPage(a.strapi, p.documentId, { editor: made.author, layout: made.author, proofreader: made.author } as any);
    return { ...made, pages: pages.map((p) => p.documentId as string) };
  }

  /** Polls an instance until the issue's schedule is no longer waiting. */
  async function settled(base: string, issue: string, bearer: string, limitMs = 90000) {
    const until = Date.now() + limitMs;
    for (;;) {
      const v = (await request(base).get(`/banmian/issues/${issue}/schedule`).set('Authorization', `Bearer ${bearer}`)).body;
      if (v.history?.[0] && v.history[0].state !== 'scheduled') return v;
      if (Date.now() > until) throw new Error(`schedule of ${issue} still waiting after ${limitMs} ms: ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  const published = async (documentId: string) =>
    Number((await a.strapi.db.connection.raw('SELECT count(*) AS n FROM publish_probe WHERE document_id = ?', [documentId])).rows[0].n);

  it('three issues due at the same instant each go live exactly once, and a sent-back one fails once', async () => {
    const issues = [await signedIssue(41), await signedIssue(42), await signedIssue(43)];
    const blocked = await signedIssue(44);
    const at = new Date(Date.now() + 4000).toISOString();
    // Scheduled through B, fired by whichever instance claims each first.
    for (const i of [...issues, blocked]) {
      const res = await request(bUrl).post(`/banmian/issues/${i.issue.documentId}/schedule`).set('Authorization', `Bearer ${tokenB}`).send({ at });
      expect([res.status, res.status === 200 ? null : res.body]).toEqual([200, null]);
    }
    // Sent back before it fires: a text change on one of its articles (through A).
    await a.strapi.documents('api::article.article').update({ documentId: blocked.articleIds[0], locale: 'zh-Hans', data: { headline: '改过' } as any });

    for (const i of issues) {
      const v = await settled(bUrl, i.issue.documentId, tokenB);
      expect(v.history.map((h: any) => h.state)).toEqual(['fired']);
      expect((await request(bUrl).get(`/api/issues/${i.issue.documentId}`)).status).toBe(200);
      for (const art of i.articleIds) expect((await request(a.strapi.server.httpServer).get(`/api/articles/${art}`)).status).toBe(200);
    }
    const failed = await settled(a.strapi.server.httpServer as any, blocked.issue.documentId, token);
    expect(failed.history).toHaveLength(1);
    expect(failed.history[0]).toMatchObject({ state: 'failed', failure: { code: 'issue.unsigned', params: { issue: 44 } } });

    // Give a late second firing every chance to show itself, then count what the database committed.
    await new Promise((r) => setTimeout(r, 2000));
    for (const i of issues) {
      expect([i.issue.documentId, await published(i.issue.documentId)]).toEqual([i.issue.documentId, 1]);
      for (const p of i.pages) expect([p, await published(p)]).toEqual([p, 1]);
    }
    expect(await published(blocked.issue.documentId)).toBe(0);
    for (const p of blocked.pages) expect(await published(p)).toBe(0);
    const rows: any[] = await a.strapi.db.query('api::issue-schedule.issue-schedule').findMany({});
    expect(rows.map((r) => r.state).sort()).toEqual(['failed', 'fired', 'fired', 'fired']);
    // Which instance fired is a race; that the other one found each taken is what the counts above show.
    expect(rows.every((r) => r.firedOn)).toBe(true);
  }, 240000);
});
