import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { ALLOWED_QUERY_PARAM_KEYS } from '@strapi/utils';
import { AsyncLocalStorage } from 'async_hooks';
import { ALWAYS_TAGS, cacheKey, isCacheable, noneMatch, routeType } from './keys';
import {
  ALL,
  bounded,
  coarse,
  modelInfo,
  publicEither,
  readTags,
  withIds,
  withOverflow,
  rowTag,
  rowsTag,
  twoWayWritten,
  typeTag,
  writeTags,
  type Schema,
  type WrittenRow,
} from './tags';
import { MemoryStore, RedisStore, type CacheStore, type CachedAnswer } from './store';
import { SharedVersions } from './shared-versions';
import { EarlyAnswers, type HitLog } from './early';

/**
 * The published-content response cache (README "Response cache"): anonymous GETs
 * under /api are answered from the cache while nothing they show has changed, with
 * a strong ETag (304 on If-None-Match) and a Cache-Control a CDN can follow. An
 * answer is tagged by the rows and documents its queries read (tags.ts says how);
 * a database write bumps the tags of the rows it wrote — once the write's
 * transaction has committed, so no reader can put back what it read just before —
 * and a request that wrote anything returns only after its bumps are stored (in
 * Redis too), so no answer older than the write is served after the write's
 * response. Writes are seen at the database layer (lifecycles), not only through
 * the Document Service: the sign-off chain, the derived labels and the media
 * library also write rows directly. Without Redis, the versions are also kept in
 * the database per type (shared-versions.ts), so writes by another process on the
 * same database (the CLI scripts) retire this process's answers too.
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
  /** How long a miss waits for another instance computing the same answer before computing it itself (ms). */
  lockWaitMs: number;
  /** More tags than this on one answer: its row and document tags give way to their types' `o:` tags (a bound on memory). */
  maxTags: number;
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
    lockWaitMs: num(env.RESPONSE_CACHE_LOCK_WAIT_MS, 5000),
    maxTags: num(env.RESPONSE_CACHE_MAX_TAGS, 20_000),
  };
}

/**
 * Types whose rows can change a public answer. Admin users, sessions, tokens and
 * Strapi's own tables cannot — except the core store: answers read the default
 * locale from it (i18n's getDefaultLocale), and its reads tag them by its type.
 */
const CORE_STORE = 'strapi::core-store';
const DEFAULT_LOCALE_KEY = 'plugin_i18n_default_locale';
const relevant = (uid: string) =>
  uid.startsWith('api::') ||
  uid === CORE_STORE ||
  !uid.includes('::') ||
  uid.startsWith('plugin::upload.') ||
  uid.startsWith('plugin::i18n.') ||
  /^plugin::users-permissions\.(permission|role)$/.test(uid);

/** The content types and components as tags.ts needs them, and the route names of the content types. */
function schemaOf(strapi: Core.Strapi): { models: Schema; plurals: Record<string, string> } {
  const models: Schema = {};
  const plurals: Record<string, string> = {};
  for (const [uid, model] of [...Object.entries<any>(strapi.contentTypes), ...Object.entries<any>(strapi.components)]) {
    models[uid] = modelInfo(model);
    if (uid.startsWith('api::')) {
      plurals[model.info.pluralName] = uid;
      plurals[model.info.singularName] = uid;
    }
  }
  return { models, plurals };
}

/** The query parameters Strapi's content API knows; a query naming any other is not cached (keys.ts isCacheable). */
const KNOWN_PARAMS: ReadonlySet<string> = new Set(ALLOWED_QUERY_PARAM_KEYS);

/** The answer being computed in this async context: the tags its reads add. */
type Reading = { tags: Set<string> };

/** What a single-row update or delete finds before it runs: the rows (null if they could not be read) and the rows they link to now. */
export type Before = { rows: WrittenRow[] | null; linked: string[] };

/** After a failed bump, at most one retry per this long (ms): while the store is unreachable, requests are not held up by it each time. */
const RETRY_MS = 250;

