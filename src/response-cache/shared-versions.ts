import crypto from 'crypto';
import type { Core } from '@strapi/strapi';

/**
 * Tag versions kept in the database too, so that a write made by another process
 * on the same database — `npm run import`, `restore`, `seed`, a second server
 * without Redis — retires this process's answers. Each process bumps a row per
 * tag after its write has committed; a server compares the rows with the ones it
 * last saw and bumps its own store for those another process changed.
 *
 * Reading the rows on every cached hit would cost a query per hit, so a server
 * reads them only when the database says something was committed since it last
 * looked:
 *  - SQLite: `PRAGMA data_version` on a connection of our own, which changes when
 *    any other connection (this process's knex connection included) commits; a
 *    synchronous call of a few microseconds, no query through the pool. A request
 *    that starts after another process's bump committed sees it.
 *  - PostgreSQL: LISTEN on a connection of our own; each bump NOTIFYs once it
 *    is committed. Seen as soon as the notification arrives (milliseconds); while the
 *    listener is not connected, rows are read at most every `fallbackMs`.
 */

export const VERSION_TABLE = 'banmian_cache_versions';
const CHANNEL = 'banmian_response_cache';

/** Cheap and synchronous: may something have been committed since the last call that said so? */
interface ChangeSignal {
  changed(): boolean;
  close(): Promise<void>;
}

class SqliteSignal implements ChangeSignal {
  private readonly db: any;
  private readonly version: any;
  private last = -1;
  constructor(filename: string) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- only the driver of the database in use is loaded
    const Database = require('better-sqlite3');
    this.db = new Database(filename, { readonly: true, fileMustExist: true });
    this.version = this.db.prepare('PRAGMA data_version').pluck(); // prepared once: half the cost of db.pragma()
  }
  changed() {
    const now = this.version.get() as number;
    if (now === this.last) return false;
    this.last = now;
    return true;
  }
  async close() {
    this.db.close();
  }
}

class PostgresSignal implements ChangeSignal {
  private dirty = true;
  private listening = false;
  private lastPoll = 0;
  private readonly client: any;
  constructor(
    connection: unknown,
    /** The payload of this process's own notifications: its own bumps are applied already, they are no news. */
    ownId: string,
    private readonly fallbackMs: number,
    warn: (message: string) => void,
  ) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- only the driver of the database in use is loaded
    const { Client } = require('pg');
    this.client = new Client(connection);
    const lost = (error?: Error) => {
      if (this.listening) warn(`response cache: lost the change notifications (${error?.message ?? 'connection ended'}); checking every ${fallbackMs} ms`);
      this.listening = false;
      this.dirty = true;
    };
    this.client.on('notification', (message: { payload?: string }) => {
      if (message.payload !== ownId) this.dirty = true;
    });
    this.client.on('error', lost);
    this.client.on('end', () => lost());
    this.client
      .connect()
      .then(() => this.client.query(`LISTEN ${CHANNEL}`))
      .then(() => {
        this.listening = true;
        this.dirty = true; // anything committed before LISTEN took effect
      })
      .catch(lost);
  }
  changed() {
    if (!this.listening && Date.now() - this.lastPoll >= this.fallbackMs) this.dirty = true;
    if (!this.dirty) return false;
    this.dirty = false;
    this.lastPoll = Date.now();
    return true;
  }
  async close() {
    this.listening = false;
    await this.client.end().catch(() => undefined);
  }
}

/** At most every `everyMs` where nothing better tells of a change (a database client other than SQLite and PostgreSQL). */
class PollSignal implements ChangeSignal {
  private last = 0;
  constructor(private readonly everyMs: number) {}
  changed() {
    if (Date.now() - this.last < this.everyMs) return false;
    this.last = Date.now();
    return true;
  }
  async close() {}
}

export class SharedVersions {
  /** The version of each tag in the table as this process last knew it. */
  private readonly seen = new Map<string, number>();
  private table?: Promise<void>;
  private signal?: ChangeSignal;
  private syncing?: Promise<void>;
  private readonly ownBumps = new Set<Promise<unknown>>();
  private closed = false;
  /** This process, in its notifications (PostgreSQL). */
  private readonly id = crypto.randomUUID();

  constructor(
    private readonly strapi: Core.Strapi,
    /** Bumps this process's store for tags another process changed. */
    private readonly foreign: (tags: string[]) => Promise<void>,
    private readonly fallbackMs = 1000,
  ) {}

  private get knex(): any {
    return this.strapi.db.connection;
  }
  private rows(qb: any = this.knex) {
    const schema = this.strapi.db.getSchemaName();
    return schema ? qb(VERSION_TABLE).withSchema(schema) : qb(VERSION_TABLE);
  }
  private get client(): string {
    return (this.strapi.db.config.connection as any).client;
  }

  /** Made on first use (the database is not open yet when the cache is registered); two processes may race to make it. */
  private ensureTable() {
    this.table ??= (async () => {
      const schema = this.strapi.db.getSchemaConnection();
      if (await schema.hasTable(VERSION_TABLE)) return;
      try {
        await this.strapi.db.getSchemaConnection().createTable(VERSION_TABLE, (t: any) => {
          t.string('tag', 255).primary();
          t.bigInteger('version').notNullable();
        });
      } catch (error) {
        if (!(await this.strapi.db.getSchemaConnection().hasTable(VERSION_TABLE))) throw error;
      }
    })().catch((error) => {
      this.table = undefined; // tried again next time
      throw error;
    });
    return this.table;
  }

