import type { Core } from '@strapi/strapi';
import { assertAdminCan, assertAdminCanEntry } from '../newsroom/admin-ability';

/**
 * `global::admin-may`: may this signed-in admin do `action` to this type — and,
 * when the route names an entry (`:documentId`), to this entry, with the role's
 * permission conditions (an Author's "own entries only") checked as the Content
 * Manager checks them. Refuses with 403 (admin.notAllowed), or 404 for no such entry.
 * Every /banmian admin route declares it in src/admin-api/routes.ts.
 */
export type AdminMayConfig = { action: 'read' | 'create' | 'update'; uid: string; entry?: boolean };

export default async (policyContext: any, config: AdminMayConfig, { strapi }: { strapi: Core.Strapi }) => {
  if (config.entry) await assertAdminCanEntry(strapi, policyContext, config.action, config.uid, policyContext.params.documentId);
  else assertAdminCan(policyContext, config.action, config.uid);
  return true;
};
