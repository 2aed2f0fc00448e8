/**
 * Every refusal banmian gives, as a code with parameters, and its wording per
 * surface: `zh-Hans` and `en` for people in the admin (each in their profile's
 * language), `cli` for the command line, where the remedy is a flag (`--issue`)
 * rather than a form field. The server sends `{ code, params }` in the error's
 * details beside the worded message, so any client can word it its own way.
 * Pure: the admin bundle imports it as well.
 */

import { FORMAT_FIELD_LABEL, SIGN_ROLE_LABEL, STAGE_LABEL, pageName, signatureName, type SignRole, type Stage } from './glossary';
import type { FormatProblem } from '../broadsheet/page-formats';
import type { FilterShapeProblem } from './filter-shape';
import { fieldLabel } from '../proofreading/article-fields';

export type Surface = 'zh-Hans' | 'en' | 'cli';
export type Language = Exclude<Surface, 'cli'>;

type PageRef = { issue?: number | null; number: number | null };
/** What a search parameter takes (search.badParameter). */
export type SearchExpected = 'query' | 'text' | 'integer' | 'date' | 'pageSize' | 'status' | 'range';
const SEARCH_EXPECTED_ZH: Record<SearchExpected, string> = {
  query: '检索词（1 至 100 个字，含文字或数字）',
  text: '一个文本值',
  integer: '不小于 1 的整数',
  date: 'YYYY-MM-DD 格式的日期',
  pageSize: '1 至 100 的整数',
  status: 'published 或 draft',
  range: '不大于上限的下限',
};
const SEARCH_EXPECTED_EN: Record<SearchExpected, string> = {
  query: 'search words (1 to 100 characters, with letters or digits)',
  text: 'one text value',
  integer: 'a whole number of at least 1',
  date: 'a date as YYYY-MM-DD',
  pageSize: 'a whole number from 1 to 100',
  status: '"published" or "draft"',
  range: 'a lower bound not above the upper bound',
};
type Wording<P> = { status: 400 | 401 | 403 | 404 | 413; zh: (p: P) => string; en: (p: P) => string; cli?: (p: P) => string };
const define = <P>(w: Wording<P>) => w;

const zhPage = (p: PageRef) => pageName(p.issue, p.number);
const enPage = (p: PageRef) => `${p.issue != null ? `issue ${p.issue} ` : ''}page ${p.number ?? '?'}`;
const zhRoles = (roles: SignRole[]) => roles.map((r) => SIGN_ROLE_LABEL[r]).join('、');
const enRoles = (roles: SignRole[]) => `the ${roles.join(', ')} signature${roles.length > 1 ? 's' : ''}`;
const EN_STAGE: Record<Stage, string> = { collecting: 'collecting', edited: 'edited', laid_out: 'laid out', proofread: 'proofread' };
const zhStage = (s: Stage) => `「${STAGE_LABEL[s]}」`;
const enStage = (s: Stage) => `“${EN_STAGE[s]}”`;
const ZH_TYPE: Record<string, string> = {
  issue: '这一期',
  page: '这个版面',
  article: '这篇稿件',
  contributor: '这位人员',
  column: '这个栏目',
  publication: '这个刊物',
};
const ZH_FIELD: Record<string, string> = { headline: '主题', number: '号数', name: '名字', slug: '网址名' };
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
/** A limit in MB as people write it: `5`, `2.5`. */
const limitMb = (bytes: number) => String(Number((bytes / 1024 / 1024).toFixed(1)));

type File = { file: string };
/** Where a page's line may go (src/ocr-import/parse-state.ts, LineTarget), in the newsroom's words. */
const LINE_TARGET_ZH: Record<string, string> = { pageName: '版名', theme: '主题', column: '栏目', body: '正文' };

type FormatProblemKind = FormatProblem['kind'];
const FORMAT_PROBLEM_ZH: Record<FormatProblemKind, (limit: number[]) => string> = {
  required: () => '必须填写',
  range: ([min, max]) => `应在 ${min} 到 ${max} 之间`,
  widerThanPaper: ([paper]) => `比纸宽（${paper} 毫米）还宽`,
  tallerThanPaper: ([paper]) => `比纸高（${paper} 毫米）还高`,
  leadingBelowSize: ([size]) => `小于正文字号（${size} 磅）`,
  columnsTooNarrow: ([width]) => `太多：每栏只有 ${width} 毫米，不足四个字宽`,
};
const FORMAT_PROBLEM_EN: Record<FormatProblemKind, (limit: number[]) => string> = {
  required: () => 'is required',
  range: ([min, max]) => `must be between ${min} and ${max}`,
  widerThanPaper: ([paper]) => `is wider than the paper (${paper} mm)`,
  tallerThanPaper: ([paper]) => `is taller than the paper (${paper} mm)`,
  leadingBelowSize: ([size]) => `is smaller than the body size (${size} pt)`,
  columnsTooNarrow: ([width]) => `leave columns of ${width} mm, narrower than four characters`,
};

const FILTER_PROBLEM_ZH: Record<FilterShapeProblem, string> = {
  list: '应为条件的列表（如 [0][headline][$eq]=…）',
  condition: '应为条件（字段和运算符），不能是单个值',
  operator: '这里不能用这个运算符',
  value: '运算符后应为一个值（或值的列表），不能再嵌套条件',
  relation: '关联字段的条件不能同时用多个运算符，或把运算符与字段混用',
};
const FILTER_PROBLEM_EN: Record<FilterShapeProblem, string> = {
  list: 'must be a list of conditions (such as [0][headline][$eq]=…)',
  condition: 'must be a condition (fields and operators), not a bare value',
  operator: 'this operator cannot be used here',
  value: 'an operator takes a value (or a list of values), not nested conditions',
  relation: "a relation's condition takes one operator, or fields, not both",
};

