import type { Core } from '@strapi/strapi';
import { FORMAT_FIELD_LABEL, SIGN_ROLES, SIGN_ROLE_LABEL } from '../newsroom/glossary';

/**
 * Field labels in the Content Manager in the newsroom's words (主题, 引题, 署名…),
 * with the API name after them so developers and editors talk about the same
 * field. Only labels still at Strapi's default (the attribute name) are set, so
 * a label an admin changed in "Configure the view" is never overwritten in the
 * database — but the screens show this table's label: Strapi 5.54 looks every
 * field label up as a message id first (`content-manager.content-types.<uid>.<field>`),
 * and without a message each lookup is a console error in `npm run develop`, so the
 * admin's messages (src/admin/messages.ts) supply them from here. To rename a field
 * on screen, change it here.
 */
const LABELS: Record<string, Record<string, string>> = {
  'api::publication.publication': {
    name: '报刊名称',
    slug: '别名',
    email: '电子邮箱',
    masthead: '报头文字',
    // 开本 (对开, 四开): 版式 is the layout designer's role and signature, and means only that.
    pageFormat: '开本',
    customFormat: '自定义开本',
    issues: '各期',
  },
  'api::contributor.contributor': { name: '姓名/单位', kind: '类型', affiliation: '所属单位', slug: '别名', adminEmail: '后台账号邮箱' },
  'api::column.column': { name: '栏目名称', slug: '别名', description: '栏目说明' },
  'api::issue.issue': { publication: '报刊', number: '期号', date: '出版日期', title: '本期标题', pages: '版面', label: '显示名称' },
  'api::page.page': {
    issue: '所属期',
    number: '版号',
    name: '版名',
    label: '版面',
    theme: '主题带',
    stage: '签字进度',
    credits: SIGN_ROLES.map((r) => SIGN_ROLE_LABEL[r]).join('/'),
    placements: '稿件位置',
  },
  'api::article.article': {
    kicker: '引题',
    headline: '主题',
    label: '显示名称',
    subtitle: '副题',
    slug: '别名',
    column: '栏目',
    bylines: '署名',
    body: '正文',
    photos: '图片',
    source: '来源',
    suppliedBy: '供稿',
    authorNote: '作者简介（作者系）',
    corrections: '更正/说明/致歉',
  },
  'api::signoff.signoff': {
    label: '版面',
    pageDocumentId: '版面 documentId',
    action: '动作',
    fromStage: '原进度',
    toStage: '新进度',
    role: '签字角色',
    actorName: '操作人',
    actorEmail: '操作人邮箱',
    contributor: '署名人员',
    contributorName: '署名',
    reason: '原因',
    at: '时间',
  },
  'newsroom.byline': { role: '身份', contributors: '署名人' },
  'newsroom.correction': { kind: '类别', text: '内容', date: '日期', by: '经手人' },
  'newsroom.photo': { image: '图片', caption: '图片说明', credit: '摄影/供图', creditRole: '身份', creditKind: '署名方式', position: '位置' },
  'newsroom.page-credits': { ...SIGN_ROLE_LABEL },
  'newsroom.placement': {
    article: '稿件',
    order: '顺序',
    span: '自动排版栏宽（六分之几）',
    lead: '头条',
    label: '摘要',
    col: '起栏',
    colSpan: '占栏',
    row: '起行',
    rowSpan: '占行',
  },
  'newsroom.page-format': { ...FORMAT_FIELD_LABEL },
};

// Strapi's timestamps in every list and view (a list header read `UPDATEDAT`): named, without the API name.
const TIMESTAMPS: Record<string, string> = { createdAt: '创建时间', updatedAt: '更新时间', publishedAt: '发布时间' };
for (const uid of Object.keys(LABELS).filter((u) => u.startsWith('api::'))) {
  for (const [attr, label] of Object.entries(TIMESTAMPS)) if (!LABELS[uid][attr]) LABELS[uid][attr] = label;
}

/** The label banmian gives a field (`期号 number`; a timestamp alone), as the Content Manager shows it; undefined if it has none. */
export function shownLabel(uid: string, attr: string): string | undefined {
  const label = LABELS[uid]?.[attr];
  if (label === undefined) return undefined;
  return TIMESTAMPS[attr] === label ? label : `${label} ${attr}`;
}

// Labels banmian set before, replaced by the current ones (an admin's own label is kept).
const EARLIER_LABEL: Record<string, Record<string, string[]>> = {
  'api::publication.publication': { pageFormat: ['版式'], customFormat: ['自定义版式'] },
};

// The field that names an entry in titles, relation pickers and chips, and a collapsed
// placement: the derived `label` (src/newsroom/entry-labels.ts: 第12期（2024-07-05）,
// 第3版 党建, 主题（栏目）, ①　头条　主题…（4栏×7行）). Set only while it is still Strapi's
// default (the first text field) or banmian's earlier choice, never over an admin's own.
const MAIN_FIELD: Record<string, string> = {
  'api::issue.issue': 'label',
  'api::page.page': 'label',
  'api::article.article': 'label',
  'api::signoff.signoff': 'label',
  'newsroom.placement': 'label',
};
const EARLIER_MAIN_FIELD: Record<string, string[]> = { 'api::article.article': ['headline'] };
const replaceable = (strapi: Core.Strapi, uid: string, current: string | undefined) =>
  current === undefined || current === 'id' || current === firstTextOf(strapi, uid) || (EARLIER_MAIN_FIELD[uid] ?? []).includes(current);

