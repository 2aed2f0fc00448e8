import { startStrapi, type TestStrapi } from '../helpers/strapi';
import { makeIssue } from '../../src/seed/generate-issue';
import { dropStageChecks, ensureStageCodes } from '../../src/bootstrap/stage-codes';

/**
 * A page's stage and a history row's action are codes the database enforces
 * (SQLite here, PostgreSQL under `npm run test:pg`), and a database that stored
 * the Chinese labels is rewritten to codes on start.
 */
let t: TestStrapi;
beforeAll(async () => {
  t = await startStrapi();
});
afterAll(async () => t?.stop());

const pagesTable = () => (t.strapi.db.metadata.get('api::page.page' as any) as any).tableName as string;
/** A knex query as a real Promise. (Its errors may come from another test file's realm, so tests match their message, not their class.) */
const run = (query: PromiseLike<unknown>) => Promise.resolve(query);
const signoffsTable = () => (t.strapi.db.metadata.get('api::signoff.signoff' as any) as any).tableName as string;

it('stores codes, and the database refuses anything else', async () => {
  const own = await makeIssue(t.strapi, { number: 1, pages: 1, articlesPerPage: 1 });
  const page = await t.strapi.db.query('api::page.page').findOne({ where: { issue: { documentId: own.issue.documentId }, publishedAt: null } });
  expect(page.stage).toBe('proofread');
  const history = await t.strapi.db.query('api::signoff.signoff').findMany({ where: { pageDocumentId: page.documentId }, orderBy: { id: 'asc' } });
  expect(history.map((h: any) => [h.action, h.fromStage, h.toStage])).toEqual([
    ['created', null, 'collecting'],
    ['signed', 'collecting', 'edited'],
    ['signed', 'edited', 'laid_out'],
    ['signed', 'laid_out', 'proofread'],
  ]);
  const knex = t.strapi.db.connection;
  await expect(run(knex(pagesTable()).where({ id: page.id }).update({ stage: '已审校' }))).rejects.toMatchObject({
    message: expect.stringMatching(/stage must be one of|check constraint/),
  });
  await expect(run(knex(signoffsTable()).where({ id: history[0].id }).update({ action: 'approved' }))).rejects.toMatchObject({
    message: expect.stringMatching(/action must be one of|check constraint/),
  });
  expect((await t.strapi.db.query('api::page.page').findOne({ where: { id: page.id } })).stage).toBe('proofread');
});

it('rewrites a database that stored the Chinese labels, then enforces the codes again', async () => {
  const own = await makeIssue(t.strapi, { number: 2, pages: 1, articlesPerPage: 1, publish: false });
  const page = await t.strapi.db.query('api::page.page').findOne({ where: { issue: { documentId: own.issue.documentId } } });
  // What an older banmian wrote.
  await dropStageChecks(t.strapi);
  const knex = t.strapi.db.connection;
  await knex(pagesTable()).where({ id: page.id }).update({ stage: '已编辑' });
  await knex(signoffsTable()).where({ page_document_id: page.documentId }).update({ action: '新建', to_stage: '采编' });
  await knex(signoffsTable()).insert({
    document_id: 'legacy-signoff',
    page_document_id: page.documentId,
    action: '签字',
    from_stage: '采编',
    to_stage: '已编辑',
    actor_name: '王芳',
    at: new Date(),
  });

  const { rewritten } = await ensureStageCodes(t.strapi);
  expect(rewritten).toBe(6);
  expect((await t.strapi.db.query('api::page.page').findOne({ where: { id: page.id } })).stage).toBe('edited');
  const rows = await t.strapi.db.query('api::signoff.signoff').findMany({ where: { pageDocumentId: page.documentId }, orderBy: { id: 'asc' } });
  expect(rows.map((h: any) => [h.action, h.fromStage, h.toStage])).toEqual([
    ['created', null, 'collecting'],
    ['signed', 'collecting', 'edited'],
  ]);
  await expect(run(knex(pagesTable()).where({ id: page.id }).update({ stage: '采编' }))).rejects.toMatchObject({
    message: expect.stringMatching(/stage must be one of|check constraint/),
  });
  // A second start finds nothing to rewrite.
  expect((await ensureStageCodes(t.strapi)).rewritten).toBe(0);
});