export const MESSAGES = {
  // Admin permissions (src/newsroom/admin-ability.ts): `type` is the content type's singular name.
  'admin.notAllowed': define<{ action: 'read' | 'create' | 'update' | 'publish'; type: string }>({
    status: 403,
    zh: (p) => `你没有${{ read: '查看', create: '新建', update: '修改', publish: '发布' }[p.action]}${ZH_TYPE[p.type] ?? '这条内容'}的权限`,
    en: (p) =>
      `you may not ${{ read: 'read', create: 'create', update: 'change', publish: 'publish' }[p.action]} ${p.action === 'create' ? `${p.type}s` : `this ${p.type}`}`,
  }),
  'admin.fieldsNotAllowed': define<{ type: string; fields: string[] }>({
    status: 403,
    zh: (p) => `你的角色不能修改${ZH_TYPE[p.type] ?? '这条内容'}的这些字段：${p.fields.join('、')}`,
    en: (p) => `your role may not change these fields of this ${p.type}: ${p.fields.join(', ')}`,
  }),
  'entry.notFound': define<{ type: string; documentId: string }>({
    status: 404,
    zh: (p) => `没有这${ZH_TYPE[p.type]?.replace(/^这/, '') ?? '条内容'}（documentId ${p.documentId}）`,
    en: (p) => `no ${p.type} with documentId ${p.documentId}`,
  }),

  // Sign-off and publication (src/signoff).
  'sign.roleNotHeld': define<{ role: SignRole }>({
    status: 403,
    zh: (p) => `只有「${SIGN_ROLE_LABEL[p.role]}」角色（或超级管理员）可以${signatureName(p.role)}；你的账号没有这个角色`,
    en: (p) => `only the ${p.role} role or a Super Admin may give the ${p.role} signature; your account does not have that role`,
  }),
  'sign.complete': define<{ page: PageRef }>({
    status: 400,
    zh: (p) => `${zhPage(p.page)}已审校，签字已齐全；改动版面后才需要重新签字`,
    en: (p) => `${enPage(p.page)} is proofread and fully signed; it needs signing again only after a change`,
  }),
  'sign.alreadySigned': define<{ page: PageRef; stage: Stage; role: SignRole; next: SignRole }>({
    status: 400,
    zh: (p) => `${zhPage(p.page)}当前为${zhStage(p.stage)}，${SIGN_ROLE_LABEL[p.role]}已签过；下一步应由${SIGN_ROLE_LABEL[p.next]}签字`,
    en: (p) => `${enPage(p.page)} is ${enStage(p.stage)}: ${p.role} has signed already; the next signature is ${p.next}'s`,
  }),
  'sign.outOfOrder': define<{ page: PageRef; stage: Stage; role: SignRole; next: SignRole }>({
    status: 400,
    zh: (p) => `${zhPage(p.page)}当前为${zhStage(p.stage)}，须先由${SIGN_ROLE_LABEL[p.next]}签字（${signatureName(p.next)}），才能${signatureName(p.role)}`,
    en: (p) => `${enPage(p.page)} is ${enStage(p.stage)}: ${p.next} must sign before ${p.role} can`,
  }),
  'sign.stale': define<{ page: PageRef }>({
    status: 400,
    zh: (p) => `${zhPage(p.page)}在你查看之后又有改动，请看过最新版本再签字`,
    en: (p) => `${enPage(p.page)} has changed since you looked at it; review the current version before signing`,
  }),
  'proofread.openErrors': define<{ page: PageRef; count: number; articles: string[] }>({
    status: 400,
    zh: (p) =>
      `${zhPage(p.page)}还有 ${p.count} 处审校差错未处理（${p.articles.map((a) => `《${a}》`).join('、')}）：改正，或标为"不是差错"并写明理由，才能审校签字`,
    en: (p) =>
      `${enPage(p.page)} has ${p.count} open proofreading error${p.count === 1 ? '' : 's'} (${p.articles.join(', ')}): fix them or mark them "not an error" with a reason before the proofreader signs`,
  }),
  'proofread.reasonMissing': define<Record<string, never>>({
    status: 400,
    zh: () => '标为"不是差错"须写明理由（reason），下一位审校会看到',
    en: () => 'marking a finding "not an error" needs a reason (reason): the next proofreader reads it',
  }),
  'proofread.noSuchFinding': define<{ rule: string; text: string }>({
    status: 400,
    zh: (p) => `稿件里没有规则 ${p.rule} 对「${p.text}」的审校提示（已改正或已标记）`,
    en: (p) => `the article has no open finding of rule ${p.rule} on “${p.text}” (fixed or marked already)`,
  }),
  'proofread.stale': define<{ field: string; text: string }>({
    status: 400,
    zh: (p) => `「${p.text}」已不在${fieldLabel(p.field)}的这个位置（稿件在你查看之后改过），请刷新审校结果再采纳`,
    en: (p) => `“${p.text}” is no longer at that place in ${p.field} (the article changed since you looked); reload the findings before accepting`,
  }),
  'changes.noSuchVersion': define<{ page: PageRef; id: string }>({
    status: 404,
    zh: (p) => `${zhPage(p.page)}没有签字版本「${p.id}」：请从签字记录中选一次签字（GET /banmian/pages/:documentId/versions 列出全部）`,
    en: (p) => `${enPage(p.page)} has no signed version “${p.id}”: pick a signature from its history (GET /banmian/pages/:documentId/versions lists them)`,
  }),
  'sign.unknownRole': define<{ role: string; roles: readonly string[] }>({
    status: 400,
    zh: (p) => `未知的签字角色「${p.role}」（应为 ${p.roles.join(' / ')}）`,
    en: (p) => `unknown signing role "${p.role}" (one of ${p.roles.join(' / ')})`,
  }),
  'sign.contributorLinked': define<{ name: string; linkedEmail: string; email: string }>({
    status: 400,
    zh: (p) => `人员「${p.name}」已关联后台账号 ${p.linkedEmail}；请在「人员/单位」中为 ${p.email} 指定所属人员（adminEmail）`,
    en: (p) => `contributor “${p.name}” is linked to the admin account ${p.linkedEmail}; link ${p.email} to a contributor in 人员/单位 (adminEmail)`,
  }),
  'issue.noPages': define<{ issue: number | null; created?: boolean }>({
    status: 400,
    zh: (p) => `第${p.issue ?? '?'}期不能发布：还没有任何版面${p.created ? '（新建一期请存为草稿，REST API 加 ?status=draft）' : ''}`,
    en: (p) =>
      `issue ${p.issue ?? '?'} cannot be published: it has no pages yet${p.created ? ' (save a new issue as a draft: ?status=draft in the REST API)' : ''}`,
  }),
  'issue.unsigned': define<{ issue: number | null; pages: Array<{ number: number | null; stage: Stage; missing: SignRole[] }> }>({
    status: 400,
    zh: (p) =>
      `第${p.issue ?? '?'}期不能发布：${p.pages.map((x) => `第${x.number}版（${STAGE_LABEL[x.stage]}）缺${zhRoles(x.missing)}签字`).join('；')}。每一版都要编辑、版式、审校签字（已审校）后才能发布`,
    en: (p) =>
      `issue ${p.issue ?? '?'} cannot be published: ${p.pages.map((x) => `page ${x.number} (${EN_STAGE[x.stage]}) lacks ${enRoles(x.missing)}`).join('; ')}. Every page needs its editor, layout and proofreader signatures first`,
  }),
  // Timed publication (src/schedule/): times as the newsroom reads them, in its zone TZ.
  'schedule.badTime': define<{ value: string; timeZone: string }>({
    status: 400,
    zh: (p) => `定时发布的时间「${p.value}」无法识别：请写成 2026-12-02 18:30 这样的日期和时间（${p.timeZone} 时间）`,
    en: (p) => `“${p.value}” is not a time to publish at: write a date and time such as 2026-12-02 18:30 (${p.timeZone} time)`,
  }),
  'schedule.past': define<{ at: string; now: string; timeZone: string }>({
    status: 400,
    zh: (p) => `定时发布的时间 ${p.at} 已经过去（现在是 ${p.now}，${p.timeZone} 时间）`,
    en: (p) => `${p.at} is past (it is ${p.now} now, ${p.timeZone} time): choose a later time to publish at`,
  }),
  'schedule.none': define<{ issue: number | null }>({
    status: 400,
    zh: (p) => `第${p.issue ?? '?'}期没有待执行的定时发布`,
    en: (p) => `issue ${p.issue ?? '?'} has no scheduled publication waiting`,
  }),
  'schedule.fireFailed': define<{ why: string }>({
    status: 400,
    zh: (p) => `定时发布没有成功（${p.why}）；什么都没有发布`,
    en: (p) => `the scheduled publication failed (${p.why}); nothing was published`,
  }),
  'page.unsigned': define<{ page: PageRef; stage: Stage; missing: SignRole[] }>({
    status: 400,
    zh: (p) => `${zhPage(p.page)}不能发布：缺${zhRoles(p.missing)}签字（当前${zhStage(p.stage)}）`,
    en: (p) => `${enPage(p.page)} cannot be published: it lacks ${enRoles(p.missing)} (now ${enStage(p.stage)})`,
  }),
  'page.issueNotLive': define<{ page: PageRef; issue: number | null }>({
    status: 400,
    zh: (p) => `${zhPage(p.page)}不能单独发布：${p.issue != null ? `第${p.issue}期还没有发布，版面随期发布` : '它不属于任何一期'}`,
    en: (p) =>
      `${enPage(p.page)} cannot be published on its own: ${p.issue != null ? `issue ${p.issue} is not published yet, and pages go live with their issue` : 'it belongs to no issue'}`,
  }),
  'article.placed': define<{ headline: string; pages: PageRef[] }>({
    status: 400,
    zh: (p) => `稿件「${p.headline}」已排入${p.pages.map(zhPage).join('、')}：随版面签字发布，不能单独发布（改动已存为草稿，审校签字后上线）`,
    en: (p) =>
      `article “${p.headline}” is placed on ${p.pages.map(enPage).join(', ')}: it goes live with the page's signatures, not on its own (the change is saved as a draft and goes live after the proofreader signs)`,
  }),
  'withdraw.superAdminOnly': define<Record<string, never>>({
    status: 403,
    zh: () => '只有值班总编（超级管理员）可以撤稿',
    en: () => 'only a Super Admin (the editor on duty) may withdraw an article',
  }),
  'withdraw.reasonMissing': define<Record<string, never>>({
    status: 400,
    zh: () => '撤稿须写明理由（reason）：记录在案，读者只看到撤稿声明',
    en: () => 'withdrawing an article needs a reason (reason): it is kept on record; readers see only the notice',
  }),
  'withdraw.notPublished': define<{ headline: string }>({
    status: 400,
    zh: (p) => `稿件「${p.headline}」尚未发布，读者看不到，无须撤稿`,
    en: (p) => `article “${p.headline}” is not published: readers cannot see it, there is nothing to withdraw`,
  }),
  'withdraw.isWithdrawn': define<{ headline: string; date: string }>({
    status: 400,
    zh: (p) => `稿件「${p.headline}」已于 ${p.date} 撤稿，不能再发布；如需重新刊发，请另建稿件`,
    en: (p) => `article “${p.headline}” was withdrawn on ${p.date} and cannot be published again; to print it again, write a new article`,
  }),
  'entry.liveDelete': define<{ type: 'issue' | 'page' | 'article'; label: string }>({
    status: 400,
    zh: (p) => `${ZH_TYPE[p.type]}「${p.label}」已发布，读者正在看，不能直接删除；请值班总编先撤下（取消发布），再删除`,
    en: (p) => `the ${p.type} “${p.label}” is published and readers see it, so it cannot be deleted; a Super Admin must unpublish it first`,
  }),
  'entry.inUseByLive': define<{ type: 'column' | 'publication'; label: string; count: number }>({
    status: 400,
    zh: (p) => (p.type === 'column' ? `栏目「${p.label}」还有 ${p.count} 篇已发布的稿件在用，不能删除` : `刊物「${p.label}」还有 ${p.count} 期，不能删除`),
    en: (p) =>
      p.type === 'column'
        ? `column “${p.label}” is used by ${p.count} published article(s) and cannot be deleted`
        : `publication “${p.label}” still has ${p.count} issue(s) and cannot be deleted`,
  }),
  'file.inUse': define<{ name: string; articles: string[] }>({
    status: 400,
    zh: (p) =>
      `文件「${p.name}」仍被稿件使用（${p.articles
        .slice(0, 5)
        .map((a) => `「${a}」`)
        .join('、')}${p.articles.length > 5 ? ` 等 ${p.articles.length} 篇` : ''}），不能删除；请先在稿件中换掉或去掉这张图片`,
    en: (p) =>
      `file “${p.name}” is still used by ${p.articles.length} article(s) (${p.articles.slice(0, 5).join(', ')}) and cannot be deleted; replace or remove the photo in those articles first`,
  }),
  'page.stageBySignature': define<Record<string, never>>({
    status: 400,
    zh: () => '新版面从「采编」开始；版面状态只能通过签字改变',
    en: () => 'a new page starts at “collecting”; its stage changes only by signatures',
  }),
  'history.readOnly': define<Record<string, never>>({
    status: 403,
    zh: () => '签字记录由签字和退回自动产生，不能手工新建、修改或删除',
    en: () => 'the sign-off history is written by signatures and send-backs; it cannot be created, changed or deleted by hand',
  }),
  'contributor.adminEmailSuperAdmin': define<Record<string, never>>({
    status: 403,
    zh: () => '只有超级管理员可以关联或更改人员的后台账号（adminEmail）：签字时印出的名字由它决定',
    en: () => 'only a Super Admin may link a contributor to an admin account (adminEmail): it decides the name printed for a signature',
  }),
  'contributor.inUse': define<{ name: string; pages: PageRef[]; articles: string[] }>({
    status: 400,
    zh: (p) => {
      const uses = [...p.pages.map((x) => `${zhPage(x)}的编辑/版式/审校署名`), ...p.articles.map((h) => `稿件「${h}」的署名`)];
      return `不能删除人员「${p.name}」：仍署名于 ${uses.slice(0, 5).join('、')}${uses.length > 5 ? ` 等 ${uses.length} 处` : ''}。请先换人或删去这些署名`;
    },
    en: (p) => {
      const uses = [...p.pages.map((x) => `the credits of ${enPage(x)}`), ...p.articles.map((h) => `the byline of “${h}”`)];
      return `contributor “${p.name}” cannot be deleted: still credited in ${uses.slice(0, 5).join(', ')}${uses.length > 5 ? ` and ${uses.length - 5} more` : ''}. Replace or remove those credits first`;
    },
  }),

  // REST queries (src/newsroom/public-reads.ts, filter-shape.ts).
  'read.draftNeedsToken': define<{ status: string }>({
    status: 403,
    zh: (p) => `只有持 API 令牌才能读取草稿（status=${p.status}）；公开接口只提供已发布的内容`,
    en: (p) => `drafts can only be read with an API token (status=${p.status}); the public API serves published content only`,
  }),
  'read.badStatus': define<{ status: string }>({
    status: 400,
    zh: (p) => `status 只能是 published 或 draft（收到 ${p.status}）`,
    en: (p) => `status must be "published" or "draft" (got ${p.status})`,
  }),
  'read.badLocale': define<{ locale: string }>({
    status: 400,
    zh: (p) => `没有语种 ${p.locale}（locale 参数）`,
    en: (p) => `unknown locale ${p.locale} (locale parameter)`,
  }),
  'read.sortThroughRelation': define<{ sort: string }>({
    status: 400,
    zh: (p) => `sort 参数“${p.sort}”按关联内容排序，公开接口只能按本类型自己的字段排序`,
    en: (p) => `sort: "${p.sort}" sorts through a relation; only this type's own fields can be sorted on`,
  }),
  'read.dynamicZoneFilter': define<{ parameter: string }>({
    status: 400,
    zh: (p) => `查询参数 ${p.parameter} 无效：不能按动态区域筛选`,
    en: (p) => `query parameter ${p.parameter} is not valid: filtering through dynamic zones is not allowed`,
  }),
  // Search (src/search/params.ts): a parameter it cannot read, named with what it takes.
  'search.badParameter': define<{ parameter: string; value: string; expected: SearchExpected }>({
    status: 400,
    zh: (p) => `检索参数 ${p.parameter} 无效（收到“${p.value}”）：应为${SEARCH_EXPECTED_ZH[p.expected]}`,
    en: (p) => `search parameter ${p.parameter} is not valid (got "${p.value}"): expected ${SEARCH_EXPECTED_EN[p.expected]}`,
  }),
  'query.badFilter': define<{ parameter: string; problem: FilterShapeProblem }>({
    status: 400,
    zh: (p) => `查询参数 ${p.parameter} 无效：${FILTER_PROBLEM_ZH[p.problem]}`,
    en: (p) => `query parameter ${p.parameter} is not valid: ${FILTER_PROBLEM_EN[p.problem]}`,
  }),

  'docs.adminOnly': define<Record<string, never>>({
    status: 401,
    zh: () =>
      'API 文档只供后台管理员查看：请带上后台登录令牌（Authorization: Bearer …），或由超级管理员在「设置 → 文档」中设置访问密码；设置 DOCUMENTATION_PUBLIC=true 则对所有人公开',
    en: () =>
      'the API documentation is for admins: send an admin token (Authorization: Bearer …), or have a Super Admin set a password under Settings → Documentation; DOCUMENTATION_PUBLIC=true makes it public',
  }),

  // Field rules of every content type (src/newsroom/document-rules.ts).
  'field.slugTaken': define<{ slug: string }>({
    status: 400,
    zh: (p) => `网址名「${p.slug}」已被另一条内容使用`,
    en: (p) => `slug "${p.slug}" is already used by another entry`,
  }),
  'field.slugInvalid': define<{ slug: string }>({
    status: 400,
    zh: (p) => `网址名「${p.slug}」只能由字母、数字、“-”和“_”组成，并以字母或数字开头`,
    en: (p) => `slug "${p.slug}" may only contain letters, digits, "-" and "_", and must start with a letter or digit`,
  }),
  'field.nameEmpty': define<Record<string, never>>({
    status: 400,
    zh: () => '名字去掉空格和标记后为空',
    en: () => 'name is empty after normalisation',
  }),
  'field.contributorExists': define<{ name: string; documentId: string }>({
    status: 400,
    zh: (p) => `人员「${p.name}」已存在（documentId ${p.documentId}）`,
    en: (p) => `contributor "${p.name}" already exists (documentId ${p.documentId})`,
  }),
  'field.numberTaken': define<{ number: number; owner: 'issue' | 'publication'; documentId: string }>({
    status: 400,
    zh: (p) => `${p.owner === 'issue' ? '本期已有' : '本刊已有'}第${p.number}${p.owner === 'issue' ? '版' : '期'}（documentId ${p.documentId}）`,
    en: (p) => `number ${p.number} is already used in this ${p.owner} (documentId ${p.documentId})`,
  }),
  'field.required': define<{ field: string }>({
    status: 400,
    zh: (p) => `${ZH_FIELD[p.field] ?? p.field}不能为空`,
    en: (p) => `${p.field} is required`,
  }),
  'field.tooLong': define<{ field: string; max: number }>({
    status: 400,
    zh: (p) => `${ZH_FIELD[p.field] ?? p.field}最多 ${p.max} 个字（${p.field}）`,
    en: (p) => `${p.field} must be at most ${p.max} characters`,
  }),

  // Multipart uploads (src/uploads/multipart.ts): the media library, the importer, the project logos.
  'upload.tooLarge': define<{ limitMb: number }>({
    status: 413,
    zh: (p) => `上传的内容超过了每次 ${p.limitMb} MB 的上限，没有保存`,
    en: (p) => `the upload is over the limit of ${p.limitMb} MB a request; nothing was kept`,
  }),
  'upload.tooManyFiles': define<{ max: number; count: number }>({
    status: 413,
    zh: (p) => `一次最多上传 ${p.max} 个文件（这次有 ${p.count} 个），请分批上传`,
    en: (p) => `at most ${p.max} files can be uploaded at once (this request had ${p.count}): upload them in batches`,
  }),
  'upload.tooManyFields': define<{ max: number }>({
    status: 413,
    zh: (p) => `上传表单的字段超过 ${p.max} 个`,
    en: (p) => `the upload form has more than ${p.max} fields`,
  }),
  'upload.unreadable': define<{ why: string }>({
    status: 400,
    zh: (p) => `无法读取上传的表单（multipart）：${p.why}`,
    en: (p) => `the upload (multipart form) cannot be read: ${p.why}`,
  }),

  // The OCR importer (src/ocr-import): on the command line the remedy is a flag, in the admin a form field.
  'import.chooseFile': define<Record<string, never>>({
    status: 400,
    zh: () => '请选择版面的文本文件',
    en: () => 'choose the page’s text file',
    cli: () => 'choose the page\'s text file (multipart field "file")',
  }),
  'import.empty': define<File>({ status: 400, zh: (p) => `${p.file}：文件是空的`, en: (p) => `${p.file}: the file is empty` }),
  'import.tooLarge': define<File & { bytes: number; max: number }>({
    status: 400,
    zh: (p) => `${p.file}：${mb(p.bytes)} MB，超过单个版面 ${limitMb(p.max)} MB 的上限`,
    en: (p) => `${p.file}: ${mb(p.bytes)} MB is over the ${limitMb(p.max)} MB limit for one page`,
  }),
  'import.tooManyEdits': define<{ count: number; max: number }>({
    status: 400,
    zh: (p) => `一次最多提交 ${p.max} 项拆分/合并，这次有 ${p.count} 项：请分几次导入，或先拆分文件`,
    en: (p) => `${p.count} splits/merges were sent; at most ${p.max} go with one import: split the file and import it in parts`,
  }),
  'import.parseTimeout': define<File & { seconds: number }>({
    status: 400,
    zh: (p) => `${p.file}：${p.seconds} 秒内没有读完这个文件，已停止：请把文件拆成较小的几个再导入`,
    en: (p) => `${p.file}: reading the file took longer than ${p.seconds} s and was stopped: split it into smaller files`,
  }),
  'import.parseFailed': define<File & { why: string }>({
    status: 400,
    zh: (p) => `${p.file}：读取这个文件时出错（${p.why}）：请把文件拆成较小的几个再导入`,
    en: (p) => `${p.file}: reading the file failed (${p.why}): split it into smaller files`,
  }),
  'import.binary': define<File>({
    status: 400,
    zh: (p) => `${p.file}：这是二进制文件，不是 OCR 文本`,
    en: (p) => `${p.file}: this is a binary file, not OCR text`,
  }),
  'import.unknownEncoding': define<File & { encoding: string }>({
    status: 400,
    zh: (p) => `${p.file}：未知的编码「${p.encoding}」`,
    en: (p) => `${p.file}: unknown encoding "${p.encoding}"`,
  }),
  'import.wrongEncoding': define<File & { encoding: string }>({
    status: 400,
    zh: (p) => `${p.file}：文件内容不是 ${p.encoding} 编码`,
    en: (p) => `${p.file}: the bytes do not decode as ${p.encoding}`,
  }),
  'import.undecodable': define<File>({
    status: 400,
    zh: (p) => `${p.file}：无法识别的编码，既不是 UTF-8 也不是 GB18030/GBK（请在“编码”中指定）`,
    en: (p) => `${p.file}: undecodable bytes: neither UTF-8 nor GB18030/GBK (choose the encoding if you know it)`,
    cli: (p) => `${p.file}: undecodable bytes: neither UTF-8 nor GB18030/GBK (pass --encoding if you know it)`,
  }),
  // Other file types (src/import-formats/): each refused with the file and what is wrong with it.
  'import.unknownFormat': define<File & { ext: string }>({
    status: 400,
    zh: (p) => `${p.file}：不能导入「${p.ext}」文件，请另存为 .docx 或 .txt（可导入 .txt、.html、.pdf、.docx）`,
    en: (p) => `${p.file}: "${p.ext}" files cannot be imported: save it as .docx or .txt (.txt, .html, .pdf and .docx are read)`,
  }),
  'import.notPdf': define<File>({
    status: 400,
    zh: (p) => `${p.file}：不是 PDF 文件（或文件已损坏）`,
    en: (p) => `${p.file}: not a PDF file (or a damaged one)`,
  }),
  'import.encryptedPdf': define<File>({
    status: 400,
    zh: (p) => `${p.file}：PDF 已加密（有密码），请先另存为无密码的 PDF`,
    en: (p) => `${p.file}: the PDF is encrypted (password protected): save it without a password first`,
  }),
  'import.scannedPdf': define<File & { pages: number }>({
    status: 400,
    zh: (p) => `${p.file}：PDF 的 ${p.pages} 页里没有文字层，是扫描件，需要先做 OCR`,
    en: (p) => `${p.file}: the PDF's ${p.pages} page(s) have no text layer: scanned, needs OCR first`,
  }),
  'import.corruptDocx': define<File & { why: string }>({
    status: 400,
    zh: (p) => `${p.file}：无法读取这个 Word 文件（.docx），文件可能已损坏（${p.why}）`,
    en: (p) => `${p.file}: the Word file (.docx) cannot be read, it may be damaged (${p.why})`,
  }),
  'import.emptyHtml': define<File>({
    status: 400,
    zh: (p) => `${p.file}：网页里没有找到正文`,
    en: (p) => `${p.file}: no article text found in the web page`,
  }),
  'import.noText': define<File>({ status: 400, zh: (p) => `${p.file}：文件里没有文字`, en: (p) => `${p.file}: the file has no text` }),
  'import.noArticle': define<File>({ status: 400, zh: (p) => `${p.file}：文中没有找到稿件`, en: (p) => `${p.file}: no article found in the text` }),
  'import.noIssueNumber': define<File>({
    status: 400,
    zh: (p) => `${p.file}：文中没有期号（第N期），请填写“期号”`,
    en: (p) => `${p.file}: the text names no issue (第N期): fill in the issue number`,
    cli: (p) => `${p.file}: the text names no issue (第N期): pass --issue <number>`,
  }),
  'import.issueMissing': define<File & { issue: number }>({
    status: 400,
    zh: (p) => `${p.file}：第${p.issue}期还不存在，请填写“出版日期”以新建这一期`,
    en: (p) => `${p.file}: issue 第${p.issue}期 does not exist yet: fill in its date to create it`,
    cli: (p) => `${p.file}: issue 第${p.issue}期 does not exist yet: pass --date YYYY-MM-DD to create it`,
  }),
  'import.noPublication': define<File & { slug: string }>({
    status: 400,
    zh: (p) => `${p.file}：没有网址名为「${p.slug}」的刊物`,
    en: (p) => `${p.file}: no publication with slug "${p.slug}"`,
  }),
  'import.choosePublication': define<File & { count: number }>({
    status: 400,
    zh: (p) => `${p.file}：${p.count ? '有多个刊物，请选择“刊物”' : '还没有任何刊物，请先新建一个刊物'}`,
    en: (p) => `${p.file}: ${p.count ? 'several publications exist: choose one' : 'no publication exists yet: create one first'}`,
    cli: (p) => `${p.file}: ${p.count ? 'several publications exist' : 'no publication exists yet'}: choose one with --publication <slug>`,
  }),
  'import.running': define<File & { since: string }>({
    status: 400,
    zh: (p) => `${p.file}：这个文件正在导入（开始于 ${p.since}），请等它结束后再试`,
    en: (p) => `${p.file}: this file is being imported right now (since ${p.since}); try again when that import has finished`,
  }),
  'import.badEdit': define<{ index: number; why: string }>({
    status: 400,
    zh: (p) => `第 ${p.index + 1} 项拆分/合并无效：${p.why}`,
    en: (p) => `split/merge ${p.index + 1} is not valid: ${p.why}`,
  }),
  'import.badLineEdit': define<{ index: number; page: number; line: number; problem: 'noLine' | 'badTarget'; to: string; options?: string[] }>({
    status: 400,
    zh: (p) =>
      p.problem === 'noLine'
        ? `第 ${p.index + 1} 项移动无效：第 ${p.page + 1} 个版面的第 ${p.line} 行不是可以移动的版面行（版名、主题或栏目）`
        : `第 ${p.index + 1} 项移动无效：第 ${p.line} 行不能移到「${LINE_TARGET_ZH[p.to] ?? p.to}」${p.options ? `（可以移到：${p.options.map((o) => LINE_TARGET_ZH[o] ?? o).join('、')}）` : ''}`,
    en: (p) =>
      p.problem === 'noLine'
        ? `line move ${p.index + 1} is not valid: line ${p.line} of page ${p.page + 1} is not one of the page's lines to place (page name, theme or column)`
        : `line move ${p.index + 1} is not valid: line ${p.line} cannot go to "${p.to}"${p.options ? ` (it can go to: ${p.options.join(', ')})` : ''}`,
  }),
  'import.badIssueNumber': define<Record<string, never>>({
    status: 400,
    zh: () => '期号须为正整数',
    en: () => 'issue must be a positive whole number',
  }),
  'import.badDate': define<Record<string, never>>({
    status: 400,
    zh: () => '出版日期的格式应为 YYYY-MM-DD',
    en: () => 'date must be YYYY-MM-DD',
  }),
  // Where an admin import goes is chosen, never taken from the text (src/ocr-import/target.ts).
  'import.targetPublication': define<Record<string, never>>({
    status: 400,
    zh: () => '请选择要导入到的刊物',
    en: () => 'choose the publication to import into',
  }),
  'import.targetIssue': define<Record<string, never>>({
    status: 400,
    zh: () => '请选择要导入到的期：已有的一期，或新建一期（填写期号和出版日期）',
    en: () => 'choose the issue to import into: an existing one, or a new one with its number and date',
  }),
  'import.twoTargets': define<Record<string, never>>({
    status: 400,
    zh: () => '已有的期和新建一期只能选一个',
    en: () => 'choose either an existing issue or a new one, not both',
  }),
  'import.newIssueDate': define<{ number: number }>({
    status: 400,
    zh: (p) => `新建第${p.number}期需要填写出版日期`,
    en: (p) => `the new issue 第${p.number}期 needs its date`,
  }),
  'import.issueExists': define<{ number: number; date: string | null; existing: string; publication: string }>({
    status: 400,
    zh: (p) => `「${p.publication}」的第${p.number}期已经存在${p.date ? `（${p.date}）` : ''}：要导入到这一期，请在“期”中选择它`,
    en: (p) => `issue 第${p.number}期${p.date ? ` (${p.date})` : ''} of "${p.publication}" exists already: to import into it, choose it as the issue`,
  }),
  'import.issueOtherPublication': define<{ number: number; publication: string; chosen: string }>({
    status: 400,
    zh: (p) => `所选的第${p.number}期属于「${p.publication}」，不是所选的刊物「${p.chosen}」`,
    en: (p) => `the chosen issue 第${p.number}期 belongs to "${p.publication}", not to the chosen publication "${p.chosen}"`,
  }),
  'import.badPages': define<{ count: number; expected: number }>({
    status: 400,
    zh: (p) => `版号和版名应逐版填写：文件有 ${p.expected} 个版面，提交了 ${p.count} 个`,
    en: (p) => `page numbers and names go one per page: the file has ${p.expected} page(s), ${p.count} were sent`,
  }),
  'import.badPageNumber': define<{ page: number }>({
    status: 400,
    zh: (p) => `第 ${p.page} 个版面的版号须为正整数`,
    en: (p) => `the number of page ${p.page} of the file must be a positive whole number`,
  }),
  'import.samePageNumber': define<{ number: number }>({
    status: 400,
    zh: (p) => `文件中有两个版面都填了第${p.number}版`,
    en: (p) => `two pages of the file were given the number ${p.number}`,
  }),
  'import.pageNameTooLong': define<{ page: number; max: number }>({
    status: 400,
    zh: (p) => `第 ${p.page} 个版面的版名超过 ${p.max} 个字`,
    en: (p) => `the name of page ${p.page} of the file is longer than ${p.max} characters`,
  }),

  // The exporter (src/broadsheet): from the command line, or the admin's 导出 button.
  'export.noPublication': define<{ slug: string }>({
    status: 400,
    zh: (p) => `没有网址名为「${p.slug}」的刊物`,
    en: (p) => `no publication with slug "${p.slug}"`,
  }),
  'export.notFound': define<{ issue: number | string; publication?: string; drafts: boolean }>({
    status: 400,
    zh: (p) =>
      `${p.publication ? `刊物「${p.publication}」中` : ''}没有${p.drafts ? '' : '已发布的'}第${p.issue}期${p.drafts ? '' : '（未发布的一期请导出草稿）'}`,
    en: (p) =>
      `no ${p.drafts ? '' : 'published '}issue 第${p.issue}期${p.publication ? ` in "${p.publication}"` : ''}${p.drafts ? '' : ' (export the draft for an unpublished one)'}`,
    cli: (p) =>
      `no ${p.drafts ? '' : 'published '}issue 第${p.issue}期${p.publication ? ` in "${p.publication}"` : ''}${p.drafts ? '' : ' (use --drafts to export an unpublished one)'}`,
  }),
  'export.severalPublications': define<{ issue: number; slugs: string[] }>({
    status: 400,
    zh: (p) => `多个刊物都有第${p.issue}期（${p.slugs.join('、')}）：请选择刊物`,
    en: (p) => `issue 第${p.issue}期 exists in several publications (${p.slugs.join(', ')}): choose one`,
    cli: (p) => `issue 第${p.issue}期 exists in several publications (${p.slugs.join(', ')}): choose one with --publication`,
  }),
  'export.empty': define<{ issue: number | null; pages: number }>({
    status: 400,
    zh: (p) => `第${p.issue ?? '?'}期${p.pages ? '还没有排入稿件' : '还没有版面'}，无可导出`,
    en: (p) => `issue 第${p.issue ?? '?'}期 has ${p.pages ? 'no placed articles' : 'no pages'} to export`,
  }),
  'export.photoUnreadable': define<{ url: string; why: string }>({
    status: 400,
    zh: (p) => `图片 ${p.url}：${p.why}`,
    en: (p) => `photo ${p.url}: ${p.why}`,
  }),
  'export.pathOutside': define<{ path: string; folder: string }>({
    status: 400,
    zh: (p) => `拒绝导出：文件「${p.path}」会写到导出文件夹 ${p.folder} 之外（请检查稿件的网址名 slug），什么也没有写入`,
    en: (p) => `export refused: the file "${p.path}" would be written outside the export folder ${p.folder} (check the articles' slugs); nothing was written`,
  }),

  // Backup and restore (scripts/transfer.js, src/backup): the command line only.
  'backup.notFound': define<File>({ status: 404, zh: (p) => `没有备份文件 ${p.file}`, en: (p) => `no backup file at ${p.file}` }),
  'backup.noKey': define<Record<string, never>>({
    status: 400,
    zh: () => '备份要加密：请给出密钥（BANMIAN_BACKUP_KEY），或明确选择不加密',
    en: () => 'backups are encrypted: give the key (BANMIAN_BACKUP_KEY), or choose explicitly to write it unencrypted',
    cli: () => 'backups are encrypted: set BANMIAN_BACKUP_KEY (or pass --key), or pass --no-encrypt to write an unencrypted file',
  }),
  'backup.keyAndNoEncrypt': define<Record<string, never>>({
    status: 400,
    zh: () => '既给了密钥又选择不加密：只能选一个',
    en: () => 'a key was given and so was no encryption: choose one',
    cli: () => 'a key (BANMIAN_BACKUP_KEY or --key) and --no-encrypt: choose one',
  }),
  'backup.keyTooShort': define<{ min: number }>({
    status: 400,
    zh: (p) => `密钥太短：至少 ${p.min} 个字符`,
    en: (p) => `the key is too short: at least ${p.min} characters`,
  }),
  'backup.needsKey': define<File>({
    status: 400,
    zh: (p) => `${p.file} 是加密的：请给出它的密钥（BANMIAN_BACKUP_KEY）`,
    en: (p) => `${p.file} is encrypted: give its key (BANMIAN_BACKUP_KEY)`,
    cli: (p) => `${p.file} is encrypted: set BANMIAN_BACKUP_KEY (or pass --key) to its key`,
  }),
  'backup.wrongKey': define<File>({
    status: 400,
    zh: (p) => `${p.file}：密钥不对，或文件已损坏；什么都没有改`,
    en: (p) => `${p.file}: wrong key, or the file is damaged; nothing was changed`,
  }),
  'backup.damaged': define<File & { why: string }>({
    status: 400,
    zh: (p) => `${p.file} 已损坏（${p.why}）；什么都没有改`,
    en: (p) => `${p.file} is damaged (${p.why}); nothing was changed`,
  }),
  // `bucket`: uploads on S3, which Strapi's restore changes directly (README: Backup and restore).
  'backup.failed': define<{ why: string; bucket?: boolean }>({
    status: 400,
    zh: (p) => `恢复中途失败（${p.why}）：数据库${p.bucket ? '已回到恢复之前的样子，存储桶里的文件可能已改变' : '和上传文件已回到恢复之前的样子'}`,
    en: (p) =>
      `the restore failed part-way (${p.why}): the database ${p.bucket ? 'is as it was before; the files in the bucket may have changed' : 'and the upload folder are as they were before'}`,
  }),
  // Page composition (src/broadsheet/planner.ts, page-formats.ts).
  'layout.noIssue': define<{ documentId: string }>({
    status: 400,
    zh: (p) => `这一版（documentId ${p.documentId}）还没有所属期，无法按开本排版：请先选择“所属期”`,
    en: (p) => `page ${p.documentId} belongs to no issue, so it has no page format to lay out on: choose its issue first`,
  }),
  'layout.changed': define<{ page: string }>({
    // Strapi's errors have no 409; a stale layout is the caller's to redo.
    status: 400,
    zh: (p) => `${p.page}的稿件在您排版时已有改动，请重新打开版面规划`,
    en: (p) => `the articles of ${p.page} changed while you laid it out: open the planner again`,
  }),
  'layout.outside': define<{ headline: string; columns: number; rows: number }>({
    status: 400,
    zh: (p) => `“${p.headline}”的位置超出了版面网格（${p.columns}栏×${p.rows}行）`,
    en: (p) => `the rectangle of "${p.headline}" lies outside the page grid (${p.columns} columns × ${p.rows} rows)`,
  }),
  'layout.overlap': define<{ headline: string; other: string }>({
    status: 400,
    zh: (p) => `“${p.headline}”与“${p.other}”的位置重叠`,
    en: (p) => `the rectangles of "${p.headline}" and "${p.other}" overlap`,
  }),
  'format.invalid': define<{ field: string; kind: FormatProblemKind; limit?: number[] }>({
    status: 400,
    zh: (p) => `自定义开本的“${(FORMAT_FIELD_LABEL as Record<string, string>)[p.field] ?? p.field}”${FORMAT_PROBLEM_ZH[p.kind](p.limit ?? [])}`,
    en: (p) => `custom page format: ${p.field} ${FORMAT_PROBLEM_EN[p.kind](p.limit ?? [])}`,
  }),
} as const;

