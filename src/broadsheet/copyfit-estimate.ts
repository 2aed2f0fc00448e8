import { MM_PER_PT, charsPerLine, type PageFormat } from './page-formats';
import { SHEET_TYPE, headlineSize } from './sheet-type';
import type { TextBlock } from './markdown';

/**
 * Copyfit (超版/欠版) by arithmetic: how many lines an article's text needs in
 * a rectangle of the module grid, against how many the rectangle holds. Pure.
 * The browser's measurement (assets/copyfit.js) is the authority; this estimate
 * sizes the automatic layout, and stands in for the measurement when no browser
 * is at hand (the CLI says so).
 */

/** What copyfit needs to know of an article: its texts, and its photos' boxes once laid out. */
export type FitArticle = {
  column: string | null;
  kicker: string | null;
  headline: string;
  subtitle: string | null;
  bylines: string[];
  photos: Array<{ aspect: number; caption: string }>;
  blocks: TextBlock[];
  trailers: string[];
};

export type Fit = {
  /** Lines of body type the rectangle holds and the text needs, over all its text columns. */
  capacityLines: number;
  textLines: number;
  /** Positive when overset (超版), negative when the text leaves room (欠版). */
  overLines: number;
  overChars: number;
  charsPerLine: number;
  method: 'estimate' | 'measured';
};

const pt = (n: number) => n * MM_PER_PT;

/** Width of a text in ems: CJK and full-width forms one, Latin letters, digits and spaces about a half. */
export function ems(text: string | null | undefined): number {
  let n = 0;
  for (const ch of text ?? '') n += ch.codePointAt(0)! < 0x2000 ? 0.5 : 1;
  return n;
}

const linesOf = (text: string | null | undefined, sizePt: number, widthMm: number) =>
  text ? Math.max(1, Math.ceil((ems(text) * pt(sizePt)) / Math.max(widthMm, pt(sizePt)) - 1e-9)) : 0;

/** Height of an article's head (column tag, kicker, headline, subtitle, bylines) across a rectangle `widthMm` wide. */
export function headHeight(a: FitArticle, widthMm: number, colSpan: number, lead: boolean): number {
  const T = SHEET_TYPE;
  const display = (text: string | null, size: number) => linesOf(text, size, widthMm) * pt(size) * T.displayLeading;
  return (
    T.padTop +
    (a.column ? pt(T.columnTag) * 1.6 + 1 : 0) +
    display(a.kicker, T.kicker) +
    display(a.headline, headlineSize(colSpan, lead)) +
    display(a.subtitle, T.subtitle) +
    a.bylines.reduce((h, b) => h + linesOf(b, T.byline, widthMm) * pt(T.byline) * T.smallLeading, 0) +
    T.headGap
  );
}

/** How the photos sit in a rectangle: side by side up to one per two columns, each box's size in mm. */
export function photoBoxes(photos: FitArticle['photos'], widthMm: number, colSpan: number, gutter: number, maxHeightMm = Infinity) {
  if (!photos.length) return { perRow: 0, width: 0, heights: [] as number[], height: 0 };
  const perRow = Math.min(photos.length, Math.max(1, Math.floor(colSpan / 2)));
  const width = (widthMm - (perRow - 1) * gutter) / perRow;
  const rows = Math.ceil(photos.length / perRow);
  const cap = maxHeightMm / rows;
  const heights = photos.map((p) => Math.min(width * (p.aspect > 0 ? p.aspect : 2 / 3), cap));
  let height = 0;
  for (let r = 0; r < rows; r++) {
    const row = photos.slice(r * perRow, (r + 1) * perRow);
    const img = Math.max(...heights.slice(r * perRow, (r + 1) * perRow));
    const caption = Math.max(0, ...row.map((p) => linesOf(p.caption, SHEET_TYPE.caption, width))) * pt(SHEET_TYPE.caption) * SHEET_TYPE.smallLeading;
    height += img + caption + 2 * SHEET_TYPE.photoGap;
  }
  return { perRow, width, heights, height };
}

/** Lines of body type the text needs in text columns `cpl` characters wide. */
export function textLines(a: FitArticle, cpl: number): number {
  let lines = 0;
  for (const b of a.blocks) {
    if (b.kind === 'subhead') lines += Math.ceil(ems(b.text) / cpl - 1e-9) + 1;
    else lines += Math.ceil((ems(b.text) + 2) / cpl - 1e-9); // 2 ems of first-line indent
  }
  for (const t of a.trailers) lines += Math.ceil(ems(t) / cpl - 1e-9);
  return lines;
}

export type FitBox = { widthMm: number; heightMm: number; colSpan: number; lead: boolean; photoHeightMm: number };

export function estimateFit(a: FitArticle, format: PageFormat, box: FitBox): Fit {
  const cpl = charsPerLine(format);
  const lineMm = pt(format.leading);
  const bodyMm = box.heightMm - headHeight(a, box.widthMm, box.colSpan, box.lead) - box.photoHeightMm;
  const capacityLines = Math.max(0, box.colSpan * Math.floor(bodyMm / lineMm + 1e-6));
  const needed = textLines(a, cpl);
  const overLines = needed - capacityLines;
  return { capacityLines, textLines: needed, overLines, overChars: overLines * cpl, charsPerLine: cpl, method: 'estimate' };
}

/**
 * Height in mm an article needs in a rectangle `colSpan` columns wide, with a
 * margin (the browser's line breaking, widows and column breaks cost lines the
 * arithmetic does not see): what the automatic layout asks of the grid.
 */
export function neededHeight(a: FitArticle, format: PageFormat, widthMm: number, colSpan: number, lead: boolean): number {
  const cpl = charsPerLine(format);
  const lineMm = pt(format.leading);
  const perColumn = Math.ceil((textLines(a, cpl) * 1.06) / colSpan) + 2;
  return headHeight(a, widthMm, colSpan, lead) + photoBoxes(a.photos, widthMm, colSpan, format.gutter).height + perColumn * lineMm;
}
