#!/usr/bin/env node
// npm run seed — load the demo content into the configured database. Idempotent:
// running it again creates nothing new.
const path = require('path');
const { loadStrapi, shutdown } = require('./load-strapi');

(async () => {
  // The seed below runs explicitly; keep bootstrap from doing it a second time.
  const strapi = await loadStrapi({ env: { BANMIAN_DEMO_CONTENT: 'false' } });
  try {
    const { seedDemoContent } = require(path.join(strapi.dirs.dist.src, 'seed', 'seed'));
    const result = await seedDemoContent(strapi);
    console.log(`demo content ready (issue ${result.issueDocumentId})`);
  } finally {
    await shutdown(strapi);
  }
})().catch((error) => {
  console.error(`seed failed: ${error.message}`);
  process.exit(1);
});
