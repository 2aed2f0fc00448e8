import fs from 'fs';
import path from 'path';
import request from 'supertest';
import Ajv from 'ajv';
import { APP_DIR, startStrapi, type TestStrapi } from '../helpers/strapi';
import { makeIssue } from '../../src/seed/generate-issue';
import { readAnIssue } from '../../examples/read-an-issue';
import { adminToken } from '../helpers/admin-users';

/** The OpenAPI document frontends read (@strapi/plugin-documentation), and the README's @strapi/client example, against a running instance. */
let t: TestStrapi;
let base: string;
let issueId: string;
let admin: { Authorization: string };
beforeAll(async () => {
  t = await startStrapi({ ADMIN_EMAIL: 'docs@paper.example', ADMIN_PASSWORD: 'Openapi-test-1' });
  admin = { Authorization: `Bearer ${await adminToken(t.strapi, 'docs@paper.example', 'Openapi-test-1')}` };
  await new Promise<void>((resolve) => t.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(t.strapi.server.httpServer.address() as any).port}`;
  const { issue, column } = await makeIssue(t.strapi, { number: 41, pages: 2, articlesPerPage: 2, publish: true });
  issueId = issue.documentId;
  await t.strapi.documents('api::column.column').update({ documentId: column.documentId, data: { name: '争先创优' } as any });
});
afterAll(async () => t?.stop());

const openapi = () => {
  const docs = t.strapi.plugin('documentation').service('documentation');
  return JSON.parse(fs.readFileSync(path.join(docs.getFullDocumentationPath(), docs.getDocumentationVersion(), 'full_documentation.json'), 'utf8'));
};

const PRIVATE = ['adminEmail', 'importHash', 'createdBy', 'updatedBy', 'resetPasswordToken', 'registrationToken', 'password'];

describe('OpenAPI', () => {
  it('is served to admins at /documentation, and to anyone else only when DOCUMENTATION_PUBLIC=true', async () => {
    const api = () => request(t.strapi.server.httpServer);
    for (const route of ['/documentation', '/documentation/v1.0.0']) {
      const anonymous = await api().get(route);
      expect([route, anonymous.status]).toEqual([route, 401]);
      expect(anonymous.body.error.details).toEqual({ code: 'docs.adminOnly', params: {} });
      expect(anonymous.text).not.toContain('swagger');
      const bogus = await api().get(route).set('Authorization', 'Bearer not-a-token');
      expect(bogus.status).toBe(401);
    }
    const res = await api().get('/documentation/v1.0.0').set(admin);
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
    expect(res.text).toContain('/issues/{documentId}/tree');
    t.strapi.config.set('server.documentation.public', true);
    try {
      expect((await api().get('/documentation/v1.0.0')).status).toBe(200);
    } finally {
      t.strapi.config.set('server.documentation.public', false);
    }
  });

  it('lets the plugin’s own password login decide when a Super Admin has set one', async () => {
    const store = t.strapi.store({ type: 'plugin', name: 'documentation' });
    const before = await store.get({ key: 'config' });
    await store.set({ key: 'config', value: { ...(before as object), restrictedAccess: true } });
    try {
      const res = await request(t.strapi.server.httpServer).get('/documentation/v1.0.0');
      expect(res.status).toBe(302);
      expect(res.headers.location).toMatch(/\/documentation\/login$/);
    } finally {
      await store.set({ key: 'config', value: before });
    }
  });

  it('describes no private field and nothing of admin users, in the file or the page', async () => {
    const text = JSON.stringify(openapi());
    const page = (await request(t.strapi.server.httpServer).get('/documentation/v1.0.0').set(admin)).text;
    for (const name of PRIVATE) {
      expect([name, text.includes(`"${name}"`)]).toEqual([name, false]);
      expect([name, page.includes(`"${name}"`)]).toEqual([name, false]);
    }
    // What the API does answer is still described.
    const doc = openapi();
    expect(Object.keys(doc.components.schemas.Contributor.properties)).toEqual(expect.arrayContaining(['name', 'kind', 'affiliation', 'slug']));
    expect(Object.keys(doc.components.schemas.Article.properties)).toEqual(expect.arrayContaining(['headline', 'slug', 'column', 'bylines']));
  });

  it('describes the tree endpoint with the schema its answers really have', async () => {
    const doc = openapi();
    const tree = doc.paths['/issues/{documentId}/tree'].get;
    expect(tree.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/IssueTreeResponse' });
    expect(doc.paths['/articles']).toBeDefined();

    // OpenAPI 3.0's `nullable` is not JSON Schema: read it as "or null" before validating.
    const asJsonSchema = (schemas: any) =>
      JSON.parse(JSON.stringify(schemas), (_k, v) =>
        v && typeof v === 'object' && v.nullable ? { anyOf: [{ ...v, nullable: undefined }, { type: 'null' }] } : v,
      );
    const strict = new Ajv({ strict: false, allErrors: true, formats: { date: /^\d{4}-\d{2}-\d{2}$/ } });
    strict.addSchema({ components: { schemas: asJsonSchema(doc.components.schemas) } }, 'openapi.json');
    const check = strict.compile({ $ref: 'openapi.json#/components/schemas/IssueTreeResponse' });

    const answer = await request(t.strapi.server.httpServer).get(`/api/issues/${issueId}/tree`);
    expect(answer.status).toBe(200);
    expect(check(answer.body) ? [] : check.errors).toEqual([]);
    // And the schema is not a blank cheque: a page without its number is refused.
    const broken = JSON.parse(answer.text);
    delete broken.data.pages[0].number;
    expect(check(broken)).toBe(false);
  });
});

describe('the README’s @strapi/client example', () => {
  it('reads a column’s articles and a whole issue from a running banmian', async () => {
    const result = await readAnIssue(`${base}/api`, issueId);
    expect(result.issue).toBe(41);
    expect(result.pages.map((p) => p.page)).toEqual([1, 2]);
    expect(result.pages.flatMap((p) => p.headlines)).toHaveLength(4);
    expect(result.column.length).toBe(4);
  });

  it('is in the README exactly as tested', () => {
    const readme = fs.readFileSync(path.join(APP_DIR, 'README.md'), 'utf8');
    expect(readme).toContain(fs.readFileSync(path.join(APP_DIR, 'examples', 'read-an-issue.ts'), 'utf8').trim());
  });
});