  private openSignal(): ChangeSignal {
    const { client, connection } = this.strapi.db.config.connection as any;
    const warn = (m: string) => this.strapi.log.warn(m);
    if (client === 'sqlite' && connection?.filename && connection.filename !== ':memory:') return new SqliteSignal(connection.filename);
    if (client === 'postgres') return new PostgresSignal(connection, this.id, this.fallbackMs, warn);
    return new PollSignal(this.fallbackMs);
  }

  /** At bootstrap, once the database is open: the table, and the signal listening before the first request comes. */
  async start() {
    await this.ensureTable();
    this.signal ??= this.openSignal();
  }

  /**
   * Records this process's bumps of `tags` (called once the write committed) and
   * tells the other processes. Bumps made while one is being written go together
   * in the next: an import's hundreds of commits cost a few version writes, not one each.
   */
  bumped(tags: string[]): Promise<void> {
    for (const tag of tags) this.queued.add(tag);
    if (!this.next) {
      const p = this.last.then(() => {
        this.next = undefined;
        const batch = [...this.queued];
        this.queued.clear();
        return this.write(batch);
      });
      this.next = p;
      this.last = p.catch(() => undefined);
      this.ownBumps.add(p);
      p.catch(() => undefined).finally(() => this.ownBumps.delete(p));
    }
    return this.next;
  }
  private readonly queued = new Set<string>();
  private next?: Promise<void>;
  private last: Promise<unknown> = Promise.resolve();

  private async write(tags: string[]) {
    if (!tags.length) return;
    await this.ensureTable();
    const knex = this.knex;
    // One statement, atomic on its own: a bump costs one query (an import makes many).
    const fresh: Array<{ tag: string; version: number | string }> = await this.rows()
      .insert([...tags].sort().map((tag) => ({ tag, version: 1 })))
      .onConflict('tag')
      .merge({ version: knex.raw('??.?? + 1', [VERSION_TABLE, 'version']) })
      .returning(['tag', 'version']);
    if (this.client === 'postgres') await knex.raw('SELECT pg_notify(?, ?)', [CHANNEL, this.id]);
    // Our own increment, nothing else in between: already applied here. Any other gap is left for sync to see.
    for (const { tag, version } of fresh) {
      const v = Number(version);
      if (v === (this.seen.get(tag) ?? 0) + 1) this.seen.set(tag, v);
    }
  }

  /**
   * Before an answer is looked up: if the database may have changed, read the
   * rows and bump the tags another process changed. Cheap when nothing was committed.
   */
  sync(): Promise<void> | undefined {
    if (this.closed) return undefined;
    if (this.syncing) return this.syncing;
    if (this.ownBumps.size) return (this.syncing = this.settleThenRead());
    if (!this.unread && !this.changed()) return undefined;
    return (this.syncing = this.read().finally(() => (this.syncing = undefined)));
  }

  /** The signal, or, when it cannot be opened or read, a poll every `fallbackMs`: never a query per request. */
  private changed() {
    try {
      this.signal ??= this.openSignal();
      return this.signal.changed();
    } catch (error: any) {
      this.strapi.log.warn(`response cache: cannot watch the database for other processes' writes (${error.message}); checking every ${this.fallbackMs} ms`);
      void this.signal?.close().catch(() => undefined);
      this.signal = new PollSignal(this.fallbackMs);
      return this.signal.changed();
    }
  }

  /**
   * Our own bumps under way land first, so that their commits are not taken for
   * another process's. Only those under way now: during an import new ones keep
   * coming, and a reader must not wait for the import to pause.
   */
  private async settleThenRead() {
    try {
      await Promise.allSettled([...this.ownBumps]);
    } finally {
      this.syncing = undefined;
    }
    if (!this.unread && !this.changed()) return;
    return (this.syncing = this.read().finally(() => (this.syncing = undefined)));
  }

  /** Set while the rows could not be read: the next request tries again (a hit is still served meanwhile). */
  private unread = false;

  private async read() {
    let rows: Array<{ tag: string; version: number | string }>;
    try {
      await this.ensureTable();
      rows = await this.rows().select('tag', 'version');
      this.unread = false;
    } catch (error: any) {
      this.unread = true;
      this.strapi.log.error(`response cache: cannot read the versions other processes wrote: ${error.message}`);
      return;
    }
    const changed: string[] = [];
    for (const row of rows) {
      const v = Number(row.version);
      const known = this.seen.get(row.tag);
      if (known === v) continue;
      // A tag not known yet counts as changed: the safe side (at the first reading there are no answers to retire).
      changed.push(row.tag);
      this.seen.set(row.tag, v);
    }
    if (changed.length) await this.foreign(changed);
  }

  async close() {
    this.closed = true;
    await Promise.allSettled([...this.ownBumps]);
    await this.signal?.close();
  }
}
