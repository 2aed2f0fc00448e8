import { NewsroomError } from '../newsroom/messages';
import type { LineChoice, LineTarget, OcrArticle, OcrResult } from './parse';
import { LINE_TARGETS, WEAK_STARTS } from './parse-state';
import { authorNoteLine, printedAsField, sourceLine, suppliedByLine } from './end-lines';

/**
 * An editor's corrections of article boundaries before importing, made in the
 * admin's 导入 view where the parser was unsure:
 *  - merge: article `article` of page `page` (both 0-based) was a part of the one
 *    before it: its headline (with kicker and subtitle) becomes a subhead there, and
 *    its bylines, photos, body and end lines follow (an end line of the first that
 *    the second's replaces stays in the body, where it was printed);
 *  - split: a new article starts at paragraph `paragraph` of that article's body:
 *    that paragraph is its headline, the paragraphs after it its body, and the end
 *    lines printed under the article (来源, 供稿, 作者系) go with it.
 *  - line: a line the importer read as the page's (one of the page's `lineChoices`,
 *    by its line number in the file) goes `to` the page name, the theme, the 栏目 of
 *    the articles under it, or the body (one of that line's `options`). These are
 *    applied as the text is read (parse.ts, `moves`), before the splits and merges.
 * Text is only moved, never dropped: the no-loss check holds after edits too. A
 * boundary the editor drew is not weak; the others keep what their cue says.
 */
/** How many edits one import may bring by default (BANMIAN_IMPORT_MAX_EDITS: limits.ts); an editor makes a few dozen. */
export const DEFAULT_MAX_EDITS = 1000;

export type LineEdit = { op: 'line'; page: number; line: number; to: LineTarget };
/** An edit of what was read: an article's split or merge, or a page's line moved. */
export type ArticleEdit = { op: 'merge'; page: number; article: number } | { op: 'split'; page: number; article: number; paragraph: number } | LineEdit;

