import * as c from './conventions';
import type { Byline } from './conventions';
import { LINE_TARGETS, type LineChoice, type LineTarget, type ParseState, type StartCue } from './parse-state';
import { W } from './warnings';
import { matchDateline } from './dateline';
import { printedUnlessUsual } from './end-lines';

/**
 * The parser's rules, one per printed convention, tried in this order on each
 * line until one takes it (as markdown-it's parser_block tries its rules). A rule
 * returns false and changes nothing, or takes the line (and any lines that
 * belong with it) and moves `s.i` past them. The last rule, `paragraph`, takes
 * anything. Each warning names the rule that gave it.
 */
export type Rule = (s: ParseState) => boolean;

/** Lines that are never a headline: each is some other convention. */
const isSpecial = (t: string) =>
  !!(
    c.matchCredits(t) ||
    c.matchPhotoCredit(t) ||
    c.matchCaption(t) ||
    c.matchSource(t) ||
    c.matchSuppliedBy(t) ||
    c.matchAuthorNote(t) ||
    c.matchPageNumber(t) ||
    c.matchIssueNumber(t) ||
    c.matchSubtitle(t) ||
    c.matchMarkedByline(t) ||
    c.matchMarkdownHeading(t) ||
    c.matchContinuation(t) ||
    matchDateline(t)
  );

/** A headline: short, without sentence punctuation, not another convention. Paragraphs fail on length or punctuation. */
const headlineLike = (s: ParseState, k: number, max = 40) => s.has(k) && c.isHeadingLike(s.at(k), max) && !isSpecial(s.at(k)) && !plainBylineAt(s, k);
/** A `——…` subtitle: short and not a sentence (a dash opening a quotation in a paragraph is long or ends one). */
const subtitleAt = (s: ParseState, k: number) => {
  const sub = c.matchSubtitle(s.at(k));
  return sub && [...sub].length <= 40 && !c.endsSentence(sub) ? sub : null;
};
/** In a text whose paragraphs are indented, an unmarked byline on a line of its own (`本报记者 赵 敏`). */
function plainBylineAt(s: ParseState, k: number) {
  if (!s.has(k)) return null;
  // A piece of a section kept on one line, cut at spaces: names alone between a headline and a body are its byline.
  if (s.lines[k].piece) {
    const names = c.matchEndNames(s.at(k));
    const by = c.matchPlainByline(s.at(k)) ?? (names && [{ role: null, names }]);
    if (by) return by;
  }
  return s.indented && !s.lines[k].indent ? c.matchPlainByline(s.at(k)) : null;
}
/** A □byline, or a plain one where the layout shows it is no paragraph. */
const bylineAt = (s: ParseState, k: number) => (!s.has(k) ? null : (c.matchMarkedByline(s.at(k)) ?? plainBylineAt(s, k)));
/** In a text whose paragraphs are indented, a line that is not: no paragraph's first line. */
const unindented = (s: ParseState, k: number) => s.indented && s.has(k) && !s.lines[k].indent;
const opensParagraph = (s: ParseState, k: number) => s.indented && s.has(k) && !!s.lines[k].indent && !isSpecial(s.at(k));
/** A line over the headline: a column label (栏目), a band label, or a kicker (引题). */
const preLineAt = (s: ParseState, k: number) => headlineLike(s, k, 30) && !c.matchEndNames(s.at(k));
/** The first line of a headline printed on two lines: it stops mid-phrase (`让党旗在`, `…，`). */
const cutHeadline = (t: string) =>
  t.length <= 32 && [...t].length <= 16 && /[\p{Script=Han}]/u.test(t) && /[的和在与把让从向为对将，,]$/u.test(t) && !/[。；]/u.test(t);

type Header = { pre: number[]; headline: number[]; cue: StartCue };

/**
 * An article header starting at line i: up to two lines over the headline, the
 * headline (one line, or two when the first is cut), then what proves it is a
 * headline: a `——` subtitle or a □byline.
 */
