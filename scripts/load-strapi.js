// Shared by the CLI scripts: compile the TypeScript app and boot Strapi in-process
// (no HTTP server unless asked), against the database configured in .env.
const path = require('path');

process.env.STRAPI_TELEMETRY_DISABLED = 'true';

async function loadStrapi({ env = {}, quiet = true } = {}) {
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  if (quiet && !process.env.LOG_LEVEL) process.env.LOG_LEVEL = 'warn';
  Object.assign(process.env, env);
  const appDir = path.resolve(__dirname, '..');
  const app = await compileStrapi({ appDir });
  return createStrapi(app).load();
}

module.exports = { loadStrapi };
