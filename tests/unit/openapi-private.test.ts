import { privateFieldNames, withoutPrivateFields } from '../../src/newsroom/openapi-private';

describe('the OpenAPI document without private fields', () => {
  const model = (attributes: Record<string, { private?: boolean }>) => ({ attributes, isPrivate: (n: string) => attributes[n].private === true });

  it('takes the names private in some model and public in none', () => {
    const names = privateFieldNames([
      model({ name: {}, adminEmail: { private: true }, createdBy: { private: true } }),
      model({ headline: {}, importHash: { private: true }, createdBy: { private: true } }),
      model({ secret: { private: true } }),
      model({ secret: {} }), // public elsewhere: kept
    ]);
    expect([...names].sort()).toEqual(['adminEmail', 'createdBy', 'importHash']);
  });

  it('drops them at every depth, from properties and required', () => {
    const doc = {
      components: {
        schemas: {
          Contributor: { type: 'object', required: ['name', 'adminEmail'], properties: { name: { type: 'string' }, adminEmail: { type: 'string' } } },
          Article: {
            properties: {
              headline: { type: 'string' },
              column: { type: 'object', properties: { name: {}, createdBy: { type: 'object', properties: { resetPasswordToken: {} } } } },
              localizations: { type: 'array', items: { type: 'object', properties: { importHash: {}, headline: {} } } },
            },
          },
        },
      },
      paths: {
        '/articles': { post: { requestBody: { content: { 'application/json': { schema: { properties: { data: { properties: { importHash: {} } } } } } } } } },
      },
    };
    const out = withoutPrivateFields(doc, new Set(['adminEmail', 'createdBy', 'importHash']));
    expect(out.components.schemas.Contributor).toEqual({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } });
    expect(JSON.stringify(out)).not.toMatch(/adminEmail|createdBy|importHash|resetPasswordToken/);
    expect(out.components.schemas.Article.properties.localizations.items.properties).toEqual({ headline: {} });
  });
});
