import request from 'supertest';
import type { Core } from '@strapi/strapi';

/** Admin users with given role codes, created the way Settings → Users would, and their sign-in tokens. */
export async function createAdminUser(strapi: Core.Strapi, u: { email: string; password: string; firstname: string; lastname?: string; roleCodes: string[] }) {
  const roles = [];
  for (const code of u.roleCodes) {
    const role = await strapi.service('admin::role').findOne({ code });
    if (!role) throw new Error(`no admin role with code ${code}`);
    roles.push(role.id);
  }
  return strapi.service('admin::user').create({
    email: u.email,
    password: u.password,
    firstname: u.firstname,
    lastname: u.lastname ?? null,
    roles,
    isActive: true,
    registrationToken: null,
  });
}

/** Signs in through POST /admin/login and returns the bearer token. */
export async function adminToken(strapi: Core.Strapi, email: string, password: string): Promise<string> {
  const res = await request(strapi.server.httpServer).post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token;
}
