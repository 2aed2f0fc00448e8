import { assertAdminCanFields } from '../newsroom/admin-ability';
import type { Core } from '@strapi/strapi';
import { refusal } from '../newsroom/refusals';
import { pageName } from '../newsroom/glossary';
import { siteView } from './view-model';
import type { Fit, FitArticle } from './copyfit-estimate';
import { rectsOverlap, type GridRect, type PageFormat, type PageGeometry } from './page-formats';
import { defaultLocale } from '../signoff/snapshots';

/**
 * The edge behind the planner of the page edit view (src/admin/page-planner.tsx):
 *   GET /banmian/pages/:documentId/layout   the page on its grid: format, blocks with rectangles and fit
 *   PUT /banmian/pages/:documentId/layout   { blocks: [{ article, rect | null }] } in placement order
 * The draft is what an editor lays out. Saving writes the placements through the
 * Document Service, so the sign-off rules see a layout change (→ 已编辑) as for
 * any other edit; a rect of null hands the block back to the automatic layout.
 */

export type PlannerBlock = {
  article: string;
  order: number;
  headline: string;
  lead: boolean;
  span: number;
  rect: GridRect;
  auto: boolean;
  fit: Fit;
  fitArticle: FitArticle;
};
export type PlannerView = {
  /** `issue`: the issue's documentId (the planner measures the saved page in its 预览). */
  page: { documentId: string; number: number; name: string; locale: string; theme: boolean; issue: string };
  format: PageFormat;
  geometry: Omit<PageGeometry, 'format'>;
  blocks: PlannerBlock[];
};

async function draftPage(strapi: Core.Strapi, documentId: string, locale: string) {
  const row: any = await strapi.db.query('api::page.page').findOne({
    where: { documentId, locale, publishedAt: null },
    select: ['documentId', 'number', 'theme'],
    populate: { issue: { select: ['documentId', 'number'] }, placements: { populate: { article: { select: ['documentId', 'headline'] } } } },
  });
  if (!row) throw refusal('entry.notFound', { type: 'page', documentId });
  if (!row.issue) throw refusal('layout.noIssue', { documentId });
  return row;
}

const byOrder = (a: any, b: any) => (a.order ?? 0) - (b.order ?? 0);

export async function plannerView(strapi: Core.Strapi, documentId: string, requestedLocale?: string): Promise<PlannerView> {
  const locale = requestedLocale || (await defaultLocale(strapi));
  return viewOfPage(strapi, await draftPage(strapi, documentId, locale), locale);
}

/** The planner's view of a page row read by draftPage: its issue's draft tree laid out, this page's blocks. */
async function viewOfPage(strapi: Core.Strapi, row: any, locale: string): Promise<PlannerView> {
  const { documentId } = row;
  const result = await strapi.service('api::issue.issue').loadTree({ documentId: row.issue.documentId, locale, status: 'draft' });
  const view = siteView(result!.tree, new Map());
  const page = view.pages.find((p) => p.number === row.number)!;
  const { format: _format, ...geometry } = page.geometry;
  return {
    page: { documentId, number: row.number, name: pageName(row.issue.number, row.number), locale, theme: Boolean(row.theme), issue: row.issue.documentId },
    format: view.format,
    geometry,
    blocks: [...row.placements]
      .sort(byOrder)
      .filter((pl: any) => pl.article)
      .map((pl: any) => {
        // Placements whose article is missing in this locale are not on the page, as in print.
        const laid = page.placements.find((p) => p.order === pl.order && p.article.documentId === pl.article.documentId);
        return laid
          ? {
              article: pl.article.documentId,
              order: pl.order,
              headline: pl.article.headline,
              lead: Boolean(pl.lead),
              span: pl.span ?? 2,
              rect: laid.rect,
              auto: laid.auto,
              fit: laid.fit,
              fitArticle: laid.fitArticle,
            }
          : null;
      })
      .filter((b: PlannerBlock | null): b is PlannerBlock => b !== null),
  };
}

export type LayoutRequest = { blocks?: Array<{ article?: string; rect?: GridRect | null }> };

/** Checks the rectangles against the grid and each other; pure. */
export function layoutRefusal(format: PageFormat, blocks: Array<{ headline: string; rect: GridRect | null }>) {
  const whole = (n: unknown) => Number.isInteger(n) && (n as number) >= 1;
  for (const b of blocks) {
    const r = b.rect;
    if (!r) continue;
    if (![r.col, r.colSpan, r.row, r.rowSpan].every(whole) || r.col + r.colSpan - 1 > format.columns || r.row + r.rowSpan - 1 > format.rows)
      return refusal('layout.outside', { headline: b.headline, columns: format.columns, rows: format.rows });
  }
  const placed = blocks.filter((b) => b.rect);
  for (const [i, a] of placed.entries())
    for (const b of placed.slice(i + 1)) if (rectsOverlap(a.rect!, b.rect!)) return refusal('layout.overlap', { headline: a.headline, other: b.headline });
  return null;
}

export async function saveLayout(strapi: Core.Strapi, documentId: string, requestedLocale: string | undefined, body: LayoutRequest) {
  const locale = requestedLocale || (await defaultLocale(strapi));
  const row = await draftPage(strapi, documentId, locale);
  const placements = [...row.placements].sort(byOrder);
  const blocks = Array.isArray(body?.blocks) ? body.blocks : [];
  // The planner lays out the blocks it was shown, in their order; anything else changed meanwhile.
  // (A placement without an article in this locale is not shown, and keeps what it has.)
  const shown = await viewOfPage(strapi, row, locale);
  if (blocks.length !== shown.blocks.length || blocks.some((b, i) => b?.article !== shown.blocks[i].article)) {
    throw refusal('layout.changed', { page: shown.page.name });
  }
  const why = layoutRefusal(
    shown.format,
    blocks.map((b, i) => ({ headline: shown.blocks[i].headline, rect: b.rect ?? null })),
  );
  if (why) throw why;
  const rectFor = (pl: any) => {
    const i = shown.blocks.findIndex((b) => b.order === pl.order && b.article === pl.article?.documentId);
    if (i < 0) return { col: pl.col ?? null, colSpan: pl.colSpan ?? null, row: pl.row ?? null, rowSpan: pl.rowSpan ?? null };
    const r = blocks[i].rect ?? null;
    return { col: r?.col ?? null, colSpan: r?.colSpan ?? null, row: r?.row ?? null, rowSpan: r?.rowSpan ?? null };
  };
  await strapi.documents('api::page.page').update({
    documentId,
    locale,
    data: {
      placements: placements.map((pl: any) => ({ article: pl.article?.documentId ?? null, order: pl.order, span: pl.span, lead: pl.lead, ...rectFor(pl) })),
    } as any,
  });
  return plannerView(strapi, documentId, locale);
}

const PLANNER_FIELDS = ['placements.col', 'placements.colSpan', 'placements.row', 'placements.rowSpan'];

export const plannerAdminController = (strapi: Core.Strapi) => ({
  async layout(ctx: any) {
    ctx.body = await plannerView(strapi, ctx.params.documentId, typeof ctx.query.locale === 'string' ? ctx.query.locale : undefined);
  },
  async saveLayout(ctx: any) {
    // The planner moves and resizes blocks: the user's role must be allowed to edit the rectangles.
    assertAdminCanFields(ctx, 'update', 'api::page.page', PLANNER_FIELDS);
    ctx.body = await saveLayout(strapi, ctx.params.documentId, typeof ctx.query.locale === 'string' ? ctx.query.locale : undefined, ctx.request.body ?? {});
  },
});
