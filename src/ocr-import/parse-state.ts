import { normalisePunctuation } from './punctuation';
import type { Byline, Credits } from './conventions';
import type { Para } from './cleanup';
import { W } from './warnings';
import type { PrintedAs } from './end-lines';
import { splitLongLine } from './long-lines';

/**
 * The state the parser's rules (rules.ts) read and change, as markdown-it's block
 * parser has its StateBlock: the lexed lines, the line being read, the pages and
 * articles opened so far, and the warnings. A rule either recognises the line at
 * `i` (and moves `i` past what it took) or leaves everything as it was.
 */

/**
 * `indent`: the line was printed indented (`　　…`, two spaces or more): in a text set that way, a paragraph's first line.
 * `piece`: a piece of a section kept on one long line (long-lines.ts); the pieces share the line's number.
 */
export type Line = { no: number; text: string; gap: number; indent?: boolean; piece?: boolean };

/** How an article's start or end was found: the rule that decided it, and how sure that rule is. */
/** `editor-split`: an editor split an article there before importing (edits.ts). */
// prettier-ignore
export type StartCue = 'markdown-heading' | 'byline-header' | 'subtitle-header' | 'dateline-header' | 'photo-news' | 'band-label' | 'unindented-line' | 'after-end' | 'page-start' | 'untitled' | 'editor-split';
export type EndCue = 'source' | 'supplied-by' | 'author-note' | 'end-names' | 'end-byline' | 'photo-credit' | 'next-article' | 'page-end' | 'editor-split';
/** Cues that also mark many body lines: an article they start is checked first (the admin highlights it). */
export const WEAK_STARTS: readonly StartCue[] = ['band-label', 'unindented-line', 'after-end', 'page-start', 'untitled'];

export type OcrPhoto = {
  caption: string;
  position: string | null;
  credit: string | null;
  creditRole: string | null;
  creditKind: '摄' | '供图' | '提供' | null;
};

export type DraftArticle = {
  column: string | null;
  kicker: string | null;
  headline: string;
  subtitle: string | null;
  bylines: Byline[];
  paras: Para[];
  photos: OcrPhoto[];
  source: string | null;
  suppliedBy: string | null;
  authorNote: string | null;
  /** `（下转第三版）` / `（上接第一版）` read in it: the page it goes on to, or came from (rules.ts, continuation). */
  jumps: Array<{ dir: 'to' | 'from'; page: number }>;
  /** End lines printed in other words than the usual (end-lines.ts). */
  printedAs: PrintedAs;
  /** Where it starts (its headline's line) and the rules that found its start and end. */
  line: number;
  start: StartCue;
  end: EndCue | null;
  /** A caption was just read: a credit on the next line is that photo's. */
  captionPending: boolean;
  /** The photos (of `photos`) without a credit yet, in order. */
  uncredited: OcrPhoto[];
};

/** Where a line that belongs to the page can go: the page's name (版名) or theme band (主题), the 栏目 of the articles under it, or an article's body. */
export type LineTarget = 'pageName' | 'theme' | 'column' | 'body';
export const LINE_TARGETS: readonly LineTarget[] = ['pageName', 'theme', 'column', 'body'];

/**
 * A line the importer read as the page's (a theme band, a series label printed once
 * over several articles) rather than an article's, and where it put it. `sure`: false
 * when the line could as well be something else; the editor checks those first and may
 * move any listed line to one of `options` (a `line` edit, edits.ts). `articles`: for a
 * 栏目, the articles (0-based on the page) that carry it.
 */
export type LineChoice = {
  line: number;
  text: string;
  placedAs: LineTarget;
  sure: boolean;
  options: LineTarget[];
  articles?: number[];
  rule: string;
};

export type DraftPage = {
  number: number | null;
  name: string | null;
  theme: string | null;
  credits: Credits | null;
  articles: DraftArticle[];
  lineChoices: LineChoice[];
};
/** `code`: stable, for programs (warnings.ts); `message`: in the newsroom's words; `rule`: the rule that gave it. */
export type OcrWarning = { line: number; code: string; message: string; removed?: string; rule?: string };

const emptyPage = (): DraftPage => ({ number: null, name: null, theme: null, credits: null, articles: [], lineChoices: [] });

export function lex(text: string): Line[] {
  const lines: Line[] = [];
  let gap = 0;
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((raw, i) => {
      const t = normalisePunctuation(raw.replace(/[\u200b\ufeff]/g, '')).trim();
      if (!t) {
        gap += 1;
        return;
      }
      const pieces = splitLongLine(t);
      for (const [k, text] of pieces.entries()) {
        const line: Line = { no: i + 1, text, gap: k ? 0 : lines.length ? gap : Math.max(gap, 1) };
        if (k === 0 && /^(?:\u3000|[ \t]{2,})/u.test(raw)) line.indent = true;
        if (pieces.length > 1) line.piece = true;
        lines.push(line);
      }
      gap = 0;
    });
  return lines;
}