export class ResponseCache {
  readonly settings: Settings;
  readonly store: CacheStore;
  /** Without Redis: the versions in the database, for writes by other processes. */
  readonly shared?: SharedVersions;
  private schemaCache?: { models: Schema; plurals: Record<string, string> };
  /** The fast path for fresh hits, once installed on the HTTP server (start()). */
  early?: EarlyAnswers;
  /** Answers computed by the chain (each a miss that built its answer), for tests and the bench. */
  computed = 0;
  private readonly pending = new Set<Promise<void>>();
  /**
   * Misses being computed here, by key: a request that misses while another computes
   * the same key waits for that answer instead of building it again (after a write,
   * every open connection would otherwise rebuild the same tree). The store keeps an
   * answer only if nothing it shows changed since it was begun, so a waiter gets an
   * answer as fresh as its own would be, or none (and then builds it).
   */
  private readonly computing = new Map<string, Promise<CachedAnswer | undefined>>();
  /** The tags written in each open transaction, bumped together when it commits. */
  private readonly writtenIn = new WeakMap<object, Set<string>>();
  private readonly reading = new AsyncLocalStorage<Reading>();

  constructor(
    private readonly strapi: Core.Strapi,
    settings = cacheSettings(),
  ) {
    this.settings = settings;
    const bounds = { entries: settings.entries, bytes: settings.maxBytes };
    this.store = settings.redisUrl ? new RedisStore(settings.redisUrl, bounds) : new MemoryStore(bounds);
    if (!settings.redisUrl) this.shared = new SharedVersions(strapi, (tags) => this.store.bump(tags), settings.syncMs);
  }

  get schema() {
    return (this.schemaCache ??= schemaOf(this.strapi));
  }

  /** A query made while an answer is computed (database lifecycles afterFindOne/afterFindMany/afterCount). */
  read(event: { action: string; model: { uid: string }; params?: unknown; result?: unknown }) {
    const reading = this.reading.getStore();
    if (!reading) return;
    readTags(
      event.model.uid,
      event.action.replace(/^after/, '').replace(/^./, (c) => c.toLowerCase()),
      event.params,
      event.result,
      this.schema.models,
      reading.tags,
    );
  }

  /** Before a query made while an answer is computed: every populated row is read with its id. */
  beforeRead(event: { params?: any }) {
    if (!this.reading.getStore() || !event.params?.populate) return;
    event.params.populate = withIds(event.params.populate);
  }

  /**
   * A write of `rows` of `uid` (their ids, documentIds and publishedAt): their tags
   * are bumped once the write is committed. `twoWay`: for a public row written with a
   * two-way relation, the rows it links to now are listed too (a page joining an issue).
   */
  async wrote(uid: string, rows: WrittenRow[], { created = false, data, before }: { created?: boolean; data?: unknown; before?: Before } = {}) {
    if (!relevant(uid)) return;
    // Of the core store, only the key public answers read; its other keys (admin settings) change no answer.
    if (uid === CORE_STORE) rows = rows.filter((row: any) => row.key === undefined || row.key === DEFAULT_LOCALE_KEY);
    if (!rows.length) return;
    const models = this.schema.models;
    const seen = (row: WrittenRow) => (before ? publicEither(row, before.rows === null ? null : before.rows.find((b) => b.id === row.id), data) : row);
    rows = rows.map(seen);
    const tags = new Set([...writeTags(uid, rows, models, created), ...(before?.linked ?? [])]);
    for (const row of rows) {
      for (const attr of twoWayWritten(uid, row, data, models, created)) {
        const target = models[uid].twoWay[attr];
        try {
          const linked: any = row.id === undefined ? null : await this.strapi.db.query(uid as any).load({ id: row.id } as any, attr);
          for (const other of Array.isArray(linked) ? linked : linked ? [linked] : []) tags.add(rowTag(target, other.id));
        } catch {
          tags.add(rowsTag(target)); // the other side unknown: every answer holding its rows
        }
      }
    }
    this.touched([...tags]);
  }

  /**
   * A bulk write (updateMany/deleteMany): the rows its `where` picks, read before it
   * runs; if they cannot be read, every answer holding rows of the type goes.
   */
  async rowsOf(uid: string, where: unknown): Promise<WrittenRow[] | null> {
    if (!relevant(uid)) return [];
    const info = this.schema.models[uid];
    const select = ['id', ...(info && !info.component ? ['documentId'] : []), ...(info?.draftAndPublish ? ['publishedAt'] : [])];
    try {
      return await this.strapi.db.query(uid as any).findMany({ where: where as any, select });
    } catch {
      return null;
    }
  }

