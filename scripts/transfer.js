// Backup and restore of the newsroom (content, history, uploads, settings)
// through Strapi's own data transfer engine, in one gzip'd tar file, encrypted
// unless told otherwise. What travels and what stays with the server is
// src/backup/carried.ts (README: Backup and restore). Shared by scripts/backup.js
// and scripts/restore.js.
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { engine: transferEngine, file: fileTransfer, strapi: strapiTransfer, utils: transferUtils } = require('@strapi/data-transfer');

/** The app's compiled modules (dist/), which the scripts share with the Strapi they boot. */
const app = (strapi, module) => require(path.join(strapi.dirs.dist.src, module));

/** The file the user named, with the `.tar.gz` Strapi's writer always appends (and `.enc` when encrypted). */
function archivePath(file, encrypted = false) {
  const resolved = path.resolve(file).replace(/\.enc$/, '');
  const archive = /\.tar\.gz$/.test(resolved) ? resolved : `${resolved}.tar.gz`;
  return encrypted ? `${archive}.enc` : archive;
}

function report(engine, verb) {
  engine.diagnostics.onDiagnostic((d) => {
    if (d.kind === 'error') console.error(`${verb}: ${d.details?.message ?? d.details?.error?.message ?? JSON.stringify(d.details)}`);
  });
}

/**
 * Writes the backup. `key` encrypts it (src/backup/sealed.ts); without one the
 * caller must say `encrypt: false`. Written under a temporary name next to the
 * target, mode 0600 from the first byte, and renamed when complete: a failed
 * backup leaves no file, a finished one is readable by its owner only.
 */
