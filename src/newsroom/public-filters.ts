/**
 * Filters of callers who may read published content only, rewritten so that they
 * can only ever match visible rows, at every depth. Pure: a schema lookup and a
 * visibility rule in, a filter object out.
 *
 * Why: Strapi applies `status=published` to the top level of a query only. A
 * filter that walks a relation (`pages?filters[placements][article][headline][$lt]=…`)
 * joins draft rows too, so each answer leaks one bit of a draft. Here every
 * relation step becomes `{ rel: { $and: [visible(target), original] } }`: a joined
 * row that is not visible makes the whole step false whatever its values, so no
 * answer depends on a draft. The same goes for `populate[x][filters]`.
 */

export type Attribute = { type: string; target?: string; component?: string; relation?: string };
export type ModelInfo = { attributes: Record<string, Attribute>; options?: { draftAndPublish?: boolean } };
export type SchemaLookup = (uid: string) => ModelInfo | undefined;
/** The condition a row of `uid` must meet to be visible, or null when every row is. */
export type Visibility = (uid: string) => Record<string, unknown> | null;

const LOGICAL = new Set(['$and', '$or']);

export const PUBLISHED = { publishedAt: { $notNull: true } } as const;
/** A document's working copy: the row not yet published. */
export const DRAFT = { publishedAt: { $null: true } } as const;
/** The rows of one version of every document: published, or the drafts. */
export const versionRows = (status: 'published' | 'draft') => (status === 'published' ? PUBLISHED : DRAFT);

/**
 * Along a relation, a row is visible when it is published (types with Draft &
 * Publish). Rows of the other types reached from a visible row are visible by
 * definition (a column of a published article, a contributor credited on a
 * published page); at the top level they get their own rule (publicFilters' `own`).
 */
export function publishedOnly(lookup: SchemaLookup): Visibility {
  return (uid) => (lookup(uid)?.options?.draftAndPublish ? { ...PUBLISHED } : null);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function guarded(target: string, value: unknown, lookup: SchemaLookup, visible: Visibility): unknown {
  // A scalar on a relation (`filters[column]=3`) means its id.
  const inner = isPlainObject(value) ? restrictFilters(target, value, lookup, visible) : { id: { $eq: value } };
  const condition = visible(target);
  return condition ? { $and: [condition, inner] } : inner;
}

/** `filters` of model `uid`, with every relation step limited to visible rows. */
export function restrictFilters(uid: string, filters: unknown, lookup: SchemaLookup, visible: Visibility): any {
  if (Array.isArray(filters)) return filters.map((f) => restrictFilters(uid, f, lookup, visible));
  if (!isPlainObject(filters)) return filters;
  const model = lookup(uid);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (LOGICAL.has(key) || key === '$not') {
      out[key] = restrictFilters(uid, value, lookup, visible);
      continue;
    }
    const attribute = model?.attributes[key];
    if (attribute?.type === 'relation' && attribute.target) out[key] = guarded(attribute.target, value, lookup, visible);
    else if (attribute?.type === 'media')
      out[key] = value; // files carry no drafts
    else if (attribute?.type === 'component' && attribute.component) out[key] = restrictFilters(attribute.component, value, lookup, visible);
    else if (attribute?.type === 'dynamiczone') throw new PublicFilterError(`filters.${key}`, 'filtering through dynamic zones is not allowed');
    else out[key] = value;
  }
  return out;
}

export class PublicFilterError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/**
 * The top level: `own`, the rule for rows of this type listed on their own (for
 * types without Draft & Publish; `status=published` covers the others), and the
 * guarded filters.
 */
export function publicFilters(uid: string, filters: unknown, lookup: SchemaLookup, visible: Visibility, own: Record<string, unknown> | null = null): any {
  const restricted = filters === undefined ? undefined : restrictFilters(uid, filters, lookup, visible);
  if (!own) return restricted;
  if (restricted === undefined || (isPlainObject(restricted) && !Object.keys(restricted).length)) return own;
  return { $and: [own, restricted] };
}

/**
 * `populate` with the same guard on every populated relation, and its own
 * `filters` rewritten. `*`/`true` on a relation becomes an object so the
 * visibility condition can be attached.
 */
export function publicPopulate(uid: string, populate: unknown, lookup: SchemaLookup, visible: Visibility): any {
  const model = lookup(uid);
  if (!model) return populate;
  const entries: Array<[string, unknown]> =
    populate === '*' || populate === true
      ? Object.entries(model.attributes)
          .filter(([, a]) => ['relation', 'component', 'media', 'dynamiczone'].includes(a.type))
          .map(([k]) => [k, true])
      : typeof populate === 'string'
        ? populate.split(',').map((k) => [k.trim(), true])
        : Array.isArray(populate)
          ? populate.map((k) => [String(k), true])
          : isPlainObject(populate)
            ? Object.entries(populate)
            : [];
  if (!entries.length) return populate;
  const out: Record<string, unknown> = {};
  for (const [key, raw] of entries) {
    const attribute = model.attributes[key];
    if (raw === false || !attribute) {
      out[key] = raw;
      continue;
    }
    const spec: Record<string, unknown> = isPlainObject(raw) ? { ...raw } : {};
    const target = attribute.type === 'relation' ? attribute.target : attribute.type === 'component' ? attribute.component : undefined;
    if (!target) {
      out[key] = raw;
      continue;
    }
    if (spec.populate !== undefined) spec.populate = publicPopulate(target, spec.populate, lookup, visible);
    if (attribute.type === 'relation') {
      const restricted = spec.filters === undefined ? undefined : restrictFilters(target, spec.filters, lookup, visible);
      const condition = visible(target);
      if (condition) spec.filters = restricted === undefined ? condition : { $and: [condition, restricted] };
      else if (restricted !== undefined) spec.filters = restricted;
    }
    out[key] = Object.keys(spec).length ? spec : raw === '*' ? true : raw;
  }
  return out;
}

/** Sort keys that walk a relation (`sort=column.articles.headline`) would order by draft values: refused. */
export function relationSortPath(uid: string, sort: unknown, lookup: SchemaLookup): string | null {
  const keys: string[] = [];
  const collect = (s: unknown) => {
    if (typeof s === 'string') s.split(',').forEach((part) => keys.push(part.split(':')[0].trim()));
    else if (Array.isArray(s)) s.forEach(collect);
    else if (isPlainObject(s)) {
      for (const [k, v] of Object.entries(s)) {
        if (isPlainObject(v)) Object.keys(v).forEach((inner) => keys.push(`${k}.${inner}`));
        else keys.push(k);
      }
    }
  };
  collect(sort);
  for (const key of keys) {
    const first = key.split('.')[0];
    const attribute = lookup(uid)?.attributes[first];
    if (attribute && ['relation', 'component', 'dynamiczone'].includes(attribute.type) && key.includes('.')) return key;
  }
  return null;
}
