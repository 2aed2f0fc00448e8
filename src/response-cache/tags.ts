/**
 * Which documents an answer shows, and which a write touches: the tags the
 * response cache retires answers by (README "Response cache"). Pure: the rows a
 * query read or a write wrote, and the schema, in; tag strings out.
 *
 * How an answer's tags are found: from the rows its queries read, not from its
 * body. Every `strapi.db.query(…).findOne/findMany/count` made while the answer is
 * computed is seen (a database lifecycle, in the request's async context), with its
 * `where`, its `populate` and the rows it returned, populated relations included.
 * The body is no guide: the tree shows names without ids, and a signed page shows
 * its snapshot; the rows are what the answer was made of. So:
 *  - every row read, at any depth, tags the answer by that row (`r:`);
 *  - a query by documentId (`where: { documentId: … }`, with `$in` too) tags it by
 *    those documents (`d:`), found or not — publishing a placed article that was not
 *    public yet, or a locale version the tree fell back from, changes the answer;
 *  - any other query (a list, a count, a rule's query) may change when any row of
 *    the type changes or is added: it tags the answer by the type (`t:`) and by every
 *    type its `where` steps into; so does a `populate` with a filter of its own.
 * A write then names the rows it wrote: their `r:` and, for a published row (or a
 * type without Draft & Publish), their `d:` and `t:` tags. A draft row is in no
 * public answer, so a draft-only write retires nothing. A component row is tagged
 * by its own `r:` only: its owner's row is written in the same operation and says
 * whether anything public changed. A row linked through a two-way relation (a page
 * and its issue) is also listed from the other side, so a published row written
 * with such a relation retires the rows it now links to (the issue whose pages it joins).
 *
 * `R:uid` is the coarse tag of a type's rows and documents: every answer holding an
 * `r:`/`d:` tag of the type holds it too. Other processes on the database (without
 * Redis) tell of their writes per type this way (shared-versions.ts), and a write
 * whose rows cannot be named falls back to it; `*` retires everything.
 *
 * `o:uid` stands for all of a type's `r:`/`d:` tags on an answer that has too many
 * to keep (`bounded`): every bump of an `r:`/`d:` tag bumps its type's `o:` tag too
 * (`withOverflow`), so such an answer goes whenever one of the rows it read is written.
 */

export const ALL = '*';
export const typeTag = (uid: string) => `t:${uid}`;
export const rowTag = (uid: string, id: unknown) => `r:${uid}#${id}`;
export const docTag = (uid: string, documentId: unknown) => `d:${uid}#${documentId}`;
export const rowsTag = (uid: string) => `R:${uid}`;
export const overflowTag = (uid: string) => `o:${uid}`;

const typeOfRowTag = (tag: string) => (tag.startsWith('r:') || tag.startsWith('d:') ? tag.slice(2, tag.lastIndexOf('#')) : undefined);

/** A bump's tags with the `o:` tag of every type whose rows or documents it names: answers past the tag bound hold those instead. */
export function withOverflow(tags: string[]): string[] {
  const out = new Set(tags);
  for (const tag of tags) {
    const uid = typeOfRowTag(tag);
    if (uid !== undefined) out.add(overflowTag(uid));
  }
  return [...out];
}

/** An answer's tags, at most about `max`: past it, its `r:`/`d:` tags give way to their types' `o:` tags (a bound on memory). */
export function bounded(tags: Iterable<string>, max: number): string[] {
  const list = [...tags];
  if (list.length <= max) return list;
  const out = new Set<string>();
  for (const tag of list) {
    const uid = typeOfRowTag(tag);
    out.add(uid === undefined ? tag : overflowTag(uid));
  }
  return [...out];
}

/** The coarse form of a tag, as other processes learn of it: a row or document tag becomes its type's `R:` tag. */
export function coarse(tag: string) {
  const uid = typeOfRowTag(tag);
  return uid === undefined ? tag : rowsTag(uid);
}

export type ModelInfo = {
  component: boolean;
  draftAndPublish: boolean;
  /** Attribute → the model(s) its values are rows of (relations, components, media, dynamic zones). */
  links: Record<string, string[]>;
  /** Relation attributes whose target lists this model's rows from its side (inversedBy/mappedBy). */
  twoWay: Record<string, string>;
};
export type Schema = Record<string, ModelInfo>;

