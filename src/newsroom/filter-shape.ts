/**
 * The shape of a `filters` parameter, checked before Strapi's query builder
 * reads it: that builder throws plain errors on shapes Strapi's own query
 * validator lets through (`filters[$or]=1`, `filters[$and][0]=1`,
 * `filters[$not]=x`, `filters[headline][$eq][$eq]=1`), which become a 500.
 * Here they are found with the place they are at, for a 400 that names it.
 * Pure: a schema lookup and the filters in, the first problem (or null) out.
 */

import type { SchemaLookup } from './public-filters';

export type FilterShapeProblem = 'list' | 'condition' | 'operator' | 'value' | 'relation';
export type FilterProblem = { parameter: string; problem: FilterShapeProblem };

const GROUP = new Set(['$and', '$or']);
const WHERE = new Set([
  '$not',
  '$in',
  '$notIn',
  '$eq',
  '$eqi',
  '$ne',
  '$nei',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$null',
  '$notNull',
  '$between',
  '$startsWith',
  '$endsWith',
  '$startsWithi',
  '$endsWithi',
  '$contains',
  '$notContains',
  '$containsi',
  '$notContainsi',
]);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isValue = (v: unknown) => isScalar(v) || (Array.isArray(v) && v.every(isScalar));
const at = (path: string, key: string | number) => `${path}[${key}]`;
const problem = (parameter: string, kind: FilterShapeProblem): FilterProblem => ({ parameter, problem: kind });

/** A condition on a model's rows: fields, relations and `$and`/`$or`/`$not` of such conditions. */
function condition(uid: string, where: unknown, path: string, lookup: SchemaLookup): FilterProblem | null {
  if (Array.isArray(where)) return first(where.map((w, i) => () => condition(uid, w, at(path, i), lookup)));
  if (!isPlainObject(where)) return problem(path, 'condition');
  const attributes = lookup(uid)?.attributes ?? {};
  for (const [key, value] of Object.entries(where)) {
    const here = at(path, key);
    let found: FilterProblem | null;
    if (GROUP.has(key)) found = Array.isArray(value) ? first(value.map((w, i) => () => condition(uid, w, at(here, i), lookup))) : problem(here, 'list');
    else if (key === '$not') found = isPlainObject(value) ? condition(uid, value, here, lookup) : problem(here, 'condition');
    else if (key.startsWith('$')) found = problem(here, 'operator');
    else {
      const a = attributes[key];
      const target = a?.type === 'relation' ? a.target : a?.type === 'component' ? a.component : a?.type === 'media' ? 'plugin::upload.file' : undefined;
      found = target ? relation(target, value, here, lookup) : field(value, here);
    }
    if (found) return found;
  }
  return null;
}

/** A relation: an id (or ids), one operator on the id, `$and`/`$or`, or a condition on the related rows. */
function relation(target: string, value: unknown, path: string, lookup: SchemaLookup): FilterProblem | null {
  if (isValue(value)) return null;
  if (!isPlainObject(value)) return problem(path, 'value');
  const keys = Object.keys(value);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (!operators.length) return condition(target, value, path, lookup);
  if (operators.length !== keys.length || operators.length > 1) return problem(path, 'relation');
  const [op] = operators;
  if (GROUP.has(op)) return condition(target, value, path, lookup);
  // `$not` on a relation negates an id; the builder cannot read conditions under it (filters[$not][column][name] says that).
  if (!WHERE.has(op)) return problem(at(path, op), 'operator');
  return isValue(value[op]) ? null : problem(at(path, op), 'value');
}

/** A field: a value, or operators on it; `$not` takes operators again, every other one a value. */
function field(value: unknown, path: string): FilterProblem | null {
  if (Array.isArray(value)) return first(value.map((v, i) => () => (isScalar(v) ? null : operators(v, at(path, i)))));
  return isPlainObject(value) ? operators(value, path) : null;
}

function operators(value: unknown, path: string): FilterProblem | null {
  if (!isPlainObject(value)) return problem(path, 'value');
  for (const [op, v] of Object.entries(value)) {
    const here = at(path, op);
    if (!WHERE.has(op)) return problem(here, 'operator');
    const found = op === '$not' ? field(v, here) : isValue(v) ? null : problem(here, 'value');
    if (found) return found;
  }
  return null;
}

function first(checks: Array<() => FilterProblem | null>): FilterProblem | null {
  for (const check of checks) {
    const found = check();
    if (found) return found;
  }
  return null;
}

/** The first place in `filters` of model `uid` the query builder cannot read, as `filters[$or][0]`; null when it can. */
export function filterProblem(uid: string, filters: unknown, lookup: SchemaLookup, parameter = 'filters'): FilterProblem | null {
  if (filters === undefined || filters === null) return null;
  return condition(uid, filters, parameter, lookup);
}

/** The same for every `filters` inside `populate` (`populate[column][filters][$or]=1`). */
export function populateFilterProblem(uid: string, populate: unknown, lookup: SchemaLookup, parameter = 'populate'): FilterProblem | null {
  if (!isPlainObject(populate)) return null;
  const attributes = lookup(uid)?.attributes ?? {};
  for (const [key, spec] of Object.entries(populate)) {
    if (!isPlainObject(spec)) continue;
    const a = attributes[key];
    const target = a?.type === 'relation' ? a.target : a?.type === 'component' ? a.component : a?.type === 'media' ? 'plugin::upload.file' : undefined;
    if (!target) continue;
    const here = at(parameter, key);
    const found =
      (spec.filters !== undefined ? filterProblem(target, spec.filters, lookup, at(here, 'filters')) : null) ??
      populateFilterProblem(target, spec.populate, lookup, at(here, 'populate'));
    if (found) return found;
  }
  return null;
}
