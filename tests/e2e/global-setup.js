// The browser tests need the admin panel: `strapi build` compiles the app and
// builds the panel into dist/build (about 30 s and 2 GB of memory).
// SKIP_ADMIN_BUILD=1 reuses an existing build while working on the tests.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

module.exports = async () => {
  const root = path.resolve(__dirname, '..', '..');
  if (process.env.SKIP_ADMIN_BUILD === '1' && fs.existsSync(path.join(root, 'dist', 'build', 'index.html'))) {
    await require('../helpers/global-setup.js')();
    return;
  }
  execFileSync(process.execPath, [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' },
  });
  // `strapi build` compiled dist/ too: scripts run by the tests use it (scripts/load-strapi.js).
  process.env.BANMIAN_DIST_READY = '1';
};
