/**
 * The newsroom's vocabulary, read off printed party-building pages (DESIGN.md's
 * glossary), in one place: the sign-off roles and their printed labels, the
 * stages a page goes through, the words printed before bylines, the kinds of
 * photo credit, and the printed form of credits. Pure data and formatting, no
 * Node or Strapi imports, so the admin panel bundles it too.
 */

export const DEFAULT_LOCALE = 'zh-Hans';

/** The three signatures every page needs, in the order they are given. */
export const SIGN_ROLES = ['editor', 'layout', 'proofreader'] as const;
export type SignRole = (typeof SIGN_ROLES)[number];

/** How each signature is printed in a page's credits line (`□编辑/王芳`). */
export const SIGN_ROLE_LABEL: Record<SignRole, string> = { editor: '编辑', layout: '版式', proofreader: '审校' };

/** A custom page format's fields (component newsroom.page-format) as the publication form and the refusals name them. */
export const FORMAT_FIELD_LABEL = {
  paperWidth: '纸宽（毫米）',
  paperHeight: '纸高（毫米）',
  typeWidth: '版心宽（毫米）',
  typeHeight: '版心高（毫米）',
  columns: '栏数',
  gutter: '栏距（毫米）',
  rows: '行数（模块）',
  bodySize: '正文字号（磅）',
  leading: '行距（磅）',
} as const;

/** Words old pages print for the same three jobs (the importer reads them all). */
export const CREDIT_ROLE_WORDS: Record<string, SignRole> = {
  编辑: 'editor',
  责编: 'editor',
  责任编辑: 'editor',
  版式: 'layout',
  美编: 'layout',
  排版: 'layout',
  审校: 'proofreader',
  校对: 'proofreader',
};

/**
 * A page's sign-off stages, stored as these codes (the database refuses others):
 * 采编 (collecting), then one per signature. Labels are what people read.
 */
export const STAGES = ['collecting', 'edited', 'laid_out', 'proofread'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABEL: Record<Stage, string> = { collecting: '采编', edited: '已编辑', laid_out: '已排版', proofread: '已审校' };

/** What a row of a page's sign-off history records: its creation, a signature, a send-back. */
export const SIGNOFF_ACTIONS = ['created', 'signed', 'returned'] as const;
export type SignoffAction = (typeof SIGNOFF_ACTIONS)[number];
export const SIGNOFF_ACTION_LABEL: Record<SignoffAction, string> = { created: '新建', signed: '签字', returned: '退回' };

/** Roles printed before bylines and photo credits; longest first so 本报记者 wins over 记者. */
export const BYLINE_ROLES = [
  '本报特约记者',
  '本报特约通讯员',
  '本报见习记者',
  '本报实习生',
  '本报评论员',
  '本报通讯员',
  '本报记者',
  '特约记者',
  '特约通讯员',
  '见习记者',
  '实习记者',
  '实习生',
  '通讯员',
  '评论员',
  '记者',
  '作者',
  '摄影',
  '文/图',
  '文',
  '图',
].sort((a, b) => b.length - a.length);

/** Byline roles that only a person holds (a reporter, a photographer), never an organisation. */
export const PERSON_ROLES = BYLINE_ROLES.filter((r) => /记者|通讯员|评论员|实习生|作者|摄影/u.test(r));

/** How a photo is credited: taken by (摄), supplied by (供图), provided by (提供). */
export const PHOTO_CREDIT_KINDS = ['摄', '供图', '提供'] as const;
export type PhotoCreditKind = (typeof PHOTO_CREDIT_KINDS)[number];

/** `编辑签字`: a signature, as its button and the refusals name it. */
export const signatureName = (role: SignRole) => `${SIGN_ROLE_LABEL[role]}签字`;

/** `第12期第3版` (or `第3版` when the issue is not known): how the newsroom names a page. */
export const pageName = (issue: number | null | undefined, page: number | null | undefined) => `${issue != null ? `第${issue}期` : ''}第${page ?? '?'}版`;

/** `编辑/王芳`: one credit as printed (without the □ mark). */
export const creditText = (role: SignRole, name: string) => `${SIGN_ROLE_LABEL[role]}/${name}`;

/** `□编辑/王芳 □版式/任宝红 □审校/刘军`: a page's credits line; `missing` stands for an empty credit, or it is left out. */
export function creditsLine(credits: Partial<Record<SignRole, string | null | undefined>>, missing?: string): string {
  return SIGN_ROLES.filter((r) => credits[r] || missing !== undefined)
    .map((r) => `□${creditText(r, credits[r] || missing!)}`)
    .join(' ');
}

/** `摄` → `□本报记者 陶维明摄`; `供图` → `鹤岗市委组织部供图`; `提供` → `图片由江津区中心医院提供`. */
export function photoCreditText(name: string | null | undefined, role: string | null | undefined, kind: string | null | undefined): string | null {
  if (!name) return null;
  switch (kind) {
    case '供图':
      return `${name}供图`;
    case '提供':
      return `图片由${name}提供`;
    default:
      return `□${role ? `${role} ` : ''}${name}${kind === '摄' || !kind ? '摄' : ''}`;
  }
}

/** The printed text of an article (引题, 主题, 副题, 正文, 来源, 供稿, 作者系), by field name. */
export const ARTICLE_TEXT_FIELDS = ['kicker', 'headline', 'subtitle', 'body', 'source', 'suppliedBy', 'authorNote'] as const;
export type ArticleTextField = (typeof ARTICLE_TEXT_FIELDS)[number];
export type ArticleText = Record<ArticleTextField, string | null | undefined>;

/** How the sign-off history, the diff of signed versions and the 审校 panel name those fields. */
export const ARTICLE_TEXT_LABEL: Record<ArticleTextField, string> = {
  kicker: '引题',
  headline: '主题',
  subtitle: '副题',
  body: '正文',
  source: '来源',
  suppliedBy: '供稿',
  authorNote: '作者简介',
};

/** Those fields of `a`, for writing an article from parsed or demo text. */
export const articleText = (a: Partial<ArticleText>): ArticleText => Object.fromEntries(ARTICLE_TEXT_FIELDS.map((f) => [f, a[f]])) as ArticleText;

/** A contributor's kind as the lists say it (stored as `person` / `organisation`). */
export const CONTRIBUTOR_KIND_LABEL: Record<string, string> = { person: '个人', organisation: '单位' };
