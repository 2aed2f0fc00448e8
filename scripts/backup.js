#!/usr/bin/env node
// npm run backup -- FILE [--key KEY]
// Writes everything the newsroom made (issues, pages with stages and credits,
// placements, articles, contributors, sign-off history, uploads and their files,
// settings) into one .tar.gz file. Not carried: admin users and their roles, API
// and transfer tokens (README: Backup and restore). With --key (or
// BANMIAN_BACKUP_KEY) the file is encrypted.
const { backup, runTransferCli } = require('./transfer');

runTransferCli('backup', backup);
