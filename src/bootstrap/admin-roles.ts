import type { Core } from '@strapi/strapi';
import { ROLE_INFO, type SignRole } from '../signoff/stages';

/**
 * Admin roles 编辑 / 版式 / 审校, found by code and created once. Their
 * permissions follow the job (below) and are written when the role is created
 * or when ROLE_PERMISSIONS_VERSION grows (new fields, new rules); between
 * versions an admin's changes in Settings → Roles are kept. No role but Super
 * Admin (值班总编) may publish: issues are published whole, with their articles.
 */

// 2: a contributor's adminEmail (whose name a signature prints) is no role's to write.
export const ROLE_PERMISSIONS_VERSION = 3;

const CM = 'plugin::content-manager.explorer';
const ARTICLE = 'api::article.article';
const ISSUE = 'api::issue.issue';
const PAGE = 'api::page.page';
const COLUMN = 'api::column.column';
const CONTRIBUTOR = 'api::contributor.contributor';
const PUBLICATION = 'api::publication.publication';
const SIGNOFF = 'api::signoff.signoff';

const READABLE = [ARTICLE, ISSUE, PAGE, COLUMN, CONTRIBUTOR, PUBLICATION, SIGNOFF];

/** Editable fields per role and type; `null` = every field but NEVER_WRITABLE. */
type Grants = { create?: string[]; delete?: string[]; update: Record<string, string[] | null> };

// The 审校 may correct a notice's wording (corrections.text), not add, date or remove notices.
const ARTICLE_TEXT = [
  'kicker',
  'headline',
  'subtitle',
  'body',
  'source',
  'suppliedBy',
  'authorNote',
  'bylines.role',
  'photos.caption',
  'photos.creditRole',
  'corrections.text',
];

const GRANTS: Record<SignRole, Grants> = {
  // Editors put the issue together: articles, issues, pages and their placements, columns, people.
  editor: {
    create: [ARTICLE, ISSUE, PAGE, COLUMN, CONTRIBUTOR],
    delete: [ARTICLE, PAGE],
    update: { [ARTICLE]: null, [ISSUE]: null, [PAGE]: null, [COLUMN]: null, [CONTRIBUTOR]: null },
  },
  // Layout designers arrange the page: placements, page fields, photos.
  layout: {
    update: {
      [PAGE]: [
        'name',
        'theme',
        'placements.article',
        'placements.order',
        'placements.span',
        'placements.lead',
        'placements.col',
        'placements.colSpan',
        'placements.row',
        'placements.rowSpan',
      ],
      [ARTICLE]: ['photos.image', 'photos.position'],
    },
  },
  // Proofreaders correct text.
  proofreader: {
    update: { [ARTICLE]: ARTICLE_TEXT, [PAGE]: ['name', 'theme'] },
  },
};

const UPLOAD = [
  'plugin::upload.read',
  'plugin::upload.configure-view',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
];

const ROLE_TEXT: Record<SignRole, string> = {
  editor: '编辑：采写、编排稿件、期和版面；编辑签字',
  layout: '版式：调整版面稿件位置、版面字段和图片；版式签字',
  proofreader: '审校：校对文字；审校签字',
};

/** Only a signature moves a page's stage; only a Super Admin links a contributor to an admin account. */
const NEVER_WRITABLE: Record<string, string[]> = { [PAGE]: ['stage'], [CONTRIBUTOR]: ['adminEmail'] };

function allFields(strapi: Core.Strapi, uid: string, { writable = false } = {}): string[] {
  const fields: string[] = strapi
    .service('admin::content-type')
    .getNestedFields(strapi.contentTypes[uid as keyof typeof strapi.contentTypes], { components: strapi.components });
  return writable ? fields.filter((f) => !(NEVER_WRITABLE[uid] ?? []).includes(f)) : fields;
}

export function permissionsFor(strapi: Core.Strapi, role: SignRole, locales: string[]) {
  const grants = GRANTS[role];
  const localized = (uid: string) => (strapi.contentTypes as any)[uid]?.pluginOptions?.i18n?.localized === true;
  const props = (uid: string, fields?: string[]) => ({ ...(fields ? { fields } : {}), ...(localized(uid) ? { locales } : {}) });
  const perms: Array<{ action: string; subject?: string; properties?: object; conditions: string[] }> = [];
  for (const uid of READABLE) perms.push({ action: `${CM}.read`, subject: uid, properties: props(uid, allFields(strapi, uid)), conditions: [] });
  const writable = (uid: string) => allFields(strapi, uid, { writable: true });
  for (const uid of grants.create ?? []) perms.push({ action: `${CM}.create`, subject: uid, properties: props(uid, writable(uid)), conditions: [] });
  for (const [uid, fields] of Object.entries(grants.update))
    perms.push({ action: `${CM}.update`, subject: uid, properties: props(uid, fields ?? writable(uid)), conditions: [] });
  for (const uid of grants.delete ?? []) perms.push({ action: `${CM}.delete`, subject: uid, properties: props(uid), conditions: [] });
  for (const action of UPLOAD) perms.push({ action, conditions: [] });
  return perms;
}

export async function ensureAdminRoles(strapi: Core.Strapi) {
  const roles = strapi.service('admin::role');
  const store = strapi.store({ type: 'plugin', name: 'banmian' });
  const applied = Number((await store.get({ key: 'rolePermissionsVersion' })) ?? 0);
  const locales: string[] = (await strapi.plugin('i18n').service('locales').find()).map((l: any) => l.code);
  const ids: Record<string, number> = {};
  for (const role of Object.keys(ROLE_INFO) as SignRole[]) {
    const { roleCode, label } = ROLE_INFO[role];
    let row = await roles.findOne({ code: roleCode });
    const fresh = !row;
    if (!row) row = await roles.create({ name: label, code: roleCode, description: ROLE_TEXT[role] });
    if (fresh || applied < ROLE_PERMISSIONS_VERSION) await roles.assignPermissions(row.id, permissionsFor(strapi, role, locales));
    ids[role] = row.id;
  }
  if (applied < ROLE_PERMISSIONS_VERSION) await store.set({ key: 'rolePermissionsVersion', value: ROLE_PERMISSIONS_VERSION });
  await nameStockRoles(strapi);
  return ids;
}

/**
 * Strapi's own roles in the newsroom's words. The invite dialog and Settings →
 * Roles offered `Editor` and `Author` beside 编辑, and `Super Admin`: the Super
 * Admin is the 值班总编; the two stock roles stay (they sign nothing and publish
 * nothing unsigned: the guards hold for them too) and are named for what they
 * may do, so nobody takes them for 编辑. A name an admin has changed is kept.
 */
export const STOCK_ROLE_NAMES: Record<string, { from: string; name: string; description: string }> = {
  'strapi-super-admin': { from: 'Super Admin', name: '值班总编', description: '超级管理员：全部权限，发布各期' },
  'strapi-editor': { from: 'Editor', name: '内容管理（系统自带）', description: '可管理全部内容；不签字。报社的编辑请用“编辑”角色' },
  'strapi-author': { from: 'Author', name: '作者（系统自带）', description: '只能管理自己创建的内容；不签字' },
};

async function nameStockRoles(strapi: Core.Strapi) {
  for (const [code, { from, name, description }] of Object.entries(STOCK_ROLE_NAMES)) {
    const row: any = await strapi.db.query('admin::role').findOne({ where: { code } });
    if (row && row.name === from) await strapi.db.query('admin::role').update({ where: { id: row.id }, data: { name, description } });
  }
}
