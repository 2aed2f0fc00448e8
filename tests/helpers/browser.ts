import type { Browser } from 'playwright-core';
import { launchChromium as launch } from '../../src/broadsheet/copyfit';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Debian's Chromium, headless, launched as the exporter's copyfit launches it. */
export function launchChromium(): Promise<Browser> {
  return launch(CHROMIUM);
}
