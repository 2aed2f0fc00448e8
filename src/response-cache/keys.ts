/**
 * Which requests the response cache may answer, under which key, and which
 * content types an answer depends on (its tags). Pure: request facts and the
 * content schema in, decisions out.
 */

export type SchemaLinks = Record<string, string[]>;

/** Types every public answer depends on: who may read what (permissions) and the locales. */
export const ALWAYS_TAGS = ['plugin::users-permissions.permission', 'plugin::users-permissions.role', 'plugin::i18n.locale'];

/** Anonymous GETs of the content API only: a token or a session may see drafts or more fields. */
export function isCacheable(req: { method: string; path: string; authorization?: string; query: Record<string, unknown> }) {
  if (req.method !== 'GET' || !req.path.startsWith('/api/')) return false;
  if (req.authorization) return false;
  return req.query.status === undefined || req.query.status === 'published';
}

/** Path and query, the query's parts in a fixed order (`?b=1&a=2` and `?a=2&b=1` are one answer). */
export function cacheKey(path: string, querystring: string) {
  const parts = querystring ? querystring.split('&').filter(Boolean).sort() : [];
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** Every type reachable from `uid` through relations, components and media: what a populated answer can show. */
export function reachable(uid: string, links: SchemaLinks): string[] {
  const seen = new Set<string>([uid]);
  const queue = [uid];
  while (queue.length) {
    for (const next of links[queue.shift()!] ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return [...seen];
}

/**
 * The tags of an answer for `path`: the content type the route serves (by its
 * plural name, `/api/articles…`) and all it reaches, plus ALWAYS_TAGS; null when
 * the path names no content type (not cached).
 */
export function tagsFor(path: string, pluralToUid: Record<string, string>, links: SchemaLinks): string[] | null {
  const plural = /^\/api\/([^/]+)/.exec(path)?.[1];
  const uid = plural ? pluralToUid[plural] : undefined;
  if (!uid) return null;
  return [...reachable(uid, links), ...ALWAYS_TAGS].sort();
}
