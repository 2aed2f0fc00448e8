/**
 * The OpenAPI document without what the REST API never answers: private fields
 * (`adminEmail`, `importHash`, `createdBy`/`updatedBy` and the admin user's
 * fields the plugin inlines under them). The documentation plugin describes
 * every attribute of a model, private or not; a frontend developer must not
 * learn the newsroom's internals from it, nor expect fields that never come.
 * Pure: the document and the private names in, the document changed in place
 * (it runs as the plugin's `mutateDocumentation`, on an immer draft).
 */

export type ModelFields = { attributes: Record<string, unknown>; isPrivate: (name: string) => boolean };

/** Names private in some documented model and public in none (so a public `name` elsewhere is never dropped). */
export function privateFieldNames(models: ModelFields[]): Set<string> {
  const hidden = new Set<string>();
  const shown = new Set<string>();
  for (const model of models) for (const name of Object.keys(model.attributes)) (model.isPrivate(name) ? hidden : shown).add(name);
  return new Set([...hidden].filter((name) => !shown.has(name)));
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null;

/** Drops the `names` from every `properties` (and `required`) at any depth: schemas, request bodies, inline relations. */
export function withoutPrivateFields<D>(doc: D, names: Set<string>): D {
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    if (isObject(node.properties) && !Array.isArray(node.properties)) {
      for (const name of Object.keys(node.properties)) if (names.has(name)) delete node.properties[name];
      if (Array.isArray(node.required)) node.required = node.required.filter((name: unknown) => !names.has(String(name)));
    }
    Object.values(node).forEach(visit);
  };
  visit(doc);
  return doc;
}
