/**
 * What a backup carries (README: Backup and restore). Content, the media library
 * and its settings travel; who may log in and with what stays with the server:
 * a backup never holds a password hash, a session or a token, and a restore
 * never touches (nor duplicates) the ones the server has. Pure: the same rules
 * filter what `npm run backup` writes and what `npm run restore` reads, so an
 * old backup that did hold admin users or tokens restores without them.
 */

/** Every `admin::` type: admin users (password hashes), roles, permissions, sessions, API and transfer tokens and their permissions. */
const SERVER_OWN_PREFIX = 'admin::';

export const SERVER_OWN_TYPES: readonly string[] = [
  // End users of the public API: password hashes, reset and confirmation tokens. Their roles and
  // permissions go with them (a user links to a role; the Public role's reads are granted at every start).
  'plugin::users-permissions.user',
  'plugin::users-permissions.role',
  'plugin::users-permissions.permission',
  // Strapi's own transfer leaves releases out too: they point at entries by database id.
  'plugin::content-releases.release',
  'plugin::content-releases.release-action',
];

/** Settings (`strapi::core-store` keys) that stay with the server: secrets, or settings of what stays. */
const SERVER_OWN_SETTINGS: readonly RegExp[] = [
  /^plugin_users-permissions_/, // OAuth provider keys and secrets (grant), e-mail templates, sign-up rules naming a role id
  /^core_admin_/, // admin sign-in (SSO) rules naming admin roles
  /^plugin_documentation_config$/, // the /documentation password, when one is set
  /^plugin_banmian_rolePermissionsVersion$/, // which version of the 编辑/版式/审校 permissions this server's admin roles carry
];

/** Webhooks carry the headers they send (often an Authorization token): the server's, not the backup's. */
export const SERVER_OWN_CONFIG_KINDS: readonly string[] = ['webhook'];

export const isCarriedType = (uid: string) => !uid.startsWith(SERVER_OWN_PREFIX) && !SERVER_OWN_TYPES.includes(uid);

export const isCarriedSetting = (key: string) => !SERVER_OWN_SETTINGS.some((re) => re.test(key));

type Link = { left: { type: string }; right: { type: string } };
/** A relation travels when both ends do: an entry's createdBy/updatedBy (admin users) does not. */
export const isCarriedLink = (link: Link) => isCarriedType(link.left.type) && isCarriedType(link.right.type);

type ConfigItem = { type: string; value: { key?: string } };
export const isCarriedConfig = (item: ConfigItem) =>
  !SERVER_OWN_CONFIG_KINDS.includes(item.type) && (item.type !== 'core-store' || isCarriedSetting(String(item.value?.key ?? '')));

/** The data transfer engine's `transforms` option: the same filters on the way out and on the way in. */
export const carriedTransforms = () => ({
  entities: [{ filter: (entity: { type: string }) => isCarriedType(entity.type) }],
  links: [{ filter: isCarriedLink }],
  configuration: [{ filter: isCarriedConfig }],
});

/** The uids a restore must not clear: every server-own type, and the settings tables it clears itself, key by key. */
export const serverOwnUids = (uids: readonly string[]) => [...uids.filter((uid) => !isCarriedType(uid)), 'strapi::core-store', 'strapi::webhook'];
