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
