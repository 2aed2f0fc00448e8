import type { Core } from '@strapi/strapi';
import type { TreePage, TreeWithdrawn } from '../newsroom/issue-tree';
import { DRAFT, PUBLISHED } from '../newsroom/public-filters';
import { refusal } from '../newsroom/refusals';
import { newsroomDate, noticeText, placeOf, withNotices, type BlockPlace } from './notices';

/**
 * 撤稿: the 值班总编 takes a published article off every reader surface at once,
 * and it never comes back by a side door.
 *  - One transaction: the live pages printing it are read (each block's place), the
 *    article is unpublished through the Document Service (so the REST API stops
 *    serving it, and the sign-off rule drops it from those pages' printed
 *    snapshots, src/signoff/printed.ts), then each snapshot gets a notice at the
 *    block's place (`article: null`, `withdrawn: { date, notice }`). These are
 *    database writes, so the response cache retires what showed it.
 *  - The record (api::withdrawal.withdrawal, hidden) keeps who, when and why;
 *    readers see only the notice.
 *  - A page signed again prints the notice, not the article (publication.ts skips
 *    withdrawn articles, freezePage asks pageNotices); a publish of the article by
 *    any other path is refused (`withdraw.isWithdrawn`). Withdrawal is final: to
 *    print the text again, write a new article.
 */

const ARTICLE = 'api::article.article';
const PAGE = 'api::page.page';
const WITHDRAWAL = 'api::withdrawal.withdrawal';
const PLACE = ['order', 'span', 'lead', 'col', 'colSpan', 'row', 'rowSpan'];

export type Withdrawal = { articleDocumentId: string; headline: string | null; at: string; by: string | null; reason: string; notice: string };

const readerNotice = (w: Withdrawal): TreeWithdrawn => ({ date: newsroomDate(new Date(w.at)), notice: w.notice });

export async function withdrawalOf(strapi: Core.Strapi, articleDocumentId: string): Promise<Withdrawal | null> {
  return strapi.db.query(WITHDRAWAL).findOne({ where: { articleDocumentId } }) as Promise<Withdrawal | null>;
}

/** The withdrawn ones among these articles, by documentId. */
export async function withdrawnAmong(strapi: Core.Strapi, articleDocumentIds: string[]): Promise<Map<string, Withdrawal>> {
  if (!articleDocumentIds.length) return new Map();
  const rows: Withdrawal[] = await strapi.db.query(WITHDRAWAL).findMany({ where: { articleDocumentId: { $in: [...new Set(articleDocumentIds)] } } });
  return new Map(rows.map((w) => [w.articleDocumentId, w]));
}

/** Refuses any publish of a withdrawn article. */
export async function assertNotWithdrawn(strapi: Core.Strapi, articleDocumentId: string) {
  const w = await withdrawalOf(strapi, articleDocumentId);
  if (w) throw refusal('withdraw.isWithdrawn', { headline: w.headline ?? articleDocumentId, date: readerNotice(w).date });
}

export const isWithdrawn = async (strapi: Core.Strapi, articleDocumentId: string) => Boolean(await withdrawalOf(strapi, articleDocumentId));

/** The notices a page (its draft in `locale`, the version being signed) prints where withdrawn articles are placed. */
export async function pageNotices(strapi: Core.Strapi, pageDocumentId: string, locale: string) {
  const row: any = await strapi.db.query(PAGE).findOne({
    where: { documentId: pageDocumentId, locale, ...DRAFT },
    select: ['id'],
    populate: { placements: { select: PLACE, populate: { article: { select: ['documentId'] } } } },
  });
  const placements: any[] = row?.placements ?? [];
  const withdrawn = await withdrawnAmong(strapi, placements.map((p) => p.article?.documentId).filter(Boolean));
  return placements
    .filter((p) => withdrawn.has(p.article?.documentId))
    .map((p) => ({ place: placeOf(p), withdrawn: readerNotice(withdrawn.get(p.article.documentId)!) }));
}

/** A page of the tree as it is printed once signed: with the notices of withdrawn articles placed on it. */
export async function withPageNotices(strapi: Core.Strapi, pageDocumentId: string, locale: string, page: TreePage): Promise<TreePage> {
  return withNotices(page, await pageNotices(strapi, pageDocumentId, locale));
}

export type WithdrawRequest = { articleDocumentId: string; reason: unknown; notice?: unknown; by: string };

/** Withdraws a published article (the caller has checked that the user is a Super Admin). */
export async function withdrawArticle(strapi: Core.Strapi, req: WithdrawRequest): Promise<Withdrawal & { pages: number }> {
  const reason = typeof req.reason === 'string' ? req.reason.trim() : '';
  if (!reason) throw refusal('withdraw.reasonMissing', {});
  const documentId = req.articleDocumentId;
  return strapi.db.transaction(async () => {
    const already = await withdrawalOf(strapi, documentId);
    if (already) throw refusal('withdraw.isWithdrawn', { headline: already.headline ?? documentId, date: readerNotice(already).date });
    const live: any[] = await strapi.db.query(ARTICLE).findMany({ where: { documentId, ...PUBLISHED }, select: ['headline', 'locale'] });
    if (!live.length) {
      const draft: any = await strapi.db.query(ARTICLE).findOne({ where: { documentId }, select: ['headline'] });
      if (!draft) throw refusal('entry.notFound', { type: 'article', documentId });
      throw refusal('withdraw.notPublished', { headline: draft.headline ?? documentId });
    }
    // Read before the unpublish, which unlinks the live placements: where each live page printed the article.
    const pages: any[] = await strapi.db.query(PAGE).findMany({
      where: { placements: { article: { documentId } }, ...PUBLISHED },
      select: ['id', 'printed'],
    });
    const places = new Map<number, BlockPlace[]>(
      pages.map((row) => [row.id, ((row.printed?.page?.placements ?? []) as any[]).filter((p) => p.article?.documentId === documentId).map((p) => placeOf(p))]),
    );
    const record: Withdrawal = {
      articleDocumentId: documentId,
      headline: live[0].headline ?? null,
      at: new Date().toISOString(),
      by: req.by,
      reason,
      notice: noticeText(req.notice),
    };
    await strapi.db.query(WITHDRAWAL).create({ data: record });
    await strapi.documents(ARTICLE as any).unpublish({ documentId, locale: '*' });
    const withdrawn = readerNotice(record);
    for (const [id, list] of places) {
      if (!list.length) continue;
      const row: any = await strapi.db.query(PAGE).findOne({ where: { id }, select: ['id', 'printed'] });
      if (!row?.printed?.page) continue;
      const page = withNotices(
        row.printed.page,
        list.map((place) => ({ place, withdrawn })),
      );
      await strapi.db.query(PAGE).update({ where: { id }, data: { printed: { ...row.printed, page } } as any });
    }
    return { ...record, pages: pages.length };
  });
}