function provenHeader(s: ParseState, i: number): Header | null {
  for (let k = 0; k <= 2; k += 1) {
    const pre = Array.from({ length: k }, (_, x) => i + x);
    if (!pre.every((p) => preLineAt(s, p))) break;
    const h = i + k;
    const two = cutHeadline(s.at(h)) && headlineLike(s, h + 1) ? [h, h + 1] : null;
    for (const headline of two ? [two, [h]] : [[h]]) {
      if (!headlineLike(s, headline[0], 60) || (headline.length === 2 && !headlineLike(s, headline[1]))) continue;
      const after = headline[headline.length - 1] + 1;
      const sub = subtitleAt(s, after);
      if (bylineAt(s, sub ? after + 1 : after)) return { pre, headline, cue: 'byline-header' };
      if (sub) return { pre, headline, cue: 'subtitle-header' };
      // `本报讯（记者…）…` under it: a news article's first paragraph proves the headline over it.
      if (s.has(after) && matchDateline(s.at(after))) return { pre, headline, cue: 'dateline-header' };
      // A caption ending in its credit (`…收获玉米。⑧3程全摄`): a photo-news item's headline.
      if (s.has(after) && c.matchCaptionCredit(s.at(after))) return { pre, headline, cue: 'photo-news' };
    }
  }
  return null;
}

/** Band labels name a page's sections (`…党建品牌展示`, `支部风采`): a label line that says so. */
const BAND_WORDS = /(?:展示|巡礼|风采|专栏|聚焦|之窗|在线|纪实|掠影|视窗|动态|传真|速递|园地|论坛|观点|声音|讲堂|故事|一线|前沿|亮点|名片|品牌)$/u;

const isBandLabel = (t: string) => t.length <= 32 && [...t].length <= 16 && BAND_WORDS.test(t);
const isLabel = (t: string) => c.isColumnLabel(t) || isBandLabel(t);

function headerAt(s: ParseState, i: number): Header | null {
  const proven = provenHeader(s, i);
  if (proven) return proven;
  // A band label, then a headline, then the body: a new section of the page even without byline or subtitle.
  const t = s.at(i);
  if (preLineAt(s, i) && isBandLabel(t) && headlineLike(s, i + 1) && !c.matchEndNames(s.at(i + 1)) && s.has(i + 2)) {
    if (!headlineLike(s, i + 2)) return { pre: [i], headline: [i + 1], cue: 'band-label' };
  }
  // Paragraphs set indented: a short line that is not, over an indented one, is a headline (or a subhead: weak).
  if (unindented(s, i) && headlineLike(s, i, 60) && !c.matchEndNames(t)) {
    if (opensParagraph(s, i + 1)) return { pre: [], headline: [i], cue: 'unindented-line' };
    if (unindented(s, i + 1) && preLineAt(s, i) && headlineLike(s, i + 1, 60) && opensParagraph(s, i + 2))
      return { pre: [i], headline: [i + 1], cue: 'unindented-line' };
  }
  // No proof under it: a headline still opens the page, or follows an article's end marker.
  if (s.ended() && headlineLike(s, i, 60) && !c.matchEndNames(t)) {
    const cue: StartCue = s.article() ? 'after-end' : 'page-start';
    if (c.isColumnLabel(t) && headlineLike(s, i + 1, 60)) return { pre: [i], headline: [i + 1], cue };
    return { pre: [], headline: [i], cue };
  }
  return null;
}

// ── Page-level conventions ─────────────────────────────────────────────────

/** `□编辑/王 芳 □版式/任宝红 □审校/刘 军`: the page's sign-off credits. */
const credits: Rule = (s) => {
  const found = c.matchCredits(s.line.text);
  if (!found) return false;
  s.page().credits = { editor: null, layout: null, proofreader: null, ...s.page().credits, ...found };
  s.i += 1;
  return true;
};

/** `第3版 基层党建`: a new page. */
const pageNumber: Rule = (s) => {
  const found = c.matchPageNumber(s.line.text);
  if (!found) return false;
  if (s.page().articles.length || s.page().number !== null) s.newPage();
  Object.assign(s.page(), found);
  s.i += 1;
  return true;
};

/** `第128期`, `E-mail:…`: the issue; a lone line read as a headline just above was the masthead. */
const masthead: Rule = (s) => {
  const t = s.line.text;
  const number = c.matchIssueNumber(t);
  const email = c.matchEmail(t);
  if (number === null && !(email && t.length <= 80)) return false;
  if (number !== null) s.issue.number = number;
  if (email) s.issue.email = email;
  const only = s.pages.length === 1 && s.page().articles.length === 1 ? s.page().articles[0] : null;
  if (only && !only.paras.length && !only.bylines.length && !only.photos.length && !s.issue.masthead) {
    s.issue.masthead = only.headline;
    s.page().articles.pop();
  }
  s.i += 1;
  return true;
};

