/**
 * The type sizes of a composed 版, in points, shared by the stylesheet's sheet
 * rules (set as CSS variables by the view model) and the copyfit estimate, so
 * the estimate reckons with the sizes the browser sets.
 */
export const SHEET_TYPE = {
  columnTag: 10,
  kicker: 11,
  subtitle: 11,
  byline: 9,
  caption: 8,
  subhead: 10,
  /** Line height of display lines (headline, kicker, subtitle) as a multiple of their size. */
  displayLeading: 1.3,
  /** Small lines (bylines, captions). */
  smallLeading: 1.5,
  /** Space between an article's rule and its first line, and under its head, in mm. */
  padTop: 2.5,
  headGap: 2,
  photoGap: 1.5,
} as const;

/** Headline size by the width of its rectangle: a headline spans its rectangle, wider rectangles carry bigger ones; the lead (头条) is bigger still. */
export function headlineSize(colSpan: number, lead: boolean): number {
  return lead ? Math.min(36, 16 + 3 * colSpan) : Math.min(26, 12 + 2 * colSpan);
}
