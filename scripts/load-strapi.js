// Shared by the CLI scripts: compile the TypeScript app and boot Strapi in-process
// (no HTTP server unless asked), against the database configured in .env.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { isBuiltFrom, recordBuild, sourcesHash } = require('./build-stamp');

process.env.STRAPI_TELEMETRY_DISABLED = 'true';
// Refusals raised inside Strapi (src/newsroom/refusals.ts) are worded for the command line.
process.env.BANMIAN_MESSAGES = process.env.BANMIAN_MESSAGES || 'cli';
// Scripts are not servers: scheduled issues are fired by the running instances (src/schedule/).
process.env.BANMIAN_SCHEDULER = process.env.BANMIAN_SCHEDULER || 'false';

/**
 * The app as Strapi runs it: compiled from src/ to dist/ first, unless dist/ is
 * known to be fresh: BANMIAN_DIST_READY=1 says so (jest's global setup compiles
 * once for the whole run and sets it), or the stamp the last compile left in
 * dist/ matches the sources as they are now (scripts/build-stamp.js), so a
 * weekly `npm run export` does not pay the compile when nobody changed the code.
 */
async function compiledApp() {
  const appDir = path.resolve(__dirname, '..');
  const distDir = path.join(appDir, 'dist');
  if (process.env.BANMIAN_DIST_READY === '1') return { appDir, distDir };
  const sources = sourcesHash(appDir);
  if (isBuiltFrom(distDir, sources)) return { appDir, distDir };
  process.stderr.write('compiling the app (src/ changed since dist/ was built)…\n');
  const { compileStrapi } = require('@strapi/strapi');
  const app = await compileStrapi({ appDir });
  recordBuild(app.distDir, sources);
  return app;
}

/** compiledApp() with everything the compile prints sent to stderr: for commands whose stdout is their answer (JSON). */
async function compiledAppQuietly() {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => process.stderr.write(chunk, ...rest);
  try {
    return await compiledApp();
  } finally {
    process.stdout.write = write;
  }
}

/** Boots Strapi from the compiled app (`app`: what compiledApp() returned, when the caller has it already). */
async function loadStrapi({ env = {}, quiet = true, app } = {}) {
  if (quiet && !process.env.LOG_LEVEL) process.env.LOG_LEVEL = 'warn';
  Object.assign(process.env, env);
  const compiled = app ?? (await compiledApp());
  const { createStrapi } = require('@strapi/strapi');
  return createStrapi(compiled).load();
}

/**
 * Destroys Strapi once the database is idle. Document Service events run after a
 * transaction commits and query the database on their own; destroying the pool
 * under them (PostgreSQL shows it) rejects them with "aborted". Waits at most 5 s.
 */
async function shutdown(strapi) {
  const pool = strapi.db?.connection?.client?.pool;
  const deadline = Date.now() + 5000;
  let quiet = 0;
  while (pool && quiet < 3 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    quiet = pool.numUsed() === 0 && pool.numPendingAcquires() === 0 && pool.numPendingCreates() === 0 ? quiet + 1 : 0;
  }
  await strapi.destroy();
}

/**
 * For benchmarks: Strapi on a fresh SQLite file and upload folder in a temp
 * directory, never the project's own database. `dispose()` destroys both.
 */
async function loadThrowawayStrapi(name, env = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `banmian-${name}-`));
  fs.mkdirSync(path.join(tmp, 'public', 'uploads'), { recursive: true });
  const strapi = await loadStrapi({
    env: {
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(tmp, 'bench.db'),
      PUBLIC_DIR: path.join(tmp, 'public'),
      BANMIAN_DEMO_CONTENT: 'false',
      LOG_LEVEL: 'error',
      ...env,
    },
  });
  const dispose = async () => {
    await shutdown(strapi);
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  return { strapi, tmp, dispose };
}

module.exports = { compiledApp, compiledAppQuietly, loadStrapi, loadThrowawayStrapi, shutdown };
