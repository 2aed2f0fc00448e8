import type { Block } from './blocks';

/**
 * A PDF page's text layer → blocks in reading order (pure: items in, blocks out).
 * Text items (pdf.js getTextContent: string, position, size) on one baseline and close
 * together are one line segment; segments are ordered for reading by recursive XY-cut
 * (cut the region at its widest gutter running top to bottom, else at its widest empty
 * band across: left to right, top to bottom; columns and articles come out whole); inside a
 * region, lines a gap or an indent apart start a new paragraph. Type clearly larger
 * than the page's body type proves a headline. Private-use glyphs (rules and ornaments
 * drawn from a symbol font) are dropped, and tracked-out runs (`衔 的 2 位 军 官`) joined.
 */

export type TextItem = { str: string; x: number; y: number; width: number; size: number };
type Segment = { text: string; x0: number; x1: number; y: number; size: number };
export type Rect = { x0: number; y0: number; x1: number; y1: number };
export type PdfBlock = Block & { page: number; rect: Rect; size: number };

const PRIVATE_USE = /[\ue000-\uf8ff]/gu;
/**
 * Fonts whose cmap maps a character to a Kangxi radical or a CJK compatibility
 * ideograph (`⽉` U+2F49 for 月, as Chromium's subset fonts do) give those code points
 * in the text layer: they are the characters NFKC makes of them. Only those ranges —
 * NFKC on the whole text would make full-width punctuation half-width.
 */
const RADICALS = /[\u2e80-\u2fdf\uf900-\ufaff]/gu;
/** The CJK Radicals Supplement has no NFKC mapping: the forms that stand for whole characters (Unicode's EquivalentUnifiedIdeograph). */
const SUPPLEMENT: Record<string, string> = {
  '\u2e9d': '月',
  '\u2e9f': '母',
  '\u2ea0': '民',
  '\u2ec1': '虎',
  '\u2ec4': '西',
  '\u2ec5': '见',
  '\u2ec6': '角',
  '\u2ec9': '贝',
  '\u2ecb': '车',
  '\u2ed1': '長',
  '\u2ed3': '长',
  '\u2ed4': '门',
  '\u2ed8': '青',
  '\u2ed9': '韦',
  '\u2eda': '页',
  '\u2edb': '风',
  '\u2edc': '飞',
  '\u2edd': '食',
  '\u2ee2': '马',
  '\u2ee3': '骨',
  '\u2ee4': '鬼',
  '\u2ee5': '鱼',
  '\u2ee6': '鸟',
  '\u2ee7': '卤',
  '\u2ee8': '麦',
  '\u2ee9': '黄',
  '\u2eec': '齐',
  '\u2eee': '齿',
  '\u2ef0': '龙',
  '\u2ef3': '龟',
};
export const unifyRadicals = (text: string) => text.replace(RADICALS, (ch) => SUPPLEMENT[ch] ?? ch.normalize('NFKC'));
const CJK = '[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’《》]';
/** Three or more characters each standing alone between spaces: letter-spaced type, one word. */
const TRACKED = new RegExp(`(?:^|(?<=\\s))(?:${CJK}|\\d)(?:\\s(?:${CJK}|\\d)){2,}(?=\\s|$)`, 'gu');

export function joinTracked(text: string): string {
  return text.replace(TRACKED, (run) => run.replace(/\s+/gu, ''));
}

/** Items on one baseline, left to right, split where the gap is wider than half a character (a gutter: another column). */
function segments(items: TextItem[]): Segment[] {
  const clean = items
    .map((it) => ({ ...it, str: unifyRadicals(it.str.replace(PRIVATE_USE, '')) }))
    .filter((it) => it.size > 0 && (it.str.trim() !== '' || (it.str !== '' && it.width < 1.2 * it.size)));
  clean.sort((a, b) => b.y - a.y || a.x - b.x);
  const out: Segment[] = [];
  let line: typeof clean = [];
  const close = () => {
    line.sort((a, b) => a.x - b.x);
    let seg: Segment | null = null;
    for (const it of line) {
      const gap = seg ? it.x - seg.x1 : 0;
      if (seg && gap <= 0.5 * Math.max(seg.size, it.size)) {
        // A gap wider than a third of a character is a space the type shows (letter-spaced runs are joined after).
        seg.text += gap > 0.3 * it.size && !/\s$/u.test(seg.text) && !/^\s/u.test(it.str) ? ` ${it.str}` : it.str;
        seg.x1 = Math.max(seg.x1, it.x + it.width);
        seg.size = Math.max(seg.size, it.size);
      } else {
        if (seg) out.push(seg);
        seg = { text: it.str, x0: it.x, x1: it.x + it.width, y: it.y, size: it.size };
      }
    }
    if (seg) out.push(seg);
    line = [];
  };
  for (const it of clean) {
    if (line.length && Math.abs(line[0].y - it.y) > 0.4 * Math.min(line[0].size, it.size)) close();
    line.push(it);
  }
  close();
  for (const s of out) s.text = joinTracked(s.text.replace(/\s+/gu, ' ').trim());
  return out.filter((s) => s.text);
}

const top = (s: Segment) => s.y + s.size;

