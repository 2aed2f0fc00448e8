import { normaliseName } from '../newsroom/names';
import { normalisePunctuation } from './punctuation';
import * as c from './conventions';
import { dropDoubledWords, dropRepeatedPassages, dropStrayWords, joinColumnBreaks, type Para, type Removal } from './cleanup';

/**
 * OCR page text → structured pages and articles. The text goes through three
 * stages, as in markdown-it: lines (punctuation normalised, blank gaps counted),
 * line rules that recognise each printed convention (conventions.ts) inside a
 * small state machine that opens and closes articles, and body rules that clean
 * OCR noise (cleanup.ts). Nothing is dropped without a warning naming its line.
 */

export type OcrPhoto = {
  caption: string;
  position: string | null;
  credit: string | null;
  creditRole: string | null;
  creditKind: '摄' | '供图' | '提供' | null;
};
export type OcrArticle = {
  column: string | null;
  kicker: string | null;
  headline: string;
  subtitle: string | null;
  bylines: c.Byline[];
  body: string;
  photos: OcrPhoto[];
  source: string | null;
  suppliedBy: string | null;
  authorNote: string | null;
};
export type OcrPage = { number: number | null; name: string | null; credits: c.Credits | null; articles: OcrArticle[] };
export type OcrWarning = { line: number; message: string; removed?: string };
export type OcrResult = {
  file: string;
  issue: { number: number | null; email: string | null; masthead?: string | null } | null;
  pages: OcrPage[];
  warnings: OcrWarning[];
};

type Line = { no: number; text: string; gap: number };
type Draft = Omit<OcrArticle, 'body'> & { paras: Para[]; ended: boolean; line: number; captionPending: boolean };

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

function newArticle(line: number, headline: string): Draft {
  return {
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
    ended: false,
    line,
    captionPending: false,
  };
}

