import { SIGN_ROLES, ROLE_INFO, stageBefore, type Stage, lowerStage } from './stages';
import { ARTICLE_TEXT_FIELDS, ARTICLE_TEXT_LABEL } from '../newsroom/glossary';

/**
 * Which signature a change undoes. A page (or an article placed on it) that
 * changes after signing goes back to the stage before the one the change needs:
 * a text correction must be proofread again (→ 已排版), a layout change must be
 * laid out and proofread again (→ 已编辑), an editorial change (another page
 * number, another issue, another column) goes back to the editor (→ 采编).
 * Pure: snapshots in, stage and changed fields out.
 */

export type PageSnapshot = {
  number: number | null;
  issue: string | null;
  name: string | null;
  theme: string | null;
  /** rect: the rectangle on the module grid (col, colSpan, row, rowSpan): moving a block is a layout change. */
  placements: Array<{ article: string | null; order: number | null; span: number | null; lead: boolean | null; rect?: Array<number | null> }>;
  credits: Record<string, string | null>;
};

export type ArticleSnapshot = {
  kicker: string | null;
  headline: string | null;
  subtitle: string | null;
  body: string | null;
  source: string | null;
  suppliedBy: string | null;
  authorNote: string | null;
  column: string | null;
  bylines: Array<{ role: string | null; contributors: string[] }>;
  photos: Array<{
    image: number | null;
    position: string | null;
    caption: string | null;
    credit: string | null;
    creditRole: string | null;
    creditKind: string | null;
  }>;
  /** 更正/说明/致歉 notices (src/corrections/): readers see them, so they are signed like text. */
  corrections?: Array<{ kind: string | null; text: string | null; date: string | null }>;
};

type Rule = { label: string; stage: Stage; value: (s: any) => unknown };

const TEXT: Stage = 'laid_out';
const LAYOUT: Stage = 'edited';
/** The stage a text change sends a signed page back to: proofread again. */
export const TEXT_STAGE = TEXT;
/** The stage a layout change sends a signed page back to: laid out and proofread again. */
export const LAYOUT_STAGE = LAYOUT;
const EDITORIAL: Stage = 'collecting';

const PAGE_RULES: Record<string, Rule> = {
  number: { label: '版号', stage: EDITORIAL, value: (s: PageSnapshot) => s.number },
  issue: { label: '所属期', stage: EDITORIAL, value: (s: PageSnapshot) => s.issue },
  placements: { label: '稿件位置', stage: LAYOUT, value: (s: PageSnapshot) => s.placements },
  name: { label: '版名', stage: TEXT, value: (s: PageSnapshot) => s.name },
  theme: { label: '主题带', stage: TEXT, value: (s: PageSnapshot) => s.theme },
  // A credit changed by hand undoes that role's signature.
  ...Object.fromEntries(
    SIGN_ROLES.map((role) => [
      `credits.${role}`,
      { label: `${ROLE_INFO[role].label}署名`, stage: stageBefore(role), value: (s: PageSnapshot) => s.credits?.[role] ?? null },
    ]),
  ),
};

const ARTICLE_RULES: Record<string, Rule> = {
  column: { label: '栏目', stage: EDITORIAL, value: (s: ArticleSnapshot) => s.column },
  photos: {
    label: '图片',
    stage: LAYOUT,
    value: (s: ArticleSnapshot) => s.photos.map((p) => [p.image, p.position]),
  },
  ...Object.fromEntries(ARTICLE_TEXT_FIELDS.map((f) => [f, { label: ARTICLE_TEXT_LABEL[f], stage: TEXT, value: (s: ArticleSnapshot) => s[f] ?? null }])),
  bylines: { label: '署名', stage: TEXT, value: (s: ArticleSnapshot) => s.bylines },
  corrections: { label: '更正', stage: TEXT, value: (s: ArticleSnapshot) => s.corrections ?? [] },
  photoTexts: {
    label: '图片说明/摄影署名',
    stage: TEXT,
    value: (s: ArticleSnapshot) => s.photos.map((p) => [p.caption, p.credit, p.creditRole, p.creditKind]),
  },
};

export type ChangeVerdict = { stage: Stage; fields: string[] };

function judge(rules: Record<string, Rule>, before: unknown, after: unknown): ChangeVerdict | null {
  let stage: Stage | null = null;
  const fields: string[] = [];
  for (const rule of Object.values(rules)) {
    if (JSON.stringify(rule.value(before)) === JSON.stringify(rule.value(after))) continue;
    fields.push(rule.label);
    stage = stage ? lowerStage(stage, rule.stage) : rule.stage;
  }
  return stage ? { stage, fields } : null;
}

/** The stage a page must return to after this change of its own fields, or null if nothing that matters changed. */
export const judgePageChange = (before: PageSnapshot, after: PageSnapshot) => judge(PAGE_RULES, before, after);

/** The stage the pages carrying this article must return to after this change, or null. */
export const judgeArticleChange = (before: ArticleSnapshot, after: ArticleSnapshot) => judge(ARTICLE_RULES, before, after);
