import crypto from 'crypto';
import { LRUCache } from 'lru-cache';
import Redis from 'ioredis';

/**
 * Where cached answers live, and how writes retire them. Every bump of tags gets
 * the next number of a sequence; an answer is stamped with the sequence as it was
 * before it was computed (`at`), and it is kept only if none of its tags was bumped
 * since — an answer computed while a write happened is never kept. A bump drops the
 * kept answers carrying its tags at once (an index from tag to keys), so a hit is
 * one lookup, whatever the number of tags (an issue of 400 articles has thousands).
 *  - MemoryStore: this process only (no REDIS_URL); other processes' writes reach
 *    it through the versions kept in the database (shared-versions.ts).
 *  - RedisStore: the sequence, a log of the tags of each bump, and the answers in
 *    Redis, shared by every instance; each instance keeps its answers in memory
 *    too. Each request reads the sequence (one GET) and, when it moved, the log of
 *    what was bumped since, so an instance never serves an answer another has
 *    retired. Misses of one key are computed once across instances (lock).
 */

/** `body`: the answer's bytes, ready to send (no conversion per request). */
export type CachedAnswer = { etag: string; body: Buffer; type: string; tags: string[]; at: number };

export interface CacheStore {
  /** Catches up with bumps made elsewhere; the sequence an answer computed from now on is stamped with. */
  now(): Promise<number>;
  /** The kept answer under `key`, only while no tag of it was bumped since it was computed. */
  get(key: string): Promise<CachedAnswer | undefined>;
  /** Keeps the answer unless a tag of it was bumped since `answer.at` (then false). */
  set(key: string, answer: CachedAnswer): Promise<boolean>;
  bump(tags: string[]): Promise<void>;
  /**
   * Across instances (Redis): the right to compute `key` from sequence `at`, or null
   * while another holds it (then `waitFor` it). Without Redis: always granted.
   */
  lock(key: string, at: number): Promise<(() => Promise<void>) | null>;
  /** The answer another instance is computing, once kept; undefined if it does not come within `ms` or its lock goes. */
  waitFor(key: string, at: number, ms: number): Promise<CachedAnswer | undefined>;
  /** This process's answers in memory. */
  stats(): { entries: number; bytes: number };
  close(): Promise<void>;
}

/** What one kept answer costs in memory, roughly: its bytes, its key (UTF-16), its tags (and their index entries) and a fixed overhead. */
export const answerSize = (key: string, answer: CachedAnswer) => answer.body.length + key.length * 2 + answer.tags.length * 96 + 512;

export type Bounds = { entries: number; bytes: number };

/** How many tags' last bumps are remembered: an answer computed before the oldest forgotten one is not kept (it is computed again). */
const REMEMBERED_BUMPS = 200_000;

/** Kept answers, the index from tag to keys, and the sequence number of each tag's last bump. */
export class AnswerIndex {
  private readonly answers: LRUCache<string, CachedAnswer>;
  private readonly byTag = new Map<string, Set<string>>();
  private readonly lastBump = new Map<string, number>();
  /** Bumps at or before this are forgotten (or were never seen): an answer computed before it is not trusted. */
  private floor = 0;

