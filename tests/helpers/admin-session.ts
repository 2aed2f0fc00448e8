import type { Browser, Page } from 'playwright-core';
import { startStrapi, type TestStrapi } from './strapi';
import { launchChromium } from './browser';

/**
 * A real Strapi listening on loopback and Debian's Chromium to drive its admin
 * panel (built by the e2e global setup). With `email`/`password` a Super Admin
 * is created from ADMIN_EMAIL / ADMIN_PASSWORD; without, the database has no
 * admin yet and the first one registers on Strapi's own page.
 */
export async function startAdminSession(email?: string, password?: string) {
  const t: TestStrapi = await startStrapi(email && password ? { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } : {});
  await new Promise<void>((resolve) => t.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(t.strapi.server.httpServer.address() as any).port}`;
  const browser: Browser = await launchChromium();
  return {
    t,
    base,
    browser,
    /** Signs in on Strapi's own login page and waits for the home page. */
    async logIn(page: Page, as: { email: string; password: string } = { email: email!, password: password! }) {
      await page.goto(`${base}/admin/auth/login`);
      await page.locator('input[name=email]').fill(as.email);
      await page.locator('input[name=password]').fill(as.password);
      await page.locator('button[type=submit]').click();
      await page.waitForURL(/\/admin(\/)?$/, { timeout: 60000 });
    },
    async stop() {
      await browser.close();
      await t.stop();
    },
  };
}
