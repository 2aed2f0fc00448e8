import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Refuses (403, with `message`) an admin request whose user may not do
 * `action` (a Content Manager action such as 'read') on content type `uid`.
 *
 * Thrown as errors.PolicyError, not errors.ForbiddenError: Strapi's router turns
 * a ForbiddenError raised inside a handler into a bare "Forbidden", dropping the
 * message; a PolicyError (a ForbiddenError too) keeps it.
 */
export function assertAdminCan(ctx: any, action: 'read' | 'create' | 'update', uid: string, message: string) {
  if (!ctx.state.userAbility?.can(`plugin::content-manager.explorer.${action}`, uid)) throw new errors.PolicyError(message);
}

/**
 * Like the Content Manager does on an entry: the action on the type (above), then
 * the role's conditions (e.g. Strapi's Author: "only entries I created") on the
 * entry itself, with its creator and the creator's roles loaded for them.
 * Refuses with 404 when there is no such entry, 403 when the conditions say no.
 */
export async function assertAdminCanEntry(
  strapi: Core.Strapi,
  ctx: any,
  action: 'read' | 'create' | 'update',
  uid: string,
  documentId: string,
  message: string,
) {
  assertAdminCan(ctx, action, uid, message);
  const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: uid });
  const rows: any[] = await strapi.db.query(uid as any).findMany({
    where: { documentId },
    populate: { createdBy: { select: ['id'], populate: { roles: { select: ['id'] } } } },
  });
  if (!rows.length) throw new errors.NotFoundError(`no ${uid.split('.').pop()} with documentId ${documentId}`);
  if (!checker.requiresEntity[action]()) return;
  // Every version (draft, published, each locale) must pass: any one may be what the route shows.
  if (rows.some((row) => checker.cannot[action](row))) throw new errors.PolicyError(message);
}
