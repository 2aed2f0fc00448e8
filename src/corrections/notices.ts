import type { TreePage, TreePlacement, TreeWithdrawn } from '../newsroom/issue-tree';

/**
 * Where a withdrawn article (撤稿) was printed, readers see a notice in the same
 * rectangle: pure helpers that put those notices into a page of the tree.
 */

/** What the notice says when the 值班总编 gives none. */
export const DEFAULT_NOTICE = '本文已撤稿。';

/** The place a block held on its page: what the notice keeps. */
export type BlockPlace = Pick<TreePlacement, 'order' | 'span' | 'lead' | 'col' | 'colSpan' | 'row' | 'rowSpan'>;

/** The calendar day of `at` in the newsroom's time zone (TZ; the server's own when unset), as YYYY-MM-DD. */
export function newsroomDate(at: Date, timeZone = process.env.TZ || undefined): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The notice readers see: the one given (trimmed), else the default. */
export function noticeText(notice: unknown): string {
  const text = typeof notice === 'string' ? notice.trim() : '';
  return text || DEFAULT_NOTICE;
}

export const placeOf = (p: Partial<BlockPlace>): BlockPlace => ({
  order: p.order ?? 0,
  span: p.span ?? 1,
  lead: Boolean(p.lead),
  col: p.col ?? null,
  colSpan: p.colSpan ?? null,
  row: p.row ?? null,
  rowSpan: p.rowSpan ?? null,
});

export const withdrawnPlacement = (place: BlockPlace, withdrawn: TreeWithdrawn): TreePlacement => ({ ...placeOf(place), article: null, withdrawn });

/**
 * The page with each notice at its block's place. A place that already shows a
 * notice is not doubled; placements stay in order (a notice before the block that
 * had the same order, as it was printed first).
 */
export function withNotices(page: TreePage, notices: Array<{ place: BlockPlace; withdrawn: TreeWithdrawn }>): TreePage {
  const key = (p: BlockPlace) => JSON.stringify(placeOf(p));
  const shown = new Set(page.placements.filter((p) => p.withdrawn).map(key));
  const added = notices.filter((n) => !shown.has(key(n.place))).map((n) => withdrawnPlacement(n.place, n.withdrawn));
  if (!added.length) return page;
  const placements = [...page.placements, ...added]
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.order - b.p.order || Number(Boolean(b.p.withdrawn)) - Number(Boolean(a.p.withdrawn)) || a.i - b.i)
    .map(({ p }) => p);
  return { ...page, placements };
}
