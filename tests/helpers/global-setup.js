// Compiles the TypeScript app once for the whole run; each test file then boots
// its own Strapi from dist/ on its own throw-away database.
const path = require('path');
const { compileStrapi } = require('@strapi/strapi');
const { recordBuild, sourcesHash } = require('../../scripts/build-stamp');

module.exports = async () => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const appDir = path.resolve(__dirname, '..', '..');
  const sources = sourcesHash(appDir);
  const { distDir } = await compileStrapi({ appDir, ignoreDiagnostics: false });
  // Scripts the tests run (scripts/load-strapi.js) use this build instead of compiling again,
  // and so does a CLI run after the tests while nobody changes the code (the stamp).
  recordBuild(distDir, sources);
  process.env.BANMIAN_DIST_READY = '1';
};
