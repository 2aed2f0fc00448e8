import type { Core } from '@strapi/strapi';
import { refusal } from './refusals';

type Action = 'read' | 'create' | 'update';
/** `api::issue.issue` → `issue` */
const typeName = (uid: string) => uid.split('.').pop()!;

/**
 * Refuses (403, admin.notAllowed) an admin request whose user may not do
 * `action` (a Content Manager action such as 'read') on content type `uid`.
 */
export function assertAdminCan(ctx: any, action: Action, uid: string) {
  if (!ctx.state.userAbility?.can(`plugin::content-manager.explorer.${action}`, uid)) throw refusal('admin.notAllowed', { action, type: typeName(uid) });
}

/**
 * Like the Content Manager does on an entry: the action on the type (above), then
 * the role's conditions (e.g. Strapi's Author: "only entries I created") on the
 * entry itself, with its creator and the creator's roles loaded for them.
 * Refuses with 404 when there is no such entry, 403 when the conditions say no.
 */
export async function assertAdminCanEntry(strapi: Core.Strapi, ctx: any, action: Action, uid: string, documentId: string) {
  assertAdminCan(ctx, action, uid);
  const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: uid });
  const rows: any[] = await strapi.db.query(uid as any).findMany({
    where: { documentId },
    populate: { createdBy: { select: ['id'], populate: { roles: { select: ['id'] } } } },
  });
  if (!rows.length) throw refusal('entry.notFound', { type: typeName(uid), documentId });
  if (!checker.requiresEntity[action]()) return;
  // Every version (draft, published, each locale) must pass: any one may be what the route shows.
  if (rows.some((row) => checker.cannot[action](row))) throw refusal('admin.notAllowed', { action, type: typeName(uid) });
}

/**
 * Field permissions, as the Content Manager's edit form applies them: a route
 * that writes these fields through the Document Service (the planner writes the
 * placements' rectangles) must refuse a user whose role may not edit them.
 */
export function assertAdminCanFields(ctx: any, action: Action, uid: string, fields: string[]) {
  assertAdminCan(ctx, action, uid);
  const denied = fields.filter((f) => !ctx.state.userAbility?.can(`plugin::content-manager.explorer.${action}`, uid, f));
  if (denied.length) throw refusal('admin.fieldsNotAllowed', { type: typeName(uid), fields: denied });
}

/**
 * Of these entries, the ones this admin may `action`, each checked as
 * assertAdminCanEntry checks one (the type, then the role's conditions on every
 * version): for lists that offer only what the user may read or change.
 */
export async function entriesAdminCan(strapi: Core.Strapi, ctx: any, action: Action, uid: string, documentIds: string[]): Promise<Set<string>> {
  if (!ctx.state.userAbility?.can(`plugin::content-manager.explorer.${action}`, uid) || !documentIds.length) return new Set();
  const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: uid });
  if (!checker.requiresEntity[action]()) return new Set(documentIds);
  const rows: any[] = await strapi.db.query(uid as any).findMany({
    where: { documentId: { $in: documentIds } },
    populate: { createdBy: { select: ['id'], populate: { roles: { select: ['id'] } } } },
  });
  const denied = new Set(rows.filter((row) => checker.cannot[action](row)).map((row) => row.documentId));
  return new Set(documentIds.filter((id) => !denied.has(id)));
}
