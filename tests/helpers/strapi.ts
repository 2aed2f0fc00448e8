import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { createStrapi } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { Client } from 'pg';

/**
 * One real Strapi per test file, on a throw-away database: a fresh SQLite file
 * by default, or a fresh PostgreSQL database when BANMIAN_TEST_DB=postgres
 * (server given by TEST_PG_URL). The app is compiled once by jest's globalSetup.
 */

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');

const secret = () => crypto.randomBytes(16).toString('base64');

export type TestStrapi = { strapi: Core.Strapi; queries: () => number; stop: () => Promise<void> };

export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_PG_URL;
  if (!adminUrl) throw new Error('BANMIAN_TEST_DB=postgres needs TEST_PG_URL (a server URL whose user may CREATE DATABASE)');
  const name = `banmian_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => dropPgDatabase(adminUrl, name),
  };
}

/**
 * DROP … WITH (FORCE) ends the test's own leftover sessions, but a non-superuser may not end an
 * autovacuum worker (PostgreSQL checks its role, which is none): the drop then fails with 42501
 * "must be a member of the role whose process is being terminated". Autovacuum visits are short,
 * so the drop is tried again for a while; 55006 (still in use) is the same race.
 */
async function dropPgDatabase(adminUrl: string, name: string) {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        return;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 50 || (code !== '42501' && code !== '55006')) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    await c.end();
  }
}

export async function startStrapi(env: Record<string, string> = {}): Promise<TestStrapi> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-test-'));
  let dropDb = async () => {};
  Object.assign(process.env, {
    NODE_ENV: 'test',
    STRAPI_TELEMETRY_DISABLED: 'true',
    BANMIAN_DEMO_CONTENT: 'false',
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    LOG_LEVEL: 'error',
    // Each file starts from the defaults; a file that turns the cache off or points it at Redis says so itself.
    RESPONSE_CACHE: 'true',
    REDIS_URL: '',
    // The once-a-second poll for scheduled issues would add its query to any count a test takes
    // (a tree counted 13 queries instead of 12 under CI's PostgreSQL); the schedule tests turn it on.
    BANMIAN_SCHEDULER: 'false',
  });
  if (process.env.BANMIAN_TEST_DB === 'postgres') {
    const db = await createPgDatabase();
    Object.assign(process.env, { DATABASE_CLIENT: 'postgres', DATABASE_URL: db.url });
    dropDb = db.drop;
  } else {
    Object.assign(process.env, { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(tmp, 'test.db') });
  }
  fs.mkdirSync(path.join(tmp, 'public', 'uploads'), { recursive: true });
  process.env.PUBLIC_DIR = path.join(tmp, 'public');
  Object.assign(process.env, env);

  const strapi = await createStrapi({ appDir: APP_DIR, distDir: DIST_DIR }).load();
  strapi.server.mount();
  let count = 0;
  const onQuery = () => {
    count += 1;
  };
  strapi.db.connection.on('query', onQuery);

  return {
    strapi,
    queries: () => count,
    stop: async () => {
      strapi.db.connection.removeListener('query', onQuery);
      await strapi.destroy();
      await dropDb();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** A full-access API token, as an editor's frontend would hold. */
export async function createApiToken(strapi: Core.Strapi, type: 'full-access' | 'read-only' = 'full-access') {
  const token = await strapi.service('admin::api-token').create({
    name: `test-${type}-${crypto.randomBytes(3).toString('hex')}`,
    type,
    lifespan: null,
  });
  return token.accessKey as string;
}

/** How many rows each content type holds: the tests compare it before and after a refused or undone write. */
export async function rowCounts(strapi: Core.Strapi, uids: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const uid of uids) out[uid] = await strapi.db.query(uid as any).count();
  return out;
}