/** The schema as tags need it, from Strapi's models (content types and components). */
export function modelInfo(model: any): ModelInfo {
  const links: Record<string, string[]> = {};
  const twoWay: Record<string, string> = {};
  for (const [name, a] of Object.entries<any>(model.attributes ?? {})) {
    if (a.type === 'relation' && a.target) {
      links[name] = [a.target];
      if (a.inversedBy || a.mappedBy) twoWay[name] = a.target;
    } else if (a.type === 'component') links[name] = [a.component];
    else if (a.type === 'dynamiczone') links[name] = a.components ?? [];
    else if (a.type === 'media') links[name] = ['plugin::upload.file'];
  }
  return { component: model.modelType === 'component', draftAndPublish: Boolean(model.options?.draftAndPublish), links, twoWay };
}

const VERSION_KEYS = new Set(['publishedAt', 'locale']);
const IDENTITY_KEYS = new Set(['documentId', 'id', ...VERSION_KEYS]);

/** A condition naming only the keys in `allowed` (through `$and`): it picks rows by identity and version, not by content. */
function only(where: unknown, allowed: Set<string>): boolean {
  if (where === undefined || where === null) return allowed === VERSION_KEYS;
  if (typeof where !== 'object' || Array.isArray(where)) return false;
  return Object.entries(where as Record<string, unknown>).every(([k, v]) =>
    k === '$and' ? Array.isArray(v) && v.every((w) => only(w, allowed)) : allowed.has(k),
  );
}

/** The values a condition gives `key` (`x`, `{ $eq: x }`, `{ $in: [..] }`, through `$and`). */
function valuesOf(where: any, key: string): unknown[] {
  if (!where || typeof where !== 'object') return [];
  const out: unknown[] = [];
  const v = where[key];
  if (v !== undefined) {
    if (v === null || typeof v !== 'object') out.push(v);
    else if (Array.isArray(v)) out.push(...v);
    else {
      if (v.$eq !== undefined) out.push(v.$eq);
      if (Array.isArray(v.$in)) out.push(...v.$in);
    }
  }
  for (const w of Array.isArray(where.$and) ? where.$and : []) out.push(...valuesOf(w, key));
  return out;
}

/** `uid` and every model a condition steps into through relations and components (`{ column: { name: … } }`). */
function steppedTypes(uid: string, where: unknown, schema: Schema, into: Set<string>) {
  into.add(uid);
  if (!where || typeof where !== 'object') return;
  for (const [k, v] of Object.entries(where as Record<string, unknown>)) {
    if (k === '$and' || k === '$or' || k === '$not') {
      for (const w of Array.isArray(v) ? v : [v]) steppedTypes(uid, w, schema, into);
      continue;
    }
    for (const target of schema[uid]?.links[k] ?? []) steppedTypes(target, v, schema, into);
  }
}

/** A type tag is kept only for models a write can bump one for (components never are: their owners are). */
const addTypes = (types: Set<string>, schema: Schema, tags: Set<string>) => {
  for (const t of types) if (!schema[t]?.component) tags.add(typeTag(t));
};

/** The rows of `uid` in a query's result, at every populated depth. */
function walkRows(uid: string, value: unknown, schema: Schema, tags: Set<string>) {
  if (Array.isArray(value)) {
    for (const v of value) walkRows(uid, v, schema, tags);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const row = value as Record<string, unknown>;
  // A dynamic zone's rows name their own component.
  const model = typeof row.__component === 'string' ? row.__component : uid;
  if (row.id !== undefined) tags.add(rowTag(model, row.id));
  if (row.documentId !== undefined && row.documentId !== null) tags.add(docTag(model, row.documentId));
  if (row.id !== undefined || row.documentId !== undefined) tags.add(rowsTag(model));
  const info = schema[model];
  if (!info) return;
  for (const [name, targets] of Object.entries(info.links)) {
    if (row[name] !== undefined && row[name] !== null) walkRows(targets[0], row[name], schema, tags);
  }
}

/**
 * The same populate, with `id` in every `select` that names fields: a populated row
 * read without its id (the tree reads a contributor's name only) could not be tagged.
 * A copy: the caller's populate (often a shared constant) is left as it is.
 */
export function withIds(populate: unknown): unknown {
  if (!populate || typeof populate !== 'object' || Array.isArray(populate)) return populate;
  const out: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(populate as Record<string, any>)) {
    if (!sub || typeof sub !== 'object' || Array.isArray(sub)) {
      out[name] = sub;
      continue;
    }
    const next: Record<string, unknown> = { ...sub };
    const select = typeof sub.select === 'string' ? [sub.select] : sub.select;
    if (Array.isArray(select) && !select.includes('id')) next.select = [...select, 'id'];
    if (sub.populate !== undefined) next.populate = withIds(sub.populate);
    out[name] = next;
  }
  return out;
}

