/**
 * Page formats (开张 and 版心) of Chinese newspapers, and the module grid a 版 is
 * composed on. Pure: a publication's choice in, millimetres out.
 *
 * Where the figures come from (all lengths in mm, type sizes in pt):
 * - Newsprint comes in 781 × 1092 mm sheets (the 正度 full sheet of GB/T 148 paper
 *   sizes, 787 × 1092 before trimming). A 对开 paper's 版 is half of that sheet,
 *   trimmed to about 390 × 545 (人民日报, 光明日报, most county and city party
 *   papers); a 四开 paper's 版 is half again, about 272 × 390 (参考消息 and most
 *   supplements).
 * - The 版心 in common practice: 350 × 490 for 对开, 245 × 350 for 四开, centred,
 *   with a wider top margin that carries the folio line (眉线: 版号, 版名, 日期).
 * - Body type is 小五号 (9 pt, 3.175 mm a character); a 基本栏 is 13 characters wide
 *   on 对开 (8 栏 across the 版心) and 12 characters on 四开 (6 栏); the gutters
 *   take what is left (a little under one character), leaving each column a
 *   hair wider than its characters so rounding in the browser never drops one. Leading 13.5 pt (行距 half a
 *   character), the usual newspaper setting.
 * - Rows of the module grid are banmian's choice: 20 on 对开 and 14 on 四开, so a
 *   module is about 24 mm (5 lines of body type) high: fine enough to fit text to
 *   a line or two, coarse enough to drag in the planner.
 */

export const PAGE_FORMAT_KEYS = ['broadsheet', 'tabloid', 'custom'] as const;
export type PageFormatKey = (typeof PAGE_FORMAT_KEYS)[number];

export type PageFormat = {
  key: PageFormatKey;
  /** 对开, 四开, 自定义 */
  name: string;
  paper: { width: number; height: number };
  typeArea: { width: number; height: number };
  /** Space above the 版心 (the folio line sits in it); the rest of the margin goes below. */
  topMargin: number;
  columns: number;
  gutter: number;
  rows: number;
  /** Body type size and line pitch, in points. */
  bodySize: number;
  leading: number;
};

export const MM_PER_PT = 25.4 / 72;

export const PAGE_FORMATS: Record<Exclude<PageFormatKey, 'custom'>, PageFormat> = {
  broadsheet: {
    key: 'broadsheet',
    name: '对开',
    paper: { width: 390, height: 545 },
    typeArea: { width: 350, height: 490 },
    topMargin: 30,
    columns: 8,
    gutter: 2.6,
    rows: 20,
    bodySize: 9,
    leading: 13.5,
  },
  tabloid: {
    key: 'tabloid',
    name: '四开',
    paper: { width: 272, height: 390 },
    typeArea: { width: 245, height: 350 },
    topMargin: 22,
    columns: 6,
    gutter: 3,
    rows: 14,
    bodySize: 9,
    leading: 13.5,
  },
};

/** The custom format's fields as the publication stores them (component newsroom.page-format). */
export type CustomFormatFields = {
  paperWidth?: number | null;
  paperHeight?: number | null;
  typeWidth?: number | null;
  typeHeight?: number | null;
  columns?: number | null;
  gutter?: number | null;
  rows?: number | null;
  bodySize?: number | null;
  leading?: number | null;
};

/** What is wrong with one field: `limit` is [min, max] for `range`, the other figure (mm or pt) otherwise. */
export type FormatProblem = {
  field: keyof CustomFormatFields;
  kind: 'required' | 'range' | 'widerThanPaper' | 'tallerThanPaper' | 'leadingBelowSize' | 'columnsTooNarrow';
  limit?: number[];
};

/**
 * What is wrong with a custom format, field by field (empty when nothing is).
 * Checked when a publication is saved, so a broken format never reaches a render.
 */