/** Recursive XY-cut: a region's segments in reading order, grouped by the regions they were cut into. */
function xyCut(segs: Segment[], out: Segment[][]): void {
  if (segs.length <= 1) {
    if (segs.length) out.push(segs);
    return;
  }
  const body = Math.min(...segs.map((s) => s.size));
  // Columns first: a gutter running through the whole region (a headline over several columns has none under it).
  const byX = [...segs].sort((a, b) => a.x0 - b.x0);
  let right = byX[0].x1;
  let vbest = { gap: 0, at: -1 };
  for (let k = 1; k < byX.length; k += 1) {
    const gap = byX[k].x0 - right;
    if (gap > vbest.gap) vbest = { gap, at: k };
    right = Math.max(right, byX[k].x1);
  }
  if (vbest.gap > 0.5 * body) {
    xyCut(byX.slice(0, vbest.at), out);
    xyCut(byX.slice(vbest.at), out);
    return;
  }
  // Else the widest empty band across it (y grows upwards in PDF space): headline from body, article from article.
  const byY = [...segs].sort((a, b) => top(b) - top(a));
  let best = { gap: 0, at: -1 };
  let low = byY[0].y;
  for (let k = 1; k < byY.length; k += 1) {
    const gap = low - top(byY[k]);
    if (gap > best.gap) best = { gap, at: k };
    low = Math.min(low, byY[k].y);
  }
  const near = (k: number) => Math.min(byY[k - 1].size, byY[k].size);
  if (best.gap > 0.9 * body && best.gap > 0.5 * near(best.at)) {
    xyCut(byY.slice(0, best.at), out);
    xyCut(byY.slice(best.at), out);
    return;
  }
  out.push(byY);
}

/** The size most characters of the page are set in: its body type. */
function bodySize(segs: Segment[]): number {
  const count = new Map<number, number>();
  for (const s of segs) count.set(Math.round(s.size * 2) / 2, (count.get(Math.round(s.size * 2) / 2) ?? 0) + s.text.length);
  return [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** One page's items → blocks. `headlineRatio`: how much larger than body type a headline is set (at least). */
export function pageBlocks(items: TextItem[], page: number, headlineRatio = 1.45): PdfBlock[] {
  const segs = segments(items);
  const body = bodySize(segs);
  const regions: Segment[][] = [];
  // The running head (page number, name, date, issue) on the page's top line is read first, whatever lies beside what is under it.
  const highest = Math.max(...segs.map(top));
  const head = segs.filter((s) => highest - top(s) < 0.5 * s.size);
  const rest = segs.filter((s) => !head.includes(s));
  const below = rest.length ? Math.max(...rest.map(top)) : -Infinity;
  if (head.length && rest.length && Math.min(...head.map((s) => s.y)) - below > 0.9 * body) {
    xyCut(head, regions);
    xyCut(rest, regions);
  } else xyCut(segs, regions);
  const blocks: PdfBlock[] = [];
  // The previous region's last paragraph, whether its last line ended short or a sentence, and the region's width and lines.
  let last: { block: PdfBlock; ended: boolean; width: number; lines: number } | null = null;
  for (const region of regions) {
    const left = Math.min(...region.map((s) => s.x0));
    const right = Math.max(...region.map((s) => s.x1));
    let cur: PdfBlock | null = null;
    let prev: Segment | null = null;
    for (const s of region) {
      const headline = body > 0 && s.size >= headlineRatio * body;
      const kind: Block['kind'] = headline ? 'headline' : 'para';
      // A paragraph starts two characters in; a line that ends short of the column ends its paragraph.
      const indent = Math.abs(s.x0 - left - 2 * s.size) < 0.5 * s.size;
      let continues = false;
      if (cur && prev) {
        const sameSize = Math.abs(prev.size - s.size) < 0.5;
        const ended = prev.x1 < right - s.size;
        // Set apart on one baseline (a masthead's date, name and issue number): lines of their own.
        const sameLine = Math.abs(prev.y - s.y) < 0.4 * s.size;
        continues = cur.kind === kind && sameSize && !sameLine && (headline || (!indent && !ended)) && prev.y - top(s) < 0.8 * s.size;
      } else if (last && kind === 'para' && last.block.kind === 'para' && Math.abs(last.block.size - s.size) < 0.5) {
        // The top of a column carrying on the paragraph the column before it (as wide, several lines) broke off.
        const column = last.lines > 1 && region.length > 1 && Math.abs(right - left - last.width) < 2 * s.size;
        continues = column && !last.ended && !indent && s.x0 - left < 0.5 * s.size;
        if (continues) cur = last.block;
      }
      if (continues && cur) {
        // A line broken at the column's end: Chinese joins without a space, Latin words with one.
        cur.text += /[A-Za-z0-9,.]$/u.test(cur.text) && /^[A-Za-z0-9]/u.test(s.text) ? ` ${s.text}` : s.text;
        cur.rect = { x0: Math.min(cur.rect.x0, s.x0), y0: Math.min(cur.rect.y0, s.y), x1: Math.max(cur.rect.x1, s.x1), y1: Math.max(cur.rect.y1, top(s)) };
      } else {
        cur = { kind, text: s.text, page, size: s.size, rect: { x0: s.x0, y0: s.y, x1: s.x1, y1: top(s) } };
        blocks.push(cur);
      }
      prev = s;
    }
    if (cur && prev) last = { block: cur, ended: prev.x1 < right - prev.size || /[。！？”]$/u.test(prev.text), width: right - left, lines: region.length };
  }
  return blocks;
}