// ── Lines that belong to the page ──────────────────────────────────────────
// A theme band and a series label are printed once for the page or for several of its
// articles: they go to the page's fields or to the articles' 栏目, never into a body.
// Each is listed in the page's lineChoices, where the editor may move it (edits.ts).

/** Places a page's line where the editor chose (if that is one of its options) or where the rule put it, and lists it. */
function placeLine(s: ParseState, rule: string, placedAs: LineTarget, sure: boolean, options: LineTarget[], printed?: string) {
  const { no } = s.line;
  const text = printed ?? s.line.text;
  const moved = s.moves.get(no);
  const target = moved && options.includes(moved) ? moved : placedAs;
  const page = s.page();
  const choice: LineChoice = { line: no, text, placedAs: target, sure: sure || target === moved, options, rule };
  page.lineChoices.push(choice);
  if (target === 'theme') page.theme = page.theme ? `${page.theme} ${text}` : text;
  else if (target === 'pageName') page.name = text;
  else if (target === 'body') s.pushBody('h', text, s.line, rule, true);
  else {
    // The article it is in (when it has no 栏目 of its own), then every article opened after it until one has its own.
    choice.articles = [];
    const a = s.article();
    // A label printed over a headline (given as `printed`) heads the articles after it, not the one it follows.
    if (a && !a.column && !a.end && printed === undefined) {
      a.column = text;
      choice.articles.push(page.articles.length - 1);
    }
    s.series = choice;
  }
  s.i += 1;
}

/** Where else a page's line may go: the page name if the page has none yet, the body if an article is open to hold it. */
function lineOptions(s: ParseState, first: LineTarget[]): LineTarget[] {
  const a = s.article();
  const options = new Set([...first, ...(s.page().name ? [] : ['pageName' as const]), ...(a && !a.end ? ['body' as const] : [])]);
  return LINE_TARGETS.filter((t) => options.has(t));
}

/** The header of an article starting at k whose own lines over the headline hold no label (a 栏目 would be its own). */
const unlabelledHeaderAt = (s: ParseState, k: number) => {
  const h = s.has(k) ? provenHeader(s, k) : null;
  return h && !h.pre.some((p) => isLabel(s.at(p))) ? h : null;
};
const labelLine = (t: string) => isLabel(t) && !c.matchEndNames(t) && !NOT_LABELS.test(t);
/** Line k starts a headline proven under it (`让党旗在` / `乡村振兴一线高高飘扬` / □byline): it is no page's line. */
const startsHeadline = (s: ParseState, k: number) => provenHeader(s, k)?.headline[0] === k;
/** Short lines that open a body, not a page's label. */
const NOT_LABELS = /^(?:编者按|编后|本报讯|记者手记|开栏的话|短评|链接|背景)$/u;

/**
 * `学党史 悟思想 办实事 开新局`: the theme band (matchThemeBand). Sure at the page's top
 * with three or more phrases of one length; such a line lower on the page, or two
 * phrases at the top just over a series label, is taken as the theme too, unsure.
 * Never a headline: a band with a byline or a subtitle under it is one.
 */
const themeBand: Rule = (s) => {
  const phrases = c.matchThemeBand(s.line.text);
  if (!phrases || startsHeadline(s, s.i)) return false;
  const top = s.page().articles.length === 0;
  const certain = c.isCertainThemeBand(phrases);
  const overSeries = top && labelLine(s.at(s.i + 1)) && !!unlabelledHeaderAt(s, s.i + 2);
  if (!certain && !overSeries) return false;
  placeLine(s, 'theme-band', 'theme', top && certain, lineOptions(s, ['theme', 'column']));
  return true;
};

/**
 * `领导干部学习笔谈` at the page's top, over an article's header: a 栏目 printed once for
 * the articles under it. Each article carries it until one has a label of its own;
 * whether it heads one article or several, the editor confirms (unsure when several).
 */
const seriesLabel: Rule = (s) => {
  const t = s.line.text;
  if (s.page().articles.length || !labelLine(t) || startsHeadline(s, s.i) || !unlabelledHeaderAt(s, s.i + 1)) return false;
  placeLine(s, 'series-label', 'column', false, lineOptions(s, ['column', 'theme']));
  return true;
};

