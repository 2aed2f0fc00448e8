#!/usr/bin/env node
// BANMIAN_BACKUP_KEY=… npm run restore -- FILE.tar.gz.enc    (or an unencrypted FILE.tar.gz)
// Replaces this database's newsroom content (and uploads) with a backup made by
// `npm run backup`. Admin users, roles, sessions, API tokens and end users here
// are kept as they are, whatever the backup holds. A damaged file is refused
// before anything changes; a restore that fails part-way leaves the database and
// the upload folder as they were. To restore onto PostgreSQL, set
// DATABASE_CLIENT=postgres and DATABASE_URL first (README: Backup and restore).
const { restore, runTransferCli } = require('./transfer');

runTransferCli('restore', restore);
