import { packPage, spanToColumns, clampRect } from './auto-layout';
import { estimateFit, neededHeight, photoBoxes, type Fit, type FitArticle } from './copyfit-estimate';
import { pageGeometry, rectBox, round, type GridRect, type PageFormat, type PageGeometry } from './page-formats';
import { headlineSize } from './sheet-type';

/**
 * A 版 composed on its format's module grid: each placement's rectangle (the
 * editor's, or the automatic layout's), its box in millimetres, the size of its
 * headline and photos, and the estimated fit of its text. Pure: the exporter,
 * the admin preview and the planner all lay a page out with this.
 */

export type LayoutInput = {
  /** The editor's rectangle; null fields mean "not laid out yet". */
  rect: { col: number | null; colSpan: number | null; row: number | null; rowSpan: number | null };
  span: number;
  lead: boolean;
  article: FitArticle;
};

export type LaidOut = {
  rect: GridRect;
  /** True when the automatic layout chose the rectangle (the editor has not). */
  auto: boolean;
  box: { left: number; top: number; width: number; height: number };
  headlineSize: number;
  photos: { perRow: number; width: number; heights: number[]; height: number };
  fit: Fit;
};

export const storedRect = (r: LayoutInput['rect']): GridRect | null =>
  r.col && r.colSpan && r.row && r.rowSpan ? { col: r.col, colSpan: r.colSpan, row: r.row, rowSpan: r.rowSpan } : null;

/** The largest share of a rectangle's height its photos may take; the text keeps the rest. */
const PHOTO_SHARE = 0.45;

export function layoutPage(format: PageFormat, page: { theme: boolean }, items: LayoutInput[]): { geometry: PageGeometry; placements: LaidOut[] } {
  const geometry = pageGeometry(format, page);
  const widthOf = (colSpan: number) => rectBox(geometry, { col: 1, colSpan, row: 1, rowSpan: 1 }).width;
  const packed = packPage(
    format.columns,
    format.rows,
    items.map((it) => ({
      fixed: storedRect(it.rect),
      colSpan: it.rect.colSpan
        ? clampRect({ col: 1, row: 1, colSpan: it.rect.colSpan, rowSpan: 1 }, format.columns, 1).colSpan
        : spanToColumns(it.span, format.columns),
      rowsFor: (colSpan: number) => Math.ceil(neededHeight(it.article, format, widthOf(colSpan), colSpan, it.lead) / geometry.moduleHeight - 1e-6),
    })),
  );
  const placements = items.map((it, i) => {
    const { auto, short: _short, ...rect } = packed[i];
    return { ...placeInRect(geometry, rect, it.article, it.lead), auto };
  });
  return { geometry, placements };
}

/** One article in one rectangle: its box, headline size, photo boxes and estimated fit (the planner re-runs this as a block moves). */
export function placeInRect(geometry: PageGeometry, rect: GridRect, article: FitArticle, lead: boolean): Omit<LaidOut, 'auto'> {
  const { format } = geometry;
  const box = rectBox(geometry, rect);
  const photos = photoBoxes(article.photos, box.width, rect.colSpan, format.gutter, box.height * PHOTO_SHARE);
  const fit = estimateFit(article, format, { widthMm: box.width, heightMm: box.height, colSpan: rect.colSpan, lead, photoHeightMm: photos.height });
  return {
    rect,
    box,
    headlineSize: headlineSize(rect.colSpan, lead),
    photos: { ...photos, width: round(photos.width), heights: photos.heights.map((h) => round(h)), height: round(photos.height) },
    fit,
  };
}
