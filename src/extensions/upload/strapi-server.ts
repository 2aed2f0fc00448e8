/**
 * The media library (媒体库) asks for the upload settings on every visit
 * (`GET /upload/settings`, to know whether AI metadata is on), and Strapi 5.54
 * lets only `plugin::upload.settings.read` read them (in the route's policy and
 * again in the controller) — so a 编辑, who may use the media library but not
 * change its settings, got a 403 in the server log on every visit. Reading the
 * settings (image optimisation, responsive sizes, orientation, AI metadata: no
 * secret) is allowed to whoever may read the media library; changing them
 * (`PUT /upload/settings`) keeps Strapi's rule.
 */
const SETTINGS_READ = 'plugin::upload.settings.read';
const FILE = 'plugin::upload.file';

const mayReadMediaLibrary = (ability: any) => Boolean(ability && (ability.can(SETTINGS_READ, FILE) || ability.can('plugin::upload.read')));

export default (plugin: any) => {
  const route = (plugin.routes?.admin?.routes ?? []).find((r: any) => r.method === 'GET' && r.path === '/settings');
  const controller = plugin.controllers?.['admin-settings'];
  if (!route || !controller?.getSettings)
    throw new Error('banmian: the upload plugin has no GET /settings admin route to open to media-library readers (Strapi changed?)');
  // Strapi 5.54 takes route policies by name only, so the check is registered as the plugin's own.
  plugin.policies = { ...plugin.policies, 'may-read-media-library': (ctx: any) => mayReadMediaLibrary(ctx.state?.userAbility) };
  route.config = { ...route.config, policies: ['admin::isAuthenticatedAdmin', 'plugin::upload.may-read-media-library'] };
  const getSettings = controller.getSettings;
  controller.getSettings = async function (ctx: any) {
    const ability = ctx.state.userAbility;
    if (ability.can(SETTINGS_READ, FILE)) return getSettings.call(this, ctx);
    if (!mayReadMediaLibrary(ability)) return ctx.forbidden();
    // Strapi's controller asks for settings.read again: ask it on the reader's behalf with that one permission granted.
    const reader = Object.create(ability, {
      cannot: { value: (action: string, ...rest: any[]) => action !== SETTINGS_READ && ability.cannot(action, ...rest) },
    });
    return getSettings.call(this, Object.assign(Object.create(ctx), { state: { ...ctx.state, userAbility: reader } }));
  };
  return plugin;
};
