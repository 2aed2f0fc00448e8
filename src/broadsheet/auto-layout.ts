import type { GridRect } from './page-formats';

/**
 * The automatic layout of a 版: placements in their order, packed on the module
 * grid top to bottom, left to right, each as wide as its span asks and as deep as
 * its text needs; then every block grows into the empty modules below and beside
 * it, so the page has no holes. Placements the editor has already laid out keep
 * their rectangles and are packed around. Pure: sizes in, rectangles out.
 */

export type PackItem = {
  /** The editor's rectangle, when the placement has one. */
  fixed: GridRect | null;
  /** Preferred width in grid columns. */
  colSpan: number;
  /** Grid rows the item needs at a given width. */
  rowsFor: (colSpan: number) => number;
};

export type Packed = GridRect & { auto: boolean; short: boolean };

class Grid {
  cells: boolean[][];
  constructor(
    readonly cols: number,
    readonly rows: number,
  ) {
    this.cells = Array.from({ length: rows }, () => Array<boolean>(cols).fill(false));
  }
  free(r: number, c: number) {
    return r >= 1 && c >= 1 && r <= this.rows && c <= this.cols && !this.cells[r - 1][c - 1];
  }
  stripFree(row: number, col: number, colSpan: number) {
    for (let c = col; c < col + colSpan; c++) if (!this.free(row, c)) return false;
    return true;
  }
  /** Free rows downwards from (row, col) across colSpan columns. */
  depth(row: number, col: number, colSpan: number) {
    let r = row;
    while (this.stripFree(r, col, colSpan)) r++;
    return r - row;
  }
  mark(rect: GridRect) {
    for (let r = rect.row; r < rect.row + rect.rowSpan; r++)
      for (let c = rect.col; c < rect.col + rect.colSpan; c++) if (r >= 1 && c >= 1 && r <= this.rows && c <= this.cols) this.cells[r - 1][c - 1] = true;
  }
  unmark(rect: GridRect) {
    for (let r = rect.row; r < rect.row + rect.rowSpan; r++) for (let c = rect.col; c < rect.col + rect.colSpan; c++) this.cells[r - 1][c - 1] = false;
  }
}

/** A stored rectangle, clamped to the grid (a format may have changed under it). */
export function clampRect(r: GridRect, cols: number, rows: number): GridRect {
  const col = Math.min(Math.max(1, Math.round(r.col)), cols);
  const row = Math.min(Math.max(1, Math.round(r.row)), rows);
  return {
    col,
    row,
    colSpan: Math.min(Math.max(1, Math.round(r.colSpan)), cols - col + 1),
    rowSpan: Math.min(Math.max(1, Math.round(r.rowSpan)), rows - row + 1),
  };
}

function place(grid: Grid, item: PackItem): Packed {
  // The first spot, top to bottom and left to right, deep enough for the item at its width;
  // failing that, narrower; failing that, the deepest spot there is (the item will be overset).
  let deepest = null as Packed | null;
  for (let colSpan = Math.min(item.colSpan, grid.cols); colSpan >= 1; colSpan--) {
    const need = Math.max(1, item.rowsFor(colSpan));
    for (let row = 1; row <= grid.rows; row++) {
      for (let col = 1; col + colSpan - 1 <= grid.cols; col++) {
        if (!grid.stripFree(row, col, colSpan)) continue;
        const depth = grid.depth(row, col, colSpan);
        if (depth >= need) return { col, row, colSpan, rowSpan: need, auto: true, short: false };
        const area = depth * colSpan;
        if (!deepest || area > deepest.rowSpan * deepest.colSpan) deepest = { col, row, colSpan, rowSpan: depth, auto: true, short: true };
      }
    }
    // A narrower block is tried only when the preferred width has no room at all.
    if (deepest && colSpan === Math.min(item.colSpan, grid.cols) && deepest.rowSpan >= Math.ceil(need / 2)) return deepest;
  }
  // No free module at all: the block goes under the last row's first column and is reported overset.
  return deepest ?? { col: 1, row: grid.rows, colSpan: 1, rowSpan: 1, auto: true, short: true };
}

export function packPage(cols: number, rows: number, items: PackItem[]): Packed[] {
  const grid = new Grid(cols, rows);
  const out: Array<Packed | null> = items.map((it) => (it.fixed ? { ...clampRect(it.fixed, cols, rows), auto: false, short: false } : null));
  out.forEach((r) => r && grid.mark(r));
  items.forEach((it, i) => {
    if (out[i]) return;
    const p = place(grid, it);
    grid.mark(p);
    out[i] = p;
  });
  const packed = out as Packed[];
  // Grow the automatic blocks into the holes: first down, then sideways.
  for (const p of packed.filter((x) => x.auto)) {
    grid.unmark(p);
    p.rowSpan += grid.depth(p.row + p.rowSpan, p.col, p.colSpan);
    grid.mark(p);
  }
  for (const p of packed.filter((x) => x.auto)) {
    const columnFree = (c: number) => {
      for (let r = p.row; r < p.row + p.rowSpan; r++) if (!grid.free(r, c)) return false;
      return true;
    };
    while (columnFree(p.col + p.colSpan)) {
      grid.mark({ col: p.col + p.colSpan, colSpan: 1, row: p.row, rowSpan: p.rowSpan });
      p.colSpan++;
    }
  }
  return packed;
}

/** The editor's span (of six, banmian's first layout model) as a width on a grid of `cols` columns. */
export const spanToColumns = (span: number, cols: number) => Math.min(cols, Math.max(1, Math.round(((Number(span) || 2) * cols) / 6)));