export function parseOcrText(text: string, file = 'input.txt'): OcrResult {
  const lines = lex(text);
  const warnings: OcrWarning[] = [];
  const issue = { number: null as number | null, email: null as string | null, masthead: null as string | null };
  const pages: Array<Omit<OcrPage, 'articles'> & { articles: Draft[] }> = [{ number: null, name: null, credits: null, articles: [] }];
  const page = () => pages[pages.length - 1];
  const article = (): Draft | undefined => page().articles[page().articles.length - 1];
  const at = (i: number) => lines[i]?.text ?? '';

  const isHeadlineAt = (i: number) => !!lines[i] && (c.isHeadingLike(at(i), 60) || c.matchMarkdownHeading(at(i))?.level === 1);
  const bylineAt = (i: number) => !!lines[i] && !!c.matchMarkedByline(at(i));
  const isSpecial = (t: string) =>
    !!(
      c.matchCredits(t) ||
      c.matchPhotoCredit(t) ||
      c.matchCaption(t) ||
      c.matchSource(t) ||
      c.matchSuppliedBy(t) ||
      c.matchAuthorNote(t) ||
      c.matchPageNumber(t) ||
      c.matchIssueNumber(t)
    );

  /** An article header starting at line i: [pre-lines] headline [——subtitle] □byline… Returns the index of the headline. */
  function headerAt(i: number): { pre: number[]; headline: number } | null {
    const a = article();
    const md = c.matchMarkdownHeading(at(i));
    if (md) return md.level === 1 ? { pre: [], headline: i } : null;
    for (let k = 0; k <= 2; k += 1) {
      const h = i + k;
      if (!isHeadlineAt(h) || isSpecial(at(h)) || c.matchSubtitle(at(h))) break;
      const pre = Array.from({ length: k }, (_, x) => i + x);
      if (pre.some((p) => !c.isHeadingLike(at(p), 30) || isSpecial(at(p)) || c.matchEndNames(at(p)))) break;
      const afterSub = c.matchSubtitle(at(h + 1)) ? h + 2 : h + 1;
      if (bylineAt(afterSub)) return { pre, headline: h };
    }
    // No byline under it: a headline still opens the page, or follows an article's end.
    const opening = !a || a.ended;
    if (opening && c.isHeadingLike(at(i), 60) && !isSpecial(at(i)) && !c.matchEndNames(at(i))) {
      if (c.isColumnLabel(at(i)) && c.isHeadingLike(at(i + 1), 60) && !isSpecial(at(i + 1)) && lines[i + 1]) return { pre: [i], headline: i + 1 };
      return { pre: [], headline: i };
    }
    return null;
  }

  function addPhotoCredit(credit: c.PhotoCredit, line: Line) {
    const a = article();
    if (!a) {
      warnings.push({ line: line.no, message: `photo credit "${line.text}" outside any article` });
      return;
    }
    const open = a.photos.filter((p) => !p.credit);
    if (open.length === 0) {
      a.photos.push({ caption: '', position: null, credit: credit.credit, creditRole: credit.creditRole, creditKind: credit.creditKind });
      warnings.push({ line: line.no, message: 'photo credit without a caption' });
    } else if (a.captionPending) {
      // A credit right under a caption is that photo's; one at the article's end covers all uncredited photos.
      Object.assign(open[open.length - 1], credit);
    } else {
      for (const p of open) Object.assign(p, credit);
    }
    if (!a.captionPending) a.ended = true;
    a.captionPending = false;
  }

  function pushBody(kind: 'p' | 'h', t: string, line: Line) {
    let a = article();
    if (!a) {
      warnings.push({ line: line.no, message: 'text before the first headline: kept in an article headed "（无标题）"' });
      a = newArticle(line.no, '（无标题）');
      page().articles.push(a);
    }
    const prev = a.paras[a.paras.length - 1];
    if (kind === 'h' && prev?.kind === 'h' && !a.captionPending) {
      prev.text = `${prev.text} ${t}`; // a two-line subhead: 凝心铸魂 / 固牢发展之“根本”
    } else {
      a.paras.push({ kind, text: t, line: line.no });
    }
    a.captionPending = false;
  }

  for (let i = 0; i < lines.length; i += 1) {
    const L = lines[i];
    const t = L.text;
    const a = article();

    // Page-level conventions.
    const credits = c.matchCredits(t);
    if (credits) {
      page().credits = { editor: null, layout: null, proofreader: null, ...page().credits, ...credits };
      continue;
    }
    const pageNo = c.matchPageNumber(t);
    if (pageNo) {
      if (page().articles.length || page().number !== null) pages.push({ number: null, name: null, credits: null, articles: [] });
      Object.assign(page(), pageNo);
      continue;
    }
    const issueNo = c.matchIssueNumber(t);
    const email = c.matchEmail(t);
    if (issueNo !== null || (email && t.length <= 80)) {
      if (issueNo !== null) issue.number = issueNo;
      if (email) issue.email = email;
      // The line taken for a headline just above was the masthead: the paper's name.
      const only = pages.length === 1 && page().articles.length === 1 ? page().articles[0] : null;
      if (only && !only.paras.length && !only.bylines.length && !only.photos.length && !issue.masthead) {
        issue.masthead = only.headline;
        page().articles.pop();
      }
      continue;
    }

    // Photos: captions and their credits.
    const credit = c.matchPhotoCredit(t);
    if (credit) {
      addPhotoCredit(credit, L);
      continue;
    }
    const caption = c.matchCaption(t);
    if (caption && a) {
      a.photos.push({ ...caption, credit: null, creditRole: null, creditKind: null });
      a.captionPending = true;
      continue;
    }

    // The end of an article: source, supplied-by, author note, names alone.
    const source = c.matchSource(t);
    const supplied = c.matchSuppliedBy(t);
    const note = c.matchAuthorNote(t);
    if (a && (source || supplied || note)) {
      if (source) a.source = source;
      if (supplied) a.suppliedBy = supplied;
      if (note) a.authorNote = note;
      a.ended = true;
      continue;
    }
    const endNames = a && a.paras.length ? c.matchEndNames(t) : null;
    if (endNames && a) {
      const next = at(i + 1);
      const closes = !lines[i + 1] || c.matchPhotoCredit(next) || c.matchSource(next) || c.matchAuthorNote(next) || headerAt(i + 1) || endNames.length > 1;
      if (closes) {
        a.bylines.push({ role: null, names: endNames });
        a.ended = true;
        continue;
      }
    }

    // A new article.
    const header = headerAt(i);
    if (header) {
      const h = lines[header.headline];
      const md = c.matchMarkdownHeading(h.text);
      const next = newArticle(h.no, md ? md.text : h.text);
      const preTexts = header.pre.map((p) => at(p));
      if (preTexts.length === 2) [next.column, next.kicker] = c.isColumnLabel(preTexts[0]) ? preTexts : [null, `${preTexts[0]} ${preTexts[1]}`];
      else if (preTexts.length === 1) {
        if (c.isColumnLabel(preTexts[0])) next.column = preTexts[0];
        else next.kicker = preTexts[0];
      }
      let j = header.headline + 1;
      const sub = c.matchSubtitle(at(j));
      if (sub) {
        next.subtitle = sub;
        j += 1;
      }
      for (let by = c.matchMarkedByline(at(j)); by && lines[j]; by = c.matchMarkedByline(at(j))) {
        next.bylines.push(...by);
        j += 1;
      }
      page().articles.push(next);
      i = j - 1;
      continue;
    }

    const md = c.matchMarkdownHeading(t);
    if (md) {
      pushBody('h', md.text, L);
      continue;
    }
    const by = c.matchMarkedByline(t);
    if (by && a) {
      a.bylines.push(...by);
      continue;
    }

    // A caption without a position word: alone after a photo's gap, interrupting a paragraph or followed by a credit.
    const lastPara = a?.paras[a.paras.length - 1];
    if (
      a &&
      L.gap >= 2 &&
      t.length <= 80 &&
      (c.matchPhotoCredit(at(i + 1)) || (lastPara?.kind === 'p' && !c.endsSentence(lastPara.text) && c.isHeadingLike(t, 80)))
    ) {
      a.photos.push({ caption: t, position: null, credit: null, creditRole: null, creditKind: null });
      a.captionPending = true;
      continue;
    }

    // In-body subheads: short lines with no sentence punctuation, followed by text (a photo's gap right after means a cut paragraph).
    const followsBody = lines[i + 1] && !c.matchMarkedByline(at(i + 1)) && lines[i + 1].gap < 2;
    if (a && followsBody && ((c.isSubheadLike(t) && !c.matchEndNames(t)) || c.isNumberedHeading(t))) {
      pushBody('h', t, L);
      continue;
    }
    pushBody('p', t, L);
  }

  // Body rules, article by article.
  const removals: Removal[] = [];
  const out: OcrPage[] = pages
    .filter((p) => p.articles.length || p.number !== null || p.credits)
    .map((p) => ({
      number: p.number,
      name: p.name,
      credits: p.credits,
      articles: p.articles.map((d) => {
        const joined = joinColumnBreaks(d.paras, removals);
        const paras = dropRepeatedPassages(joined.paras, joined.joins, removals);
        for (const para of paras) {
          if (para.kind !== 'p') continue;
          // Again after joining: a bracket pair can straddle a column break, `(特` / `色)`.
          para.text = normalisePunctuation(para.text);
          dropDoubledWords(para, removals);
          dropStrayWords(para, removals);
        }
        const { paras: _p, ended: _e, line: _l, captionPending: _c, ...fields } = d;
        return {
          ...fields,
          headline: fields.headline,
          bylines: fields.bylines.map((b) => ({ role: b.role, names: b.names.map(normaliseName) })),
          body: paras.map((x) => (x.kind === 'h' ? `### ${x.text}` : x.text)).join('\n\n'),
        };
      }),
    }));
  for (const r of removals) warnings.push({ line: r.line, message: r.message, removed: r.removed });
  warnings.sort((x, y) => x.line - y.line);
  const issueOut =
    issue.number !== null || issue.email || issue.masthead
      ? { number: issue.number, email: issue.email, ...(issue.masthead ? { masthead: issue.masthead } : {}) }
      : null;
  return { file, issue: issueOut, pages: out, warnings };
}
