import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import nunjucks from 'nunjucks';
import type { SiteView } from './view-model';
import { cssString } from './format';

/**
 * Data in, HTML out. nunjucks escapes every value by default; the only values
 * marked safe are markdown-it's output (raw HTML off) and CSS strings built by
 * cssString(), so no text from the database reaches a page unescaped.
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
env.addFilter('cssString', (text: string) => new nunjucks.runtime.SafeString(cssString(text)));

export type RenderOptions = { inlineCss?: boolean };

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

export function renderPrint(view: SiteView, options: RenderOptions = {}) {
  return render('print.njk', view, '', {}, options);
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