/**
 * A label line between an article's header and its first paragraph (`□ 李秀英` /
 * `领导干部学习笔谈` / `江山就是人民…`): a 栏目 printed apart, which OCR read into the
 * article (it was glued to the first paragraph). Taken as the 栏目 of that article and
 * the ones after it, unsure: a body may open with a short subhead.
 */
const looseLabel: Rule = (s) => {
  const a = s.article();
  const t = s.line.text;
  // A label is a whole phrase: a line that stops on a word no phrase ends with (`全县共有`) is a paragraph cut by a column end.
  if (!a || a.end || a.column || a.paras.some((p) => !p.alone) || !c.isColumnLabel(t) || !c.isSubheadLike(t) || !labelLine(t)) return false;
  const n = s.i + 1;
  if (!s.has(n) || c.isHeadingLike(s.at(n), 60) || isSpecial(s.at(n))) return false;
  placeLine(s, 'loose-label', 'column', false, lineOptions(s, ['column', 'theme']));
  return true;
};

// ── The editors' notes ─────────────────────────────────────────────────────

/**
 * `编者按：…` (and `编者按` alone over its text): kept as a marked paragraph (`> 编者按：…`)
 * at the head of the article it introduces, which is the one opened next unless the
 * current one has no body yet. `编后：…`, `短评：…`: a marked paragraph closing the article they follow.
 */
const editorNote: Rule = (s) => {
  const note = c.matchEditorNote(s.line.text);
  if (!note) return false;
  const { line } = s;
  // `编者按` alone on its line: its text is the next line.
  const text = note.alone && s.has(s.i + 1) && !c.isHeadingLike(s.at(s.i + 1), 60) ? `${note.text} ${s.at(s.i + 1)}` : note.text;
  s.i += text === note.text ? 1 : 2;
  const para = { kind: 'p' as const, text: `> ${text}`, line: line.no, alone: true };
  const a = s.article();
  if (note.kind === '编者按' && (!a || a.paras.some((p) => !p.alone))) s.pendingNotes.push(para);
  else if (a) a.paras.push(para);
  else s.pushBody('p', para.text, line, 'editor-note', true);
  return true;
};

/**
 * `□师者之尊缘自用心` over an article's header: a section label printed with a byline's
 * mark (matchMarkedLabel), the 栏目 of the articles under it until one has its own.
 * Listed unsure, as a series label over several articles is.
 */
const markedLabel: Rule = (s) => {
  const label = c.matchMarkedLabel(s.line.text);
  if (!label || !unlabelledHeaderAt(s, s.i + 1)) return false;
  placeLine(s, 'marked-label', 'column', false, lineOptions(s, ['column', 'theme']), label);
  return true;
};

/** `（下转第三版）`, `（上接第一版）`: kept in the body where printed, never a headline; parse.ts links the two halves. */
const continuation: Rule = (s) => {
  const jump = c.matchContinuation(s.line.text);
  if (!jump) return false;
  s.pushBody('p', s.line.text, s.line, 'continuation', true);
  s.article()!.jumps.push(jump);
  s.i += 1;
  return true;
};

// ── Photos ─────────────────────────────────────────────────────────────────

/** `□本报记者 陶维明摄`: under a caption, that photo's credit; at an article's end, every uncredited photo's (and the end). */
const photoCredit: Rule = (s) => {
  const credit = c.matchPhotoCredit(s.line.text);
  if (!credit) return false;
  const a = s.article();
  s.i += 1;
  if (!a) {
    s.warn('photo-credit', W.photoCreditOutside(s.at(s.i - 1)), s.lines[s.i - 1].no);
    return true;
  }
  // The photos still without a credit are kept in a list: filtering every photo on each credit line is quadratic.
  const open = a.uncredited;
  if (open.length === 0) {
    const photo = { caption: '', position: null, ...credit };
    a.photos.push(photo);
    if (!photo.credit) open.push(photo);
    s.warn('photo-credit', W.photoCreditNoCaption(), s.lines[s.i - 1].no);
  } else if (a.captionPending) {
    Object.assign(open[open.length - 1], credit);
    if (credit.credit) open.pop();
  } else {
    for (const p of open) Object.assign(p, credit);
    if (credit.credit) open.length = 0;
  }
  if (!a.captionPending) a.end = 'photo-credit';
  a.captionPending = false;
  return true;
};