const paragraphs = (body: string) => (body ? body.split('\n\n') : []);
const unmark = (p: string) => p.replace(/^#{1,6}\s+/u, '');

function refuse(index: number, why: string): never {
  throw new NewsroomError('import.badEdit', { index, why });
}

/**
 * An article while edits are applied: its body as runs of paragraphs, each a view
 * of a list split from a body once, so that a split or a merge moves no paragraph
 * and the body is joined once, at the end (splitting the text at every edit was
 * quadratic: thousands of splits of a long page took most of a minute).
 */
type Run = { list: readonly string[]; from: number; to: number };
type Draft = Omit<OcrArticle, 'body'> & { paras: Run[] };

const run = (list: readonly string[]): Run[] => (list.length ? [{ list, from: 0, to: list.length }] : []);
/** Paragraph i of the runs, or undefined. */
function paraAt(runs: Run[], i: number): string | undefined {
  if (i < 0) return undefined;
  for (const r of runs) {
    if (i < r.to - r.from) return r.list[r.from + i];
    i -= r.to - r.from;
  }
  return undefined;
}
/** The runs before paragraph i, and after it. */
function cutAt(runs: Run[], i: number): [Run[], Run[]] {
  const before: Run[] = [];
  for (let k = 0; k < runs.length; k += 1) {
    const r = runs[k];
    if (i < r.to - r.from) {
      if (i > 0) before.push({ list: r.list, from: r.from, to: r.from + i });
      const rest = r.from + i + 1 < r.to ? [{ list: r.list, from: r.from + i + 1, to: r.to }] : [];
      return [before, [...rest, ...runs.slice(k + 1)]];
    }
    before.push(r);
    i -= r.to - r.from;
  }
  return [before, []];
}
const bodyOf = (runs: Run[]) => runs.flatMap((r) => r.list.slice(r.from, r.to)).join('\n\n');

/** Back to the result's shape, its fields in their usual order. */
const toArticle = ({ paras, ...a }: Draft): OcrArticle => ({
  column: a.column,
  kicker: a.kicker,
  headline: a.headline,
  subtitle: a.subtitle,
  bylines: a.bylines,
  body: bodyOf(paras),
  photos: a.photos,
  source: a.source,
  suppliedBy: a.suppliedBy,
  authorNote: a.authorNote,
  ...printedAsField(a.printedAs),
  boundary: a.boundary,
});

/** `keepColumn`: false when the article's 栏目 is a label printed once over it and others, which still carry it. */
function merge(into: Draft, a: Draft, keepColumn: boolean): Draft {
  const heads = [keepColumn ? a.column : null, a.kicker, a.headline, a.subtitle ? `——${a.subtitle}` : null]
    .filter((x): x is string => !!x)
    .map((t) => `### ${t}`);
  // An end line of the first part that the second part's replaces stays where it was printed, in the body.
  const ends = [a.source ? sourceLine(into) : null, a.suppliedBy ? suppliedByLine(into) : null, a.authorNote ? authorNoteLine(into) : null].filter(
    (x): x is string => !!x,
  );
  return {
    ...into,
    bylines: [...into.bylines, ...a.bylines],
    paras: [...into.paras, ...run(ends), ...run(heads), ...a.paras],
    photos: [...into.photos, ...a.photos],
    source: a.source ?? into.source,
    suppliedBy: a.suppliedBy ?? into.suppliedBy,
    authorNote: a.authorNote ?? into.authorNote,
    printedAs: {
      source: (a.source ? a.printedAs?.source : into.printedAs?.source) ?? undefined,
      authorNote: (a.authorNote ? a.printedAs?.authorNote : into.printedAs?.authorNote) ?? undefined,
    },
    boundary: { ...into.boundary, end: a.boundary.end, weak: WEAK_STARTS.includes(into.boundary.start) },
  };
}

function split(a: Draft, at: number): [Draft, Draft] {
  const [before, after] = cutAt(a.paras, at);
  const first: Draft = {
    ...a,
    paras: before,
    source: null,
    suppliedBy: null,
    authorNote: null,
    printedAs: undefined,
    boundary: { ...a.boundary, end: 'editor-split', weak: WEAK_STARTS.includes(a.boundary.start) },
  };
  const second: Draft = {
    column: null,
    kicker: null,
    headline: unmark(paraAt(a.paras, at)!),
    subtitle: null,
    bylines: [],
    paras: after,
    photos: [],
    source: a.source,
    suppliedBy: a.suppliedBy,
    authorNote: a.authorNote,
    printedAs: a.printedAs,
    boundary: { start: 'editor-split', end: a.boundary.end, weak: false },
  };
  return [first, second];
}

const isLineEdit = (edit: unknown): edit is LineEdit => (edit as { op?: unknown })?.op === 'line';

/**
 * The line edits' moves (line number → target), for the parse to apply (parse.ts);
 * a move that names no line or no place is refused here (import.badLineEdit), one
 * that is not a line's choice once the text is read, in applyEdits.
 */
export function lineMoves(edits: ArticleEdit[]): Map<number, LineTarget> {
  const moves = new Map<number, LineTarget>();
  edits.forEach((edit, index) => {
    if (!isLineEdit(edit)) return;
    if (!Number.isInteger(edit.page) || !Number.isInteger(edit.line) || edit.line < 1)
      throw new NewsroomError('import.badLineEdit', { index, page: edit.page, line: edit.line, problem: 'noLine', to: String(edit.to) });
    if (!LINE_TARGETS.includes(edit.to))
      throw new NewsroomError('import.badLineEdit', { index, page: edit.page, line: edit.line, problem: 'badTarget', to: String(edit.to) });
    moves.set(edit.line, edit.to);
  });
  return moves;
}

/** Where article k's index goes once article `at` is merged into the one before it (by = -1) or split in two (by = +1). */
const shift = (k: number, at: number, by: -1 | 1) => (by === -1 ? (k >= at ? k - 1 : k) : k > at ? k + 1 : k);

/** The page's lines that went to a 栏目 still name the articles that carry it, after a split or merge. */
function renumber(choices: LineChoice[], at: number, by: -1 | 1, articles: Draft[]) {
  for (const l of choices) {
    if (!l.articles) continue;
    l.articles = [...new Set(l.articles.map((k) => shift(k, at, by)))].filter((k) => articles[k]?.column === l.text);
  }
}

/** The result with the edits applied in order; an edit naming no article or paragraph is refused (import.badEdit), a line edit naming no line of the page's choices or none of its places, import.badLineEdit. */
export function applyEdits(result: OcrResult, edits: ArticleEdit[]): OcrResult {
  if (!edits.length) return result;
  const pages = result.pages.map((p) => ({
    ...p,
    articles: p.articles.map(({ body, ...a }): Draft => ({ ...a, paras: run(paragraphs(body)) })),
    lineChoices: p.lineChoices.map((l) => ({ ...l, ...(l.articles ? { articles: [...l.articles] } : {}) })),
  }));
  edits.forEach((edit, index) => {
    if (isLineEdit(edit)) {
      // Already applied while the text was read (lineMoves): here it is checked against what was read.
      const choice = pages[edit.page]?.lineChoices.find((l) => l.line === edit.line);
      if (!choice) throw new NewsroomError('import.badLineEdit', { index, page: edit.page, line: edit.line, problem: 'noLine', to: edit.to });
      if (!choice.options.includes(edit.to))
        throw new NewsroomError('import.badLineEdit', { index, page: edit.page, line: edit.line, problem: 'badTarget', to: edit.to, options: choice.options });
      return;
    }
    const page = pages[edit?.page];
    const list = page?.articles;
    const a = list?.[edit?.article];
    if (!a || !Number.isInteger(edit.article)) refuse(index, `no article ${edit?.article} on page ${edit?.page}`);
    if (edit.op === 'merge') {
      if (edit.article < 1) refuse(index, 'the first article of a page has nothing before it to merge into');
      const series = page.lineChoices.find((l) => l.placedAs === 'column' && l.articles?.includes(edit.article));
      list.splice(edit.article - 1, 2, merge(list[edit.article - 1], a, !series || series.articles!.length === 1));
      renumber(page.lineChoices, edit.article, -1, list);
    } else if (edit.op === 'split') {
      if (!Number.isInteger(edit.paragraph) || !paraAt(a.paras, edit.paragraph)) refuse(index, `article ${edit.article} has no paragraph ${edit.paragraph}`);
      list.splice(edit.article, 1, ...split(a, edit.paragraph));
      renumber(page.lineChoices, edit.article, 1, list);
    } else {
      refuse(index, `unknown edit "${(edit as { op?: unknown })?.op}" (merge, split or line)`);
    }
  });
  return { ...result, pages: pages.map((p) => ({ ...p, articles: p.articles.map(toArticle) })) };
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