export type MessageCode = keyof typeof MESSAGES;
export type MessageParams<C extends MessageCode> = Parameters<(typeof MESSAGES)[C]['zh']>[0];
export type Message<C extends MessageCode = MessageCode> = { code: C; params: MessageParams<C> };

export const isMessageCode = (code: unknown): code is MessageCode => typeof code === 'string' && Object.hasOwn(MESSAGES, code);

/** The wording of a message for a surface; the command line falls back to English. */
export function phrase<C extends MessageCode>(code: C, params: MessageParams<C>, surface: Surface): string {
  const w = MESSAGES[code] as Wording<MessageParams<C>>;
  if (surface === 'zh-Hans') return w.zh(params);
  return (surface === 'cli' && w.cli ? w.cli : w.en)(params);
}

/** An admin profile's interface language (Strapi's `preferedLanguage`) as one of ours: English if it says so, else Chinese. */
export const languageOf = (preferred: string | null | undefined): Language => (preferred?.toLowerCase().startsWith('en') ? 'en' : 'zh-Hans');

/**
 * A refusal raised by a pure core (the importer, the exporter): its message is
 * the command-line wording; the admin edge re-words it from code and params.
 */
export class NewsroomError<C extends MessageCode = MessageCode> extends Error {
  constructor(
    readonly code: C,
    readonly params: MessageParams<C>,
  ) {
    super(phrase(code, params, 'cli'));
    this.name = 'NewsroomError';
  }
}
