/**
 * The newsroom's sign-off chain for a printed page, as pure data and rules:
 * 采编 → 已编辑 (编辑签字) → 已排版 (版式签字) → 已审校 (审校签字).
 * Nothing here touches Strapi; src/signoff/service.ts applies it.
 */

import { SIGN_ROLES, SIGN_ROLE_LABEL, STAGES, STAGE_LABEL, type SignRole, type Stage } from '../newsroom/glossary';

export { SIGN_ROLES, STAGES, STAGE_LABEL, type SignRole, type Stage };

/** The stage a role's signature brings a page to, and the admin role (by code) allowed to give it. */
export const ROLE_INFO: Record<SignRole, { stage: Stage; label: string; button: string; roleCode: string }> = {
  editor: { stage: 'edited', label: SIGN_ROLE_LABEL.editor, button: `${SIGN_ROLE_LABEL.editor}签字`, roleCode: 'banmian-editor' },
  layout: { stage: 'laid_out', label: SIGN_ROLE_LABEL.layout, button: `${SIGN_ROLE_LABEL.layout}签字`, roleCode: 'banmian-layout' },
  proofreader: { stage: 'proofread', label: SIGN_ROLE_LABEL.proofreader, button: `${SIGN_ROLE_LABEL.proofreader}签字`, roleCode: 'banmian-proofreader' },
};

export const SUPER_ADMIN_CODE = 'strapi-super-admin';

export const stageIndex = (stage: Stage | null | undefined) => Math.max(0, STAGES.indexOf((stage ?? 'collecting') as Stage));
export const isStage = (value: unknown): value is Stage => STAGES.includes(value as Stage);

/** The role whose signature comes next, or null when the page is fully signed. */
export function nextRole(stage: Stage): SignRole | null {
  return SIGN_ROLES[stageIndex(stage)] ?? null;
}

/** The stage a page is at before `role` has signed. */
export function stageBefore(role: SignRole): Stage {
  return STAGES[stageIndex(ROLE_INFO[role].stage) - 1];
}

export function lowerStage(a: Stage, b: Stage): Stage {
  return stageIndex(a) <= stageIndex(b) ? a : b;
}

/** The roles whose signatures a user holding these admin role codes may give. */
export function rolesHeld(roleCodes: string[]): SignRole[] {
  if (roleCodes.includes(SUPER_ADMIN_CODE)) return [...SIGN_ROLES];
  return SIGN_ROLES.filter((r) => roleCodes.includes(ROLE_INFO[r].roleCode));
}

export type SignRefusal = { status: 400 | 403; message: string };

/**
 * Why `role` may not sign a page now at `stage`, for a user holding `roleCodes`
 * (admin role codes), or null when the signature is in order.
 */
export function signRefusal(stage: Stage, role: SignRole, roleCodes: string[], pageLabel: string): SignRefusal | null {
  const info = ROLE_INFO[role];
  if (!rolesHeld(roleCodes).includes(role)) {
    return { status: 403, message: `只有「${info.label}」角色（或超级管理员）可以${info.button}；你的账号没有这个角色` };
  }
  const next = nextRole(stage);
  if (next === role) return null;
  if (next === null) return { status: 400, message: `${pageLabel}已审校，签字已齐全；改动版面后才需要重新签字` };
  if (stageIndex(stage) >= stageIndex(info.stage)) {
    return { status: 400, message: `${pageLabel}当前为「${STAGE_LABEL[stage]}」，${info.label}已签过；下一步应由${ROLE_INFO[next].label}签字` };
  }
  return {
    status: 400,
    message: `${pageLabel}当前为「${STAGE_LABEL[stage]}」，须先由${ROLE_INFO[next].label}签字（${ROLE_INFO[next].button}），才能${info.button}`,
  };
}

export type PageCredits = Partial<Record<SignRole, { name?: string | null } | string | null | undefined>>;

/** What keeps a page from print: the signatures (by label) still missing, empty when ready. */
export function missingSignatures(stage: Stage, credits: PageCredits | null | undefined): string[] {
  const done = stageIndex(stage);
  return SIGN_ROLES.filter((role, i) => i >= done || !credits?.[role]).map((role) => ROLE_INFO[role].label);
}

export function pageLabel(page: { number?: number | null }, issue?: { number?: number | null } | null) {
  return `${issue?.number != null ? `第${issue.number}期` : ''}第${page.number ?? '?'}版`;
}

/**
 * Why an issue may not go to print yet (one line per page, in the order given),
 * or null when every page is signed off. An issue without pages is refused too.
 */
export function publishRefusal(pages: Array<{ documentId: string; number: number | null; stage: Stage; missing: string[] }>, issueNumber: number | null) {
  const head = `第${issueNumber ?? '?'}期不能发布：`;
  if (!pages.length) return { message: `${head}还没有任何版面`, pages: [] };
  const blocked = pages.filter((p) => p.missing.length > 0);
  if (!blocked.length) return null;
  const lines = blocked.map((p) => `第${p.number}版（${STAGE_LABEL[p.stage]}）缺${p.missing.join('、')}签字`);
  return {
    message: `${head}${lines.join('；')}。每一版都要编辑、版式、审校签字（已审校）后才能发布`,
    pages: blocked.map((p) => ({ documentId: p.documentId, number: p.number, stage: p.stage, missing: p.missing })),
  };
}