  /**
   * Before a single-row update or delete: the row as it is (was it public?) and, for
   * a public row, the rows it links to through the two-way relations the write may
   * change — every one for a delete (afterDelete knows no links any more), those the
   * data names for an update (the rows it leaves: a page moved out of an issue retires
   * that issue's tree too). No query when neither can matter.
   */
  async before(uid: string, where: unknown, data: unknown, deleting: boolean): Promise<Before | undefined> {
    if (!relevant(uid)) return undefined;
    const info = this.schema.models[uid];
    if (!info || info.component) return undefined;
    const named = data && typeof data === 'object' ? Object.keys(data) : [];
    const attrs = Object.keys(info.twoWay).filter((attr) => deleting || named.includes(attr));
    if (!info.draftAndPublish && !attrs.length) return undefined;
    const select = ['id', 'documentId', ...(info.draftAndPublish ? ['publishedAt'] : [])];
    const populate = Object.fromEntries(attrs.map((attr) => [attr, { select: ['id'] }]));
    try {
      const found: any[] = await this.strapi.db.query(uid as any).findMany({ where: where as any, select, populate } as any);
      const linked: string[] = [];
      for (const row of found) {
        if (info.draftAndPublish && (row.publishedAt === null || row.publishedAt === undefined)) continue;
        for (const attr of attrs) {
          const value = row[attr];
          for (const other of Array.isArray(value) ? value : value ? [value] : []) linked.push(rowTag(info.twoWay[attr], other.id));
        }
      }
      return { rows: found.map(({ id, documentId, publishedAt }) => ({ id, documentId, publishedAt })), linked };
    } catch {
      // Unknown: the row counts as public, and every answer holding rows of the other sides goes.
      return { rows: null, linked: attrs.map((attr) => rowsTag(info.twoWay[attr])) };
    }
  }

  /** A write whose rows are unknown: every answer holding rows of the type, and its lists. */
  touchedType(uid: string) {
    if (!relevant(uid)) return;
    this.touched(this.schema.models[uid]?.component ? [rowsTag(uid)] : [rowsTag(uid), typeTag(uid)]);
  }

  /**
   * Bumps tags once their write is committed: at once outside a transaction; inside
   * one, once at its commit for all the tags it wrote (a page saved with its
   * placements writes a dozen rows; one bump is enough, and one before the commit
   * would be useless, since a reader cannot see the write yet).
   */
  touched(tags: string[]) {
    if (!tags.length) return;
    if (!this.strapi.db.inTransaction()) return this.bump(tags);
    this.strapi.db.transaction(async ({ trx, onCommit }: any) => {
      let written = this.writtenIn.get(trx);
      if (!written) {
        const all = new Set<string>();
        this.writtenIn.set(trx, all);
        onCommit(() => this.bump([...all]));
        written = all;
      }
      for (const tag of tags) written.add(tag);
    });
  }

  private bump(tags: string[]) {
    const p = this.apply(withOverflow(tags)).then(() => undefined);
    this.pending.add(p);
    p.finally(() => this.pending.delete(p));
  }

  /**
   * Tags that could not be bumped (Redis or the versions table unreachable), kept
   * until a retry succeeds; meanwhile the cache is skipped (nothing served from it,
   * nothing kept), since what they would retire cannot be told apart from the rest.
   */
  private readonly failed = new Set<string>();
  /** Counts failed bumps: an answer begun before one is not kept (it may hold what the failed bump should have retired). */
  private failures = 0;
  private retrying?: Promise<boolean>;
  private lastRetry = 0;

