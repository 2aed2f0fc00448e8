import type { GridRect } from './page-formats';

/**
 * Underset (欠版): white space the sheet will print. Two kinds, both reported
 * like overset (fit table, 预览, 签字 panel, the planner):
 *  - an article whose rectangle is larger than its text needs by at least a line
 *    in every text column (or a whole text column): the rectangle could be a
 *    line shorter, or a column narrower, and still hold the text;
 *  - a hole: modules of the grid no block covers.
 * Pure. assets/copyfit.js applies the same rule to what it measures in the
 * browser (keep the two in step).
 */

export type Underset = {
  /** Lines of body type left empty in the rectangle, over all its text columns. */
  lines: number;
  /** Those lines as whole grid modules (one column × one row of the grid) of white. */
  modules: number;
};

/**
 * The underset of a block, from its fit: `overLines` < 0 is the room left;
 * `columns` its text columns; `linesPerModule` lines of body type in one grid row.
 * Null when the text fills the rectangle to within a line per column.
 */
export function undersetOf(fit: { overLines: number; overChars: number }, columns: number, linesPerModule: number): Underset | null {
  const lines = -fit.overLines;
  if (fit.overLines > 0 || fit.overChars > 0 || lines < Math.max(1, columns)) return null;
  return { lines, modules: linesPerModule > 0 ? Math.floor(lines / linesPerModule + 1e-6) : 0 };
}

/**
 * The modules of a `cols` × `rows` grid no rectangle covers, as rectangles: each
 * the largest run to the right from the first free module (top to bottom, left to
 * right), then as deep as that run stays free. Together they cover every free module once.
 */
export function pageHoles(cols: number, rows: number, rects: GridRect[]): GridRect[] {
  const taken = Array.from({ length: rows }, () => Array<boolean>(cols).fill(false));
  const mark = (r: GridRect) => {
    for (let y = Math.max(1, r.row); y < r.row + r.rowSpan && y <= rows; y++)
      for (let x = Math.max(1, r.col); x < r.col + r.colSpan && x <= cols; x++) taken[y - 1][x - 1] = true;
  };
  rects.forEach(mark);
  const holes: GridRect[] = [];
  for (let row = 1; row <= rows; row++) {
    for (let col = 1; col <= cols; col++) {
      if (taken[row - 1][col - 1]) continue;
      let colSpan = 1;
      while (col + colSpan <= cols && !taken[row - 1][col + colSpan - 1]) colSpan++;
      let rowSpan = 1;
      const rowFree = (y: number) => taken[y - 1].slice(col - 1, col - 1 + colSpan).every((t) => !t);
      while (row + rowSpan <= rows && rowFree(row + rowSpan)) rowSpan++;
      const hole = { col, colSpan, row, rowSpan };
      holes.push(hole);
      mark(hole);
    }
  }
  return holes;
}

/** A hole on a 版, as the fit results carry it: the rectangle as [col, colSpan, row, rowSpan] and its modules. */
export type PageHole = { page: number; rect: number[]; modules: number };

/**
 * The holes of every 版 of a set of fit results, from their rectangles and the
 * grid each result names (`grid`: [columns, rows]).
 */
export function holesOf(fits: Array<{ page: number; rect: number[]; grid?: number[] }>): PageHole[] {
  const out: PageHole[] = [];
  const pages = [...new Set(fits.map((f) => f.page))].sort((a, b) => a - b);
  for (const page of pages) {
    const on = fits.filter((f) => f.page === page);
    const grid = on.find((f) => f.grid && f.grid.length === 2)?.grid;
    if (!grid) continue;
    const rects = on.map(({ rect: [col, colSpan, row, rowSpan] }) => ({ col, colSpan, row, rowSpan }));
    for (const h of pageHoles(grid[0], grid[1], rects)) out.push({ page, rect: [h.col, h.colSpan, h.row, h.rowSpan], modules: h.colSpan * h.rowSpan });
  }
  return out;
}