/** Filters inside a populate (`populate: { pages: { where: { name: … } } }`): such a set can gain rows no written row names. */
function walkPopulate(uid: string, populate: unknown, schema: Schema, tags: Set<string>) {
  if (!populate || typeof populate !== 'object' || Array.isArray(populate)) return;
  for (const [name, sub] of Object.entries(populate as Record<string, any>)) {
    const target = schema[uid]?.links[name]?.[0];
    if (!target || !sub || typeof sub !== 'object') continue;
    // `{ count: true }` reads no rows, only how many are linked: any public row of the target linked or unlinked changes it.
    if (sub.count === true && !schema[target]?.component) tags.add(typeTag(target));
    for (const filter of [sub.where, sub.filters]) {
      if (filter !== undefined && !only(filter, VERSION_KEYS)) {
        const types = new Set<string>();
        steppedTypes(target, filter, schema, types);
        addTypes(types, schema, tags);
      }
    }
    walkPopulate(target, sub.populate, schema, tags);
  }
}

/** The tags one read adds to the answer being computed. */
export function readTags(uid: string, action: string, params: any, result: unknown, schema: Schema, tags: Set<string>) {
  const where = params?.where;
  const byIdentity = where && only(where, IDENTITY_KEYS) && (where.documentId !== undefined || where.id !== undefined || Array.isArray(where.$and));
  const documentIds = byIdentity ? valuesOf(where, 'documentId') : [];
  const ids = byIdentity ? valuesOf(where, 'id') : [];
  if (byIdentity && (documentIds.length || ids.length)) {
    for (const d of documentIds) tags.add(docTag(uid, d));
    for (const id of ids) tags.add(rowTag(uid, id));
    tags.add(rowsTag(uid));
  } else {
    const types = new Set<string>();
    steppedTypes(uid, where, schema, types);
    addTypes(types, schema, tags);
  }
  if (action !== 'count') walkRows(uid, result, schema, tags);
  walkPopulate(uid, params?.populate, schema, tags);
}

export type WrittenRow = { id?: unknown; documentId?: unknown; publishedAt?: unknown };

/**
 * The row as the write's tags see it: public if it was published before the write,
 * after it, or the write sets `publishedAt` (an in-place unpublish leaves a row that
 * looks like a draft, but answers showed it). `before`: the row as read before the
 * write; `null` when that read failed (then it counts as public: the safe side).
 */
export function publicEither(after: WrittenRow, before: WrittenRow | null | undefined, data?: unknown): WrittenRow {
  const set = data && typeof data === 'object' ? (data as Record<string, unknown>).publishedAt : undefined;
  const publishedAt = after.publishedAt ?? (before === null ? 'unknown' : before?.publishedAt) ?? set ?? null;
  return { ...after, publishedAt };
}

/** Rows a published answer can show: published ones, and every row of a type without Draft & Publish. */
const isPublic = (info: ModelInfo | undefined, row: WrittenRow) => !info?.draftAndPublish || (row.publishedAt !== null && row.publishedAt !== undefined);

/** The tags a write of `rows` of `uid` bumps (create: the new rows; update/delete: the rows written). */
export function writeTags(uid: string, rows: WrittenRow[], schema: Schema, created = false): string[] {
  const info = schema[uid];
  const tags = new Set<string>();
  for (const row of rows) {
    if (info?.component) {
      // A new component row is in no answer yet; its owner's write links it.
      if (!created && row.id !== undefined) tags.add(rowTag(uid, row.id));
      continue;
    }
    if (!isPublic(info, row)) continue;
    tags.add(typeTag(uid));
    if (!created && row.id !== undefined) tags.add(rowTag(uid, row.id));
    if (row.documentId !== undefined && row.documentId !== null) tags.add(docTag(uid, row.documentId));
  }
  return [...tags];
}

/** The two-way relations a write of a public row set (`data` names them) whose other side must be retired too. */
export function twoWayWritten(uid: string, row: WrittenRow, data: unknown, schema: Schema, created: boolean): string[] {
  const info = schema[uid];
  if (!info || info.component || !isPublic(info, row)) return [];
  const named = data && typeof data === 'object' ? Object.keys(data) : [];
  return Object.keys(info.twoWay).filter((attr) => created || named.includes(attr));
}
