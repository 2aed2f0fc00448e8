import request from 'supertest';
import { startStrapi, type TestStrapi } from '../helpers/strapi';
import { makeIssue } from '../../src/seed/generate-issue';

/**
 * Every refusal banmian gives on the content API carries `details.code` and its
 * parameters, and is worded for the asker: Chinese for `Accept-Language: zh-CN`
 * (and by default), English for `en`.
 */

let t: TestStrapi;
let issue: string;
const api = () => request(t.strapi.server.httpServer);
const HAN = /\p{Script=Han}/u;

beforeAll(async () => {
  t = await startStrapi();
  issue = (await makeIssue(t.strapi, { number: 3, pages: 1, articlesPerPage: 1 })).issue.documentId;
}, 120000);
afterAll(async () => t?.stop());

const CASES: Array<{ path: string; status: number; code: string }> = [
  { path: '/api/articles?status=draft', status: 403, code: 'read.draftNeedsToken' },
  { path: '/api/pages?status=draft', status: 403, code: 'read.draftNeedsToken' },
  { path: '/api/articles?sort=column.name:asc', status: 400, code: 'read.sortThroughRelation' },
  { path: '/api/articles?filters[$or]=1', status: 400, code: 'query.badFilter' },
  { path: `/api/issues/ISSUE/tree?status=draft`, status: 403, code: 'read.draftNeedsToken' },
  { path: `/api/issues/ISSUE/tree?status=all`, status: 400, code: 'read.badStatus' },
  { path: `/api/issues/ISSUE/tree?locale=fr`, status: 400, code: 'read.badLocale' },
  { path: `/api/issues/nosuchissue/tree`, status: 404, code: 'entry.notFound' },
];

it.each(CASES)('$path: $status with code $code, in Chinese for zh-CN and in English for en', async ({ path, status, code }) => {
  const url = path.replace('ISSUE', issue);
  const zh = await api().get(url).set('Accept-Language', 'zh-CN,zh;q=0.9');
  expect([zh.status, zh.body.error?.details?.code]).toEqual([status, code]);
  expect(zh.body.error.details.params).toEqual(expect.any(Object));
  expect(zh.body.error.message).toMatch(HAN);
  const en = await api().get(url).set('Accept-Language', 'en-US,en;q=0.8');
  expect([en.status, en.body.error?.details?.code]).toEqual([status, code]);
  expect(en.body.error.message).not.toMatch(/[\u4e00-\u9fff]{2,}/);
  // Nobody sees a stack trace.
  expect(JSON.stringify(zh.body)).not.toMatch(/\bat .+\.js:\d+/);
});
