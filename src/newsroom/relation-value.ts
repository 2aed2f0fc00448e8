import type { Core } from '@strapi/strapi';

/**
 * Relation fields arrive in many shapes (a documentId, an id, `{ connect: [...] }`,
 * `{ set: [...] }`, an array, `{ documentId }`). Rules that look at "which
 * publication does this issue belong to" need one answer: the documentId.
 * Returns undefined when the value does not say (field absent or `connect: []`),
 * and null when it clears the relation.
 */
export async function relationDocumentId(strapi: Core.Strapi, targetUid: string, value: unknown): Promise<string | null | undefined> {
  if (value === undefined) return undefined;
  if (value === null) return null;
  let ref: unknown = value;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if ('set' in v) ref = Array.isArray(v.set) ? (v.set[0] ?? null) : v.set;
    else if ('connect' in v) {
      const list = Array.isArray(v.connect) ? v.connect : [v.connect];
      if (list.length === 0) return Array.isArray(v.disconnect) && v.disconnect.length ? null : undefined;
      ref = list[list.length - 1];
    }
  }
  if (Array.isArray(ref)) ref = ref[0] ?? null;
  if (ref === null) return null;
  if (typeof ref === 'object') {
    const r = ref as Record<string, unknown>;
    if (typeof r.documentId === 'string') return r.documentId;
    ref = r.id;
  }
  if (typeof ref === 'string' && !/^\d+$/.test(ref)) return ref;
  const id = Number(ref);
  if (!Number.isInteger(id)) return undefined;
  const row = await strapi.db.query(targetUid as any).findOne({ where: { id }, select: ['documentId'] });
  return row?.documentId ?? null;
}