  /** Bounded by count and by bytes: the least recently used answers go first; one larger than the whole budget is not kept. */
  constructor(bounds: Bounds) {
    this.answers = new LRUCache({
      max: bounds.entries,
      maxSize: bounds.bytes,
      sizeCalculation: (answer, key) => answerSize(key, answer),
      dispose: (answer, key) => this.unindex(key, answer),
    });
  }
  stats() {
    return { entries: this.answers.size, bytes: this.answers.calculatedSize };
  }
  get(key: string) {
    return this.answers.get(key);
  }
  /** No tag of the answer bumped since it was computed (as far as this index has seen). */
  current(answer: CachedAnswer) {
    if (answer.at < this.floor) return false;
    for (const tag of answer.tags) if ((this.lastBump.get(tag) ?? -1) > answer.at) return false;
    return true;
  }
  set(key: string, answer: CachedAnswer) {
    if (!this.current(answer)) return false;
    const old = this.answers.get(key);
    if (old) this.answers.delete(key);
    this.answers.set(key, answer);
    if (!this.answers.has(key)) return false; // larger than the budget
    for (const tag of answer.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    return true;
  }
  /** Tags bumped at sequence number `seq`: their answers go. */
  bump(tags: string[], seq: number) {
    for (const tag of tags) {
      // Never backwards: a catch-up may apply an older bump after this instance's own newer one.
      if ((this.lastBump.get(tag) ?? -1) < seq) {
        this.lastBump.delete(tag); // re-inserted last: the map's order is the order of last bumps
        this.lastBump.set(tag, seq);
      }
      this.drop([tag]);
    }
    while (this.lastBump.size > REMEMBERED_BUMPS) {
      const [oldest, at] = this.lastBump.entries().next().value as [string, number];
      this.lastBump.delete(oldest);
      this.floor = Math.max(this.floor, at);
    }
  }
  /** The answers carrying these tags go (before their bump has a sequence number). */
  drop(tags: string[]) {
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      if (keys) for (const key of [...keys]) this.answers.delete(key);
    }
  }
  /** Everything goes; nothing computed before `seq` is kept (the bumps before it are unknown). */
  clear(seq: number) {
    this.answers.clear();
    this.lastBump.clear();
    this.floor = seq;
  }
  private unindex(key: string, answer: CachedAnswer) {
    for (const tag of answer.tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (!keys.size) this.byTag.delete(tag);
    }
  }
}

export class MemoryStore implements CacheStore {
  protected readonly index: AnswerIndex;
  private seq = 0;

  constructor(bounds: Bounds) {
    this.index = new AnswerIndex(bounds);
  }
  stats() {
    return this.index.stats();
  }
  async now() {
    return this.seq;
  }
  async get(key: string) {
    return this.index.get(key);
  }
  async set(key: string, answer: CachedAnswer) {
    return this.index.set(key, answer);
  }
  async bump(tags: string[]) {
    this.seq += 1;
    this.index.bump(tags, this.seq);
  }
  async lock() {
    return async () => undefined;
  }
  async waitFor() {
    return undefined;
  }
  async close() {}
}

const PREFIX = 'banmian:response-cache:2';
const SEQ = `${PREFIX}:seq`;
const logKey = (n: number) => `${PREFIX}:log:${n}`;
/**
 * Answers kept in Redis at most this long (seconds): a bound on memory, not on
 * freshness. With the per-instance budget below, Redis holds at most about
 * instances × RESPONSE_CACHE_ENTRIES answers (and bytes), plus for an hour those of
 * an instance that stopped without deleting its own.
 */
const ANSWER_TTL = 3600;
/** The log of each bump's tags is kept this long (seconds); an instance further behind drops all it holds. */
const LOG_TTL = 3600;
/** More bumps than this since an instance last looked: it drops its answers instead of reading them all. */
const CATCH_UP_MAX = 5000;
/** A lock outlives a computation that died with its instance by at most this (ms). */
const LOCK_MS = 10_000;
const POLL_MS = 15;

