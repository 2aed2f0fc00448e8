import { normaliseName } from '../newsroom/names';
import { normalisePunctuation } from './punctuation';
import type { Byline, Credits } from './conventions';
import { dropDoubledWords, dropRepeatedPassages, dropStrayWords, joinColumnBreaks, type Removal } from './cleanup';
import {
  ParseState,
  WEAK_STARTS,
  type DraftArticle,
  type DraftPage,
  type EndCue,
  type LineChoice,
  type LineTarget,
  type OcrPhoto,
  type OcrWarning,
  type StartCue,
} from './parse-state';
import { RULES } from './rules';
import { printedAsField, type PrintedAs } from './end-lines';

/**
 * OCR page text → structured pages and articles, in three stages as in
 * markdown-it: lines (punctuation normalised, blank gaps counted; parse-state.ts),
 * a table of named rules, one per printed convention, tried on each line in turn
 * (rules.ts), and body rules that clean OCR noise (cleanup.ts). Nothing is
 * dropped without a warning naming its line and rule.
 */

export type { OcrPhoto, OcrWarning, StartCue, EndCue, LineChoice, LineTarget };

/**
 * The rules that found where an article starts and ends. `weak`: the start (or
 * the start of the article after it, which is its end) was found by a cue that
 * body lines can give too, so an editor should look at this boundary first.
 */
export type Boundary = { start: StartCue; end: EndCue; weak: boolean };

export type OcrArticle = {
  column: string | null;
  kicker: string | null;
  headline: string;
  subtitle: string | null;
  bylines: Byline[];
  body: string;
  photos: OcrPhoto[];
  source: string | null;
  suppliedBy: string | null;
  authorNote: string | null;
  /**
   * Only for an article printed in two halves on pages of this file (`（下转第三版）` … `（上接第一版）`):
   * the other half, by its page and article (0-based in `pages`). The import writes both halves as
   * they are (no field links them; the notes stay in the bodies); the editor merges them if wished.
   */
  continues?: { page: number; article: number };
  continuedFrom?: { page: number; article: number };
  /** Only when an end line was printed in other words than the usual (end-lines.ts): the line as printed. */
  printedAs?: PrintedAs;
  boundary: Boundary;
};
/** `theme`: the theme band (主题); `lineChoices`: the lines read as the page's, where they went (parse-state.ts, LineChoice). */
export type OcrPage = {
  number: number | null;
  name: string | null;
  theme: string | null;
  credits: Credits | null;
  articles: OcrArticle[];
  lineChoices: LineChoice[];
};
export type OcrResult = {
  file: string;
  issue: { number: number | null; email: string | null; masthead?: string | null } | null;
  pages: OcrPage[];
  warnings: OcrWarning[];
};

/** `moves`: the editor's choices for the page's lines (line number → target; edits.ts), applied as those lines are read. */
export function parseOcrText(text: string, file = 'input.txt', moves: ReadonlyMap<number, LineTarget> = new Map()): OcrResult {
  const s = new ParseState(text, moves);
  while (s.i < s.lines.length) {
    const from = s.i;
    const taken = RULES.find(([, rule]) => rule(s));
    // A rule that says it took a line must have moved past it, or the loop never ends.
    if (!taken || s.i <= from) throw new Error(`parser rule ${taken?.[0] ?? '(none)'} took line ${s.lines[from].no} without moving on`);
  }
  s.flushNotes();
  s.closeArticle('page-end');

  const removals: Removal[] = [];
  const pages: OcrPage[] = s.pages
    .filter((p) => p.articles.length || p.number !== null || p.credits || p.lineChoices.length)
    .map((p) => ({
      number: p.number,
      name: p.name,
      theme: p.theme,
      credits: p.credits,
      articles: p.articles.map((d, k) => finishArticle(d, p.articles[k + 1], removals)),
      lineChoices: lineChoicesOf(p, moves),
    }));
  linkHalves(s.pages, pages);
  const warnings = [...s.warnings, ...removals.map(({ line, code, message, removed, rule }) => ({ line, code, message, removed, rule }))];
  warnings.sort((x, y) => x.line - y.line);
  const { number, email, masthead } = s.issue;
  const issue = number !== null || email || masthead ? { number, email, ...(masthead ? { masthead } : {}) } : null;
  return { file, issue, pages, warnings };
}

/** Links each `（下转第N版）` to the article on page N that says `（上接第M版）` of its page M: one map, each article read once. */
function linkHalves(drafts: DraftPage[], pages: OcrPage[]) {
  const kept = drafts.filter((p) => p.articles.length || p.number !== null || p.credits || p.lineChoices.length);
  const from = new Map<string, { page: number; article: number }>();
  kept.forEach((p, i) =>
    p.articles.forEach((a, k) => {
      for (const j of a.jumps) if (j.dir === 'from' && p.number !== null) from.set(`${j.page}→${p.number}`, { page: i, article: k });
    }),
  );
  kept.forEach((p, i) =>
    p.articles.forEach((a, k) => {
      for (const j of a.jumps) {
        const other = j.dir === 'to' && p.number !== null ? from.get(`${p.number}→${j.page}`) : undefined;
        if (!other || pages[other.page].articles[other.article].continuedFrom) continue;
        pages[i].articles[k].continues = other;
        pages[other.page].articles[other.article].continuedFrom = { page: i, article: k };
      }
    }),
  );
}

/**
 * The page's lines as listed for the editor. A label at the page's top that heads one
 * article only is that article's 栏目, as a label over a headline always was: not listed
 * (unless the editor put it there). One that heads several is listed unsure.
 */
function lineChoicesOf(p: DraftPage, moves: ReadonlyMap<number, LineTarget>): LineChoice[] {
  return p.lineChoices
    .filter((l) => !(l.rule === 'series-label' && !moves.has(l.line) && l.articles!.length <= 1))
    .map(({ line, text, placedAs, sure, options, articles, rule }) => ({ line, text, placedAs, sure, options, ...(articles ? { articles } : {}), rule }));
}

/** The body rules over an article's paragraphs, and its boundary. */
function finishArticle(d: DraftArticle, next: DraftArticle | undefined, removals: Removal[]): OcrArticle {
  const joined = joinColumnBreaks(d.paras, removals);
  const paras = dropRepeatedPassages(joined.paras, joined.joins, removals);
  for (const para of paras) {
    if (para.kind !== 'p') continue;
    // Again after joining: a bracket pair can straddle a column break, `(特` / `色)`.
    para.text = normalisePunctuation(para.text);
    dropDoubledWords(para, removals);
    dropStrayWords(para, removals);
  }
  const end = d.end ?? 'page-end';
  const weak = WEAK_STARTS.includes(d.start) || (end === 'next-article' && !!next && WEAK_STARTS.includes(next.start));
  return {
    column: d.column,
    kicker: d.kicker,
    headline: d.headline,
    subtitle: d.subtitle,
    bylines: d.bylines.map((b) => ({ role: b.role, names: b.names.map(normaliseName) })),
    body: paras.map((x) => (x.kind === 'h' ? `### ${x.text}` : x.text)).join('\n\n'),
    photos: d.photos,
    source: d.source,
    suppliedBy: d.suppliedBy,
    authorNote: d.authorNote,
    ...printedAsField(d.printedAs),
    boundary: { start: d.start, end, weak },
  };
}
