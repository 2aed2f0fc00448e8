import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import type { BrowserContext, Page } from 'playwright-core';
import { APP_DIR } from '../helpers/strapi';
import { startAdminSession } from '../helpers/admin-session';
import { journey } from '../helpers/steps';

/**
 * The newsroom's day in the real admin panel, on a fresh database: the first
 * admin registers on Strapi's own page and invites 编辑/版式/审校; the editor
 * builds an article (byline, uploaded photo, caption, credit), an issue and a
 * page; publishing is refused until layout and proofreader have signed; the
 * Super Admin publishes; the article is public; preview and export work.
 * Screenshots of every step go to a folder printed at the end.
 */

const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-journey-'));
const CHIEF = { email: 'chief@paper.example', password: 'Chief-journey-1', firstname: '总编' };
const PEOPLE = {
  editor: { email: 'wangfang@paper.example', password: 'Editor-journey-1', firstname: '芳', lastname: '王', role: '编辑' },
  layout: { email: 'renbaohong@paper.example', password: 'Layout-journey-1', firstname: '宝红', lastname: '任', role: '版式' },
  proofreader: { email: 'liujun@paper.example', password: 'Proof-journey-1', firstname: '军', lastname: '刘', role: '审校' },
};
const PHOTO = path.join(APP_DIR, 'tests', 'fixtures', 'images', 'journey-photo.jpg');
const HEADLINE = '党建引领 做强“福禄”产业链';

let session: Awaited<ReturnType<typeof startAdminSession>>;
const CM = () => `${session.base}/admin/content-manager/collection-types`;

beforeAll(async () => {
  session = await startAdminSession();
}, 180000);
afterAll(async () => {
  await session?.stop();
  console.log(`journey screenshots: ${SHOTS}`);
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await session.browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 1100 } });
  return { context, page: await context.newPage() };
}

/** Saves the edit form and waits for Strapi's confirmation. */
async function save(page: Page) {
  await page.getByRole('button', { name: /^(保存|Save)$/ }).click();
  await page
    .getByText(/已保存|Saved/)
    .first()
    .waitFor({ timeout: 30000 });
}