  /** Bumps here first (the store's own index), then shared; true when everything went. */
  private async apply(tags: string[]): Promise<boolean> {
    try {
      // Other processes on the database learn of it per type (their answers hold the coarse tags too).
      await Promise.all([this.store.bump(tags), this.shared?.bumped([...new Set(tags.map(coarse))])]);
      return true;
    } catch (error: any) {
      this.failures += 1;
      for (const tag of tags) this.failed.add(tag);
      this.strapi.log.error(
        `response cache: cannot retire answers for ${tags.slice(0, 5).join(', ')}${tags.length > 5 ? ' …' : ''} (${error.message}); the cache is skipped until they are`,
      );
      return false;
    }
  }

  /** True while no bump is owed; else retries the failed ones (at most every RETRY_MS) and says whether they went. */
  private healthy(): true | Promise<boolean> {
    if (!this.failed.size && !this.retrying) return true;
    if (this.retrying) return this.retrying;
    if (Date.now() - this.lastRetry < RETRY_MS) return Promise.resolve(false);
    this.lastRetry = Date.now();
    const tags = [...this.failed];
    const failures = this.failures;
    this.retrying = this.apply(tags)
      .then((ok) => {
        // A bump that failed meanwhile left its tags (maybe the same ones) to the next retry.
        if (ok && this.failures === failures) for (const tag of tags) this.failed.delete(tag);
        return !this.failed.size;
      })
      .finally(() => (this.retrying = undefined));
    return this.retrying;
  }

  /** Waits for the bumps under way: a write's response leaves only when its answers are retired everywhere. */
  async settled() {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /**
   * Retires every answer, here and in every process on this database (or Redis):
   * for writes that do not pass through the lifecycles, such as the rows a restore
   * writes with its own queries (scripts/transfer.js).
   */
  async retireAll() {
    this.bump([ALL]);
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
        this.settings.enabled &&
        isCacheable({ method: ctx.method, path: ctx.path, authorization: ctx.get('authorization'), query: ctx.query }, KNOWN_PARAMS) &&
        routeType(ctx.path, this.schema.plurals) !== null;
      if (!cacheable) return next();

      const key = cacheKey(ctx.path, ctx.querystring);
      const ok = this.healthy();
      if (ok !== true && !(await ok)) return next(); // a bump is owed: neither served from the cache nor kept
      const failures = this.failures;
      // Another process's writes first (a no-op unless the database changed), then
      // the sequence, before anything is read: an answer computed from older rows carries an older one.
      let at: number;
      let hit: CachedAnswer | undefined;
      try {
        await this.shared?.sync();
        at = await this.store.now();
        hit = await this.store.get(key);
      } catch (error: any) {
        this.strapi.log.warn(`response cache: cannot look up ${key} (${error.message}); answered without the cache`);
        return next();
      }
      if (hit) return this.answer(ctx, hit.etag, hit.body, hit.type, 'hit');

      // Someone here is computing this answer: once kept, it is looked up again (a write may have retired it since).
      const under = this.computing.get(key);
      if (under && (await under)) {
        const again = await this.store.get(key).catch(() => undefined);
        if (again) return this.answer(ctx, again.etag, again.body, again.type, 'miss');
      }
      let done!: (answer: CachedAnswer | undefined) => void;
      const mine = new Promise<CachedAnswer | undefined>((resolve) => (done = resolve));
      if (!this.computing.has(key)) this.computing.set(key, mine);
      let kept: CachedAnswer | undefined;
      let unlock: (() => Promise<void>) | null = null;
      try {
        // Another instance computing it (Redis): wait for its answer, within a bound, then build it here.
        unlock = await this.store.lock(key, at).catch(() => async () => undefined);
        if (!unlock) {
          const theirs = await this.store.waitFor(key, at, this.settings.lockWaitMs).catch(() => undefined);
          if (theirs) {
            kept = theirs;
            return this.answer(ctx, theirs.etag, theirs.body, theirs.type, 'miss');
          }
        }
        const reading: Reading = { tags: new Set([ALL, ...ALWAYS_TAGS.map(typeTag)]) };
        await this.reading.run(reading, next);
        this.computed += 1;
        this.strapi.log.debug(`response cache: computed ${key}`);
        const answer = this.keep(ctx, bounded(reading.tags, this.settings.maxTags), at);
        if (answer) {
          // Not kept if a bump failed since it was begun (or is still owed).
          const owed = this.failures !== failures || this.failed.size > 0;
          if (!owed && (await this.store.set(key, answer).catch(() => false))) kept = answer;
          this.answer(ctx, answer.etag, answer.body, answer.type, 'miss');
        }
      } finally {
        if (this.computing.get(key) === mine) this.computing.delete(key);
        done(kept);
        await unlock?.();
      }
    };
  }

