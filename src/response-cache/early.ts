import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'http';
import { LRUCache } from 'lru-cache';
import { cacheKey, noneMatch } from './keys';
import type { CachedAnswer } from './store';

/**
 * Fresh cache hits answered before Strapi's Koa chain (README "Response cache"):
 * the request listener of the HTTP server is wrapped, so a hit costs a key, a
 * lookup, a version check and a write — no logger, helmet, CORS, session, query
 * parsing, router or policies. Everything else (a miss, a stale answer, a token,
 * a draft, a query the cache never kept, any other method or path) goes to the
 * full chain unchanged, which is also where an answer is first computed and kept.
 *
 * The headers are the full path's by construction: the first time the full path
 * answers a cacheable GET for a given Origin, the headers it sent (security
 * headers, CORS, X-Powered-By, Vary …) are kept as that origin's template, minus
 * those that belong to one answer (ETag, length, type, cache state). The fast path
 * answers only for origins it has a template for; an origin seen for the first time
 * takes the full path once. Nothing in those headers depends on the path under /api:
 * Strapi's security and CORS middlewares are configured once for the whole server.
 */

/** Headers of one answer, set by the fast path itself; the rest of what the full path sent is the template. */
const OWN = new Set(['etag', 'cache-control', 'content-length', 'content-type', 'x-banmian-cache', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/** Installed only while the cache is on (ResponseCache.start), so it never asks whether it is. */
export type EarlySource = {
  cacheControl: () => string;
  /** The kept answer for the key if every version it was made under is still current, else undefined. */
  fresh: (key: string) => Promise<CachedAnswer | undefined>;
};

export type HitLog = 'summary' | 'each' | 'off';

export class EarlyAnswers {
  /** By Origin ('' for none). Bounded: an attacker sending random origins only evicts templates. */
  private readonly templates = new LRUCache<string, OutgoingHttpHeaders>({ max: 128 });
  /** Hits answered here since the start (tests, the bench), and since the last summary line. */
  hits = 0;
  private unlogged = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly source: EarlySource,
    private readonly log: { http: (message: string) => void },
    private readonly hitLog: HitLog = 'summary',
  ) {
    // One line a minute at `http` level (Strapi's request log level): a hit stays visible in the log without a line each.
    if (hitLog === 'summary') {
      this.timer = setInterval(() => this.summarise(), 60_000);
      this.timer.unref();
    }
  }

  /** Puts the fast path in front of the server's request listener (Strapi's Koa callback). */
  install(server: Server) {
    const [full] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
    if (!full) return;
    server.removeListener('request', full);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const candidate = this.candidate(req);
      if (!candidate) return full(req, res);
      this.tryAnswer(req, res, candidate).then(
        (answered) => {
          if (answered) return;
          this.learn(req, res);
          full(req, res);
        },
        () => {
          if (!res.headersSent) full(req, res);
        },
      );
    });
  }

  close() {
    if (this.timer) clearInterval(this.timer);
    this.summarise();
  }

  /** An anonymous GET/HEAD under /api: the only requests the cache ever keeps (keys.ts isCacheable decides the rest on the full path). */
  private candidate(req: IncomingMessage): { key: string } | null {
    if (req.method !== 'GET' && req.method !== 'HEAD') return null;
    const url = req.url ?? '';
    if (!url.startsWith('/api/') || req.headers.authorization !== undefined) return null;
    const q = url.indexOf('?');
    return { key: q < 0 ? cacheKey(url, '') : cacheKey(url.slice(0, q), url.slice(q + 1)) };
  }

  private async tryAnswer(req: IncomingMessage, res: ServerResponse, { key }: { key: string }) {
    const template = this.templates.get(req.headers.origin ?? '');
    if (!template) return false;
    const answer = await this.source.fresh(key);
    if (!answer) return false;
    for (const [name, value] of Object.entries(template)) if (value !== undefined) res.setHeader(name, value);
    res.setHeader('ETag', answer.etag);
    res.setHeader('Cache-Control', this.source.cacheControl());
    res.setHeader('X-Banmian-Cache', 'hit');
    if (noneMatch(req.headers['if-none-match'], answer.etag)) {
      res.statusCode = 304;
      res.end();
    } else {
      res.statusCode = 200;
      res.setHeader('Content-Type', answer.type);
      res.setHeader('Content-Length', answer.body.length);
      res.end(req.method === 'HEAD' ? undefined : answer.body);
    }
    this.hits += 1;
    if (this.hitLog === 'each') this.log.http(`${req.method} ${req.url} (cache hit, answered early) ${res.statusCode}`);
    else this.unlogged += 1;
    return true;
  }

  /** Keeps the headers the full path sends with a cached answer, once per origin. */
  private learn(req: IncomingMessage, res: ServerResponse) {
    const origin = req.headers.origin ?? '';
    if (this.templates.has(origin)) return;
    res.once('finish', () => {
      const state = res.getHeader('x-banmian-cache');
      // A cookie belongs to one visitor: an answer that set one never becomes everyone's template.
      if (res.statusCode !== 200 || (state !== 'hit' && state !== 'miss') || res.hasHeader('set-cookie')) return;
      const template: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(res.getHeaders())) if (!OWN.has(name)) template[name] = value;
      this.templates.set(origin, template);
    });
  }

  private summarise() {
    if (!this.unlogged) return;
    this.log.http(`response cache: ${this.unlogged} hits answered before the middleware chain in the last minute`);
    this.unlogged = 0;
  }
}
