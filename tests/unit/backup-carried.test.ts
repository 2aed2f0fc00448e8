import { carriedTransforms, isCarriedConfig, isCarriedLink, isCarriedSetting, isCarriedType, serverOwnUids } from '../../src/backup/carried';

/** Every content type of banmian on Strapi 5.54 (strapi.contentTypes), and whether a backup carries it. */
const TYPES: Record<string, boolean> = {
  'plugin::upload.file': true,
  'plugin::upload.folder': true,
  'plugin::i18n.locale': true,
  'plugin::review-workflows.workflow': true,
  'plugin::review-workflows.workflow-stage': true,
  'api::article.article': true,
  'api::column.column': true,
  'api::contributor.contributor': true,
  'api::issue.issue': true,
  'api::page.page': true,
  'api::publication.publication': true,
  'api::signoff.signoff': true,
  'plugin::content-releases.release': false,
  'plugin::content-releases.release-action': false,
  'plugin::users-permissions.permission': false,
  'plugin::users-permissions.role': false,
  'plugin::users-permissions.user': false,
  'admin::permission': false,
  'admin::user': false,
  'admin::role': false,
  'admin::api-token': false,
  'admin::api-token-permission': false,
  'admin::transfer-token': false,
  'admin::transfer-token-permission': false,
  'admin::session': false,
};

describe('what a backup carries', () => {
  it('carries content and media, never credentials', () => {
    expect(Object.fromEntries(Object.keys(TYPES).map((uid) => [uid, isCarriedType(uid)]))).toEqual(TYPES);
  });

  it('drops a relation when either end stays with the server (an entry’s createdBy)', () => {
    expect(isCarriedLink({ left: { type: 'api::page.page' }, right: { type: 'api::issue.issue' } })).toBe(true);
    expect(isCarriedLink({ left: { type: 'api::page.page' }, right: { type: 'admin::user' } })).toBe(false);
    expect(isCarriedLink({ left: { type: 'plugin::users-permissions.user' }, right: { type: 'plugin::users-permissions.role' } })).toBe(false);
  });

  it('carries settings but the secrets and the settings of what stays', () => {
    const keys = {
      'plugin_content_manager_configuration_content_types::api::page.page': true,
      plugin_upload_settings: true,
      plugin_i18n_default_locale: true,
      plugin_banmian_pagesFollowSignatures: true,
      strapi_content_types_schema: true,
      'plugin_users-permissions_grant': false,
      'plugin_users-permissions_email': false,
      'plugin_users-permissions_advanced': false,
      core_admin_auth: false,
      plugin_documentation_config: false,
      plugin_banmian_rolePermissionsVersion: false,
    };
    expect(Object.fromEntries(Object.keys(keys).map((k) => [k, isCarriedSetting(k)]))).toEqual(keys);
    expect(isCarriedConfig({ type: 'webhook', value: {} })).toBe(false);
    expect(isCarriedConfig({ type: 'core-store', value: { key: 'plugin_users-permissions_grant' } })).toBe(false);
    expect(isCarriedConfig({ type: 'core-store', value: { key: 'plugin_upload_settings' } })).toBe(true);
  });

  it('filters the engine’s streams the same way both ways, and keeps restore off what stays', () => {
    const t = carriedTransforms();
    expect(t.entities[0].filter({ type: 'admin::user' })).toBe(false);
    expect(t.entities[0].filter({ type: 'api::article.article' })).toBe(true);
    expect(serverOwnUids(['api::page.page', 'admin::user', 'plugin::users-permissions.user'])).toEqual([
      'admin::user',
      'plugin::users-permissions.user',
      'strapi::core-store',
      'strapi::webhook',
    ]);
  });
});
