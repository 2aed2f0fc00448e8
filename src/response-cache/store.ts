import { LRUCache } from 'lru-cache';
import Redis from 'ioredis';

/**
 * Where cached answers and the tag versions live. An answer is stored with the
 * versions of its tags read before it was computed; it is served only while
 * they are unchanged, so a write that bumps a tag retires every answer that
 * depends on it — including one being computed while the write happened.
 *  - MemoryStore: this process only (no REDIS_URL); other processes' writes reach
 *    it through the versions kept in the database (shared-versions.ts).
 *  - RedisStore: versions and answers in Redis, shared by every instance; each
 *    instance keeps its recent answers in memory too, dropped when another
 *    instance announces a bump (pub/sub). Versions are read from Redis on every
 *    request, so an instance never serves an answer another has retired.
 */

/** `body`: the answer's bytes, ready to send (no conversion per request). */
export type CachedAnswer = { etag: string; body: Buffer; type: string; tags: string[]; versions: number[] };

export interface CacheStore {
  versions(tags: string[]): Promise<number[]>;
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer): Promise<void>;
  bump(tags: string[]): Promise<void>;
  /** This process's answers in memory. */
  stats(): { entries: number; bytes: number };
  close(): Promise<void>;
}

/** What one kept answer costs in memory, roughly: its bytes, its key (UTF-16) and a fixed overhead for the entry, ETag and tags. */
export const answerSize = (key: string, answer: CachedAnswer) => answer.body.length + key.length * 2 + 512;

export type Bounds = { entries: number; bytes: number };

export class MemoryStore implements CacheStore {
  protected readonly answers: LRUCache<string, CachedAnswer>;
  private readonly tagVersions = new Map<string, number>();

  /** Bounded by count and by bytes: the least recently used answers go first; one larger than the whole budget is not kept. */
  constructor(bounds: Bounds) {
    this.answers = new LRUCache({ max: bounds.entries, maxSize: bounds.bytes, sizeCalculation: (answer, key) => answerSize(key, answer) });
  }
  stats() {
    return { entries: this.answers.size, bytes: this.answers.calculatedSize };
  }
  async versions(tags: string[]) {
    return tags.map((t) => this.tagVersions.get(t) ?? 0);
  }
  async get(key: string) {
    return this.answers.get(key);
  }
  async set(key: string, answer: CachedAnswer) {
    this.answers.set(key, answer);
  }
  async bump(tags: string[]) {
    for (const t of tags) this.tagVersions.set(t, (this.tagVersions.get(t) ?? 0) + 1);
    this.drop(tags);
  }
  /** Forgets answers carrying any of these tags (they can never be served again). */
  drop(tags: string[]) {
    for (const [key, answer] of this.answers.entries()) if (answer.tags.some((t) => tags.includes(t))) this.answers.delete(key);
  }
  async close() {}
}

const PREFIX = 'banmian:response-cache';
const CHANNEL = `${PREFIX}:bumped`;
/** Answers kept in Redis at most this long (seconds): a bound on memory, not on freshness. */
const ANSWER_TTL = 24 * 3600;

export class RedisStore implements CacheStore {
  private readonly local: MemoryStore;
  private readonly client: Redis;
  private readonly subscriber: Redis;

  constructor(url: string, bounds: Bounds) {
    this.local = new MemoryStore(bounds);
    this.client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.subscriber.subscribe(CHANNEL).catch(() => undefined);
    this.subscriber.on('message', (_channel: string, message: string) => this.local.drop(JSON.parse(message)));
  }
  async versions(tags: string[]) {
    const values: Array<string | null> = await this.client.mget(tags.map((t) => `${PREFIX}:v:${t}`));
    return values.map((v) => Number(v ?? 0));
  }
  async get(key: string) {
    const near = await this.local.get(key);
    if (near) return near;
    const raw: string | null = await this.client.get(`${PREFIX}:a:${key}`);
    if (!raw) return undefined;
    const stored = JSON.parse(raw);
    const answer: CachedAnswer = { ...stored, body: Buffer.from(stored.body, 'base64') };
    await this.local.set(key, answer);
    return answer;
  }
  async set(key: string, answer: CachedAnswer) {
    await this.local.set(key, answer);
    await this.client.set(`${PREFIX}:a:${key}`, JSON.stringify({ ...answer, body: answer.body.toString('base64') }), 'EX', ANSWER_TTL);
  }
  async bump(tags: string[]) {
    const multi = this.client.multi();
    for (const t of tags) multi.incr(`${PREFIX}:v:${t}`);
    multi.publish(CHANNEL, JSON.stringify(tags));
    await multi.exec();
    this.local.drop(tags);
  }
  stats() {
    return this.local.stats();
  }
  async close() {
    await Promise.all([this.client.quit().catch(() => undefined), this.subscriber.quit().catch(() => undefined)]);
  }
}
