import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { ALLOWED_QUERY_PARAM_KEYS } from '@strapi/utils';
import { ruleReads, schemaLookup } from '../newsroom/public-reads';
import { cacheKey, isCacheable, noneMatch, tagsFor, type SchemaLinks } from './keys';
import { MemoryStore, RedisStore, type CacheStore, type CachedAnswer } from './store';
import { SharedVersions } from './shared-versions';
import { EarlyAnswers, type HitLog } from './early';

/**
 * The published-content response cache (README "Response cache"): anonymous GETs
 * under /api are answered from the cache while no content they depend on has
 * changed, with a strong ETag (304 on If-None-Match) and a Cache-Control a CDN
 * can follow. Every database write to a content type bumps its tag — once the
 * write's transaction has committed, so no reader can put back what it read
 * just before — and a request that wrote anything returns only after its bumps
 * are stored (in Redis too), so no answer older than the write is served after
 * the write's response. Writes are seen at the database layer (lifecycles), not
 * only through the Document Service: the sign-off chain, the derived labels and
 * the media library also write rows directly. Without Redis, the versions are
 * also kept in the database (shared-versions.ts), so writes by another process
 * on the same database (the CLI scripts) retire this process's answers too.
 */

type Settings = {
  enabled: boolean;
  maxAge: number;
  staleWhileRevalidate: number;
  entries: number;
  maxBytes: number;
  syncMs: number;
  redisUrl?: string;
  /** Fresh hits answered before Strapi's middleware chain (early.ts). */
  early: boolean;
  logHits: HitLog;
};

export function cacheSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const num = (v: string | undefined, d: number) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : d);
  return {
    enabled: env.RESPONSE_CACHE !== 'false',
    maxAge: num(env.RESPONSE_CACHE_MAX_AGE, 0),
    staleWhileRevalidate: num(env.RESPONSE_CACHE_STALE_WHILE_REVALIDATE, 0),
    entries: num(env.RESPONSE_CACHE_ENTRIES, 2000),
    maxBytes: num(env.RESPONSE_CACHE_MAX_BYTES, 64 * 1024 * 1024),
    syncMs: num(env.RESPONSE_CACHE_SYNC_MS, 1000),
    redisUrl: env.REDIS_URL || undefined,
    early: env.RESPONSE_CACHE_EARLY !== 'false',
    logHits: env.RESPONSE_CACHE_LOG_HITS === 'each' || env.RESPONSE_CACHE_LOG_HITS === 'off' ? env.RESPONSE_CACHE_LOG_HITS : 'summary',
  };
}

/** Types whose rows can change a public answer. Admin users, sessions, tokens and Strapi's own tables cannot. */
const relevant = (uid: string) =>
  uid.startsWith('api::') ||
  !uid.includes('::') ||
  uid.startsWith('plugin::upload.') ||
  uid.startsWith('plugin::i18n.') ||
  /^plugin::users-permissions\.(permission|role)$/.test(uid);

/**
 * What each type's answers can show: its relations, components and media, and,
 * for the types listed by a rule of their own (columns and contributors are public
 * only while published content carries them, src/newsroom/public-reads.ts), every
 * type that rule reads.
 */
function schemaLinks(strapi: Core.Strapi): { links: SchemaLinks; plurals: Record<string, string> } {
  const links: SchemaLinks = {};
  const plurals: Record<string, string> = {};
  const models: Array<[string, any]> = [...Object.entries(strapi.contentTypes), ...Object.entries(strapi.components)];
  for (const [uid, model] of models) {
    if (uid.startsWith('api::')) {
      plurals[model.info.pluralName] = uid;
      plurals[model.info.singularName] = uid;
    }
    links[uid] = Object.values(model.attributes ?? {}).flatMap((a: any) =>
      a.type === 'relation' && a.target
        ? [a.target]
        : a.type === 'component'
          ? [a.component]
          : a.type === 'dynamiczone'
            ? a.components
            : a.type === 'media'
              ? ['plugin::upload.file']
              : [],
    );
  }
  for (const [uid, reads] of Object.entries(ruleReads(schemaLookup(strapi)))) links[uid] = [...(links[uid] ?? []), ...reads];
  return { links, plurals };
}

