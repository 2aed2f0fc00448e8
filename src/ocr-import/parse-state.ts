import { normalisePunctuation } from './punctuation';
import type { Byline, Credits } from './conventions';
import type { Para } from './cleanup';

/**
 * The state the parser's rules (rules.ts) read and change, as markdown-it's block
 * parser has its StateBlock: the lexed lines, the line being read, the pages and
 * articles opened so far, and the warnings. A rule either recognises the line at
 * `i` (and moves `i` past what it took) or leaves everything as it was.
 */

export type Line = { no: number; text: string; gap: number };

/** How an article's start or end was found: the rule that decided it, and how sure that rule is. */
/** `editor-split`: an editor split an article there before importing (edits.ts). */
export type StartCue = 'markdown-heading' | 'byline-header' | 'subtitle-header' | 'band-label' | 'after-end' | 'page-start' | 'untitled' | 'editor-split';
export type EndCue = 'source' | 'supplied-by' | 'author-note' | 'end-names' | 'end-byline' | 'photo-credit' | 'next-article' | 'page-end' | 'editor-split';
/** Cues that also mark many body lines: an article they start is checked first (the admin highlights it). */
export const WEAK_STARTS: readonly StartCue[] = ['band-label', 'after-end', 'page-start', 'untitled'];

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
  /** Where it starts (its headline's line) and the rules that found its start and end. */
  line: number;
  start: StartCue;
  end: EndCue | null;
  /** A caption was just read: a credit on the next line is that photo's. */
  captionPending: boolean;
  /** The photos (of `photos`) without a credit yet, in order. */
  uncredited: OcrPhoto[];
};

export type DraftPage = { number: number | null; name: string | null; credits: Credits | null; articles: DraftArticle[] };
export type OcrWarning = { line: number; message: string; removed?: string; rule?: string };

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
      lines.push({ no: i + 1, text: t, gap: lines.length ? gap : Math.max(gap, 1) });
      gap = 0;
    });
  return lines;
}

export class ParseState {
  readonly lines: Line[];
  /** The line being read. */
  i = 0;
  readonly pages: DraftPage[] = [{ number: null, name: null, credits: null, articles: [] }];
  readonly issue = { number: null as number | null, email: null as string | null, masthead: null as string | null };
  readonly warnings: OcrWarning[] = [];

  constructor(text: string) {
    this.lines = lex(text);
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

  warn(rule: string, message: string, line = this.line.no) {
    this.warnings.push({ line, message, rule });
  }

  newPage() {
    this.closeArticle('page-end');
    this.pages.push({ number: null, name: null, credits: null, articles: [] });
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
      line,
      start,
      end: null,
      captionPending: false,
      uncredited: [],
    };
    this.page().articles.push(a);
    return a;
  }

  addPhoto(a: DraftArticle, photo: OcrPhoto) {
    a.photos.push(photo);
    if (!photo.credit) a.uncredited.push(photo);
  }

  /** Adds a paragraph (`p`) or subhead (`h`) to the current article; text before any headline opens an untitled one. */
  pushBody(kind: 'p' | 'h', text: string, line: Line, rule: string) {
    let a = this.article();
    if (!a) {
      this.warn(rule, 'text before the first headline: kept in an article headed "（无标题）"', line.no);
      a = this.openArticle(line.no, '（无标题）', 'untitled');
    }
    const prev = a.paras[a.paras.length - 1];
    if (kind === 'h' && prev?.kind === 'h' && !a.captionPending) {
      prev.text = `${prev.text} ${text}`; // a two-line subhead: 凝心铸魂 / 固牢发展之“根本”
    } else {
      a.paras.push({ kind, text, line: line.no });
    }
    a.captionPending = false;
  }
}
