import type { Core } from '@strapi/strapi';

/**
 * With ADMIN_EMAIL and ADMIN_PASSWORD set, the first Super Admin is created
 * without the browser. There is no default password: without both variables
 * Strapi asks for the first admin in the browser, as usual.
 */
/** Strapi's own rule for admin passwords, applied to ADMIN_PASSWORD too: a weak one stops the start. */
export function adminPasswordProblem(password: string): string | null {
  if (password.length < 8) return 'ADMIN_PASSWORD must be at least 8 characters';
  if (!/[a-z]/.test(password) || !/[A-Z]/.test(password) || !/\d/.test(password)) {
    return 'ADMIN_PASSWORD must contain a lowercase letter, an uppercase letter and a number';
  }
  if (new TextEncoder().encode(password).length > 72) return 'ADMIN_PASSWORD must be at most 72 bytes';
  return null;
}

export async function ensureAdminFromEnv(strapi: Core.Strapi, env = process.env) {
  const email = env.ADMIN_EMAIL?.trim().toLowerCase();
  const password = env.ADMIN_PASSWORD;
  if (!email || !password) return null;
  const problem = adminPasswordProblem(password);
  if (problem) throw new Error(problem);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`ADMIN_EMAIL "${email}" is not an e-mail address`);
  const users = strapi.service('admin::user');
  if (await strapi.db.query('admin::user').findOne({ where: { email } })) return null;
  if ((await users.count()) > 0) {
    strapi.log.warn(`ADMIN_EMAIL=${email} ignored: an admin user already exists`);
    return null;
  }
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  const user = await users.create({
    email,
    firstname: env.ADMIN_FIRSTNAME || email.split('@')[0],
    lastname: env.ADMIN_LASTNAME || '',
    password,
    isActive: true,
    registrationToken: null,
    roles: superAdmin ? [superAdmin.id] : [],
  });
  strapi.log.info(`Super Admin ${email} created from ADMIN_EMAIL/ADMIN_PASSWORD`);
  return user;
}
