import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { startStrapi, APP_DIR, type TestStrapi, rowCounts } from '../helpers/strapi';

let t: TestStrapi;
const api = () => request(t.strapi.server.httpServer);
const demo = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'data/demo/demo-issue.json'), 'utf8'));
const fixture = fs.readFileSync(path.join(APP_DIR, 'tests/fixtures/ocr-pages/manas-hutubi-changji.txt'), 'utf8');

const TYPES = ['publication', 'issue', 'page', 'column', 'article', 'contributor'].map((n) => `api::${n}.${n}`);
const counts = () => rowCounts(t.strapi, [...TYPES, 'plugin::upload.file']);

beforeAll(async () => {
  t = await startStrapi({ ADMIN_EMAIL: 'Chief@Example.org', ADMIN_PASSWORD: 'Sup3r-secret-pass' });
});
afterAll(async () => t?.stop());

describe('demo content', () => {
  let issueId: string;

  it('seeds, and seeding again changes nothing', async () => {
    const seed = require(path.join(APP_DIR, 'dist/src/seed/seed')).seedDemoContent;
    const first = await seed(t.strapi);
    issueId = first.issueDocumentId;
    const after1 = await counts();
    expect(after1['api::article.article']).toBeGreaterThan(0);
    const second = await seed(t.strapi);
    expect(second.issueDocumentId).toBe(issueId);
    expect(await counts()).toEqual(after1);
    // `once` mode (what `npm run develop` uses) skips after the first run.
    expect((await seed(t.strapi, { once: true })).skipped).toBe(true);
  });

  it('publishes the fixture page with all its articles, bylines, captions, credits, source and author note', async () => {
    const res = await api().get(`/api/issues/${issueId}/tree`);
    expect(res.status).toBe(200);
    const [page] = res.body.data.pages;
    expect(page.credits).toEqual({ editor: { name: '王芳' }, layout: { name: '任宝红' }, proofreader: { name: '刘军' } });
    const articles = page.placements.map((p: any) => p.article);
    expect(articles.map((a: any) => a.headline)).toEqual([
      '以高质量党建推动司法行政工作高质量发展',
      '党建引领 做强“福禄”产业链',
      '党建领航 赋能发展 让群众更有“医靠”',
      '瞄准基层焦点 深入纠治形式主义',
    ]);
    for (const a of articles) expect(fixture).toContain(a.headline);
    expect(articles[0].bylines).toEqual([
      {
        role: '本报通讯员',
        contributors: [
          { name: '胡伟杰', kind: 'person' },
          { name: '吴琛', kind: 'person' },
        ],
      },
    ]);
    expect(articles[1].column).toEqual({ name: '争先创优', slug: 'zheng-xian-chuang-you' });
    expect(articles[3].column.name).toBe('评论观点');
    expect(articles[3].bylines[0]).toEqual({ role: null, contributors: [{ name: '杨彬彬', kind: 'person' }] });
    expect(articles[3].source).toBe('光明日报');
    expect(articles[3].authorNote).toBe('中国社会科学院马克思主义研究院副研究员');
    const photos = articles[1].photos;
    expect(photos.map((p: any) => [p.position, p.credit?.name, p.creditRole, p.creditKind])).toEqual([
      ['上图', '陶维明', '本报记者', '摄'],
      ['下图', '陶维明', '本报记者', '摄'],
    ]);
    expect(photos[1].caption).toBe('在呼图壁县五工台镇幸福村，游客拍照留念。');
    for (const p of photos) {
      expect(p.image.width).toBe(1800);
      expect(Object.keys(p.image.formats).sort()).toEqual(['large', 'medium', 'small', 'thumbnail']);
    }
    // Every paragraph of the demo JSON is in the body served, and in-body subheads are headings.
    expect(articles[2].body).toContain('### 凝心铸魂 固牢发展之“根本”');
    const demoBodies = demo.issue.pages[0].articles.map((a: any) => a.body);
    expect(articles.map((a: any) => a.body)).toEqual(demoBodies);
  });

  it('keeps the demo draft article out of public reach', async () => {
    const [draft] = demo.drafts;
    const stored = await t.strapi.documents('api::article.article').findFirst({ filters: { headline: draft.headline }, status: 'draft', locale: 'zh-Hans' });
    expect(stored).toMatchObject({ headline: draft.headline, publishedAt: null });
    const list = await api().get('/api/articles?pagination[pageSize]=100');
    expect(list.body.data.map((a: any) => a.headline)).not.toContain(draft.headline);
  });

  it('creates the Super Admin from ADMIN_EMAIL/ADMIN_PASSWORD, who can log in', async () => {
    const res = await api().post('/admin/login').send({ email: 'chief@example.org', password: 'Sup3r-secret-pass' });
    expect(res.status).toBe(200);
    expect(res.body.data.token).toEqual(expect.any(String));
    const wrong = await api().post('/admin/login').send({ email: 'chief@example.org', password: 'guess' });
    expect(wrong.status).toBe(400);
  });

  it("labels Content Manager fields in the newsroom's words, keeping labels an admin changed", async () => {
    const { ensureAdminLabels } = require(path.join(APP_DIR, 'dist/src/bootstrap/admin-labels'));
    const types = t.strapi.plugin('content-manager').service('content-types');
    const conf = await types.findConfiguration({ uid: 'api::article.article' });
    expect(conf.metadatas.headline.edit.label).toBe('主题 headline');
    expect(conf.metadatas.kicker.list.label).toBe('引题 kicker');
    const placement = await t.strapi.plugin('content-manager').service('components').findConfiguration({ uid: 'newsroom.placement' });
    expect(placement.metadatas.lead.edit.label).toBe('头条 lead');
    conf.metadatas.headline.edit.label = '标题（本报用语）';
    await types.updateConfiguration({ uid: 'api::article.article' }, { settings: conf.settings, metadatas: conf.metadatas, layouts: conf.layouts });
    await ensureAdminLabels(t.strapi);
    expect((await types.findConfiguration({ uid: 'api::article.article' })).metadatas.headline.edit.label).toBe('标题（本报用语）');
  });

  it('says 版式 for the layout designer only: the page format is 开本, also where an earlier version labelled it 版式', async () => {
    const { ensureAdminLabels } = require(path.join(APP_DIR, 'dist/src/bootstrap/admin-labels'));
    const types = t.strapi.plugin('content-manager').service('content-types');
    const uid = { uid: 'api::publication.publication' };
    const conf = await types.findConfiguration(uid);
    expect(conf.metadatas.pageFormat.edit.label).toBe('开本 pageFormat');
    expect(conf.metadatas.customFormat.edit.label).toBe('自定义开本 customFormat');
    conf.metadatas.pageFormat.edit.label = '版式 pageFormat';
    await types.updateConfiguration(uid, { settings: conf.settings, metadatas: conf.metadatas, layouts: conf.layouts });
    await ensureAdminLabels(t.strapi);
    expect((await types.findConfiguration(uid)).metadatas.pageFormat.edit.label).toBe('开本 pageFormat');
    // No other field of any type or component is called 版式.
    const cm = t.strapi.plugin('content-manager');
    for (const [kind, uids] of [
      ['content-types', Object.keys(t.strapi.contentTypes).filter((u) => u.startsWith('api::'))],
      ['components', Object.keys(t.strapi.components).filter((u) => u.startsWith('newsroom.'))],
    ] as const) {
      for (const u of uids) {
        const c = await cm.service(kind).findConfiguration({ uid: u });
        for (const [attr, meta] of Object.entries<any>(c.metadatas ?? {})) {
          // The layout designer's credit, and the credits line 编辑/版式/审校, are the role.
          if ((u === 'newsroom.page-credits' && attr === 'layout') || (u === 'api::page.page' && attr === 'credits')) continue;
          expect([u, attr, meta.edit?.label]).not.toEqual([u, attr, expect.stringMatching(/版式/)]);
        }
      }
    }
  });

  it('lists the 签字记录 by 版, 动作, 阶段, 签字人, 操作人 and 时间, not by raw ids', async () => {
    const conf = await t.strapi.plugin('content-manager').service('content-types').findConfiguration({ uid: 'api::signoff.signoff' });
    expect(conf.layouts.list).toEqual(['label', 'action', 'toStage', 'contributorName', 'actorName', 'at']);
    expect(conf.metadatas.toStage.list.label).toBe('新进度 toStage');
  });

  it('answers what every admin page load asks with no 4xx or 5xx: the favicon and the AI feature config', async () => {
    const icon = await api().get('/favicon.ico');
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toMatch(/image/);
    const login = await api().post('/admin/login').send({ email: 'chief@example.org', password: 'Sup3r-secret-pass' });
    const ai = await api().get('/admin/ai-feature-config').set('Authorization', `Bearer ${login.body.data.token}`);
    expect(ai.status).toBe(200);
    expect(ai.body.data).toEqual({ isAiI18nConfigured: false, isAiMediaLibraryConfigured: false });
    expect((await api().get('/admin/ai-feature-config')).status).toBe(401);
  });

  it('sets up the three locales with zh-Hans as default', async () => {
    const locales = await t.strapi.plugin('i18n').service('locales').find();
    expect(locales.map((l: any) => l.code).sort()).toEqual(['en', 'zh-Hans', 'zh-Hant']);
    expect(await t.strapi.plugin('i18n').service('locales').getDefaultLocale()).toBe('zh-Hans');
  });
});
