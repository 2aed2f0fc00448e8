#!/usr/bin/env node
// BANMIAN_BACKUP_KEY=… npm run backup -- FILE      (or --key KEY; or --no-encrypt, said loudly)
// Writes the newsroom's content (issues, pages with stages and credits,
// placements, articles, contributors, sign-off history, uploads and their files,
// settings) into one encrypted file, FILE.tar.gz.enc, mode 0600. No credentials:
// no admin users, roles, sessions, API or transfer tokens, end users
// (README: Backup and restore).
const { backup, runTransferCli } = require('./transfer');

runTransferCli('backup', backup);
