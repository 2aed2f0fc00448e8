import fs from 'fs';
import os from 'os';
import path from 'path';
const { ensureEnv } = require('../../scripts/ensure-env.js');

describe('ensure-env', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-env-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates .env with random secrets and a SQLite file name', () => {
    const file = path.join(dir, 'a.env');
    ensureEnv(file);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^DATABASE_FILENAME=\.tmp\/data\.db$/m);
    expect(text).toMatch(/^STRAPI_TELEMETRY_DISABLED=true$/m);
    const keys = text.match(/^APP_KEYS=(.+)$/m)![1].split(',');
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(4);
    const other = path.join(dir, 'b.env');
    ensureEnv(other);
    expect(fs.readFileSync(other, 'utf8').match(/^JWT_SECRET=(.+)$/m)![1]).not.toBe(text.match(/^JWT_SECRET=(.+)$/m)![1]);
  });

  it('keeps existing values and adds only what is missing', () => {
    const file = path.join(dir, 'c.env');
    fs.writeFileSync(file, 'JWT_SECRET=mine\nDATABASE_FILENAME=custom.db');
    const added = ensureEnv(file);
    expect(added).not.toContain('JWT_SECRET');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^JWT_SECRET=mine$/m);
    expect(text).toMatch(/^DATABASE_FILENAME=custom\.db$/m);
    expect(text.match(/^DATABASE_FILENAME=/gm)).toHaveLength(1);
    expect(ensureEnv(file)).toEqual([]);
  });
});
