#!/usr/bin/env node
// npm run search:reindex — makes the search index (src/search/) again from the database
// (.env's): every article's versions, with their 栏目, bylines, issues and pages. The index
// follows every write by itself; this is for a database changed behind Strapi's back (a
// restore, a hand-made SQL fix) or a changed word list. Safe beside a running server: one
// transaction, readers see the old index until it commits. Prints what it indexed; exit 1 on failure.
const path = require('path');
const { compiledApp, loadStrapi, shutdown } = require('./load-strapi');

(async () => {
  try {
    const { distDir } = await compiledApp();
    const { searchServiceOf } = require(path.join(distDir, 'src', 'search'));
    const strapi = await loadStrapi({ env: { BANMIAN_DEMO_CONTENT: 'false' } });
    try {
      const service = searchServiceOf(strapi);
      const started = Date.now();
      const { articles, rows } = await service.rebuild();
      const bytes = await service.store.size(strapi.db.connection);
      console.log(
        `search index rebuilt: ${articles} articles, ${rows} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB (${service.store.dialect}), ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    } finally {
      await shutdown(strapi);
    }
  } catch (error) {
    console.error(`search:reindex failed: ${error.message}`);
    process.exitCode = 1;
  }
})();
