import { NewsroomError } from '../newsroom/messages';
import type { OcrArticle, OcrResult } from './parse';
import { WEAK_STARTS } from './parse-state';

/**
 * An editor's corrections of article boundaries before importing, made in the
 * admin's 导入 view where the parser was unsure:
 *  - merge: article `article` of page `page` (both 0-based) was a part of the one
 *    before it: its headline (with kicker and subtitle) becomes a subhead there, and
 *    its bylines, photos, body and end lines follow;
 *  - split: a new article starts at paragraph `paragraph` of that article's body:
 *    that paragraph is its headline, the paragraphs after it its body, and the end
 *    lines printed under the article (来源, 供稿, 作者系) go with it.
 * Text is only moved, never dropped: the no-loss check holds after edits too. A
 * boundary the editor drew is not weak; the others keep what their cue says.
 */
export type ArticleEdit = { op: 'merge'; page: number; article: number } | { op: 'split'; page: number; article: number; paragraph: number };

const paragraphs = (body: string) => (body ? body.split('\n\n') : []);
const unmark = (p: string) => p.replace(/^#{1,6}\s+/u, '');

function refuse(index: number, why: string): never {
  throw new NewsroomError('import.badEdit', { index, why });
}

function merge(into: OcrArticle, a: OcrArticle): OcrArticle {
  const heads = [a.column, a.kicker, a.headline, a.subtitle ? `——${a.subtitle}` : null].filter((x): x is string => !!x).map((t) => `### ${t}`);
  return {
    ...into,
    bylines: [...into.bylines, ...a.bylines],
    body: [...paragraphs(into.body), ...heads, ...paragraphs(a.body)].join('\n\n'),
    photos: [...into.photos, ...a.photos],
    source: a.source ?? into.source,
    suppliedBy: a.suppliedBy ?? into.suppliedBy,
    authorNote: a.authorNote ?? into.authorNote,
    boundary: { ...into.boundary, end: a.boundary.end, weak: WEAK_STARTS.includes(into.boundary.start) },
  };
}

function split(a: OcrArticle, at: number): [OcrArticle, OcrArticle] {
  const paras = paragraphs(a.body);
  const first: OcrArticle = {
    ...a,
    body: paras.slice(0, at).join('\n\n'),
    source: null,
    suppliedBy: null,
    authorNote: null,
    boundary: { ...a.boundary, end: 'editor-split', weak: WEAK_STARTS.includes(a.boundary.start) },
  };
  const second: OcrArticle = {
    column: null,
    kicker: null,
    headline: unmark(paras[at]),
    subtitle: null,
    bylines: [],
    body: paras.slice(at + 1).join('\n\n'),
    photos: [],
    source: a.source,
    suppliedBy: a.suppliedBy,
    authorNote: a.authorNote,
    boundary: { start: 'editor-split', end: a.boundary.end, weak: false },
  };
  return [first, second];
}

/** The result with the edits applied in order; an edit naming no article or paragraph is refused (import.badEdit). */
export function applyEdits(result: OcrResult, edits: ArticleEdit[]): OcrResult {
  const pages = result.pages.map((p) => ({ ...p, articles: [...p.articles] }));
  edits.forEach((edit, index) => {
    const page = pages[edit?.page];
    const list = page?.articles;
    const a = list?.[edit?.article];
    if (!a || !Number.isInteger(edit.article)) refuse(index, `no article ${edit?.article} on page ${edit?.page}`);
    if (edit.op === 'merge') {
      if (edit.article < 1) refuse(index, 'the first article of a page has nothing before it to merge into');
      list.splice(edit.article - 1, 2, merge(list[edit.article - 1], a));
    } else if (edit.op === 'split') {
      if (!Number.isInteger(edit.paragraph) || !paragraphs(a.body)[edit.paragraph]) refuse(index, `article ${edit.article} has no paragraph ${edit.paragraph}`);
      list.splice(edit.article, 1, ...split(a, edit.paragraph));
    } else {
      refuse(index, `unknown edit "${(edit as { op?: unknown })?.op}" (merge or split)`);
    }
  });
  return { ...result, pages };
}

/** The `edits` form field: a JSON list of edits, or nothing. */
export function readEdits(field: unknown): ArticleEdit[] {
  if (field === undefined || field === null || field === '') return [];
  let edits: unknown;
  try {
    edits = typeof field === 'string' ? JSON.parse(field) : field;
  } catch {
    refuse(0, 'edits is not JSON');
  }
  if (!Array.isArray(edits)) refuse(0, 'edits must be a list');
  return edits as ArticleEdit[];
}
