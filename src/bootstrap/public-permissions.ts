import type { Core } from '@strapi/strapi';

// Read-only, published-only access for anonymous readers. Writes are never
// granted to Public; they need an API token. The issue tree needs no grant of its
// own: it asks for the reads of what it shows (src/api/issue/routes/01-issue-tree.ts).
export const PUBLIC_READ_ACTIONS = ['publication', 'issue', 'page', 'column', 'article', 'contributor'].flatMap((n) => [
  `api::${n}.${n}.find`,
  `api::${n}.${n}.findOne`,
]);

/** Idempotent: grants what is missing, never duplicates, never removes an admin's extra grants. */
export async function ensurePublicPermissions(strapi: Core.Strapi) {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) throw new Error('users-permissions Public role not found');
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const granted = await permissions.findMany({ where: { role: role.id, action: { $in: PUBLIC_READ_ACTIONS } }, select: ['action'] });
  const have = new Set(granted.map((p: any) => p.action));
  for (const action of PUBLIC_READ_ACTIONS) {
    if (!have.has(action)) await permissions.create({ data: { action, role: role.id } });
  }
}
