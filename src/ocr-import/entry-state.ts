import type { Core } from '@strapi/strapi';
import crypto from 'crypto';

/**
 * What an entry is like right now, as one hash: the import journal records it
 * when the import leaves an entry, and the undo compares, so that it removes only
 * what nobody has touched since. The state is every row of the document (each
 * locale, draft and published) with its own fields, its components and the
 * documentIds it points to; not bookkeeping (ids, timestamps, the stored `label`,
 * which is derived text) and not the inverse side of a relation (an issue's pages
 * belong to the pages). A page's state also holds its 签字记录 rows: a signature,
 * or a page sent back, is a change.
 */

const BOOKKEEPING = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations', 'label']);
/** At most this many documentIds in one `$in` (SQLite's limit on bound values). */
const CHUNK = 400;

export type Attributes = Record<string, { type: string; component?: string; repeatable?: boolean; mappedBy?: string; relation?: string }>;
/** The attributes of a content type or component by uid (strapi.getModel). */
export type Models = (uid: string) => Attributes;

const counted = (attrs: Attributes) => Object.keys(attrs).filter((name) => !BOOKKEEPING.has(name) && !attrs[name].mappedBy);

/** The populate for db.query that reads everything a state holds: related entries as documentIds, components all the way down. */
export function statePopulate(models: Models, uid: string): Record<string, unknown> {
  const attrs = models(uid);
  const out: Record<string, unknown> = {};
  for (const name of counted(attrs)) {
    const a = attrs[name];
    if (a.type === 'relation' || a.type === 'media') out[name] = { select: ['documentId'] };
    else if (a.type === 'component') {
      const inner = statePopulate(models, a.component!);
      out[name] = Object.keys(inner).length ? { populate: inner } : true;
    } else if (a.type === 'dynamiczone') out[name] = true;
  }
  return out;
}

const docId = (v: any) => (v && typeof v === 'object' ? (v.documentId ?? null) : (v ?? null));

/** Pure: one row (of a content type or a component) as plain values, in the attributes' order. */
export function rowState(models: Models, uid: string, row: any): Record<string, unknown> {
  const attrs = models(uid);
  const out: Record<string, unknown> = {};
  for (const name of counted(attrs).sort()) {
    const a = attrs[name];
    const v = row?.[name];
    if (a.type === 'relation' || a.type === 'media') out[name] = Array.isArray(v) ? v.map(docId) : docId(v);
    else if (a.type === 'component') {
      const one = (c: any) => (c ? rowState(models, a.component!, c) : null);
      out[name] = a.repeatable ? (v ?? []).map(one) : one(v);
    } else out[name] = v instanceof Date ? v.toISOString() : (v ?? null);
  }
  return out;
}

/** Pure: the hash of a document's rows (any order) and of what else belongs to its state (`extra`). */
export function documentState(models: Models, uid: string, rows: any[], extra: unknown = null): string {
  const states = rows
    .map((row) => ({ locale: row.locale ?? null, published: row.publishedAt != null, fields: rowState(models, uid, row) }))
    .sort((x, y) => `${x.locale}:${x.published}`.localeCompare(`${y.locale}:${y.published}`));
  // 128 bits are plenty to tell two states apart, and keep the journal (saved with every step) small.
  return crypto.createHash('sha256').update(JSON.stringify({ states, extra })).digest('base64url').slice(0, 22);
}

const modelsOf =
  (strapi: Core.Strapi): Models =>
  (uid) =>
    (strapi.getModel(uid as any) as any).attributes;

/** The states of these documents now, by documentId; a document with no rows left is absent. */
export async function entryStates(strapi: Core.Strapi, uid: string, documentIds: string[]): Promise<Map<string, string>> {
  const models = modelsOf(strapi);
  const out = new Map<string, string>();
  const populate = statePopulate(models, uid);
  for (let i = 0; i < documentIds.length; i += CHUNK) {
    const chunk = documentIds.slice(i, i + CHUNK);
    const rows: any[] = await strapi.db.query(uid as any).findMany({ where: { documentId: { $in: chunk } }, populate });
    const history = new Map<string, number[]>();
    if (uid === 'api::page.page') {
      const signoffs: any[] = await strapi.db
        .query('api::signoff.signoff')
        .findMany({ where: { pageDocumentId: { $in: chunk } }, select: ['id', 'pageDocumentId'], orderBy: [{ id: 'asc' }] });
      for (const s of signoffs) history.set(s.pageDocumentId, [...(history.get(s.pageDocumentId) ?? []), s.id]);
    }
    const byDoc = new Map<string, any[]>();
    for (const row of rows) byDoc.set(row.documentId, [...(byDoc.get(row.documentId) ?? []), row]);
    for (const [documentId, docRows] of byDoc) out.set(documentId, documentState(models, uid, docRows, history.get(documentId) ?? null));
  }
  return out;
}