/** One bump: the next sequence number, and the bump's tags logged under it, in one step. */
const BUMP_SCRIPT = `local n = redis.call('INCR', KEYS[1]) redis.call('SET', ARGV[1] .. n, ARGV[2], 'EX', ARGV[3]) return n`;
/** Releases a lock only if it is still ours (it may have expired and been taken since). */
const UNLOCK_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export class RedisStore implements CacheStore {
  private readonly index: AnswerIndex;
  private readonly client: Redis;
  /** The sequence number up to which this instance has applied the log; undefined before the first look. */
  private known?: number;
  private catching: Promise<void> = Promise.resolve();
  /**
   * The answers this instance put in Redis, within the same bounds as its memory:
   * the least recently written go from Redis too, so Redis is not filled without bound.
   */
  private readonly written: LRUCache<string, number>;

  constructor(url: string, bounds: Bounds) {
    this.index = new AnswerIndex(bounds);
    this.client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.written = new LRUCache<string, number>({
      max: bounds.entries,
      maxSize: bounds.bytes,
      sizeCalculation: (size) => Math.max(1, size),
      dispose: (_size, key, reason) => {
        if (reason === 'evict') this.client.del(`${PREFIX}:a:${key}`).catch(() => undefined);
      },
    });
  }
  stats() {
    return this.index.stats();
  }

  async now() {
    const seq = Number((await this.client.get(SEQ)) ?? 0);
    if (this.known === undefined || seq > this.known) await this.catchUp(seq);
    return seq;
  }

  /** Applies the bumps logged since this instance last looked, in order (one catch-up at a time). */
  private catchUp(seq: number) {
    this.catching = this.catching.then(async () => {
      if (this.known === undefined) {
        this.index.clear(seq); // nothing known from before: answers computed before now are not trusted
        this.known = seq;
        return;
      }
      if (seq <= this.known) return;
      const from = this.known + 1;
      if (seq - from >= CATCH_UP_MAX) {
        this.index.clear(seq);
        this.known = seq;
        return;
      }
      const numbers = Array.from({ length: seq - from + 1 }, (_, i) => from + i);
      const logged = await this.client.mget(numbers.map(logKey));
      if (logged.some((l) => l === null)) this.index.clear(seq);
      else logged.forEach((l, i) => this.index.bump(JSON.parse(l!), numbers[i]));
      this.known = seq;
    });
    return this.catching;
  }

  async get(key: string) {
    const near = this.index.get(key);
    if (near) return near;
    const raw: string | null = await this.client.get(`${PREFIX}:a:${key}`);
    if (!raw) return undefined;
    const stored = JSON.parse(raw);
    const answer: CachedAnswer = { ...stored, body: Buffer.from(stored.body, 'base64') };
    // Kept by another instance: served only if no tag of it was bumped since it was computed.
    return this.index.set(key, answer) ? answer : undefined;
  }
  async set(key: string, answer: CachedAnswer) {
    if (!this.index.set(key, answer)) return false;
    const raw = JSON.stringify({ ...answer, body: answer.body.toString('base64') });
    await this.client.set(`${PREFIX}:a:${key}`, raw, 'EX', ANSWER_TTL);
    this.written.set(key, raw.length + key.length);
    return true;
  }
  async bump(tags: string[]) {
    if (!tags.length) return;
    this.index.drop(tags); // here first: this instance never serves them again, whatever Redis says
    let seq: number;
    try {
      seq = Number(await this.client.eval(BUMP_SCRIPT, 1, SEQ, `${PREFIX}:log:`, JSON.stringify(tags), String(LOG_TTL)));
    } catch (error) {
      // The bump is not logged, so what it retires cannot be told from Redis: trust nothing
      // kept before, here, until the sequence is read again (the caller retries the bump).
      const reset = () => {
        this.index.clear(Infinity);
        this.known = undefined;
      };
      reset();
      this.catching = this.catching.then(reset); // after a catch-up under way, which would set `known` again
      throw error;
    }
    this.index.bump(tags, seq);
  }

  async lock(key: string, at: number) {
    const name = `${PREFIX}:lock:${at}:${key}`;
    const token = crypto.randomUUID();
    const got = await this.client.set(name, token, 'PX', LOCK_MS, 'NX');
    if (got !== 'OK') return null;
    return async () => {
      await this.client.eval(UNLOCK_SCRIPT, 1, name, token).catch(() => undefined);
    };
  }

  async waitFor(key: string, at: number, ms: number) {
    const name = `${PREFIX}:lock:${at}:${key}`;
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      // Bumps made meanwhile first: an answer they retired is not taken.
      await this.now();
      const answer = await this.get(key);
      if (answer) return answer;
      if (!(await this.client.exists(name))) return this.get(key);
    }
    return undefined;
  }

  async close() {
    await this.client.quit().catch(() => undefined);
  }
}
