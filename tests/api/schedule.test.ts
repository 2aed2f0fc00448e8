import request from 'supertest';
import { startStrapi, type TestStrapi } from '../helpers/strapi';
import { adminToken, createAdminUser } from '../helpers/admin-users';
import { makeIssue } from '../../src/seed/generate-issue';
import { signOffPage } from '../../src/signoff/service';
import { formatScheduleTime } from '../../src/schedule/time';
import { fireSchedule } from '../../src/schedule/service';

/**
 * Publication at a set time (src/schedule/) against a real Strapi: an issue
 * scheduled a few seconds ahead goes live with its articles, one whose page is
 * sent back in between does not and keeps why; refusals at once (unsigned pages,
 * a past time, no permission); unscheduling. The outcome is polled for, never timed.
 */

let t: TestStrapi;
const api = () => request(t.strapi.server.httpServer);
const PASSWORD = 'Schedule-test-1';
const tokens: Record<'chief' | 'editor', string> = {} as any;
const as = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });
let publication: string;
let nextNumber = 300;

/** An issue of its own, two pages of one article each; signed off unless told not to. */
async function newIssue({ signed = true } = {}) {
  const made = await makeIssue(t.strapi, { number: (nextNumber += 1), pages: 2, articlesPerPage: 1, publish: false, publication });
  if (signed) {
    const pages: any[] = await t.strapi.db.query('api::page.page').findMany({ where: { issue: { documentId: made.issue.documentId } } });
    for (const p of pages) await signOffPage(t.strapi, p.documentId, { editor: made.author, layout: made.author, proofreader: made.author } as any);
  }
  return { ...made, number: nextNumber };
}

const schedule = (issue: string, at: unknown, who: keyof typeof tokens = 'chief') => api().post(`/banmian/issues/${issue}/schedule`).set(as(who)).send({ at });
const view = async (issue: string) => (await api().get(`/banmian/issues/${issue}/schedule`).set(as('chief'))).body;
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

