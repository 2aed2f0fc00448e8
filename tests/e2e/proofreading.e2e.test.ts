import fs from 'fs';
import os from 'os';
import path from 'path';
import { startAdminSession } from '../helpers/admin-session';
import { makeIssue } from '../../src/seed/generate-issue';
import { journey } from '../helpers/steps';

/**
 * The 审校 panel in the article edit view, used as a proofreader would: it lists
 * the checker's findings; a click on one selects that text in the body's editor;
 * 采纳 writes the suggestion, and the body in the form shows it; 不是差错 with a
 * reason keeps the finding marked. The page's 签字 panel shows the 差错率.
 */

const EMAIL = 'chief@proof.example';
const PASSWORD = 'Proofread-e2e-1';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-proofread-'));
const BODY = '第一段：党建引领基层治理。\n\n这场演出令人震憾，观众久久不愿离去。\n\n他们针贬时弊，言之有物。';

let session: Awaited<ReturnType<typeof startAdminSession>>;
let pageId: string;
let articleId: string;

beforeAll(async () => {
  session = await startAdminSession(EMAIL, PASSWORD);
  const { strapi } = session.t;
  const own = await makeIssue(strapi, { number: 31, pages: 1, articlesPerPage: 1, publish: false });
  const page: any = await strapi.db.query('api::page.page').findOne({
    where: { issue: { documentId: own.issue.documentId } },
    populate: { placements: { populate: { article: { select: ['documentId'] } } } },
  });
  pageId = page.documentId;
  articleId = page.placements[0].article.documentId;
  await strapi.documents('api::article.article').update({ documentId: articleId, locale: 'zh-Hans', data: { body: BODY } as any });
}, 180000);
afterAll(async () => {
  await session?.stop();
  if (process.env.KEEP_TEST_FILES === '1') console.log(`kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
});

const CM = () => `${session.base}/admin/content-manager/collection-types`;
const bodyInForm = (page: import('playwright-core').Page) => page.evaluate(() => (document.querySelector('.CodeMirror') as any)?.CodeMirror?.getValue());

describe('the 审校 panel', () => {
  it('lists findings, selects one in the body, accepts a suggestion, marks another; the 签字 panel shows the 差错率', async () => {
    const step = journey(tmp);
    const context = await session.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await step(page, 'log in', () => session.logIn(page));

    const findings = page.getByTestId('proof-finding');
    await step(page, 'the article’s 审校 panel lists the findings', async () => {
      await page.goto(`${CM()}/api::article.article/${articleId}?plugins[i18n][locale]=zh-Hans`);
      await page.getByTestId('proof-panel').waitFor({ timeout: 60000 });
      await page.locator('.CodeMirror').waitFor({ timeout: 30000 });
      expect(await findings.filter({ hasText: '震憾' }).count()).toBe(1);
      expect(await findings.filter({ hasText: '针贬时弊' }).count()).toBe(1);
    });

    await step(page, 'a click selects the text in the body', async () => {
      await findings.filter({ hasText: '震憾' }).getByRole('button', { name: /震憾/ }).click();
      const selected = await page.evaluate(() => (document.querySelector('.CodeMirror') as any).CodeMirror.getSelection());
      expect(selected).toBe('震憾');
    });

    await step(page, '采纳 writes the suggestion and the form shows it', async () => {
      await findings.filter({ hasText: '震憾' }).getByRole('button', { name: '采纳' }).click();
      await page.waitForFunction(() => (document.querySelector('.CodeMirror') as any)?.CodeMirror?.getValue().includes('震撼'), undefined, { timeout: 30000 });
      expect(await bodyInForm(page)).toBe(BODY.replace('震憾', '震撼'));
      const stored = (await session.t.strapi.documents('api::article.article').findOne({ documentId: articleId, locale: 'zh-Hans' })) as any;
      expect(stored.body).toBe(BODY.replace('震憾', '震撼'));
      await page.waitForFunction(() => !document.body.innerText.includes('震憾'), undefined, { timeout: 30000 });
    });

    await step(page, '不是差错 with a reason keeps it marked', async () => {
      const item = findings.filter({ hasText: '针贬时弊' });
      await item.getByRole('button', { name: '不是差错' }).click();
      await item.getByLabel('理由').fill('引文照录');
      await item.getByRole('button', { name: '标记' }).click();
      await page.getByTestId('proof-marked').waitFor({ timeout: 30000 });
      expect(await page.getByTestId('proof-marked').innerText()).toMatch(/针贬时弊[\s\S]*引文照录/);
      expect(await findings.count()).toBe(0);
    });

    await step(page, 'the page’s 签字 panel shows the 差错率', async () => {
      await page.goto(`${CM()}/api::page.page/${pageId}?plugins[i18n][locale]=zh-Hans`);
      await page.getByTestId('proof-rate').waitFor({ timeout: 60000 });
      expect(await page.getByTestId('proof-rate').innerText()).toMatch(/差错率 万分之[\d.]+（[\d.]+ 个差错 \/ \d+ 字；上限万分之3）/);
      expect(await page.getByTestId('proof-page').innerText()).toContain('没有发现差错');
    });
    await context.close();
  }, 600000);
});
