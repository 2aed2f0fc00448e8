// Backup and restore of the whole newsroom (content, history, uploads, settings)
// through Strapi's own data transfer engine, in one gzip'd tar file. Shared by
// scripts/backup.js and scripts/restore.js.
const path = require('path');
const fs = require('fs');
const { engine: transferEngine, file: fileTransfer, strapi: strapiTransfer } = require('@strapi/data-transfer');

/** The file the user named, with the `.tar.gz` Strapi's writer always appends. */
function archivePath(file) {
  const resolved = path.resolve(file);
  return /\.tar\.gz$/.test(resolved) ? resolved : `${resolved}.tar.gz`;
}

function encryption(key) {
  return { enabled: Boolean(key), key: key || undefined };
}

function report(engine, verb) {
  engine.diagnostics.onDiagnostic((d) => {
    if (d.kind === 'error') console.error(`${verb}: ${d.details?.message ?? d.details?.error?.message ?? JSON.stringify(d.details)}`);
  });
}

async function backup(strapi, file, { key } = {}) {
  const target = archivePath(file);
  const source = strapiTransfer.providers.createLocalStrapiSourceProvider({ getStrapi: async () => strapi, autoDestroy: false });
  const destination = fileTransfer.providers.createLocalFileDestinationProvider({
    // Strapi appends the extensions itself.
    file: { path: target.replace(/\.tar\.gz$/, '') },
    encryption: encryption(key),
    compression: { enabled: true },
  });
  const engine = transferEngine.createTransferEngine(source, destination, { versionStrategy: 'ignore', schemaStrategy: 'ignore' });
  report(engine, 'backup');
  const results = await engine.transfer();
  const written = results.destination?.file?.path ?? target;
  if (!fs.existsSync(written)) throw new Error(`the backup file ${written} was not written`);
  return { file: written, engine: results.engine };
}

async function restore(strapi, file, { key } = {}) {
  const archive = path.resolve(file);
  if (!fs.existsSync(archive)) throw new Error(`no backup file at ${archive}`);
  const source = fileTransfer.providers.createLocalFileSourceProvider({
    file: { path: archive },
    compression: { enabled: /\.gz(\.enc)?$/.test(archive) },
    encryption: encryption(key),
  });
  const ignored = Object.keys(strapi.contentTypes).filter((uid) => strapiTransfer.isIgnoredOfficialTransferType(uid));
  const destination = strapiTransfer.providers.createLocalStrapiDestinationProvider({
    getStrapi: async () => strapi,
    autoDestroy: false,
    strategy: 'restore',
    restore: {
      entities: { exclude: [...ignored, ...strapiTransfer.getIgnoredOfficialTransferTypes()] },
      assets: true,
      configuration: { webhook: true, coreStore: true },
    },
  });
  destination.onWarning = (message) => console.warn(`restore: ${message}`);
  const engine = transferEngine.createTransferEngine(source, destination, { versionStrategy: 'ignore', schemaStrategy: 'strict' });
  // The schema of the backup must be this one: restoring across schema versions is refused.
  engine.onSchemaDiff((context, next) => {
    const diffs = Object.keys(context.diffs ?? {});
    if (diffs.length)
      throw new Error(`the backup's content model differs from this banmian's (${diffs.slice(0, 5).join(', ')}): restore it with the version that made it`);
    return next(context);
  });
  report(engine, 'restore');
  try {
    const results = await engine.transfer();
    return { file: archive, engine: results.engine };
  } finally {
    // Part of a restore writes rows past Strapi's lifecycles: retire every cached answer,
    // in a server running beside this script too (README "Response cache").
    await require(path.join(strapi.dirs.dist.src, 'response-cache')).responseCacheOf(strapi)?.retireAll();
  }
}

/** Counts per stage, for the closing line. */
function summary(engineResults) {
  return Object.entries(engineResults ?? {})
    .map(([stage, r]) => `${stage} ${r?.count ?? 0}`)
    .join(', ');
}

module.exports = { backup, restore, archivePath, summary };

/** The command line of `npm run backup` and `npm run restore`: one file, optional key, exit 1 with the reason. */
function runTransferCli(verb, transfer) {
  const { parseArgs } = require('util');
  const { loadStrapi, shutdown } = require('./load-strapi');
  const usage = `usage: npm run ${verb} -- <file.tar.gz> [--key <encryption key>]`;
  (async () => {
    let file;
    let key;
    try {
      const { values, positionals } = parseArgs({ allowPositionals: true, options: { key: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
      if (values.help) {
        console.log(usage);
        process.exit(0);
      }
      if (positionals.length !== 1) throw new Error(`name one backup file\n${usage}`);
      [file] = positionals;
      key = values.key ?? process.env.BANMIAN_BACKUP_KEY;
    } catch (error) {
      console.error(`${verb}: ${error.message}`);
      process.exit(2);
    }
    const strapi = await loadStrapi({ env: { BANMIAN_DEMO_CONTENT: 'false' } });
    let code = 0;
    try {
      const result = await transfer(strapi, file, { key });
      console.log(`${verb}: ${result.file} (${summary(result.engine)})`);
    } catch (error) {
      console.error(`${verb}: ${error.message}`);
      code = 1;
    }
    await shutdown(strapi);
    process.exit(code);
  })();
}

module.exports.runTransferCli = runTransferCli;