/** `上图：…`, `图为…`: a caption with its position word. */
const caption: Rule = (s) => {
  const found = c.matchCaption(s.line.text);
  const a = s.article();
  if (!found || !a) return false;
  s.addPhoto(a, { ...found, credit: null, creditRole: null, creditKind: null });
  a.captionPending = true;
  s.i += 1;
  return true;
};

/** A caption without a position word: alone after a photo's gap, and either credited on the next line or cutting a paragraph. */
const looseCaption: Rule = (s) => {
  const a = s.article();
  const { text, gap } = s.line;
  if (!a || gap < 2 || text.length > 80) return false;
  const last = a.paras[a.paras.length - 1];
  const cuts = last?.kind === 'p' && !c.endsSentence(last.text) && c.isHeadingLike(text, 80);
  if (!c.matchPhotoCredit(s.at(s.i + 1)) && !cuts) return false;
  s.addPhoto(a, { caption: text, position: null, credit: null, creditRole: null, creditKind: null });
  a.captionPending = true;
  s.i += 1;
  return true;
};

// ── The end of an article ──────────────────────────────────────────────────

/** `来源：光明日报`, `（…供稿）`, `（作者系…）`: they close the article they follow. */
const endMarker: Rule = (s) => {
  const a = s.article();
  const t = s.line.text;
  if (!a) return false;
  const source = c.matchSource(t);
  const supplied = c.matchSuppliedBy(t);
  const note = c.matchAuthorNote(t);
  if (source) {
    [a.source, a.end] = [source, 'source'];
    a.printedAs.source = printedUnlessUsual(t, `来源：${source}`);
  } else if (supplied) [a.suppliedBy, a.end] = [supplied, 'supplied-by'];
  else if (note) {
    [a.authorNote, a.end] = [note, 'author-note'];
    a.printedAs.authorNote = printedUnlessUsual(t, `（作者系${note}）`);
  } else return false;
  s.i += 1;
  return true;
};

/** `杨柳丝 余新`: names alone after the body, when what follows shows the article is over. */
const endNames: Rule = (s) => {
  const a = s.article();
  if (!a || !a.paras.length) return false;
  const names = c.matchEndNames(s.line.text);
  if (!names) return false;
  const n = s.i + 1;
  const next = s.at(n);
  // A headline with a paragraph under it after a lone name: the name signed the article above.
  const headlineNext = headlineLike(s, n) && s.has(n + 1) && !c.isHeadingLike(s.at(n + 1), 60);
  const closes = !s.has(n) || c.matchPhotoCredit(next) || c.matchSource(next) || c.matchAuthorNote(next) || headerAt(s, n) || headlineNext || names.length > 1;
  if (!closes) return false;
  a.bylines.push({ role: null, names });
  a.end = 'end-names';
  s.i += 1;
  return true;
};

// ── A new article ──────────────────────────────────────────────────────────

/** `# 标题`: a Markdown-style headline. */
const markdownHeading: Rule = (s) => {
  const md = c.matchMarkdownHeading(s.line.text);
  if (md?.level !== 1) return false;
  s.openArticle(s.line.no, md.text, 'markdown-heading');
  s.i += 1;
  readBylines(s, s.article()!.bylines);
  return true;
};

function readBylines(s: ParseState, into: Byline[]) {
  for (let by = bylineAt(s, s.i); by; by = bylineAt(s, s.i)) {
    into.push(...by);
    s.i += 1;
  }
}

/** Column/kicker lines, the headline, a `——` subtitle and □bylines: see headerAt. */
const header: Rule = (s) => {
  const found = headerAt(s, s.i);
  if (!found) return false;
  const headline = found.headline.map((k) => s.at(k)).join('');
  const a = s.openArticle(s.lines[found.headline[0]].no, headline, found.cue);
  const pre = found.pre.map((k) => s.at(k));
  // Over the headline: a label names the page's section (栏目); any other line is the kicker (引题).
  if (pre.length === 2) {
    if (isLabel(pre[0])) {
      s.ownColumn(a, pre[0]);
      a.kicker = pre[1];
    } else a.kicker = `${pre[0]} ${pre[1]}`;
  } else if (pre.length === 1) {
    if (isLabel(pre[0])) s.ownColumn(a, pre[0]);
    else a.kicker = pre[0];
  }
  s.i = found.headline[found.headline.length - 1] + 1;
  const sub = subtitleAt(s, s.i);
  if (sub) {
    a.subtitle = sub;
    s.i += 1;
  }
  readBylines(s, a.bylines);
  return true;
};

