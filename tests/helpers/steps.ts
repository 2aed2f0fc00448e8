import fs from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';

/**
 * Browser journeys as named steps: each step ends with a screenshot in `dir`;
 * a failing step says which step failed and where its screenshot is.
 */
export function journey(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  return async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
    n += 1;
    const file = path.join(dir, `${String(n).padStart(2, '0')}-${name.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`);
    try {
      const result = await fn();
      await page.screenshot({ path: file }).catch(() => undefined);
      return result;
    } catch (error: any) {
      await page.screenshot({ path: file }).catch(() => undefined);
      const where = `step ${n} "${name}" failed (screenshot: ${file})`;
      error.message = `${where}: ${error.message}`;
      // jest prints the stack, which carries its own copy of the message.
      if (typeof error.stack === 'string') error.stack = `${where}\n${error.stack}`;
      throw error;
    }
  };
}