export function customFormatProblems(f: CustomFormatFields | null | undefined): FormatProblem[] {
  if (!f) return [{ field: 'paperWidth', kind: 'required' }];
  const problems: FormatProblem[] = [];
  const need = (field: keyof CustomFormatFields, min: number, max: number) => {
    const v = f[field];
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push({ field, kind: 'required' });
    else if (v < min || v > max) problems.push({ field, kind: 'range', limit: [min, max] });
  };
  need('paperWidth', 50, 2000);
  need('paperHeight', 50, 2000);
  need('typeWidth', 30, 2000);
  need('typeHeight', 30, 2000);
  need('columns', 1, 24);
  need('rows', 1, 80);
  need('gutter', 0, 50);
  need('bodySize', 5, 24);
  need('leading', 5, 48);
  if (problems.length) return problems;
  if (f.typeWidth! > f.paperWidth!) problems.push({ field: 'typeWidth', kind: 'widerThanPaper', limit: [f.paperWidth!] });
  if (f.typeHeight! > f.paperHeight!) problems.push({ field: 'typeHeight', kind: 'tallerThanPaper', limit: [f.paperHeight!] });
  if (f.leading! < f.bodySize!) problems.push({ field: 'leading', kind: 'leadingBelowSize', limit: [f.bodySize!] });
  const column = (f.typeWidth! - (f.columns! - 1) * f.gutter!) / f.columns!;
  if (column < 4 * f.bodySize! * MM_PER_PT) problems.push({ field: 'columns', kind: 'columnsTooNarrow', limit: [round(column, 1)] });
  return problems;
}

/** The publication's format, resolved to figures. An unusable custom format is refused by customFormatProblems before it is stored. */
export function resolveFormat(key: string | null | undefined, custom?: CustomFormatFields | null): PageFormat {
  if (key === 'custom') {
    const problems = customFormatProblems(custom);
    if (problems.length) throw new Error(`custom page format: ${problems.map((p) => `${p.field} ${p.kind}`).join('; ')}`);
    const f = custom!;
    const spare = f.paperHeight! - f.typeHeight!;
    return {
      key: 'custom',
      name: '自定义',
      paper: { width: f.paperWidth!, height: f.paperHeight! },
      typeArea: { width: f.typeWidth!, height: f.typeHeight! },
      topMargin: round(spare * 0.55),
      columns: f.columns!,
      gutter: f.gutter!,
      rows: f.rows!,
      bodySize: f.bodySize!,
      leading: f.leading!,
    };
  }
  return key === 'tabloid' ? PAGE_FORMATS.tabloid : PAGE_FORMATS.broadsheet;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Width of one grid column (基本栏). */
export const columnWidth = (f: PageFormat) => (f.typeArea.width - (f.columns - 1) * f.gutter) / f.columns;

/** Characters of body type on one line of one column: the unit of copyfit. */
export const charsPerLine = (f: PageFormat, columns = 1) => Math.floor((columns * columnWidth(f) + (columns - 1) * f.gutter) / (f.bodySize * MM_PER_PT) + 1e-6);

/** The fixed strips of a 版心 above the module grid: the theme band (when the page has one). */
export const THEME_BAND_MM = 16;
/** The credits line (□编辑/版式/审校) under the grid. */
export const CREDITS_MM = 7;

export type PageGeometry = {
  format: PageFormat;
  /** Top of the module grid inside the 版心, and its height. */
  gridTop: number;
  gridHeight: number;
  columnWidth: number;
  moduleHeight: number;
};

export function pageGeometry(format: PageFormat, { theme }: { theme: boolean }): PageGeometry {
  const gridTop = theme ? THEME_BAND_MM : 0;
  const gridHeight = format.typeArea.height - gridTop - CREDITS_MM;
  return { format, gridTop, gridHeight, columnWidth: columnWidth(format), moduleHeight: gridHeight / format.rows };
}

/** A rectangle on the module grid, 1-based like the editor counts (第1栏, 第1行). */
export type GridRect = { col: number; colSpan: number; row: number; rowSpan: number };

/** Whether two rectangles of the grid share a module. */
export const rectsOverlap = (a: GridRect, b: GridRect) =>
  a.col < b.col + b.colSpan && b.col < a.col + a.colSpan && a.row < b.row + b.rowSpan && b.row < a.row + a.rowSpan;

/** The rectangle in millimetres from the grid's top left corner. */
export function rectBox(g: PageGeometry, r: GridRect) {
  const pitch = g.columnWidth + g.format.gutter;
  return {
    left: round((r.col - 1) * pitch),
    top: round((r.row - 1) * g.moduleHeight),
    width: round(r.colSpan * g.columnWidth + (r.colSpan - 1) * g.format.gutter),
    height: round(r.rowSpan * g.moduleHeight),
  };
}

/** A3 portrait, the proof sheet (大样) every office printer takes. */
export const A3 = { width: 297, height: 420 };
/** How much a 版 is scaled to fit on one proof sheet. */
export const proofScale = (f: PageFormat, sheet = A3) => Math.min(1, sheet.width / f.paper.width, sheet.height / f.paper.height);
