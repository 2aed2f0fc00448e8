#!/usr/bin/env node
// npm run restore -- FILE [--key KEY]
// Replaces this database's newsroom content (and uploads) with a backup made by
// `npm run backup`. Admin users and API tokens here are kept; the backup's are
// not in it. To restore onto PostgreSQL, set DATABASE_CLIENT=postgres and
// DATABASE_URL first (README: Backup and restore).
const { restore, runTransferCli } = require('./transfer');

runTransferCli('restore', restore);
