/**
 * What an entry is called wherever the admin names it — relation pickers and chips,
 * a collapsed 稿件位置 placement — since Strapi shows one stored field there (the
 * type's "entry title"). Pure: data in, the label out. entry-label-store.ts keeps
 * the stored `label` fields up to date.
 */

/** `第12期（2024-07-05）` */
export const issueLabel = (i: { number?: number | null; date?: string | null }) => `第${i.number ?? '?'}期${i.date ? `（${i.date}）` : ''}`;

/** `第3版 党建` */
export const pageLabelText = (p: { number?: number | null; name?: string | null }) => `第${p.number ?? '?'}版${p.name ? ` ${p.name}` : ''}`;

/** `党建引领 做强“福禄”产业链（争先创优）`: the headline with its 栏目. */
export const articleLabel = (a: { headline?: string | null; column?: { name?: string | null } | null }) =>
  `${a.headline ?? ''}${a.column?.name ? `（${a.column.name}）` : ''}`;

const CIRCLED = [...'①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'];
/** `①`…`⑳`, then `(21)`: a placement's order as the page's lists print it. */
export const circled = (n: number | null | undefined) => (n && n >= 1 && n <= CIRCLED.length ? CIRCLED[n - 1] : `(${n ?? '?'})`);
const HEADLINE_CHARS = 16;
const shorten = (t: string) => ([...t].length > HEADLINE_CHARS ? `${[...t].slice(0, HEADLINE_CHARS).join('')}…` : t);

/** `①　头条　党建引领 做强“福禄”产业链（4栏×7行）`: order, lead, headline, and its size on the grid (or 自动排版 until laid out). */
export function placementLabel(p: {
  order?: number | null;
  lead?: boolean | null;
  colSpan?: number | null;
  rowSpan?: number | null;
  headline?: string | null;
}) {
  const parts = [circled(p.order), p.lead ? '头条' : null, p.headline ? shorten(p.headline) : '（未选稿件）'].filter(Boolean);
  return `${parts.join('　')}${p.colSpan && p.rowSpan ? `（${p.colSpan}栏×${p.rowSpan}行）` : p.headline ? '（自动排版）' : ''}`;
}
