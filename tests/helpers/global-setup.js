// Compiles the TypeScript app once for the whole run; each test file then boots
// its own Strapi from dist/ on its own throw-away database.
const { compileStrapi } = require('@strapi/strapi');

module.exports = async () => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  await compileStrapi({ appDir: require('path').resolve(__dirname, '..', '..'), ignoreDiagnostics: false });
  // Scripts the tests run (scripts/load-strapi.js) use this build instead of compiling again.
  process.env.BANMIAN_DIST_READY = '1';
};
