import {
  PAGE_FORMATS,
  charsPerLine,
  columnWidth,
  customFormatProblems,
  pageGeometry,
  proofScale,
  rectBox,
  resolveFormat,
} from '../../src/broadsheet/page-formats';
import { packPage, spanToColumns, type PackItem } from '../../src/broadsheet/auto-layout';
import { ems, estimateFit, neededHeight, textLines, type FitArticle } from '../../src/broadsheet/copyfit-estimate';
import { layoutPage } from '../../src/broadsheet/page-layout';
import { fitTable } from '../../src/broadsheet/copyfit';
import { markdownBlocks } from '../../src/broadsheet/markdown';

/** Page composition's pure cores: formats, the automatic layout, copyfit by arithmetic, the fit table. */

const article = (chars: number, extra: Partial<FitArticle> = {}): FitArticle => ({
  column: null,
  kicker: null,
  headline: '党建引领乡村振兴',
  subtitle: null,
  bylines: ['□本报通讯员 胡伟杰'],
  photos: [],
  blocks: [{ kind: 'paragraph', text: '字'.repeat(chars) }],
  trailers: [],
  ...extra,
});

describe('page formats', () => {
  it('ship 对开 and 四开 with their paper, 版心 and a 13- and 12-character column of 小五号', () => {
    const b = PAGE_FORMATS.broadsheet;
    expect([b.name, b.paper, b.typeArea, b.columns, b.bodySize]).toEqual(['对开', { width: 390, height: 545 }, { width: 350, height: 490 }, 8, 9]);
    expect(charsPerLine(b)).toBe(13);
    expect(charsPerLine(PAGE_FORMATS.tabloid)).toBe(12);
    // The columns and gutters fill the 版心 exactly.
    for (const f of Object.values(PAGE_FORMATS)) expect(columnWidth(f) * f.columns + f.gutter * (f.columns - 1)).toBeCloseTo(f.typeArea.width, 6);
    expect(resolveFormat(undefined)).toBe(PAGE_FORMATS.broadsheet);
    expect(resolveFormat('tabloid')).toBe(PAGE_FORMATS.tabloid);
  });

  it('scale a 版 onto one A3 proof sheet', () => {
    const s = proofScale(PAGE_FORMATS.broadsheet);
    expect(390 * s).toBeLessThanOrEqual(297 + 1e-9);
    expect(545 * s).toBeLessThanOrEqual(420 + 1e-9);
    expect(
      proofScale(
        resolveFormat('custom', {
          paperWidth: 200,
          paperHeight: 280,
          typeWidth: 180,
          typeHeight: 250,
          columns: 4,
          gutter: 3,
          rows: 10,
          bodySize: 9,
          leading: 13,
        }),
      ),
    ).toBe(1);
  });

  it('check a custom format field by field', () => {
    const good = { paperWidth: 260, paperHeight: 370, typeWidth: 230, typeHeight: 330, columns: 5, gutter: 3, rows: 12, bodySize: 9, leading: 13 };
    expect(customFormatProblems(good)).toEqual([]);
    expect(customFormatProblems({ ...good, typeWidth: 300 })).toEqual([{ field: 'typeWidth', kind: 'widerThanPaper', limit: [260] }]);
    expect(customFormatProblems({ ...good, leading: 8 })).toEqual([{ field: 'leading', kind: 'leadingBelowSize', limit: [9] }]);
    expect(customFormatProblems({ ...good, columns: 20 })[0]).toMatchObject({ field: 'columns', kind: 'columnsTooNarrow' });
    expect(customFormatProblems({ ...good, rows: null })).toEqual([{ field: 'rows', kind: 'required' }]);
    expect(customFormatProblems({ ...good, gutter: 60 })).toEqual([{ field: 'gutter', kind: 'range', limit: [0, 50] }]);
    expect(() => resolveFormat('custom', { ...good, typeHeight: 400 })).toThrow(/typeHeight tallerThanPaper/);
  });

  it('put a grid rectangle in millimetres', () => {
    const g = pageGeometry(PAGE_FORMATS.broadsheet, { theme: true });
    expect(g.gridTop).toBeGreaterThan(0);
    expect(g.moduleHeight * 20 + g.gridTop).toBeLessThan(490);
    const whole = rectBox(g, { col: 1, colSpan: 8, row: 1, rowSpan: 20 });
    expect(whole.width).toBeCloseTo(350, 1);
    expect(whole.height).toBeCloseTo(g.gridHeight, 1);
    expect(rectBox(g, { col: 2, colSpan: 1, row: 3, rowSpan: 1 })).toMatchObject({ left: expect.closeTo(columnWidth(PAGE_FORMATS.broadsheet) + 2.6, 1) });
  });
});

