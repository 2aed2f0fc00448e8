import type { Core } from '@strapi/strapi';

/**
 * A normal admin session leaves no 4xx in the server log. Strapi 5.54's admin asks
 * `GET /admin/ai-feature-config` on every page load, and its controller answers 404
 * when Strapi AI is off (always, in the community edition). Off, the answer is what
 * Strapi's own service reports for that case: nothing configured.
 */
export function quietAiFeatureConfig(strapi: Core.Strapi) {
  const controller: any = (strapi as any).admin?.controllers?.ai;
  if (!controller?.getAiFeatureConfig) return;
  const original = controller.getAiFeatureConfig;
  controller.getAiFeatureConfig = async (ctx: any) => {
    if ((strapi as any).ai?.admin?.isEnabled?.() === false) {
      ctx.body = { data: { isAiI18nConfigured: false, isAiMediaLibraryConfigured: false } };
      return;
    }
    return original.call(controller, ctx);
  };

  quietAiLocalizationJobs(strapi);
}

/**
 * The same for i18n's `GET /i18n/ai-localization-jobs/…`, asked by every edit view:
 * 404 when Strapi AI is off. Off, there is no job: `{ data: null }`, as for a document that has none.
 */
function quietAiLocalizationJobs(strapi: Core.Strapi) {
  const i18n: any = strapi.plugin('i18n');
  const controller: any = i18n?.controller?.('ai-localization-jobs');
  if (!controller) return;
  for (const action of ['getJobForCollectionType', 'getJobForSingleType']) {
    const original = controller[action];
    if (typeof original !== 'function') continue;
    controller[action] = async (ctx: any) => {
      if ((await i18n.service('ai-localizations')?.isEnabled?.()) === false) {
        ctx.body = { data: null };
        return;
      }
      return original.call(controller, ctx);
    };
  }
}
