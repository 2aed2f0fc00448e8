import type { Core } from '@strapi/strapi';
import { resetPage } from './service';
import { DRAFT } from '../newsroom/public-filters';
import { TEXT_STAGE } from './changes';

/**
 * A contributor or a 栏目 is printed by every page that names it: a rename (or a
 * person turned organisation) is a text change of each signed page whose working
 * copy shows it, which goes back to be proofread again (→ 已排版), as an edit of
 * the article would. Readers keep seeing the signed name until then (printed.ts).
 */

const PAGE = 'api::page.page';
const CONTRIBUTOR = 'api::contributor.contributor';
const COLUMN = 'api::column.column';

type Watched = { fields: string[]; label: string; paths: (documentId: string) => Array<Record<string, unknown>> };

const WATCHED: Record<string, Watched> = {
  [CONTRIBUTOR]: {
    fields: ['name', 'kind'],
    label: '人员',
    paths: (documentId) => [
      { credits: { $or: ['editor', 'layout', 'proofreader'].map((r) => ({ [r]: { documentId } })) } },
      { placements: { article: { bylines: { contributors: { documentId } } } } },
      { placements: { article: { photos: { credit: { documentId } } } } },
    ],
  },
  [COLUMN]: {
    fields: ['name', 'slug'],
    label: '栏目',
    paths: (documentId) => [{ placements: { article: { column: { documentId } } } }],
  },
};

export const isWatchedRelated = (uid: string) => uid in WATCHED;

/** The signed pages (draft rows, one per document) that print this contributor or column. */
async function pagesShowing(strapi: Core.Strapi, uid: string, documentId: string): Promise<string[]> {
  const ids = new Set<string>();
  for (const where of WATCHED[uid].paths(documentId)) {
    const rows: any[] = await strapi.db.query(PAGE).findMany({ where: { ...where, ...DRAFT, stage: { $ne: 'collecting' } }, select: ['documentId'] });
    for (const r of rows) ids.add(r.documentId);
  }
  return [...ids];
}

export async function watchRelatedRename(strapi: Core.Strapi, uid: string, documentId: string | undefined, next: () => Promise<unknown>) {
  const watched = WATCHED[uid];
  if (!documentId) return next();
  const read = async () => strapi.db.query(uid as any).findMany({ where: { documentId }, select: ['locale', ...watched.fields] });
  const key = (rows: any[]) => JSON.stringify(rows.map((r) => watched.fields.map((f) => r[f] ?? null).concat(r.locale ?? null)).sort());
  const before = await read();
  const result = await next();
  const after = await read();
  if (key(before) === key(after)) return result;
  const was = before[0]?.name ?? documentId;
  const now = after[0]?.name ?? was;
  const reason = was === now ? `${watched.label}「${now}」信息改动` : `${watched.label}「${was}」改为「${now}」`;
  for (const page of await pagesShowing(strapi, uid, documentId)) await resetPage(strapi, page, TEXT_STAGE, reason);
  return result;
}
