import { startStrapi, type TestStrapi } from '../helpers/strapi';

/** The stored labels the admin shows (src/newsroom/entry-label-store.ts) follow every write that changes them. */
let t: TestStrapi;
beforeAll(async () => {
  t = await startStrapi();
});
afterAll(async () => t?.stop());

const L = { locale: 'zh-Hans' };
const row = (uid: string, documentId: string) =>
  t.strapi.db.query(uid as any).findOne({ where: { documentId, publishedAt: null }, populate: { placements: true } as any });

it('labels issues, pages, articles and placements, and keeps them up to date', async () => {
  const docs = (uid: string) => t.strapi.documents(uid as any);
  const pub = await docs('api::publication.publication').create({ data: { name: '标签报', slug: 'labels' } as any });
  const issue = await docs('api::issue.issue').create({ data: { number: 12, date: '2024-07-05', publication: pub.documentId } as any, ...L, status: 'draft' });
  const column = await docs('api::column.column').create({ data: { name: '争先创优' } as any });
  const lead = await docs('api::article.article').create({
    data: { headline: '党建引领 做强“福禄”产业链', column: column.documentId } as any,
    ...L,
    status: 'draft',
  });
  const other = await docs('api::article.article').create({ data: { headline: '小积分兑出大文明' } as any, ...L, status: 'draft' });
  const page = await docs('api::page.page').create({
    data: {
      number: 3,
      name: '党建',
      issue: issue.documentId,
      placements: [
        { article: lead.documentId, order: 1, span: 6, lead: true },
        { article: other.documentId, order: 2, span: 2 },
      ],
    } as any,
    ...L,
  });

  expect((await row('api::issue.issue', issue.documentId)).label).toBe('第12期（2024-07-05）');
  expect((await row('api::article.article', lead.documentId)).label).toBe('党建引领 做强“福禄”产业链（争先创优）');
  const p = await row('api::page.page', page.documentId);
  expect(p.label).toBe('第3版 党建');
  expect(p.placements.map((x: any) => x.label)).toEqual(['①　头条　党建引领 做强“福禄”产业链（自动排版）', '②　小积分兑出大文明（自动排版）']);

  // A headline edit renames the placement showing it; a column rename renames its articles.
  await docs('api::article.article').update({ documentId: other.documentId, data: { headline: '积分超市开进村' } as any, ...L });
  expect((await row('api::page.page', page.documentId)).placements.map((x: any) => x.label)[1]).toBe('②　积分超市开进村（自动排版）');
  await docs('api::column.column').update({ documentId: column.documentId, data: { name: '支部风采' } as any });
  expect((await row('api::article.article', lead.documentId)).label).toBe('党建引领 做强“福禄”产业链（支部风采）');
  await docs('api::issue.issue').update({ documentId: issue.documentId, data: { date: '2024-07-12' } as any, ...L, status: 'draft' });
  expect((await row('api::issue.issue', issue.documentId)).label).toBe('第12期（2024-07-12）');

  // A label written by hand does not stick: it is derived.
  await docs('api::page.page').update({ documentId: page.documentId, data: { name: '基层', label: '随便写的' } as any, ...L });
  expect((await row('api::page.page', page.documentId)).label).toBe('第3版 基层');
});

it('gives entries made before labels existed their labels on start', async () => {
  const issue = await t.strapi.documents('api::issue.issue').create({ data: { number: 13, date: '2024-07-19' } as any, ...L, status: 'draft' });
  await t.strapi.db.query('api::issue.issue').updateMany({ where: { documentId: issue.documentId }, data: { label: null } });
  const { ensureEntryLabels } = require('../../src/newsroom/entry-label-store');
  await ensureEntryLabels(t.strapi);
  expect((await row('api::issue.issue', issue.documentId)).label).toBe('第13期（2024-07-19）');
});