export class ParseState {
  readonly lines: Line[];
  /** The line being read. */
  i = 0;
  readonly pages: DraftPage[] = [emptyPage()];
  readonly issue = { number: null as number | null, email: null as string | null, masthead: null as string | null };
  readonly warnings: OcrWarning[] = [];

  /** The editor's choices for lines that belong to the page (line number → target), applied as those lines are read. */
  readonly moves: ReadonlyMap<number, LineTarget>;
  /** A 编者按 read before the article it introduces: the first paragraphs of the next article opened (rules.ts, editorNote). */
  readonly pendingNotes: Para[] = [];
  /** A 栏目 printed once over several articles: each article opened after it carries it, until one has its own. */
  series: LineChoice | null = null;

  /**
   * The text sets each paragraph's first line indented (`　　…`; three such lines and a
   * quarter of all at least): an indented line opens a paragraph, a line that is not is
   * something else (a headline, a byline) or a paragraph's continuation.
   */
  readonly indented: boolean;

  constructor(text: string, moves: ReadonlyMap<number, LineTarget> = new Map()) {
    this.lines = lex(text);
    this.moves = moves;
    const n = this.lines.reduce((k, l) => k + (l.indent ? 1 : 0), 0);
    this.indented = n >= 3 && 4 * n >= this.lines.length;
  }

  get line(): Line {
    return this.lines[this.i];
  }
  /** The text of line `k` (absolute index), '' past the end. */
  at(k: number): string {
    return this.lines[k]?.text ?? '';
  }
  has(k: number): boolean {
    return k < this.lines.length;
  }
  page(): DraftPage {
    return this.pages[this.pages.length - 1];
  }
  article(): DraftArticle | undefined {
    const { articles } = this.page();
    return articles[articles.length - 1];
  }
  /** The current article has reached an end marker: the next headline-like line starts another. */
  ended(): boolean {
    const a = this.article();
    return !a || a.end !== null;
  }

  warn(rule: string, w: { code: string; message: string }, line = this.line.no) {
    this.warnings.push({ line, code: w.code, message: w.message, rule });
  }

  /** A 编者按 that no article followed on its page: kept in the article before it. */
  flushNotes() {
    const a = this.article();
    for (const p of this.pendingNotes.splice(0)) {
      if (a) a.paras.push(p);
      else this.pushBody('p', p.text, { no: p.line, text: p.text, gap: 0 }, 'editor-note', true);
    }
  }

  newPage() {
    this.flushNotes();
    this.closeArticle('page-end');
    this.series = null;
    this.pages.push(emptyPage());
  }

  /** The article's own 栏目 (a label over its headline): it ends a series label's run. */
  ownColumn(a: DraftArticle, column: string) {
    const run = this.series?.articles;
    const k = this.page().articles.indexOf(a);
    if (run && run[run.length - 1] === k) run.pop();
    this.series = null;
    a.column = column;
  }

  closeArticle(cue: EndCue) {
    const a = this.article();
    if (a && a.end === null) a.end = cue;
  }

  openArticle(line: number, headline: string, start: StartCue): DraftArticle {
    this.closeArticle('next-article');
    const a: DraftArticle = {
      column: null,
      kicker: null,
      headline,
      subtitle: null,
      bylines: [],
      paras: [],
      photos: [],
      source: null,
      suppliedBy: null,
      authorNote: null,
      printedAs: {},
      jumps: [],
      line,
      start,
      end: null,
      captionPending: false,
      uncredited: [],
    };
    const { articles } = this.page();
    if (this.series) {
      a.column = this.series.text;
      this.series.articles!.push(articles.length);
    }
    articles.push(a);
    a.paras.push(...this.pendingNotes.splice(0));
    return a;
  }

  addPhoto(a: DraftArticle, photo: OcrPhoto) {
    a.photos.push(photo);
    if (!photo.credit) a.uncredited.push(photo);
  }

  /** Adds a paragraph (`p`) or subhead (`h`) to the current article; text before any headline opens an untitled one. */
  /** `alone`: a line that stands by itself (a page's line the editor put in the body): never joined to another. */
  pushBody(kind: 'p' | 'h', text: string, line: Line, rule: string, alone = false) {
    let a = this.article();
    if (!a) {
      this.warn(rule, W.untitled(), line.no);
      a = this.openArticle(line.no, '（无标题）', 'untitled');
    }
    const prev = a.paras[a.paras.length - 1];
    if (kind === 'h' && prev?.kind === 'h' && !a.captionPending && !alone && !prev.alone) {
      prev.text = `${prev.text} ${text}`; // a two-line subhead: 凝心铸魂 / 固牢发展之“根本”
    } else {
      const opens = this.indented && line.indent && kind === 'p';
      a.paras.push({ kind, text, line: line.no, ...(alone ? { alone } : {}), ...(opens ? { opens } : {}) });
    }
    a.captionPending = false;
  }
}