// ── Inside an article ──────────────────────────────────────────────────────

/** `## 小标题`: a Markdown subhead. */
const markdownSubhead: Rule = (s) => {
  const md = c.matchMarkdownHeading(s.line.text);
  if (!md) return false;
  s.pushBody('h', md.text, s.line, 'markdown-subhead');
  s.i += 1;
  return true;
};

/** `□本报记者 王芳` after the body: the byline printed at the end, which ends the article. */
const byline: Rule = (s) => {
  const a = s.article();
  const found = bylineAt(s, s.i);
  if (!found || !a) return false;
  a.bylines.push(...found);
  if (a.paras.length) a.end = 'end-byline';
  s.i += 1;
  return true;
};

/**
 * `本报讯（记者 李铮 通讯员 王飞 李永）…`, `新华社北京7月3日电（记者…）`, `（记者冯芸）…` heading
 * an article's first paragraph (dateline.ts): the paragraph stays as printed; its
 * bylines are the article's (those not already under the headline), a wire service its source.
 */
const dateline: Rule = (s) => {
  const a = s.article();
  if (!a || a.end || a.paras.some((p) => p.kind === 'p' && !p.alone)) return false;
  const found = matchDateline(s.line.text);
  if (!found) return false;
  const same = (x: Byline, y: Byline) => x.role === y.role && x.names.join(' ') === y.names.join(' ');
  for (const b of found.bylines) if (!a.bylines.some((x) => same(x, b))) a.bylines.push(b);
  if (found.source && !a.source) a.source = found.source;
  s.pushBody('p', s.line.text, s.line, 'dateline');
  s.i += 1;
  return true;
};

/**
 * A photo-news item: under its headline, one paragraph that is the photo's caption with
 * the credit at its end (`…⑧3程全摄`). The caption and credit are the article's photo; the
 * desk's code before the credit (`⑧3`, `②6`) is no name: removed, with a warning.
 */
const photoNews: Rule = (s) => {
  const a = s.article();
  if (!a || a.end || a.photos.length || a.paras.some((p) => p.kind === 'p' && !p.alone)) return false;
  const found = c.matchCaptionCredit(s.line.text);
  if (!found) return false;
  s.addPhoto(a, { caption: found.caption, position: null, ...found.credit });
  if (found.code) s.warnings.push({ line: s.line.no, ...W.inHouseCode(found.code), removed: found.code, rule: 'photo-news' });
  a.end = 'photo-credit';
  s.i += 1;
  return true;
};

/** 小标题: a short line without sentence punctuation, followed by more text (a photo's gap right after means a cut paragraph). */
const subhead: Rule = (s) => {
  const t = s.line.text;
  const n = s.i + 1;
  const followsBody = s.has(n) && !c.matchMarkedByline(s.at(n)) && s.lines[n].gap < 2;
  if (!s.article() || !followsBody || !((c.isSubheadLike(t) && !c.matchEndNames(t)) || c.isNumberedHeading(t))) return false;
  s.pushBody('h', t, s.line, 'subhead');
  s.i += 1;
  return true;
};

const paragraph: Rule = (s) => {
  s.pushBody('p', s.line.text, s.line, 'paragraph');
  s.i += 1;
  return true;
};

/** In the order they are tried: page conventions, photos, ends, new articles, then what an article holds. */
export const RULES: ReadonlyArray<readonly [string, Rule]> = [
  ['credits', credits],
  ['page-number', pageNumber],
  ['masthead', masthead],
  ['photo-credit', photoCredit],
  ['caption', caption],
  ['end-marker', endMarker],
  ['editor-note', editorNote],
  ['continuation', continuation],
  ['theme-band', themeBand],
  ['series-label', seriesLabel],
  ['marked-label', markedLabel],
  ['loose-label', looseLabel],
  ['end-names', endNames],
  ['markdown-heading', markdownHeading],
  ['header', header],
  ['markdown-subhead', markdownSubhead],
  ['byline', byline],
  ['dateline', dateline],
  ['photo-news', photoNews],
  ['loose-caption', looseCaption],
  ['subhead', subhead],
  ['paragraph', paragraph],
];