/** The query parameters Strapi's content API knows; a query naming any other is not cached (keys.ts isCacheable). */
const KNOWN_PARAMS: ReadonlySet<string> = new Set(ALLOWED_QUERY_PARAM_KEYS);

export class ResponseCache {
  readonly settings: Settings;
  readonly store: CacheStore;
  /** Without Redis: the versions in the database, for writes by other processes. */
  readonly shared?: SharedVersions;
  private schema?: { links: SchemaLinks; plurals: Record<string, string> };
  /** The fast path for fresh hits, once installed on the HTTP server (start()). */
  early?: EarlyAnswers;
  private readonly pending = new Set<Promise<void>>();
  /**
   * Misses being computed, by key: a request that misses while another computes the
   * same key under the same versions waits for that answer instead of building it
   * again (after a write, every open connection would otherwise rebuild the same tree).
   */
  private readonly computing = new Map<string, { versions: number[]; answer: Promise<CachedAnswer | undefined> }>();
  /** The types written in each open transaction, bumped together when it commits. */
  private readonly writtenIn = new WeakMap<object, Set<string>>();

  constructor(
    private readonly strapi: Core.Strapi,
    settings = cacheSettings(),
  ) {
    this.settings = settings;
    const bounds = { entries: settings.entries, bytes: settings.maxBytes };
    this.store = settings.redisUrl ? new RedisStore(settings.redisUrl, bounds) : new MemoryStore(bounds);
    if (!settings.redisUrl) this.shared = new SharedVersions(strapi, (tags) => this.store.bump(tags), settings.syncMs);
  }

  /**
   * Bumps a type's tag once its write is committed: at once outside a transaction;
   * inside one, once at its commit for all the types it wrote (a page saved with its
   * placements writes a dozen rows; one bump per type is enough, and one before the
   * commit would be useless, since a reader cannot see the write yet).
   */
  touched(uid: string) {
    if (!relevant(uid)) return;
    if (!this.strapi.db.inTransaction()) return this.bump([uid]);
    this.strapi.db.transaction(async ({ trx, onCommit }: any) => {
      let written = this.writtenIn.get(trx);
      if (!written) {
        const uids = new Set<string>();
        this.writtenIn.set(trx, uids);
        onCommit(() => this.bump([...uids]));
        written = uids;
      }
      written.add(uid);
    });
  }

  private bump(uids: string[]) {
    const p = Promise.all([this.store.bump(uids), this.shared?.bumped(uids)]).then(
      () => undefined,
      (error) => {
        this.strapi.log.error(`response cache: cannot retire answers for ${uids.join(', ')}: ${error.message}`);
      },
    );
    this.pending.add(p);
    p.finally(() => this.pending.delete(p));
  }

  /** Waits for the bumps under way: a write's response leaves only when its answers are retired everywhere. */
  async settled() {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /**
   * Retires every answer, here and (without Redis) in every process on this
   * database: for writes that do not pass through the lifecycles, such as the
   * rows a restore writes with its own queries (scripts/transfer.js).
   */
  async retireAll() {
    const uids = [...Object.keys(this.strapi.contentTypes), ...Object.keys(this.strapi.components)].filter(relevant);
    this.bump(uids);
    await this.settled();
  }

  private get cacheControl() {
    const { maxAge, staleWhileRevalidate } = this.settings;
    return `public, max-age=${maxAge}${staleWhileRevalidate ? `, stale-while-revalidate=${staleWhileRevalidate}` : ''}`;
  }

  middleware() {
    return async (ctx: any, next: () => Promise<unknown>) => {
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
        try {
          await next();
        } finally {
          await this.settled();
        }
        return;
      }
      const cacheable =
        this.settings.enabled && isCacheable({ method: ctx.method, path: ctx.path, authorization: ctx.get('authorization'), query: ctx.query }, KNOWN_PARAMS);
      this.schema ??= schemaLinks(this.strapi);
      const tags = cacheable ? tagsFor(ctx.path, this.schema.plurals, this.schema.links) : null;
      if (!tags) return next();

      const key = cacheKey(ctx.path, ctx.querystring);
      // Another process's writes first (a no-op unless the database changed), then
      // the versions, before anything else: an answer computed from older rows carries older versions.
      await this.shared?.sync();
      const versions = await this.store.versions(tags);
      const hit = await this.store.get(key);
      if (hit && sameVersions(hit, tags, versions)) return this.answer(ctx, hit.etag, hit.body, hit.type, 'hit');

      // Someone is computing this answer from the same versions: it is as fresh as one computed now.
      const under = this.computing.get(key);
      if (under && sameList(under.versions, versions)) {
        const shared = await under.answer;
        if (shared) return this.answer(ctx, shared.etag, shared.body, shared.type, 'miss');
      }
      let done!: (answer: CachedAnswer | undefined) => void;
      const mine = { versions, answer: new Promise<CachedAnswer | undefined>((resolve) => (done = resolve)) };
      if (!this.computing.has(key)) this.computing.set(key, mine);
      let kept: CachedAnswer | undefined;
      try {
        await next();
        kept = this.keep(ctx, tags, versions);
        if (kept) {
          await this.store.set(key, kept);
          this.answer(ctx, kept.etag, kept.body, kept.type, 'miss');
        }
      } finally {
        if (this.computing.get(key) === mine) this.computing.delete(key);
        done(kept);
      }
    };
  }

