import type { Core } from '@strapi/strapi';
import { registerDocumentRules } from './newsroom/document-rules';
import { registerPublicReads } from './newsroom/public-reads';
import { registerColumnFilter } from './newsroom/column-filter';
import { ensureLocales } from './bootstrap/locales';
import { ensurePublicPermissions } from './bootstrap/public-permissions';
import { ensureAdminFromEnv } from './bootstrap/admin-user';
import { ensureAdminLabels } from './bootstrap/admin-labels';
import { seedDemoContent } from './seed/seed';
import { registerSignoffRules } from './signoff/document-rules';
import { registerAdminRoutes } from './admin-api/routes';
import { quietAiFeatureConfig } from './admin-api/quiet-admin';
import { ensureAdminRoles } from './bootstrap/admin-roles';
import { ensurePagePublication } from './bootstrap/page-publication';
import { ensurePrintedSnapshots } from './signoff/printed';
import { registerMediaGuards } from './signoff/media-guards';
import { ensureStageCodes } from './bootstrap/stage-codes';
import { ensureEntryLabels } from './newsroom/entry-label-store';
import { registerResponseCache, responseCacheOf } from './response-cache';
import { TREE_PATH, TREE_SCHEMAS } from './newsroom/issue-tree-schema';
import { registerFileRoutes } from './uploads/file-routes';
import { registerDocumentation } from './newsroom/documentation';
import { startScheduler, type Scheduler } from './schedule/scheduler';
import { registerSearchRoom, startSearch } from './search';

// This process's poll for due schedules (src/schedule/), stopped before the database closes.
let scheduler: Scheduler | null = null;

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // First: the search index's middleware wraps the others, so it sees a write's whole cascade (src/search/).
    registerSearchRoom(strapi);
    registerPublicReads(strapi);
    // After the published-only rewrite: it narrows the filter that rewrite left.
    registerColumnFilter(strapi);
    registerDocumentRules(strapi);
    registerSignoffRules(strapi);
    registerAdminRoutes(strapi);
    quietAiFeatureConfig(strapi);
    registerFileRoutes(strapi);
    registerDocumentation(strapi);
    registerResponseCache(strapi);
    // The tree endpoint in the OpenAPI document, with its real response schema.
    strapi
      .plugin('documentation')
      ?.service('override')
      .registerOverride({ paths: TREE_PATH, components: { schemas: TREE_SCHEMAS } });
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await responseCacheOf(strapi)?.start();
    registerMediaGuards(strapi);
    await ensureStageCodes(strapi);
    await ensureLocales(strapi);
    await ensurePublicPermissions(strapi);
    await ensureAdminRoles(strapi);
    await ensurePagePublication(strapi);
    await ensurePrintedSnapshots(strapi);
    await ensureAdminFromEnv(strapi);
    await ensureAdminLabels(strapi);
    await ensureEntryLabels(strapi);
    await startSearch(strapi);
    // Demo content on the first `npm run develop`; tests and production start empty.
    // BANMIAN_DEMO_CONTENT=false turns it off, =true turns it on anywhere.
    const demo = process.env.BANMIAN_DEMO_CONTENT;
    if (demo === 'true' || (demo !== 'false' && strapi.config.get('environment') === 'development')) {
      await seedDemoContent(strapi, { once: true });
    }
    scheduler = startScheduler(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await scheduler?.stop();
    scheduler = null;
    await responseCacheOf(strapi)?.close();
  },
};
