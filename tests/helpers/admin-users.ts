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

/** The newsroom the API tests sign in as: one account per role of the sign-off chain (names as a 版 prints them). */
export const NEWSROOM = {
  chief: { firstname: '总编', roleCodes: ['strapi-super-admin'] },
  editor: { firstname: '芳', lastname: '王', roleCodes: ['banmian-editor'] },
  layout: { firstname: '宝红', lastname: '任', roleCodes: ['banmian-layout'] },
  proofreader: { firstname: '军', lastname: '刘', roleCodes: ['banmian-proofreader'] },
  author: { firstname: '作者', roleCodes: ['strapi-author'] },
};
export type NewsroomMember = keyof typeof NEWSROOM;

/**
 * Creates `who@domain` for each member named (with `people` overriding a member's name) and
 * returns their sign-in tokens.
 */
export async function signInNewsroom<W extends NewsroomMember>(
  strapi: Core.Strapi,
  opts: { domain: string; password: string; who: readonly W[]; people?: Partial<Record<W, { firstname: string; lastname?: string }>> },
): Promise<Record<W, string>> {
  const tokens = {} as Record<W, string>;
  for (const who of opts.who) {
    const email = `${who}@${opts.domain}`;
    await createAdminUser(strapi, { email, password: opts.password, ...NEWSROOM[who], ...opts.people?.[who] });
    tokens[who] = await adminToken(strapi, email, opts.password);
  }
  return tokens;
}
