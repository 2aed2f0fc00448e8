import fs from 'fs';
import os from 'os';
import path from 'path';
import { startAdminSession } from '../helpers/admin-session';
import { makeIssue } from '../../src/seed/generate-issue';
import { signOffPage } from '../../src/signoff/service';
import { journey } from '../helpers/steps';

/**
 * What changed since the last signature, in the admin: a signed page's article
 * is edited (one word of its body, in the Content Manager's editor) and saved;
 * the page's 签字 panel then shows that word deleted and its replacement
 * inserted; the picker compares two signed versions (or one with the draft) and goes
 * back; the history opens the signed version read-only, with the old word.
 */

const EMAIL = 'chief@changes.example';
const PASSWORD = 'Changes-e2e-1';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-changes-'));
const BODY = '全市党员干部认真学习党的二十大精神，推动基层党建工作高质量发展。';

let session: Awaited<ReturnType<typeof startAdminSession>>;
let pageId: string;
let articleId: string;

beforeAll(async () => {
  session = await startAdminSession(EMAIL, PASSWORD);
  const { strapi } = session.t;
  const own = await makeIssue(strapi, { number: 32, pages: 1, articlesPerPage: 1, publish: false });
  const page: any = await strapi.db.query('api::page.page').findOne({
    where: { issue: { documentId: own.issue.documentId } },
    populate: { placements: { populate: { article: { select: ['documentId'] } } } },
  });
  pageId = page.documentId;
  articleId = page.placements[0].article.documentId;
  await strapi.documents('api::article.article').update({ documentId: articleId, locale: 'zh-Hans', data: { body: BODY } as any });
  const signer = own.author as { documentId: string; name: string };
  await signOffPage(strapi, pageId, { editor: signer, layout: signer, proofreader: signer });
}, 180000);
afterAll(async () => {
  await session?.stop();
  if (process.env.KEEP_TEST_FILES === '1') console.log(`kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
});

const CM = () => `${session.base}/admin/content-manager/collection-types`;

describe('the 签字 panel after an edit', () => {
  it('shows the changed word since the last signature, and opens the signed version read-only', async () => {
    const step = journey(tmp);
    const context = await session.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await step(page, 'log in', () => session.logIn(page));

    await step(page, 'the signed page shows no changes', async () => {
      await page.goto(`${CM()}/api::page.page/${pageId}?plugins[i18n][locale]=zh-Hans`);
      await page.getByTestId('signoff-history').waitFor({ timeout: 60000 });
      expect(await page.getByTestId('signoff-changes').count()).toBe(0);
    });

    await step(page, 'one word of the article’s body is changed and saved', async () => {
      await page.goto(`${CM()}/api::article.article/${articleId}?plugins[i18n][locale]=zh-Hans`);
      await page.locator('.CodeMirror').waitFor({ timeout: 60000 });
      // As a keyboard edit would: replace 认真 in the editor, the form follows the editor's change event.
      await page.evaluate(() => {
        const cm = (document.querySelector('.CodeMirror') as any).CodeMirror;
        const at = cm.getValue().indexOf('认真');
        cm.replaceRange('深入', cm.posFromIndex(at), cm.posFromIndex(at + 2));
      });
      await page.getByRole('button', { name: /^(保存|Save)$/ }).click();
      await page
        .getByText(/已保存|Saved/)
        .first()
        .waitFor({ timeout: 30000 });
      const stored = (await session.t.strapi.documents('api::article.article').findOne({ documentId: articleId, locale: 'zh-Hans' })) as any;
      expect(stored.body).toBe(BODY.replace('认真', '深入'));
    });

    await step(page, 'the page’s 签字 panel shows the word deleted and the new one inserted', async () => {
      await page.goto(`${CM()}/api::page.page/${pageId}?plugins[i18n][locale]=zh-Hans`);
      const changes = page.getByTestId('signoff-changes');
      await changes.waitFor({ timeout: 60000 });
      expect(await changes.innerText()).toMatch(/自.+签字以来的改动/);
      expect(await changes.locator('li[data-field=body]').innerText()).toContain('正文');
      expect(await changes.locator('del').allInnerTexts()).toEqual(['认真']);
      expect(await changes.locator('ins').allInnerTexts()).toEqual(['深入']);
    });

    await step(page, 'the picker compares two signed versions, then goes back to the last signature', async () => {
      const choose = async (select: string, option: RegExp) => {
        await page.getByRole('combobox', { name: select }).click();
        await page.getByRole('option', { name: option }).click();
      };
      // The editor's version against the 审校's.
      await choose('从哪个签字版本', /编辑/);
      await choose('比到哪个版本', /审校/);
      const changes = page.getByTestId('signoff-changes');
      await changes.getByText(/签字版本比较：.+→/).waitFor({ timeout: 30000 });
      // The editor signed before the 版式 and the 审校 did: their credits are what differs, the text is the same.
      await changes.getByText(/审校署名：无 → /).waitFor({ timeout: 30000 });
      expect(await changes.innerText()).toMatch(/版式署名：无 → /);
      expect(await changes.locator('li[data-field=body]').count()).toBe(0);
      // The editor's version against the draft: the edited word again.
      await choose('比到哪个版本', /草稿/);
      await changes.locator('ins').first().waitFor({ timeout: 30000 });
      expect(await changes.locator('ins').allInnerTexts()).toEqual(['深入']);
      await page.getByRole('button', { name: '看自上次签字以来' }).click();
      await changes.getByText(/自.+签字以来的改动/).waitFor({ timeout: 30000 });
      expect(await page.getByRole('combobox', { name: '从哪个签字版本' }).innerText()).toContain('上次签字');
    });

    await step(page, 'the history opens the signed version read-only', async () => {
      await page
        .getByRole('button', { name: /查看.+签字的版本/ })
        .first()
        .click();
      const version = page.getByTestId('signed-version');
      await version.waitFor({ timeout: 30000 });
      const text = await version.innerText();
      expect(text).toContain(BODY);
      expect(text).toMatch(/指纹 \S+ 与所存版本一致/);
      expect(await version.locator('input, textarea, [contenteditable=true]').count()).toBe(0);
    });
    await context.close();
  }, 600000);
});
