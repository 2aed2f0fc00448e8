import type { GridRect } from './page-formats';

/**
 * The automatic layout of a 版: placements in their order, packed on the module
 * grid top to bottom, left to right, each as wide as its span asks and as deep as
 * its text needs; then every block grows into the empty modules around it (down,
 * right, up, left) until none can, and where blocks lock around a hole the packing
 * is tried again with one block a column narrower or wider, so the page has no
 * holes a block could fill. Placements the editor has already laid out keep
 * their rectangles and are packed around (and do not grow). Pure: sizes in, rectangles out.
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

/** Packs the items in order, then grows the automatic blocks into the empty modules around them. */
function packOnce(cols: number, rows: number, items: PackItem[], widths: number[]): Packed[] {
  const grid = new Grid(cols, rows);
  const out: Array<Packed | null> = items.map((it) => (it.fixed ? { ...clampRect(it.fixed, cols, rows), auto: false, short: false } : null));
  out.forEach((r) => r && grid.mark(r));
  items.forEach((it, i) => {
    if (out[i]) return;
    const p = place(grid, { ...it, colSpan: widths[i] });
    grid.mark(p);
    out[i] = p;
  });
  const packed = out as Packed[];
  growIntoHoles(
    grid,
    packed.filter((x) => x.auto),
  );
  return packed;
}

/**
 * Grows the blocks into the empty modules beside them (down, right, up, left, a whole
 * row or column of the block at a time) until none can grow: a block can take a
 * strip only when every module of it is free, so the result stays rectangles.
 */
function growIntoHoles(grid: Grid, blocks: Packed[]) {
  const free = (cs: number, ce: number, rs: number, re: number) => {
    for (let r = rs; r <= re; r++) for (let c = cs; c <= ce; c++) if (!grid.free(r, c)) return false;
    return true;
  };
  for (let grown = true; grown;) {
    grown = false;
    for (const p of blocks) {
      const right = p.col + p.colSpan;
      const bottom = p.row + p.rowSpan;
      let strip: GridRect | null = null;
      if (free(p.col, right - 1, bottom, bottom)) {
        strip = { col: p.col, colSpan: p.colSpan, row: bottom, rowSpan: 1 };
        p.rowSpan++;
      } else if (free(right, right, p.row, bottom - 1)) {
        strip = { col: right, colSpan: 1, row: p.row, rowSpan: p.rowSpan };
        p.colSpan++;
      } else if (free(p.col, right - 1, p.row - 1, p.row - 1)) {
        strip = { col: p.col, colSpan: p.colSpan, row: p.row - 1, rowSpan: 1 };
        p.row--;
        p.rowSpan++;
      } else if (free(p.col - 1, p.col - 1, p.row, bottom - 1)) {
        strip = { col: p.col - 1, colSpan: 1, row: p.row, rowSpan: p.rowSpan };
        p.col--;
        p.colSpan++;
      }
      if (strip) {
        grid.mark(strip);
        grown = true;
      }
    }
  }
}

const holeModules = (cols: number, rows: number, packed: Packed[]) => {
  const grid = new Grid(cols, rows);
  packed.forEach((p) => grid.mark(p));
  return grid.cells.reduce((n, row) => n + row.filter((c) => !c).length, 0);
};

/** Modules short of what the blocks' texts need (0 when every block holds its text). */
const shortfall = (items: PackItem[], packed: Packed[]) =>
  packed.reduce((n, p, i) => n + (p.auto ? Math.max(0, items[i].rowsFor(p.colSpan) - p.rowSpan) * p.colSpan : 0), 0);

export function packPage(cols: number, rows: number, items: PackItem[]): Packed[] {
  const widths = items.map((it) => Math.min(Math.max(1, it.colSpan), cols));
  let best = packOnce(cols, rows, items, widths);
  let holes = holeModules(cols, rows, best);
  // Blocks that lock around a hole (a pinwheel) cannot grow into it: try each automatic
  // block a column narrower or wider, and keep the packing with the fewest empty modules.
  for (let i = 0; i < items.length && holes > 0; i++) {
    if (items[i].fixed) continue;
    for (const d of [-1, 1]) {
      const w = widths[i] + d;
      if (w < 1 || w > cols) continue;
      const tried = packOnce(
        cols,
        rows,
        items,
        widths.map((x, j) => (j === i ? w : x)),
      );
      const h = holeModules(cols, rows, tried);
      // Not at the price of a block too small for its text.
      if (h < holes && shortfall(items, tried) <= shortfall(items, best)) [best, holes] = [tried, h];
      if (holes === 0) break;
    }
  }
  return best;
}

/** The editor's span (of six, banmian's first layout model) as a width on a grid of `cols` columns. */
export const spanToColumns = (span: number, cols: number) => Math.min(cols, Math.max(1, Math.round(((Number(span) || 2) * cols) / 6)));
