import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import nunjucks from 'nunjucks';
import type { SiteView } from './view-model';

/**
 * Data in, HTML out. nunjucks escapes every value by default; the only value
 * marked safe is markdown-it's output (raw HTML off), so no text from the
 * database reaches a page unescaped. Style attributes and the @page size carry
 * numbers the view model computed, never stored text.
 */

// This module always runs compiled, from dist/src/broadsheet/ (Strapi, the scripts and
// the tests all load that build); the templates and the stylesheet are not code, so
// they stay in src/ (the TypeScript compiler copies only code).
const SOURCE_DIR = path.resolve(__dirname, '..', '..', '..', 'src', 'broadsheet');
export const TEMPLATES_DIR = path.join(SOURCE_DIR, 'templates');
export const ASSETS_DIR = path.join(SOURCE_DIR, 'assets');

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES_DIR, { noCache: false }), {
  autoescape: true,
  throwOnUndefined: false,
  trimBlocks: true,
  lstripBlocks: true,
});
// Site paths are relative to the root; preview images are absolute URLs and stay as they are.
env.addFilter('rel', (p: string, root: string) => (/^(https?:)?\/\//.test(p) || p.startsWith('/') ? p : `${root}${p}`));

export type RenderOptions = { inlineCss?: boolean };
export type PrintOptions = RenderOptions & {
  /** Each 版 scaled onto one A3 sheet (大样) instead of printed at its true size. */
  proof?: 'a3' | null;
  /** Load the copyfit script (assets/copyfit.js) from this URL and mark overset blocks on the sheets (the admin 预览). */
  copyfitScript?: string | null;
  /** Only these 版 (the admin's 预览 of one page). */
  pages?: number[];
};

/** The broadsheet's stylesheet: written as assets/broadsheet.css, inlined in previews. */
export function stylesheet() {
  return fs.readFileSync(path.join(ASSETS_DIR, 'broadsheet.css'), 'utf8');
}

function render(template: string, view: SiteView, root: string, extra: Record<string, unknown>, options: RenderOptions) {
  return env.render(template, { ...view, ...extra, root, inlineCss: options.inlineCss ? new nunjucks.runtime.SafeString(stylesheet()) : null });
}

export function renderIndex(view: SiteView, options: RenderOptions = {}) {
  return render('index.njk', view, '', {}, options);
}

export function renderPage(view: SiteView, pageNumber: number, options: RenderOptions = {}) {
  const page = view.pages.find((p) => p.number === pageNumber);
  if (!page) throw new PageNotFoundError(`page ${pageNumber} is not in this issue`);
  const i = view.pages.indexOf(page);
  return render('page.njk', view, '../', { page, prev: view.pages[i - 1] ?? null, next: view.pages[i + 1] ?? null }, options);
}

export function renderArticle(
  view: SiteView,
  page: SiteView['pages'][number],
  placement: SiteView['pages'][number]['placements'][number],
  options: RenderOptions = {},
) {
  return render('article.njk', view, '../', { page, article: placement.article }, options);
}

export function renderPrint(view: SiteView, options: PrintOptions = {}) {
  const pages = options.pages ? view.pages.filter((p) => options.pages!.includes(p.number)) : view.pages;
  if (options.pages && pages.length === 0) throw new PageNotFoundError(`page ${options.pages.join(', ')} is not in this issue`);
  return render(
    'print.njk',
    { ...view, pages },
    '',
    { proof: options.proof ?? null, copyfitScript: options.copyfitScript ?? null, marks: Boolean(options.copyfitScript) },
    options,
  );
}

/** The copyfit measurement that runs in the browser (see assets/copyfit.js). */
export function copyfitScript() {
  return fs.readFileSync(path.join(ASSETS_DIR, 'copyfit.js'), 'utf8');
}

let fingerprint: string | null = null;
/** Changes whenever a template or the stylesheet changes, so exports made with older templates are redone. */
export function rendererFingerprint() {
  if (!fingerprint) {
    const hash = crypto.createHash('sha256');
    for (const dir of [TEMPLATES_DIR, ASSETS_DIR]) {
      for (const name of fs.readdirSync(dir).sort()) hash.update(name).update(fs.readFileSync(path.join(dir, name)));
    }
    fingerprint = hash.digest('hex');
  }
  return fingerprint;
}

/** Asked for a page number the issue does not have: the caller's mistake, not a render failure. */
export class PageNotFoundError extends Error {}
