import type { IssueTree } from '../newsroom/issue-tree';
import { NewsroomError } from '../newsroom/messages';
import { siteView, type ImageIndex } from './view-model';
import { renderArticle, renderIndex, renderPage, renderPrint, stylesheet } from './render';

export type SiteFiles = Map<string, string | Buffer>;

/** Nothing to print: a coded refusal (messages.ts `export.empty`). */
export class EmptyIssueError extends NewsroomError<'export.empty'> {}

/** Every file of the static site, by path relative to its root. Pure: same tree, same bytes. */
export type SiteOptions = {
  /** print.html as A3 proofs (each 版 scaled onto one A3 sheet) instead of sheets at the format's true size. */
  proof?: 'a3' | null;
};

export function buildSiteFiles(tree: IssueTree, images: ImageIndex, imageFiles: Map<string, Buffer> = new Map(), options: SiteOptions = {}): SiteFiles {
  const placed = tree.pages.reduce((n, p) => n + p.placements.length, 0);
  if (tree.pages.length === 0 || placed === 0) {
    throw new EmptyIssueError('export.empty', { issue: tree.number, pages: tree.pages.length });
  }
  const view = siteView(tree, images);
  const files: SiteFiles = new Map();
  files.set('index.html', renderIndex(view));
  files.set('print.html', renderPrint(view, { proof: options.proof ?? null }));
  files.set('assets/broadsheet.css', stylesheet());
  for (const page of view.pages) {
    files.set(page.href, renderPage(view, page.number));
    for (const placement of page.placements) {
      // An article placed twice gets one reading page, from its first placement.
      if (!files.has(placement.article.href)) files.set(placement.article.href, renderArticle(view, page, placement));
    }
  }
  for (const [p, data] of imageFiles) files.set(p, data);
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