/** Polls the schedule until it is no longer waiting (the machine is busy: a generous limit, no timing asserted). */
async function settled(issue: string, limitMs = 60000) {
  const until = Date.now() + limitMs;
  for (;;) {
    const v = await view(issue);
    if (v.history[0] && v.history[0].state !== 'scheduled') return v;
    if (Date.now() > until) throw new Error(`schedule of ${issue} still waiting after ${limitMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  t = await startStrapi({ TZ: 'Asia/Shanghai', BANMIAN_SCHEDULER: 'true' });
  const users = {
    chief: { firstname: '总编', roleCodes: ['strapi-super-admin'] },
    editor: { firstname: '芳', lastname: '王', roleCodes: ['banmian-editor'] },
  } as const;
  for (const [who, u] of Object.entries(users)) {
    await createAdminUser(t.strapi, { email: `${who}@schedule.example`, password: PASSWORD, ...u, roleCodes: [...u.roleCodes] });
    tokens[who as keyof typeof tokens] = await adminToken(t.strapi, `${who}@schedule.example`, PASSWORD);
  }
  publication = (await t.strapi.documents('api::publication.publication').create({ data: { name: '定时报' } as any })).documentId;
}, 120000);
afterAll(async () => t?.stop());

describe('an issue scheduled a few seconds ahead', () => {
  it('goes live on time with its articles: not before, and once', async () => {
    const { issue, articleIds } = await newIssue();
    const res = await schedule(issue.documentId, inSeconds(3));
    expect(res.status).toBe(200);
    expect(res.body.pending).toMatchObject({ state: 'scheduled', scheduledBy: '总编', locale: 'zh-Hans' });
    // Not before: readers see nothing yet.
    expect((await api().get(`/api/issues/${issue.documentId}`)).status).toBe(404);
    for (const a of articleIds) expect((await api().get(`/api/articles/${a}`)).status).toBe(404);

    const done = await settled(issue.documentId);
    expect(done.history[0]).toMatchObject({ state: 'fired', failure: null });
    expect(done.pending).toBeNull();
    expect(new Date(done.history[0].firedAt).getTime()).toBeGreaterThanOrEqual(new Date(done.history[0].at).getTime());
    const live = await api().get(`/api/issues/${issue.documentId}?populate=pages`);
    expect(live.status).toBe(200);
    expect(live.body.data.pages).toHaveLength(2);
    for (const a of articleIds) expect((await api().get(`/api/articles/${a}`)).status).toBe(200);
    // Published once: one published row of the issue.
    expect(await t.strapi.db.query('api::issue.issue').count({ where: { documentId: issue.documentId, publishedAt: { $notNull: true } } })).toBe(1);
  });

  it('reads a wall-clock time in the newsroom’s zone (TZ) and shows it there', async () => {
    const { issue } = await newIssue();
    const at = new Date(Math.ceil((Date.now() + 3600 * 1000) / 60000) * 60000); // a whole minute, an hour ahead
    const wall = formatScheduleTime(at, 'Asia/Shanghai');
    expect(wall).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const res = await schedule(issue.documentId, wall);
    expect(res.status).toBe(200);
    expect(res.body.timeZone).toBe('Asia/Shanghai');
    expect(res.body.pending.at).toBe(at.toISOString());
    expect(res.body.pending.atLocal).toBe(wall);
    // 8 hours ahead of UTC: the same wall time read as UTC would be 8 hours later.
    expect(new Date(`${wall.replace(' ', 'T')}:00Z`).getTime() - at.getTime()).toBe(8 * 3600 * 1000);
    expect((await api().delete(`/banmian/issues/${issue.documentId}/schedule`).set(as('chief'))).status).toBe(200);
  });
});

describe('fired once', () => {
  it('two firings of one due schedule at the same moment publish it once: the second finds it taken', async () => {
    const { issue } = await newIssue();
    // Fired by hand, both at once, as two instances' polls would (on PostgreSQL: two connections); an hour ahead, so the poll leaves it alone.
    expect((await schedule(issue.documentId, inSeconds(3600))).status).toBe(200);
    const row: any = await t.strapi.db.query('api::issue-schedule.issue-schedule').findOne({ where: { issueDocumentId: issue.documentId } });
    let publishes = 0;
    const count = (ctx: any, next: () => Promise<unknown>) => {
      if (ctx.uid === 'api::issue.issue' && ctx.action === 'publish' && ctx.params.documentId === issue.documentId) publishes += 1;
      return next();
    };
    t.strapi.documents.use(count as any);
    const outcomes = await Promise.all([fireSchedule(t.strapi, row), fireSchedule(t.strapi, row)]);
    expect(outcomes.sort()).toEqual(['fired', 'taken']);
    expect(publishes).toBe(1);
    expect((await view(issue.documentId)).history.map((h: any) => h.state)).toEqual(['fired']);
    expect((await api().get(`/api/issues/${issue.documentId}`)).status).toBe(200);
  });
});

describe('a page sent back between scheduling and firing', () => {
  it('keeps the issue off the public side, and the schedule says why: issue view, history and home page', async () => {
    const { issue, articleIds, number } = await newIssue();
    expect((await schedule(issue.documentId, inSeconds(3))).status).toBe(200);
    // The proofreader's text is changed: page 1 goes back to 已排版 and needs the 审校 signature again.
    const page: any = await t.strapi.db.query('api::page.page').findOne({ where: { issue: { documentId: issue.documentId }, number: 2 } });
    const article = (await t.strapi.db.query('api::page.page').findOne({ where: { id: page.id }, populate: { placements: { populate: { article: true } } } }))
      .placements[0].article.documentId;
    await t.strapi.documents('api::article.article').update({ documentId: article, locale: 'zh-Hans', data: { headline: '临发前改过的主题' } as any });

    const done = await settled(issue.documentId);
    expect(done.history[0]).toMatchObject({
      state: 'failed',
      failure: { code: 'issue.unsigned', params: { issue: number, pages: [{ number: 2, stage: 'laid_out', missing: ['proofreader'] }] } },
    });
    expect(done.history[0].firedAt).toBeTruthy();
    // Nothing went live: not the issue, no page, no article.
    expect((await api().get(`/api/issues/${issue.documentId}`)).status).toBe(404);
    for (const a of articleIds) expect((await api().get(`/api/articles/${a}`)).status).toBe(404);
    expect(await t.strapi.db.query('api::page.page').count({ where: { issue: { documentId: issue.documentId }, publishedAt: { $notNull: true } } })).toBe(0);

    // The 值班总编's home page lists it with its reason.
    const home = await api().get('/banmian/home/schedules').set(as('chief'));
    expect(home.status).toBe(200);
    const line = home.body.schedules.find((s: any) => s.issueDocumentId === issue.documentId);
    expect(line).toMatchObject({ state: 'failed', issueNumber: number, failure: { code: 'issue.unsigned' } });
  });
});

describe('refused at once', () => {
  it('with the publish button’s refusal while a page is unsigned', async () => {
    const { issue, number } = await newIssue({ signed: false });
    const res = await schedule(issue.documentId, inSeconds(60));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'issue.unsigned', params: { issue: number } });
    expect(res.body.error.details.unsignedPages).toHaveLength(2);
    expect(res.body.error.message).toMatch(new RegExp(`^第${number}期不能发布：第1版（采编）缺编辑、版式、审校签字`));
    expect((await view(issue.documentId)).history).toEqual([]);
  });

  it('for a time past or not a time', async () => {
    const { issue } = await newIssue();
    const past = await schedule(issue.documentId, '2020-01-01 08:00');
    expect(past.status).toBe(400);
    expect(past.body.error.details).toMatchObject({ code: 'schedule.past', params: { at: '2020-01-01 08:00', timeZone: 'Asia/Shanghai' } });
    expect(past.body.error.message).toMatch(/^定时发布的时间 2020-01-01 08:00 已经过去/);
    for (const bad of ['明天早上', '2026-02-30 08:00', '', null]) {
      const res = await schedule(issue.documentId, bad);
      expect([bad, res.status, res.body.error?.details?.code]).toEqual([bad, 400, 'schedule.badTime']);
    }
    expect((await view(issue.documentId)).history).toEqual([]);
  });

  it('for whoever may not publish the issue; anyone who reads it sees the schedule', async () => {
    const { issue } = await newIssue();
    const res = await schedule(issue.documentId, inSeconds(3600), 'editor');
    expect(res.status).toBe(403);
    expect(res.body.error.details).toMatchObject({ code: 'admin.notAllowed', params: { action: 'publish', type: 'issue' } });
    expect(res.body.error.message).toBe('你没有发布这一期的权限');
    expect(
      (
        await api()
          .post(`/banmian/issues/${issue.documentId}/schedule`)
          .send({ at: inSeconds(3600) })
      ).status,
    ).toBe(401);
    expect((await schedule(issue.documentId, inSeconds(3600))).status).toBe(200);
    expect((await api().delete(`/banmian/issues/${issue.documentId}/schedule`).set(as('editor'))).status).toBe(403);
    const seen = await api().get(`/banmian/issues/${issue.documentId}/schedule`).set(as('editor'));
    expect(seen.status).toBe(200);
    expect(seen.body.pending.state).toBe('scheduled');
    expect((await schedule('no-such-issue', inSeconds(3600))).status).toBe(404);
    await api().delete(`/banmian/issues/${issue.documentId}/schedule`).set(as('chief'));
  });
});

describe('unscheduling', () => {
  it('takes the schedule back until it fires; the history keeps it, and nothing goes live', async () => {
    const { issue, number } = await newIssue();
    expect((await schedule(issue.documentId, inSeconds(2))).status).toBe(200);
    const res = await api().post(`/banmian/issues/${issue.documentId}/unschedule`).set(as('chief'));
    expect(res.status).toBe(200);
    expect(res.body.pending).toBeNull();
    expect(res.body.history[0]).toMatchObject({ state: 'cancelled', cancelledBy: '总编' });
    const again = await api().delete(`/banmian/issues/${issue.documentId}/schedule`).set(as('chief'));
    expect(again.status).toBe(400);
    expect(again.body.error.details).toMatchObject({ code: 'schedule.none', params: { issue: number } });
    // Past the time it would have fired, still nothing (polled a while: no firing may come late).
    const until = Date.now() + 4000;
    while (Date.now() < until) await new Promise((r) => setTimeout(r, 500));
    expect((await api().get(`/api/issues/${issue.documentId}`)).status).toBe(404);
    expect((await view(issue.documentId)).history.map((h: any) => h.state)).toEqual(['cancelled']);
  });

  it('a second schedule replaces the first, which stays in the history as cancelled', async () => {
    const { issue } = await newIssue();
    await schedule(issue.documentId, inSeconds(3600));
    const second = await schedule(issue.documentId, inSeconds(7200));
    expect(second.status).toBe(200);
    expect(second.body.history.map((h: any) => h.state)).toEqual(['scheduled', 'cancelled']);
    expect(second.body.pending.id).toBe(second.body.history[0].id);
    await api().delete(`/banmian/issues/${issue.documentId}/schedule`).set(as('chief'));
    // Nothing is left to take back.
    expect((await api().delete(`/banmian/issues/${issue.documentId}/schedule`).set(as('chief'))).body.error.details.code).toBe('schedule.none');
  });
});
