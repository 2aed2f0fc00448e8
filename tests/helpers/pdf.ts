import { execFileSync } from 'child_process';
import type { Browser } from 'playwright-core';

/** Printing in Chromium and reading the PDF back with poppler (pdfinfo, pdftotext), for the print tests. */

/** Each sheet's size in points. */
export function pdfPages(pdf: string) {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

/** The text of the PDF (or of one sheet), -raw: in drawing order, so an article's lines stay together however its columns sit beside others. */
export const pdfText = (pdf: string, page?: number) =>
  execFileSync('pdftotext', ['-raw', ...(page ? ['-f', String(page), '-l', String(page)] : []), '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });

/** Prints an HTML file as Chromium does for a user who keeps the page's own size and backgrounds. */
export async function printToPdf(browser: Browser, html: string, pdf: string) {
  const page = await browser.newPage();
  await page.goto(`file://${html}`, { waitUntil: 'load' });
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await page.close();
  return pdf;
}