async function backup(strapi, file, { key, encrypt = true } = {}) {
  const { NewsroomError } = app(strapi, 'newsroom/messages');
  const sealed = app(strapi, 'backup/sealed');
  const { carriedTransforms } = app(strapi, 'backup/carried');
  if (encrypt && !key) throw new NewsroomError('backup.noKey', {});
  if (!encrypt && key) throw new NewsroomError('backup.keyAndNoEncrypt', {});
  if (encrypt) sealed.assertUsableKey(key);
  const target = archivePath(file, encrypt);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.partial-${crypto.randomBytes(4).toString('hex')}`);
  const plain = `${temp}.tar.gz`;
  const enc = `${temp}.enc`;
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  try {
    sealed.privateFile(plain);
    const source = strapiTransfer.providers.createLocalStrapiSourceProvider({ getStrapi: async () => strapi, autoDestroy: false });
    const destination = fileTransfer.providers.createLocalFileDestinationProvider({
      file: { path: temp }, // Strapi appends .tar.gz
      encryption: { enabled: false },
      compression: { enabled: true },
    });
    const engine = transferEngine.createTransferEngine(source, destination, {
      versionStrategy: 'ignore',
      schemaStrategy: 'ignore',
      transforms: carriedTransforms(),
    });
    report(engine, 'backup');
    const results = await engine.transfer();
    if (encrypt) await sealed.seal(plain, enc, key);
    fs.renameSync(encrypt ? enc : plain, target);
    return { file: target, engine: results.engine };
  } finally {
    fs.rmSync(plain, { force: true });
    fs.rmSync(enc, { force: true });
  }
}

/** The backup as a plain .tar.gz to read: decrypted into `work` when it is encrypted (ours, or Strapi's older `.enc`). */
async function readableArchive(strapi, archive, key, work) {
  const { NewsroomError } = app(strapi, 'newsroom/messages');
  const sealed = app(strapi, 'backup/sealed');
  const legacy = !sealed.isSealed(archive) && /\.enc$/.test(archive);
  if (!sealed.isSealed(archive) && !legacy) return archive;
  if (!key) throw new NewsroomError('backup.needsKey', { file: archive });
  const plain = path.join(work, 'backup.tar.gz');
  if (!legacy) {
    await sealed.unseal(archive, plain, key, archive);
    return plain;
  }
  // Made with `--key` by banmian before its own encryption: Strapi's cipher, which has no check (the archive check below is the check).
  const { pipeline } = require('stream/promises');
  sealed.privateFile(plain);
  await pipeline(fs.createReadStream(archive), transferUtils.encryption.createDecryptionCipher(key), fs.createWriteStream(plain, { flags: 'r+' })).catch(() => {
    throw new NewsroomError('backup.wrongKey', { file: archive });
  });
  return plain;
}

/**
 * Replaces this server's newsroom content (and uploads) with the backup's. The
 * whole file is decrypted and checked first; then Strapi's restore runs in one
 * database transaction, which it rolls back on failure, and the upload folder is
 * kept aside (src/backup/uploads-guard.ts) and put back on failure. What stays
 * with the server (admin users, roles, sessions, tokens, end users, their
 * settings) is neither cleared nor written, whatever the backup holds.
 */
async function restore(strapi, file, { key } = {}) {
  const { NewsroomError } = app(strapi, 'newsroom/messages');
  const { checkArchive } = app(strapi, 'backup/archive-check');
  const { carriedTransforms, isCarriedType, isCarriedSetting, serverOwnUids } = app(strapi, 'backup/carried');
  const { guardUploads, countUploads } = app(strapi, 'backup/uploads-guard');
  const archive = path.resolve(file);
  if (!fs.existsSync(archive)) throw new NewsroomError('backup.notFound', { file: archive });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-restore-'));
  try {
    const plain = await readableArchive(strapi, archive, key, work);
    const types = await checkArchive(plain, archive);
    const skipped = [...types].filter(([type]) => !isCarriedType(type));
    if (skipped.length) console.warn(`restore: skipped, this server keeps its own: ${skipped.map(([type, n]) => `${type} ${n}`).join(', ')}`);

    const source = fileTransfer.providers.createLocalFileSourceProvider({
      file: { path: plain },
      compression: { enabled: true },
      encryption: { enabled: false },
    });
    const destination = strapiTransfer.providers.createLocalStrapiDestinationProvider({
      getStrapi: async () => strapi,
      autoDestroy: false,
      strategy: 'restore',
      restore: {
        entities: {
          exclude: serverOwnUids([
            ...Object.keys(strapi.contentTypes),
            ...strapi
              .get('models')
              .get()
              .map((m) => m.uid),
          ]),
        },
        assets: true,
        // Settings are cleared key by key below; Strapi's switch would clear them all, the server's own with them.
        configuration: { webhook: false, coreStore: false },
      },
    });
    // In the restore's transaction, after Strapi has cleared the content: the settings the backup brings.
    const clearContent = destination.beforeTransfer.bind(destination);
    destination.beforeTransfer = async () => {
      await clearContent();
      await destination.transaction.attach(async () => {
        const store = strapi.db.query('strapi::core-store');
        const keys = (await store.findMany({ select: ['key'] })).map((row) => row.key).filter(isCarriedSetting);
        if (keys.length) await store.deleteMany({ where: { key: { $in: keys } } });
      });
    };
    destination.onWarning = (message) => console.warn(`restore: ${message}`);
    const engine = transferEngine.createTransferEngine(source, destination, {
      versionStrategy: 'ignore',
      schemaStrategy: 'strict',
      transforms: carriedTransforms(),
    });
    // The schema of the backup must be this one: restoring across schema versions is refused.
    engine.onSchemaDiff((context, next) => {
      const diffs = Object.keys(context.diffs ?? {});
      if (diffs.length)
        throw new Error(`the backup's content model differs from this banmian's (${diffs.slice(0, 5).join(', ')}): restore it with the version that made it`);
      return next(context);
    });
    report(engine, 'restore');
    const local = strapi.config.get('plugin::upload').provider === 'local';
    const uploads = local ? guardUploads(strapi.dirs.static.public) : null;
    const writes = countUploads(strapi.plugin('upload').provider);
    // Once a stage fails, Strapi's archive reader may still push an entry into the stream the
    // engine destroyed, and throw where nobody catches: that must not end the process before
    // the upload folder is back. Before a failure, such an error stops the transfer.
    let failed = false;
    const stray = (error) => {
      if (failed) return;
      failed = true;
      console.error(`restore: ${error.message}`);
      engine.abortTransfer().catch(() => {});
    };
    process.on('uncaughtException', stray);
    let results;
    try {
      results = await engine.transfer();
    } catch (error) {
      failed = true;
      await writes.settled();
      uploads?.putBack([destination.uploadsBackupDirectoryName]);
      throw new NewsroomError('backup.failed', { why: error.message, bucket: !local });
    } finally {
      writes.release();
      // Late errors of the failed transfer's streams arrive on the next turns of the event loop.
      setTimeout(() => process.removeListener('uncaughtException', stray), 1000).unref();
    }
    uploads?.discard();
    return { file: archive, engine: results.engine };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
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

/**
 * The command line of `npm run backup` and `npm run restore`: one file; the key
 * from BANMIAN_BACKUP_KEY (or --key, which other users of the machine can see in
 * the process list); `--no-encrypt` for a backup written in the clear, said
 * loudly. Exit 1 with the reason.
 */
function runTransferCli(verb, transfer) {
  const { parseArgs } = require('util');
  const { loadStrapi, shutdown } = require('./load-strapi');
  const usage =
    verb === 'backup'
      ? `usage: BANMIAN_BACKUP_KEY=… npm run backup -- <file> [--key <key>] [--no-encrypt]`
      : `usage: BANMIAN_BACKUP_KEY=… npm run restore -- <file.tar.gz[.enc]>`;
  (async () => {
    let file;
    let options;
    try {
      const { values, positionals } = parseArgs({
        allowPositionals: true,
        options: { key: { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...(verb === 'backup' ? { 'no-encrypt': { type: 'boolean' } } : {}) },
      });
      if (values.help) {
        console.log(usage);
        process.exit(0);
      }
      if (positionals.length !== 1) throw new Error(`name one backup file\n${usage}`);
      [file] = positionals;
      options = { key: values.key ?? (process.env.BANMIAN_BACKUP_KEY || undefined), encrypt: !values['no-encrypt'] };
    } catch (error) {
      console.error(`${verb}: ${error.message}`);
      process.exit(2);
    }
    const strapi = await loadStrapi({ env: { BANMIAN_DEMO_CONTENT: 'false' } });
    let code = 0;
    try {
      const result = await transfer(strapi, file, options);
      if (verb === 'backup' && !options.encrypt)
        console.warn(
          `backup: NOT ENCRYPTED (--no-encrypt): ${result.file} holds every draft and the contributors' details in the clear; only its owner may read it (mode 0600)`,
        );
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