  /** The answer the chain gave, as kept bytes, if it may be kept: a 200 with a JSON body. */
  private keep(ctx: any, tags: string[], at: number): CachedAnswer | undefined {
    const body = ctx.body;
    if (ctx.status !== 200 || !body || typeof body !== 'object' || Buffer.isBuffer(body) || typeof body.pipe === 'function') return undefined;
    const bytes = Buffer.from(JSON.stringify(body));
    const etag = `"${crypto.createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
    return { etag, body: bytes, type: 'application/json; charset=utf-8', tags, at };
  }

  /** For the fast path: the kept answer under `key` if no write has retired it (the same checks as the middleware's hit). */
  async fresh(key: string) {
    const ok = this.healthy();
    if (ok !== true && !(await ok)) return undefined;
    await this.shared?.sync();
    await this.store.now();
    return this.store.get(key);
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

const caches = new WeakMap<Core.Strapi, ResponseCache>();

/** One cache per Strapi instance: made in register, its lifecycles subscribed, closed on destroy. */
export function registerResponseCache(strapi: Core.Strapi) {
  const cache = new ResponseCache(strapi);
  caches.set(strapi, cache);
  const read = (event: any) => cache.read(event);
  const uidOf = (event: any): string => event.model.uid;
  // Bulk writes name their rows by a condition: read them before the write.
  const before = async (event: any) => {
    event.state.rows = await cache.rowsOf(uidOf(event), event.params?.where);
  };
  const bulk = async (event: any) => {
    const rows = event.state.rows as WrittenRow[] | null | undefined;
    if (!rows) return cache.touchedType(uidOf(event));
    // Public if it was before the write or the write publishes it.
    await cache.wrote(
      uidOf(event),
      rows.map((row) => publicEither(row, undefined, event.params?.data)),
      { data: event.params?.data },
    );
    // Set through a two-way relation in bulk: its other side is not read row by row.
    const twoWay = cache.schema.models[uidOf(event)]?.twoWay ?? {};
    for (const attr of Object.keys(event.params?.data ?? {})) if (twoWay[attr]) cache.touchedType(twoWay[attr]);
  };
  const beforeRead = (event: any) => cache.beforeRead(event);
  strapi.db.lifecycles.subscribe({
    beforeFindOne: beforeRead,
    beforeFindMany: beforeRead,
    afterFindOne: read,
    afterFindMany: read,
    afterCount: read,
    afterCreate: (event: any) => (event.result ? cache.wrote(uidOf(event), [event.result], { created: true, data: event.params?.data }) : undefined),
    // A bulk create names no rows: the type's lists (and, to be safe, its rows) go, if any created row is public.
    afterCreateMany: (event: any) => {
      const data = Array.isArray(event.params?.data) ? event.params.data : [event.params?.data];
      if (writeTags(uidOf(event), data, cache.schema.models, true).length) cache.touchedType(uidOf(event));
    },
    // The row before the write: was it public, what did it link to (cache.before).
    beforeUpdate: async (event: any) => {
      event.state.before = await cache.before(uidOf(event), event.params?.where, event.params?.data, false);
    },
    beforeDelete: async (event: any) => {
      event.state.before = await cache.before(uidOf(event), event.params?.where, undefined, true);
    },
    // No row (nothing matched): nothing was written.
    afterUpdate: (event: any) =>
      event.result ? cache.wrote(uidOf(event), [event.result], { data: event.params?.data, before: event.state.before }) : undefined,
    afterDelete: (event: any) => (event.result ? cache.wrote(uidOf(event), [event.result], { before: event.state.before }) : undefined),
    beforeUpdateMany: before,
    afterUpdateMany: bulk,
    beforeDeleteMany: before,
    afterDeleteMany: bulk,
  } as any);
  return cache;
}

export const responseCacheOf = (strapi: Core.Strapi) => caches.get(strapi);
