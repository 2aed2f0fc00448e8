import request from 'supertest';
import { startStrapi, type TestStrapi } from '../helpers/strapi';
import { signInNewsroom } from '../helpers/admin-users';
import { makeIssue } from '../../src/seed/generate-issue';
import { runScript } from '../helpers/cli';

/**
 * The 审校 checker in the sign-off chain, against a real Strapi: a page's
 * findings and 差错率 over GET /banmian/pages/:id/proofread, the 审校 signature
 * refused while an `error` finding is open (code, count, the articles) and given
 * once it is fixed or marked "not an error"; the mark is kept with its reason and
 * who, and is there on the next read; an accepted suggestion is written through
 * the Document Service and sends a signed page back as any text edit does.
 */

let t: TestStrapi;
const api = () => request(t.strapi.server.httpServer);
const PASSWORD = 'Proofread-test-1';
type Who = 'chief' | 'editor' | 'layout' | 'proofreader';
const tokens = {} as Record<Who, string>;
const as = (who: Who) => ({ Authorization: `Bearer ${tokens[who]}` });
const sign = (who: Who, role: string, page: string) => api().post(`/banmian/pages/${page}/sign`).set(as(who)).send({ role });
const stage = async (page: string) => (await t.strapi.db.query('api::page.page').findOne({ where: { documentId: page, publishedAt: null } })).stage;
const TYPO = '这场演出令人震憾，观众久久不愿离去。';
const PG_DEPRECATION =
  /^\(node:\d+\) DeprecationWarning: Calling client\.query\(\) when the client is already executing a query.*\n(\(Use `node --trace-deprecation.*\n)?/gm;

let number = 300;
/** A page of its own with two articles; the first one's body carries the typo 震憾. */
async function pageWithTypo() {
  const own = await makeIssue(t.strapi, { number: (number += 1), pages: 1, articlesPerPage: 2, publish: false });
  const page: any = await t.strapi.db.query('api::page.page').findOne({
    where: { issue: { documentId: own.issue.documentId } },
    populate: { placements: { populate: { article: { select: ['documentId', 'headline'] } } } },
  });
  const [first, second] = page.placements.map((p: any) => p.article);
  await t.strapi.documents('api::article.article').update({ documentId: first.documentId, locale: 'zh-Hans', data: { body: `第一段。\n\n${TYPO}` } as any });
  return { page: page.documentId as string, first: first as { documentId: string; headline: string }, second: second as { documentId: string } };
}

beforeAll(async () => {
  t = await startStrapi();
  Object.assign(tokens, await signInNewsroom(t.strapi, { domain: 'proof.example', password: PASSWORD, who: ['chief', 'editor', 'layout', 'proofreader'] }));
}, 120000);
afterAll(async () => t?.stop());

describe('the page’s findings and 差错率', () => {
  it('lists each placed article’s findings with offsets into its fields, and the 差错率 over the page', async () => {
    const { page, first } = await pageWithTypo();
    const res = await api().get(`/banmian/pages/${page}/proofread`).set(as('proofreader'));
    expect(res.status).toBe(200);
    const article = res.body.articles.find((a: any) => a.documentId === first.documentId);
    const typo = article.findings.find((f: any) => f.category === 'typo');
    expect(typo).toMatchObject({ field: 'body', text: '震憾', suggestion: '震撼', severity: 'error' });
    const body = (await t.strapi.documents('api::article.article').findOne({ documentId: first.documentId, locale: 'zh-Hans' })) as any;
    expect(body.body.slice(typo.start, typo.end)).toBe('震憾');
    expect(res.body.open.error).toBeGreaterThanOrEqual(1);
    // One error over the page's characters, per 10,000.
    expect(res.body.rate.characters).toBeGreaterThan(0);
    expect(res.body.rate.errors).toBeGreaterThanOrEqual(1);
    expect(res.body.rate.rate).toBeCloseTo((res.body.rate.errors / res.body.rate.characters) * 10000, 2);
    // The same over the article's own route.
    const one = await api().get(`/banmian/articles/${first.documentId}/proofread`).set(as('editor'));
    expect(one.status).toBe(200);
    expect(one.body.findings).toEqual(article.findings);
  });

  it('needs a signed-in admin who may read the page', async () => {
    const { page } = await pageWithTypo();
    expect((await api().get(`/banmian/pages/${page}/proofread`)).status).toBe(401);
    expect((await api().get(`/banmian/pages/nosuchpage/proofread`).set(as('chief'))).status).toBe(404);
  });
});

describe('the 审校 signature and open errors', () => {
  it('is refused while an error is open, naming the articles and the count; given once it is marked “not an error” with a reason', async () => {
    const { page, first } = await pageWithTypo();
    expect((await sign('editor', 'editor', page)).status).toBe(200);
    expect((await sign('layout', 'layout', page)).status).toBe(200);
    const refused = await sign('proofreader', 'proofreader', page).set('Accept-Language', 'zh-CN');
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toMatchObject({ code: 'proofread.openErrors', params: { count: expect.any(Number), articles: [first.headline] } });
    expect(refused.body.error.message).toContain(first.headline);
    expect(await stage(page)).toBe('laid_out');

    // A mark needs a reason; then it is kept, with who marked it, and the finding is no longer open.
    const finding = (await api().get(`/banmian/articles/${first.documentId}/proofread`).set(as('proofreader'))).body.findings.find(
      (f: any) => f.text === '震憾',
    );
    const noReason = await api()
      .post(`/banmian/articles/${first.documentId}/proofread/marks`)
      .set(as('proofreader'))
      .send({ ...finding, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.code).toBe('proofread.reasonMissing');
    const marked = await api()
      .post(`/banmian/articles/${first.documentId}/proofread/marks`)
      .set(as('proofreader'))
      .send({ ...finding, reason: '引用原文，保留原貌' });
    expect(marked.status).toBe(201);
    // The mark survives a reload: read again, from the database.
    const again = (await api().get(`/banmian/articles/${first.documentId}/proofread`).set(as('editor'))).body;
    expect(again.findings.find((f: any) => f.text === '震憾')).toBeUndefined();
    expect(again.marked).toEqual([
      expect.objectContaining({ text: '震憾', mark: expect.objectContaining({ reason: '引用原文，保留原貌', markedBy: '刘军' }) }),
    ]);
    // The page no longer counts it.
    expect((await api().get(`/banmian/pages/${page}/proofread`).set(as('chief'))).body.open.error).toBe(0);

    const given = await sign('proofreader', 'proofreader', page);
    expect(given.status).toBe(200);
    expect(await stage(page)).toBe('proofread');
  });

  it('is given once the error is fixed by accepting its suggestion', async () => {
    const { page, first } = await pageWithTypo();
    await sign('editor', 'editor', page);
    await sign('layout', 'layout', page);
    expect((await sign('proofreader', 'proofreader', page)).status).toBe(400);
    const finding = (await api().get(`/banmian/articles/${first.documentId}/proofread`).set(as('proofreader'))).body.findings.find(
      (f: any) => f.text === '震憾',
    );
    const accepted = await api().post(`/banmian/articles/${first.documentId}/proofread/accept`).set(as('proofreader')).send(finding);
    expect(accepted.status).toBe(200);
    const article = (await t.strapi.documents('api::article.article').findOne({ documentId: first.documentId, locale: 'zh-Hans' })) as any;
    expect(article.body).toBe('第一段。\n\n这场演出令人震撼，观众久久不愿离去。');
    expect(accepted.body.findings.find((f: any) => f.text === '震憾')).toBeUndefined();
    // A second accept of the same finding finds the place changed and changes nothing.
    const stale = await api().post(`/banmian/articles/${first.documentId}/proofread/accept`).set(as('proofreader')).send(finding);
    expect(stale.status).toBe(400);
    expect(stale.body.error.details.code).toBe('proofread.stale');
    expect(((await t.strapi.documents('api::article.article').findOne({ documentId: first.documentId, locale: 'zh-Hans' })) as any).body).toBe(article.body);
    expect((await sign('proofreader', 'proofreader', page)).status).toBe(200);
  });

  it('warnings do not block it', async () => {
    const own = await makeIssue(t.strapi, { number: (number += 1), pages: 1, articlesPerPage: 1, publish: false });
    const page: any = await t.strapi.db.query('api::page.page').findOne({ where: { issue: { documentId: own.issue.documentId } } });
    const res = (await api().get(`/banmian/pages/${page.documentId}/proofread`).set(as('chief'))).body;
    expect(res.open.error).toBe(0);
    await sign('editor', 'editor', page.documentId);
    await sign('layout', 'layout', page.documentId);
    expect((await sign('proofreader', 'proofreader', page.documentId)).status).toBe(200);
  });
});

describe('an accepted suggestion is an edit like any other', () => {
  it('sends a fully signed page back, recorded in its history', async () => {
    const { page, first } = await pageWithTypo();
    await sign('editor', 'editor', page);
    await sign('layout', 'layout', page);
    const finding = (await api().get(`/banmian/articles/${first.documentId}/proofread`).set(as('chief'))).body.findings.find((f: any) => f.text === '震憾');
    await api()
      .post(`/banmian/articles/${first.documentId}/proofread/marks`)
      .set(as('proofreader'))
      .send({ ...finding, reason: '先签字，稍后再改' });
    expect((await sign('proofreader', 'proofreader', page)).status).toBe(200);
    expect(await stage(page)).toBe('proofread');
    // Another finding on the signed page, accepted: the page goes back as after a hand edit.
    await t.strapi.db.query('api::article.article').updateMany({
      where: { documentId: first.documentId, publishedAt: null },
      data: { body: `第一段。\n\n${TYPO}\n\n他们迫不急待地赶来。` },
    });
    const late = (await api().get(`/banmian/articles/${first.documentId}/proofread`).set(as('proofreader'))).body.findings.find(
      (f: any) => f.text === '迫不急待',
    );
    expect(late).toMatchObject({ suggestion: '迫不及待' });
    expect((await api().post(`/banmian/articles/${first.documentId}/proofread/accept`).set(as('proofreader')).send(late)).status).toBe(200);
    expect(await stage(page)).not.toBe('proofread');
    const history = (await api().get(`/banmian/pages/${page}/signoff`).set(as('chief'))).body.history;
    expect(history[0]).toMatchObject({ action: 'returned', fromStage: 'proofread' });
  });

  it('is refused to a role that may not edit the text, changing nothing', async () => {
    const { first } = await pageWithTypo();
    const finding = (await api().get(`/banmian/articles/${first.documentId}/proofread`).set(as('layout'))).body.findings.find((f: any) => f.text === '震憾');
    const refused = await api().post(`/banmian/articles/${first.documentId}/proofread/accept`).set(as('layout')).send(finding);
    expect(refused.status).toBe(403);
    // Nor may that role say the text is right.
    const mark = await api()
      .post(`/banmian/articles/${first.documentId}/proofread/marks`)
      .set(as('layout'))
      .send({ ...finding, reason: '版式以为没错' });
    expect(mark.status).toBe(403);
    expect((await api().get(`/banmian/articles/${first.documentId}/proofread`).set(as('chief'))).body.marked).toEqual([]);
    const article = (await t.strapi.documents('api::article.article').findOne({ documentId: first.documentId, locale: 'zh-Hans' })) as any;
    expect(article.body).toContain('震憾');
  });
});

describe('a correction notice', () => {
  it('is proofread like the article’s text, and an accepted suggestion changes that notice only', async () => {
    const { page, second } = await pageWithTypo();
    const notices = [
      { kind: '更正', text: '本报上期第2版报道中“震憾”一词有误，特此更正。', date: '2026-11-20', by: '总编室' },
      { kind: '说明', text: '本文图片由木垒县委组织部提供。', date: '2026-11-21' },
    ];
    await t.strapi.documents('api::article.article').update({ documentId: second.documentId, locale: 'zh-Hans', data: { corrections: notices } as any });
    const found = (await api().get(`/banmian/articles/${second.documentId}/proofread`).set(as('proofreader'))).body.findings.find(
      (f: any) => f.text === '震憾',
    );
    expect(found).toMatchObject({ field: 'corrections.0.text', suggestion: '震撼', severity: 'error' });
    // It counts on the page: the 审校 cannot sign over it.
    expect((await api().get(`/banmian/pages/${page}/proofread`).set(as('chief'))).body.open.error).toBeGreaterThanOrEqual(2);
    const accepted = await api().post(`/banmian/articles/${second.documentId}/proofread/accept`).set(as('proofreader')).send(found);
    expect(accepted.status).toBe(200);
    const stored = (await t.strapi.documents('api::article.article').findOne({
      documentId: second.documentId,
      locale: 'zh-Hans',
      populate: { corrections: true } as any,
    })) as any;
    expect(stored.corrections.map(({ id: _id, ...c }: any) => c)).toEqual([
      { ...notices[0], text: '本报上期第2版报道中“震撼”一词有误，特此更正。' },
      { ...notices[1], by: null },
    ]);
  });
});

describe('the importer’s dry run', () => {
  it('shows the findings of what it read, offsets into the fields as read', async () => {
    const page = Buffer.from(['# 帮扶困难困难群众过冬', '□本报记者 王芳', '', '入冬以来，社区党员党员挨家挨户走访，令人震憾。'].join('\n'));
    const res = await api().post('/banmian/import/preview').set(as('editor')).attach('file', page, 'doubled.txt');
    expect(res.status).toBe(200);
    const [article] = res.body.data.pages[0].articles;
    const found = article.findings.map((f: any) => [f.field, f.category, f.text]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['headline', 'doubled', expect.stringContaining('困难')],
        ['body', 'typo', '震憾'],
      ]),
    );
    for (const f of article.findings) expect(article[f.field].slice(f.start, f.end)).toBe(f.text);
    // 挨家挨户 is no doubling.
    expect(article.findings.some((f: any) => f.text.includes('挨'))).toBe(false);
  });
});

describe('npm run proofread -- --issue', () => {
  it('checks the drafts of an issue’s pages as the panel does, marks left out; JSON offsets into the article’s field', async () => {
    const { page, first } = await pageWithTypo();
    const issue: any = await t.strapi.db.query('api::issue.issue').findOne({ where: { pages: { documentId: page } } });
    const r = await runScript('proofread.js', ['--json', '--issue', String(issue.number), '--page', '1'], { BANMIAN_DIST_READY: '1' });
    // On PostgreSQL the pg driver warns once about Strapi's own overlapping queries (not this command's doing).
    expect([r.code, r.stderr.replace(PG_DEPRECATION, '')]).toEqual([0, '']);
    const out = JSON.parse(r.stdout);
    const typo = out.findings.find((f: any) => f.text === '震憾');
    expect(typo).toMatchObject({ page: `第${issue.number}期第1版`, article: first.documentId, headline: first.headline, field: 'body', suggestion: '震撼' });
    expect(`第一段。\n\n${TYPO}`.slice(typo.start, typo.end)).toBe('震憾');
    expect(out.rates).toEqual([expect.objectContaining({ page: `第${issue.number}期第1版`, ceiling: 3 })]);
    // Plain output names the page, the article and where; a mark takes the finding out.
    await api()
      .post(`/banmian/articles/${first.documentId}/proofread/marks`)
      .set(as('proofreader'))
      .send({ ...typo, reason: '照录' });
    const plain = await runScript('proofread.js', ['--issue', String(issue.number)], { BANMIAN_DIST_READY: '1' });
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain('震憾');
    expect(plain.stdout).toMatch(new RegExp(`第${issue.number}期第1版: \\d+ finding\\(s\\); 差错率`));
    const none = await runScript('proofread.js', ['--issue', '9999'], { BANMIAN_DIST_READY: '1' });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no issue 9999');
  }, 240000);
});