// The columns of each list, in the order an editor reads them; set only while the list is still Strapi's default.
const LIST: Record<string, string[]> = {
  'api::issue.issue': ['number', 'date', 'title', 'publication'],
  'api::page.page': ['number', 'name', 'issue', 'stage'],
  'api::article.article': ['headline', 'column', 'updatedAt'],
  // 签字记录: which 版, what happened, to which stage, who signed (or acted), when.
  'api::signoff.signoff': ['label', 'action', 'toStage', 'contributorName', 'actorName', 'at'],
};

// Not in the edit form: the importer's idempotence key, and a page's stage, which
// only signatures move and which the 签字 side panel shows with its history.
// The derived labels are not edited either: they follow the fields they are made of.
const HIDDEN: Record<string, string[]> = {
  'api::article.article': ['importHash', 'label'],
  'api::page.page': ['stage', 'label', 'printed'],
  'api::issue.issue': ['label', 'printed'],
  'newsroom.placement': ['label'],
};

// Help under a field, set only while it has none: what the stored codes mean.
const HINTS: Record<string, Record<string, string>> = {
  'api::publication.publication': {
    pageFormat: 'broadsheet = 对开（390×545 毫米，版心 350×490，8 栏）；tabloid = 四开（272×390，版心 245×350，6 栏）；custom = 按下方“自定义开本”',
  },
  'newsroom.placement': {
    col: '在版面网格上的位置（第几栏、第几行，从 1 起）；四项都空时自动排版。可在“版面规划”中拖动调整',
  },
};

/** Strapi's default list: `id`, then the first few fields of the type. */
function isStrapiDefaultList(strapi: Core.Strapi, uid: string, list: string[]) {
  const attrs = Object.keys((strapi.getModel(uid as any) as any)?.attributes ?? {});
  return list[0] === 'id' && list.length <= 4 && list.slice(1).every((f) => f === 'documentId' || attrs.slice(0, 6).includes(f));
}

const firstTextOf = (strapi: Core.Strapi, uid: string) =>
  Object.entries((strapi.getModel(uid as any) as any)?.attributes ?? {}).find(([, a]: any) => a.type === 'string')?.[0];

export async function ensureAdminLabels(strapi: Core.Strapi) {
  const cm = strapi.plugin('content-manager');
  for (const [uid, labels] of Object.entries(LABELS)) {
    const service = cm.service(uid.startsWith('api::') ? 'content-types' : 'components');
    const model = { uid };
    const conf = await service.findConfiguration(model);
    if (!conf?.metadatas) continue;
    let changed = false;
    const main = MAIN_FIELD[uid];
    if (main && conf.settings?.mainField !== main && replaceable(strapi, uid, conf.settings?.mainField)) {
      conf.settings.mainField = main;
      changed = true;
    }
    // Relation pickers pointing at such a type show the same field.
    for (const [attr, a] of Object.entries((strapi.getModel(uid as any) as any)?.attributes ?? {}) as Array<[string, any]>) {
      const target = a.type === 'relation' ? MAIN_FIELD[a.target] : undefined;
      const edit = conf.metadatas[attr]?.edit;
      if (target && edit && edit.mainField !== target && replaceable(strapi, a.target, edit.mainField)) {
        edit.mainField = target;
        changed = true;
      }
    }
    const list = LIST[uid];
    if (list && conf.layouts?.list && isStrapiDefaultList(strapi, uid, conf.layouts.list)) {
      conf.layouts.list = list;
      changed = true;
    }
    for (const attr of HIDDEN[uid] ?? []) {
      const meta = conf.metadatas[attr];
      if (meta?.edit && meta.edit.visible !== false) {
        meta.edit.visible = false;
        changed = true;
      }
    }
    for (const [attr, hint] of Object.entries(HINTS[uid] ?? {})) {
      const edit = conf.metadatas[attr]?.edit;
      if (edit && !edit.description) {
        edit.description = hint;
        changed = true;
      }
    }
    for (const attr of Object.keys(labels)) {
      const meta = conf.metadatas[attr];
      if (!meta) continue;
      for (const view of ['edit', 'list'] as const) {
        const earlier = (EARLIER_LABEL[uid]?.[attr] ?? []).map((l) => `${l} ${attr}`);
        if (meta[view] && (meta[view].label === attr || meta[view].label === undefined || earlier.includes(meta[view].label))) {
          meta[view].label = shownLabel(uid, attr);
          changed = true;
        }
      }
    }
    if (changed) await service.updateConfiguration(model, { settings: conf.settings, metadatas: conf.metadatas, layouts: conf.layouts });
  }
}
