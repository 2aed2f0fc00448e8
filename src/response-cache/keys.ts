/**
 * Which requests the response cache may answer, and under which key (tags.ts
 * says what an answer depends on). Pure: request facts in, decisions out.
 */

/** Types every public answer depends on, whatever it read: who may read what (permissions) and the locales. */
export const ALWAYS_TAGS = ['plugin::users-permissions.permission', 'plugin::users-permissions.role', 'plugin::i18n.locale'];

/**
 * Anonymous GETs of the content API only: a token or a session may see drafts or
 * more fields. A query naming a parameter the content API does not know (`knownParams`:
 * Strapi's own list) is answered but not kept: Strapi ignores such a parameter, so
 * every junk value would otherwise be one more copy of the same answer in memory.
 */
export function isCacheable(req: { method: string; path: string; authorization?: string; query: Record<string, unknown> }, knownParams?: ReadonlySet<string>) {
  if (req.method !== 'GET' || !req.path.startsWith('/api/')) return false;
  if (req.authorization) return false;
  if (knownParams && Object.keys(req.query).some((name) => !knownParams.has(name))) return false;
  return req.query.status === undefined || req.query.status === 'published';
}

/** The top-level parameter a query part belongs to: `sort` for `sort=a`, `sort[0]=a` and `sort%5B0%5D=a`. */
function parameterOf(part: string) {
  const raw = part.split('=', 1)[0];
  let name: string;
  try {
    name = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    name = raw;
  }
  return name.split('[', 1)[0];
}

/**
 * Path and query. Distinct parameters are put in a fixed order (`?b=1&a=2` and
 * `?a=2&b=1` are one answer); the parts of one parameter keep theirs, since
 * `sort=a&sort=b` and `sort=b&sort=a` order differently.
 */
export function cacheKey(path: string, querystring: string) {
  const parts = querystring ? querystring.split('&').filter(Boolean) : [];
  if (!parts.length) return path;
  const groups = new Map<string, string[]>();
  for (const part of parts) {
    const name = parameterOf(part);
    const group = groups.get(name);
    if (group) group.push(part);
    else groups.set(name, [part]);
  }
  const ordered = [...groups.keys()].sort().flatMap((name) => groups.get(name)!);
  return `${path}?${ordered.join('&')}`;
}

/** RFC 9110 §13.1.2: If-None-Match compares weakly, so `W/"x"` matches `"x"`; `*` matches any answer. */
export function noneMatch(header: string | undefined, etag: string) {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

/** The content type a path under /api serves (by its plural name, `/api/articles…`); null when it names none (not cached). */
export function routeType(path: string, pluralToUid: Record<string, string>): string | null {
  const plural = /^\/api\/([^/]+)/.exec(path)?.[1];
  return (plural && pluralToUid[plural]) || null;
}
