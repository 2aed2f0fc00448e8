import type { Browser, Page } from 'playwright-core';
import { startStrapi, type TestStrapi } from './strapi';
import { launchChromium } from './browser';

/**
 * A real Strapi listening on loopback with a Super Admin from ADMIN_EMAIL /
 * ADMIN_PASSWORD, and Debian's Chromium to drive its admin panel (built by the
 * e2e global setup).
 */
export async function startAdminSession(email: string, password: string) {
  const t: TestStrapi = await startStrapi({ ADMIN_EMAIL: email, ADMIN_PASSWORD: password });
  await new Promise<void>((resolve) => t.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(t.strapi.server.httpServer.address() as any).port}`;
  const browser: Browser = await launchChromium();
  return {
    t,
    base,
    browser,
    /** Signs in on Strapi's own login page and waits for the home page. */
    async logIn(page: Page) {
      await page.goto(`${base}/admin/auth/login`);
      await page.locator('input[name=email]').fill(email);
      await page.locator('input[name=password]').fill(password);
      await page.locator('button[type=submit]').click();
      await page.waitForURL(/\/admin(\/)?$/, { timeout: 60000 });
    },
    async stop() {
      await browser.close();
      await t.stop();
    },
  };
}
