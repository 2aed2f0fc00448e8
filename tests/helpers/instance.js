// A second banmian instance in its own process, for the multi-instance tests: the
// same build (dist/), the database, Redis and storage given in the environment;
// listens on a free port and prints `ready <port>` on stdout.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

(async () => {
  const appDir = path.resolve(__dirname, '..', '..');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`ready ${strapi.server.httpServer.address().port}\n`);
  process.on('SIGTERM', async () => {
    await strapi.destroy().catch(() => undefined);
    process.exit(0);
  });
})().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