  /** The answer the chain gave, as kept bytes, if it may be kept: a 200 with a JSON body. */
  private keep(ctx: any, tags: string[], versions: number[]): CachedAnswer | undefined {
    const body = ctx.body;
    if (ctx.status !== 200 || !body || typeof body !== 'object' || Buffer.isBuffer(body) || typeof body.pipe === 'function') return undefined;
    const bytes = Buffer.from(JSON.stringify(body));
    const etag = `"${crypto.createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
    return { etag, body: bytes, type: 'application/json; charset=utf-8', tags, versions };
  }

  /** For the fast path: the kept answer under `key` if no write has retired it (the same checks as the middleware's hit). */
  async fresh(key: string) {
    await this.shared?.sync();
    const hit = await this.store.get(key);
    if (!hit) return undefined;
    const versions = await this.store.versions(hit.tags);
    return sameVersions(hit, hit.tags, versions) ? hit : undefined;
  }

  private answer(ctx: any, etag: string, body: Buffer, type: string, state: 'hit' | 'miss') {
    ctx.set('ETag', etag);
    ctx.set('Cache-Control', this.cacheControl);
    ctx.set('X-Banmian-Cache', state);
    if (noneMatch(ctx.get('if-none-match'), etag)) {
      ctx.status = 304;
      ctx.body = null;
      return;
    }
    ctx.status = 200;
    ctx.type = type;
    ctx.body = body;
  }

  /** At bootstrap: the versions other processes write are watched from the start. */
  async start() {
    if (this.settings.enabled && this.settings.early && this.strapi.server?.httpServer) {
      this.early = new EarlyAnswers({ cacheControl: () => this.cacheControl, fresh: (key) => this.fresh(key) }, this.strapi.log, this.settings.logHits);
      this.early.install(this.strapi.server.httpServer);
    }
    await this.shared?.start().catch((error) => this.strapi.log.warn(`response cache: cannot watch other processes' writes: ${error.message}`));
  }

  async close() {
    this.early?.close();
    await this.settled();
    await this.shared?.close();
    await this.store.close();
  }
}

const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
/** An answer is served only under the versions of exactly the tags it was kept with. */
const sameVersions = (hit: CachedAnswer, tags: string[], versions: number[]) => sameList(hit.tags, tags) && sameList(hit.versions, versions);

const caches = new WeakMap<Core.Strapi, ResponseCache>();

/** One cache per Strapi instance: made in register, its lifecycles subscribed, closed on destroy. */
export function registerResponseCache(strapi: Core.Strapi) {
  const cache = new ResponseCache(strapi);
  caches.set(strapi, cache);
  const touched = (event: any) => cache.touched(event.model.uid);
  strapi.db.lifecycles.subscribe({
    afterCreate: touched,
    afterCreateMany: touched,
    afterUpdate: touched,
    afterUpdateMany: touched,
    afterDelete: touched,
    afterDeleteMany: touched,
  } as any);
  return cache;
}

export const responseCacheOf = (strapi: Core.Strapi) => caches.get(strapi);
