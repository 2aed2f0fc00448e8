import { packPage, type PackItem } from '../../src/broadsheet/auto-layout';
import { holesOf, pageHoles, undersetOf } from '../../src/broadsheet/underset';
import { fitSummary, fitTable, type PlacementFit } from '../../src/broadsheet/copyfit';
import type { GridRect } from '../../src/broadsheet/page-formats';

/**
 * Underset (欠版, white on the printed sheet): the automatic layout leaves no module
 * a block could grow into, and what white remains (a block larger than its text,
 * a hole in the grid) is reported like overset. Pure cores.
 */

// An item `colSpan` wide whose text takes `area` column-modules: as deep as that needs at any width.
const items = (...shapes: Array<[number, number]>): PackItem[] =>
  shapes.map(([colSpan, area]) => ({ fixed: null, colSpan, rowsFor: (c: number) => Math.ceil(area / c) }));
const covered = (packed: GridRect[]) => packed.reduce((n, r) => n + r.colSpan * r.rowSpan, 0);
const overlapping = (packed: GridRect[]) =>
  packed.some((a, i) =>
    packed.slice(i + 1).some((b) => a.col < b.col + b.colSpan && b.col < a.col + a.colSpan && a.row < b.row + b.rowSpan && b.row < a.row + a.rowSpan),
  );

describe('the automatic layout leaves no hole a block can fill', () => {
  // Blocks that lock around a hole (a pinwheel): none can grow into it as a rectangle, as packed
  // before; the page printed a 2 × 3 hole (columns 5–6, rows 12–14) and a 2 × 2 one (columns 4–5, rows 8–9).
  const pinwheel2x3 = items([4, 55], [6, 32], [7, 42], [5, 15]);
  const pinwheel2x2 = items([5, 32], [3, 27], [3, 38], [4, 33]);

  it.each([
    ['2 × 3', pinwheel2x3],
    ['2 × 2', pinwheel2x2],
  ])('fills the %s hole: every module of the 8 × 20 grid is covered, no block over another', (_name, page) => {
    const packed = packPage(8, 20, page);
    expect(pageHoles(8, 20, packed)).toEqual([]);
    expect(covered(packed)).toBe(160);
    expect(overlapping(packed)).toBe(false);
    // Nothing is made too small for its text to fill the hole.
    packed.forEach((p, i) => expect(p.rowSpan).toBeGreaterThanOrEqual(page[i].rowsFor(p.colSpan)));
  });

  it('keeps the editor’s rectangles and reports the hole they leave', () => {
    // After the editor's changes: two blocks side by side, a third under them a column short
    // of the right edge for two rows: a 2 × 2 hole, no automatic block to grow into it.
    const fixed = (col: number, colSpan: number, row: number, rowSpan: number): PackItem => ({
      fixed: { col, colSpan, row, rowSpan },
      colSpan,
      rowsFor: () => rowSpan,
    });
    const packed = packPage(8, 20, [fixed(1, 5, 1, 20), fixed(6, 3, 1, 16), fixed(6, 1, 17, 4), fixed(7, 2, 19, 2)]);
    expect(pageHoles(8, 20, packed)).toEqual([{ col: 7, colSpan: 2, row: 17, rowSpan: 2 }]);
  });
});

describe('pageHoles', () => {
  it('finds the empty modules of a grid as rectangles that cover each once', () => {
    expect(pageHoles(8, 20, [{ col: 1, colSpan: 8, row: 1, rowSpan: 20 }])).toEqual([]);
    expect(pageHoles(4, 3, [])).toEqual([{ col: 1, colSpan: 4, row: 1, rowSpan: 3 }]);
    const holes = pageHoles(8, 20, [
      { col: 1, colSpan: 6, row: 1, rowSpan: 20 },
      { col: 7, colSpan: 2, row: 1, rowSpan: 17 },
    ]);
    expect(holes).toEqual([{ col: 7, colSpan: 2, row: 18, rowSpan: 3 }]);
  });
});

describe('undersetOf', () => {
  it('is a line or more of room in every text column, as lines and whole modules', () => {
    expect(undersetOf({ overLines: -271, overChars: -3533 }, 5, 5.14)).toEqual({ lines: 271, modules: 52 });
    expect(undersetOf({ overLines: -5, overChars: -65 }, 5, 5.14)).toEqual({ lines: 5, modules: 0 });
    // An empty fifth text column of 20 lines: four modules of white.
    expect(undersetOf({ overLines: -20, overChars: -260 }, 5, 5)).toEqual({ lines: 20, modules: 4 });
    // Less than a line per column is a block that fits ("欠 0 行", "欠 3 行" in five columns).
    expect(undersetOf({ overLines: 0, overChars: -4 }, 5, 5)).toBeNull();
    expect(undersetOf({ overLines: -4, overChars: -52 }, 5, 5)).toBeNull();
    expect(undersetOf({ overLines: 3, overChars: 39 }, 5, 5)).toBeNull();
  });
});

describe('the fit table and summary report underset like overset', () => {
  const fit = (over: Partial<PlacementFit>): PlacementFit => ({
    page: 1,
    order: 1,
    headline: '甲',
    rect: [1, 5, 1, 20],
    capacityLines: 455,
    textLines: 184,
    overLines: -271,
    overChars: -3533,
    charsPerLine: 13,
    method: 'measured',
    underset: { lines: 271, modules: 52 },
    grid: [8, 20],
    ...over,
  });
  const fits = [
    fit({}),
    fit({ order: 2, headline: '乙', rect: [6, 3, 1, 17], capacityLines: 240, textLines: 252, overLines: 12, overChars: 150, underset: null }),
  ];

  it('says 欠版 with the modules of white, and lists the 版’s holes', () => {
    const table = fitTable(fits);
    expect(table).toMatch(/甲\s+1,1 5×20\s+455 行\s+184 行\s+欠版 271 行 约 3533 字（约 52 模块空白）/);
    expect(table).toMatch(/乙\s+6,1 3×17\s+240 行\s+252 行\s+超版 12 行 约 150 字/);
    expect(table).toMatch(/（空白：无稿件）\s+6,18 3×3\s+空白 9 模块/);
  });

  it('names the overset and underset articles and the holes', () => {
    const summary = fitSummary(fits);
    expect(summary.overset.map((f) => f.headline)).toEqual(['乙']);
    expect(summary.underset.map((f) => f.headline)).toEqual(['甲']);
    expect(summary.holes).toEqual([{ page: 1, rect: [6, 3, 18, 3], modules: 9 }]);
    expect(summary.lines).toEqual([
      '1 article(s) overset (超版): 第1版 乙',
      '1 article(s) underset (欠版): 第1版 甲（欠 271 行，约 52 模块）',
      '1 hole(s) (空白): 第1版 第6栏第18行起 3栏×3行（9 模块）',
    ]);
    expect(holesOf([fit({ rect: [1, 8, 1, 20] })])).toEqual([]);
  });
});
