import type { Core } from '@strapi/strapi';

/**
 * Field labels in the Content Manager in the newsroom's words (主题, 引题, 署名…),
 * with the API name after them so developers and editors talk about the same
 * field. Only labels still at Strapi's default (the attribute name) are set, so
 * a label an admin changed in "Configure the view" is never overwritten.
 */
const LABELS: Record<string, Record<string, string>> = {
  'api::publication.publication': { name: '报刊名称', slug: '别名', email: '电子邮箱', masthead: '报头文字', issues: '各期' },
  'api::contributor.contributor': { name: '姓名/单位', kind: '类型', affiliation: '所属单位', slug: '别名', adminEmail: '后台账号邮箱' },
  'api::column.column': { name: '栏目名称', slug: '别名', description: '栏目说明' },
  'api::issue.issue': { publication: '报刊', number: '期号', date: '出版日期', title: '本期标题', pages: '版面' },
  'api::page.page': { issue: '所属期', number: '版号', name: '版名', theme: '主题带', stage: '签字进度', credits: '编辑/版式/审校', placements: '稿件位置' },
  'api::article.article': {
    kicker: '引题', headline: '主题', subtitle: '副题', slug: '别名', column: '栏目', bylines: '署名', body: '正文',
    photos: '图片', source: '来源', suppliedBy: '供稿', authorNote: '作者简介（作者系）',
  },
  'api::signoff.signoff': {
    label: '版面', pageDocumentId: '版面 documentId', action: '动作', fromStage: '原进度', toStage: '新进度', role: '签字角色',
    actorName: '操作人', actorEmail: '操作人邮箱', contributor: '署名人员', contributorName: '署名', reason: '原因', at: '时间',
  },
  'newsroom.byline': { role: '身份', contributors: '署名人' },
  'newsroom.photo': { image: '图片', caption: '图片说明', credit: '摄影/供图', creditRole: '身份', creditKind: '署名方式', position: '位置' },
  'newsroom.page-credits': { editor: '编辑', layout: '版式', proofreader: '审校' },
  'newsroom.placement': { article: '稿件', order: '顺序', span: '栏宽（1–6）', lead: '头条' },
};

// Shown but not editable in the form: only a signature (src/signoff) moves a page's stage.
const READ_ONLY: Record<string, string[]> = { 'api::page.page': ['stage'] };

export async function ensureAdminLabels(strapi: Core.Strapi) {
  const cm = strapi.plugin('content-manager');
  for (const [uid, labels] of Object.entries(LABELS)) {
    const service = cm.service(uid.startsWith('api::') ? 'content-types' : 'components');
    const model = { uid };
    const conf = await service.findConfiguration(model);
    if (!conf?.metadatas) continue;
    let changed = false;
    for (const [attr, label] of Object.entries(labels)) {
      const meta = conf.metadatas[attr];
      if (!meta) continue;
      if (READ_ONLY[uid]?.includes(attr) && meta.edit && meta.edit.editable !== false) {
        meta.edit.editable = false;
        changed = true;
      }
      for (const view of ['edit', 'list'] as const) {
        if (meta[view] && (meta[view].label === attr || meta[view].label === undefined)) {
          meta[view].label = `${label} ${attr}`;
          changed = true;
        }
      }
    }
    if (changed) await service.updateConfiguration(model, { settings: conf.settings, metadatas: conf.metadatas, layouts: conf.layouts });
  }
}