describe('automatic layout', () => {
  const item = (colSpan: number, rows: number, fixed: PackItem['fixed'] = null): PackItem => ({ fixed, colSpan, rowsFor: () => rows });
  const cells = (rects: Array<{ col: number; colSpan: number; row: number; rowSpan: number }>) => {
    const seen = new Map<string, number>();
    rects.forEach((r, i) => {
      for (let y = r.row; y < r.row + r.rowSpan; y++)
        for (let x = r.col; x < r.col + r.colSpan; x++) {
          expect(seen.has(`${y}:${x}`)).toBe(false);
          seen.set(`${y}:${x}`, i);
        }
    });
    return seen;
  };

  it('packs in order, top to bottom, left to right, and leaves no hole', () => {
    const rects = packPage(8, 20, [item(8, 5), item(4, 6), item(4, 4), item(4, 3)]);
    expect(rects.map(({ col, row }) => [col, row])).toEqual([
      [1, 1],
      [1, 6],
      [5, 6],
      [5, 10],
    ]);
    expect(cells(rects).size).toBe(160);
  });

  it('keeps the editor’s rectangles and packs the rest around them', () => {
    const fixed = { col: 3, colSpan: 4, row: 1, rowSpan: 10 };
    const rects = packPage(8, 20, [item(2, 3, fixed), item(2, 4), item(2, 4)]);
    expect(rects[0]).toMatchObject({ ...fixed, auto: false });
    expect(rects.slice(1).every((r) => r.auto)).toBe(true);
    cells(rects);
  });

  it('clamps a rectangle the grid no longer has (a smaller format) and still overlaps nothing', () => {
    const rects = packPage(6, 14, [item(2, 3, { col: 5, colSpan: 4, row: 12, rowSpan: 10 }), item(6, 20)]);
    expect(rects[0]).toMatchObject({ col: 5, colSpan: 2, row: 12, rowSpan: 3 });
    cells(rects);
    expect(rects[1].short).toBe(true);
  });

  it('maps the span of six to the grid', () => {
    expect([1, 2, 3, 4, 6].map((s) => spanToColumns(s, 8))).toEqual([1, 3, 4, 5, 8]);
    expect(spanToColumns(3, 6)).toBe(3);
  });
});

describe('copyfit by arithmetic', () => {
  const f = PAGE_FORMATS.broadsheet;
  const g = pageGeometry(f, { theme: false });

  it('counts ems and lines as a CJK page sets them', () => {
    expect(ems('党建2024')).toBe(4);
    expect(textLines(article(26), 13)).toBe(3); // 2 ems of indent push it to a third line
    const blocks = markdownBlocks('第一段。\n\n### 小标题\n\n第二段**加粗**。');
    expect(blocks).toEqual([
      { kind: 'paragraph', text: '第一段。' },
      { kind: 'subhead', text: '小标题' },
      { kind: 'paragraph', text: '第二段加粗。' },
    ]);
  });

  it('says over or under in lines and characters, and what a block needs', () => {
    const box = rectBox(g, { col: 1, colSpan: 2, row: 1, rowSpan: 4 });
    const small = estimateFit(article(200), f, { widthMm: box.width, heightMm: box.height, colSpan: 2, lead: false, photoHeightMm: 0 });
    expect(small.overLines).toBeLessThan(0);
    const big = estimateFit(article(4000), f, { widthMm: box.width, heightMm: box.height, colSpan: 2, lead: false, photoHeightMm: 0 });
    expect(big.overLines).toBeGreaterThan(0);
    expect(big.overChars).toBe(big.overLines * 13);
    expect(big.textLines - big.capacityLines).toBe(big.overLines);
    // What the automatic layout asks for holds the text.
    const need = neededHeight(article(4000), f, box.width, 2, false);
    expect(estimateFit(article(4000), f, { widthMm: box.width, heightMm: need, colSpan: 2, lead: false, photoHeightMm: 0 }).overLines).toBeLessThanOrEqual(0);
  });

  it('lays out a page so every article fits when the page has room', () => {
    const laid = layoutPage(
      f,
      { theme: true },
      [1000, 1700, 1900, 1000].map((n, i) => ({ rect: { col: null, colSpan: null, row: null, rowSpan: null }, span: 3, lead: i === 0, article: article(n) })),
    );
    expect(laid.placements.every((p) => p.fit.overLines <= 0)).toBe(true);
    expect(laid.placements.every((p) => p.auto)).toBe(true);
  });

  it('prints a table per 版', () => {
    const table = fitTable([
      {
        page: 2,
        order: 1,
        headline: '乙',
        rect: [1, 4, 1, 6],
        capacityLines: 100,
        textLines: 90,
        overLines: -10,
        overChars: -130,
        charsPerLine: 13,
        method: 'measured',
      },
      {
        page: 1,
        order: 1,
        headline: '甲',
        rect: [5, 4, 7, 3],
        capacityLines: 40,
        textLines: 52,
        overLines: 12,
        overChars: 150,
        charsPerLine: 13,
        method: 'measured',
      },
    ]);
    expect(table.split('\n')[0]).toBe('第1版');
    expect(table).toMatch(/甲\s+5,7 4×3\s+40 行\s+52 行\s+超版 12 行 约 150 字/);
    expect(table).toMatch(/第2版[\s\S]*乙[\s\S]*欠 10 行 约 130 字/);
  });
});