async function waitUntil(check: () => Promise<boolean>, timeout = 30000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Strapi's guided tour and "what's new" pop-ups get in the way of a script. */
async function dismissPopups(page: Page) {
  for (const name of [/Skip|跳过/, /Close|关闭/]) {
    const b = page.getByRole('button', { name }).first();
    if (await b.isVisible().catch(() => false)) await b.click().catch(() => undefined);
  }
}

describe("an editor's day", () => {
  it('registers, composes, signs off, publishes, previews and exports an issue', async () => {
    const step = journey(SHOTS);
    const chief = await newPage();
    const p = chief.page;

    await step(p, 'register the first admin on Strapi’s page', async () => {
      await p.goto(`${session.base}/admin`);
      await p.waitForURL(/register-admin/, { timeout: 60000 });
      expect(await p.locator('html').getAttribute('lang')).toMatch(/^zh/);
      await p.locator('input[name=firstname]').fill(CHIEF.firstname);
      await p.locator('input[name=email]').fill(CHIEF.email);
      await p.locator('input[name=password]').fill(CHIEF.password);
      await p.locator('input[name=confirmPassword]').fill(CHIEF.password);
      await p.locator('button[type=submit]').click();
      await p.waitForURL(/\/admin(\/)?$/, { timeout: 60000 });
      await dismissPopups(p);
    });

    await step(p, 'chief creates the paper', async () => {
      await p.goto(`${CM()}/api::publication.publication/create`);
      await p.locator('input[name=name]').fill('昌吉日报');
      await save(p);
    });

    const links: Record<string, string> = {};
    for (const [key, person] of Object.entries(PEOPLE)) {
      await step(p, `invite ${person.role} ${person.lastname}${person.firstname}`, async () => {
        await p.goto(`${session.base}/admin/settings/users?pageSize=10&page=1&sort=firstname`);
        await p.getByRole('button', { name: '邀请新用户' }).first().click();
        const dialog = p.getByRole('dialog');
        await dialog.locator('input[name=firstname]').fill(person.firstname);
        await dialog.locator('input[name=lastname]').fill(person.lastname);
        await dialog.locator('input[name=email]').fill(person.email);
        await dialog.getByRole('combobox', { name: '用户的角色' }).click();
        await p.getByRole('option', { name: person.role, exact: true }).click();
        await p.keyboard.press('Escape');
        await dialog.getByRole('button', { name: '邀请用户' }).click();
        await dialog.getByText(/registrationToken=/).waitFor({ timeout: 30000 });
        // The panel shows the link cut short and copies it to the clipboard; the
        // same link, as the invitee receives it, comes from the user's row.
        const shown = (await dialog.getByText(/registrationToken=/).textContent())!.replace(/…|\.\.\.$/, '');
        const user = await session.t.strapi.db.query('admin::user').findOne({ where: { email: person.email } });
        links[key] = `${session.base}/admin/auth/register?registrationToken=${user.registrationToken}`;
        expect(links[key].startsWith(shown)).toBe(true);
        await dialog.getByRole('button', { name: '完成' }).click();
      });
    }

    const people: Record<string, { context: BrowserContext; page: Page }> = {};
    for (const [key, person] of Object.entries(PEOPLE)) {
      people[key] = await newPage();
      const q = people[key].page;
      await step(q, `${person.role} sets a password from the invitation`, async () => {
        await q.goto(links[key]);
        await q.locator('input[name=password]').fill(person.password);
        await q.locator('input[name=confirmPassword]').fill(person.password);
        await q.locator('button[type=submit]').click();
        await q.waitForURL(/\/admin(\/)?$/, { timeout: 60000 });
        await dismissPopups(q);
      });
    }
    const ed = people.editor.page;
    const zh = '?plugins[i18n][locale]=zh-Hans';
    await step(ed, 'editor creates a column', async () => {
      await ed.goto(`${CM()}/api::column.column/create${zh}`);
      await ed.locator('input[name=name]').fill('党建引领');
      await save(ed);
    });
    await step(ed, 'editor creates a contributor', async () => {
      await ed.goto(`${CM()}/api::contributor.contributor/create`);
      await ed.locator('input[name=name]').fill('胡伟杰');
      await save(ed);
    });
    /** Picks `text` in a relation combobox (Strapi loads the options as one types). */
    async function pickRelation(page: Page, name: string, text: string) {
      const box = page.locator(`input[name="${name}"]`);
      await box.click();
      await box.fill(text);
      await page
        .getByRole('option', { name: new RegExp(text) })
        .first()
        .click();
    }

    await step(ed, 'editor writes an article with a byline', async () => {
      await ed.goto(`${CM()}/api::article.article/create${zh}`);
      await ed.locator('input[name=kicker]').fill('呼图壁县');
      await ed.locator('input[name=headline]').fill(HEADLINE);
      await pickRelation(ed, 'column', '党建引领');
      await ed.locator('.CodeMirror').first().click();
      await ed.keyboard.type('今年以来，呼图壁县坚持党建引领产业发展。');
      await ed.getByRole('button', { name: '还没有条目，点击添加。' }).first().click();
      await ed.locator('input[name="bylines.0.role"]').fill('本报通讯员');
      await pickRelation(ed, 'bylines.0.contributors', '胡伟杰');
      await save(ed);
    });

    await step(ed, 'editor uploads a photo with its caption and credit', async () => {
      await ed.getByRole('button', { name: '还没有条目，点击添加。' }).first().click();
      await ed.getByRole('button', { name: '点击添加素材，或拖放一个素材到当前区域' }).click();
      const dialog = ed.getByRole('dialog');
      await dialog.getByRole('button', { name: '添加更多的素材' }).click();
      await dialog.locator('input[type=file]').setInputFiles(PHOTO);
      await dialog.getByRole('button', { name: '上传 1 个素材到媒体库' }).click();
      await dialog.getByRole('button', { name: '完成' }).click();
      await ed.locator('textarea[name="photos.0.caption"]').fill('呼图壁县福禄产业园里，党员技术员指导村民管护葫芦。');
      await pickRelation(ed, 'photos.0.credit', '胡伟杰');
      await ed.locator('input[name="photos.0.creditRole"]').fill('本报通讯员');
      await ed.locator('[name="photos.0.creditKind"]').click();
      await ed.getByRole('option', { name: '摄', exact: true }).click();
      await save(ed);
      const article: any = await session.t.strapi.documents('api::article.article').findFirst({
        filters: { headline: HEADLINE },
        locale: 'zh-Hans',
        status: 'draft',
        populate: { column: true, bylines: { populate: ['contributors'] }, photos: { populate: ['image', 'credit'] } } as any,
      });
      expect(article.column.name).toBe('党建引领');
      expect(article.bylines[0]).toMatchObject({ role: '本报通讯员', contributors: [{ name: '胡伟杰' }] });
      expect(article.photos[0]).toMatchObject({ creditKind: '摄', creditRole: '本报通讯员', credit: { name: '胡伟杰' }, image: { name: 'journey-photo.jpg' } });
      expect(article.body).toContain('坚持党建引领产业发展');
    });

    await step(ed, 'editor creates the issue', async () => {
      await ed.goto(`${CM()}/api::issue.issue/create${zh}`);
      await ed.locator('input[name=number]').fill('12');
      await ed.locator('input[name=title]').fill('第12期');
      const date = ed.locator('input[name=date]');
      await date.fill('2024/7/5');
      await date.press('Tab');
      expect(await date.inputValue()).toBe('2024/07/05');
      await pickRelation(ed, 'publication', '昌吉日报');
      await save(ed);
      const issue: any = await session.t.strapi.documents('api::issue.issue').findFirst({ locale: 'zh-Hans', status: 'draft' });
      expect(issue).toMatchObject({ number: 12, date: '2024-07-05' });
    });

    await step(ed, 'editor creates page 1 with the article placed on it', async () => {
      await ed.goto(`${CM()}/api::page.page/create${zh}`);
      await ed.locator('input[name=number]').fill('1');
      await ed.locator('input[name=name]').fill('要闻');
      await ed.locator('input[name=theme]').fill('奋进新征程 建功新时代');
      await pickRelation(ed, 'issue', '第12期');
      // The credits stay empty: signatures fill them.
      await ed.getByRole('button', { name: '还没有条目，点击添加。' }).last().click();
      await pickRelation(ed, 'placements.0.article', '福禄');
      await ed.locator('input[name="placements.0.span"]').fill('4');
      await save(ed);
      await ed.getByRole('button', { name: '编辑签字' }).waitFor({ timeout: 30000 });
    });

    await step(ed, 'editor signs the page (编辑签字)', async () => {
      await ed.evaluate(() => ((window as any).__sameDocument = true));
      await ed.getByRole('button', { name: '编辑签字' }).click();
      await ed.getByTestId('credits-line').filter({ hasText: '□编辑/王芳' }).waitFor({ timeout: 30000 });
      expect(await ed.locator('[data-stage]').first().getAttribute('data-stage')).toBe('edited');
      expect(await ed.getByRole('button', { name: '版式签字' }).count()).toBe(0); // not the editor's role
      // No reload: the form took the signature from the server, so saving it again keeps the credit.
      expect(await ed.evaluate(() => (window as any).__sameDocument)).toBe(true);
      await ed.locator('input[name="name"]').fill('党建（改）');
      await save(ed);
      const signed = await session.t.strapi.db
        .query('api::page.page')
        .findOne({ where: { number: 1, publishedAt: null }, populate: { credits: { populate: { editor: { select: ['name'] } } } } });
      expect([signed.name, signed.stage, signed.credits?.editor?.name]).toEqual(['党建（改）', 'edited', '王芳']);
    });

    const issueRow: any = await session.t.strapi.db.query('api::issue.issue').findOne({ where: { number: 12 } });
    const pageRow: any = await session.t.strapi.db.query('api::page.page').findOne({ where: { number: 1 } });
    const issueUrl = `${CM()}/api::issue.issue/${issueRow.documentId}${zh}`;
    const pageUrl = `${CM()}/api::page.page/${pageRow.documentId}${zh}`;

    await step(p, 'chief tries to publish and is refused', async () => {
      await p.goto(issueUrl);
      await p.getByTestId('issue-pages').getByText('第12期不能发布').waitFor({ timeout: 30000 });
      await p.getByRole('button', { name: '发布', exact: true }).click();
      await p.getByText('第12期不能发布：第1版（已编辑）缺版式、审校签字', { exact: false }).last().waitFor({ timeout: 30000 });
      expect(await p.getByText('[object Object]').count()).toBe(0);
      expect(await session.t.strapi.db.query('api::issue.issue').count({ where: { number: 12, publishedAt: { $notNull: true } } })).toBe(0);
    });

    for (const key of ['layout', 'proofreader'] as const) {
      const q = people[key].page;
      const button = key === 'layout' ? '版式签字' : '审校签字';
      await step(q, `${PEOPLE[key].role} signs (${button})`, async () => {
        await q.goto(pageUrl);
        await q.getByRole('button', { name: button }).click();
        await q
          .getByTestId('credits-line')
          .filter({ hasText: `□${PEOPLE[key].role}/${PEOPLE[key].lastname}${PEOPLE[key].firstname}` })
          .waitFor({ timeout: 30000 });
      });
    }

    await step(p, 'chief publishes the signed-off issue', async () => {
      await p.goto(issueUrl);
      await p.getByTestId('issue-pages').getByText('各版均已审校，可以发布').waitFor({ timeout: 30000 });
      expect(await p.getByTestId('issue-pages').textContent()).toContain('□编辑/王芳 □版式/任宝红 □审校/刘军');
      await p.getByRole('button', { name: '发布', exact: true }).click();
      await waitUntil(
        async () => (await session.t.strapi.db.query('api::issue.issue').count({ where: { number: 12, publishedAt: { $notNull: true } } })) === 1,
      );
      // The placed article went out with the issue.
      expect(await session.t.strapi.db.query('api::article.article').count({ where: { headline: HEADLINE, publishedAt: { $notNull: true } } })).toBe(1);
    });

    await step(p, 'anyone reads the article through the REST API', async () => {
      const res = await request(session.base).get('/api/articles').query({ 'filters[headline][$eq]': HEADLINE, populate: 'photos' });
      expect(res.status).toBe(200);
      expect(res.body.data).toHaveLength(1);
      expect(res.body.data[0].photos[0].caption).toContain('党员技术员');
      const tree = await request(session.base).get(`/api/issues/${issueRow.documentId}/tree`);
      expect(tree.body.data.pages[0].credits).toEqual({ editor: { name: '王芳' }, layout: { name: '任宝红' }, proofreader: { name: '刘军' } });
    });

    await step(p, 'chief opens the preview', async () => {
      await p.goto(issueUrl);
      const [popup] = await Promise.all([chief.context.waitForEvent('page'), p.getByRole('button', { name: '预览', exact: true }).click()]);
      await popup.waitForURL(/^blob:/, { timeout: 30000 });
      await popup.waitForSelector('h2.headline');
      expect((await popup.locator('h2.headline').allTextContents()).map((h) => h.trim())).toContain(HEADLINE);
      expect(await popup.locator('body').textContent()).toContain('□本报通讯员 胡伟杰摄');
      await popup.screenshot({ path: path.join(SHOTS, 'preview-window.png'), fullPage: true });
      await popup.close();
    });

    await step(p, 'chief downloads the export', async () => {
      const [download] = await Promise.all([p.waitForEvent('download', { timeout: 60000 }), p.getByRole('button', { name: '导出已发布版' }).click()]);
      expect(download.suggestedFilename()).toBe('banmian-第12期-已发布.zip');
      const zip = fs.readFileSync((await download.path())!);
      expect(zip.subarray(0, 2).toString()).toBe('PK');
      expect(zip.includes(Buffer.from('print.html'))).toBe(true);
      expect(zip.includes(Buffer.from('.webp'))).toBe(true);
    });
  });
});
