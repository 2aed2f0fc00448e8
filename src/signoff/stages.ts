/**
 * The newsroom's sign-off chain for a printed page, as pure data and rules:
 * 采编 → 已编辑 (编辑签字) → 已排版 (版式签字) → 已审校 (审校签字).
 * Nothing here touches Strapi; src/signoff/service.ts applies it.
 */

import { SIGN_ROLES, SIGN_ROLE_LABEL, STAGES, STAGE_LABEL, pageName, signatureName, type SignRole, type Stage } from '../newsroom/glossary';
import type { Message } from '../newsroom/messages';

type PageRef = { issue?: number | null; number: number | null };

export { SIGN_ROLES, STAGES, STAGE_LABEL, type SignRole, type Stage };

/** The stage a role's signature brings a page to, and the admin role (by code) allowed to give it. */
export const ROLE_INFO: Record<SignRole, { stage: Stage; label: string; button: string; roleCode: string }> = {
  editor: { stage: 'edited', label: SIGN_ROLE_LABEL.editor, button: signatureName('editor'), roleCode: 'banmian-editor' },
  layout: { stage: 'laid_out', label: SIGN_ROLE_LABEL.layout, button: signatureName('layout'), roleCode: 'banmian-layout' },
  proofreader: { stage: 'proofread', label: SIGN_ROLE_LABEL.proofreader, button: signatureName('proofreader'), roleCode: 'banmian-proofreader' },
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

export type SignRefusal = Message<'sign.roleNotHeld' | 'sign.complete' | 'sign.alreadySigned' | 'sign.outOfOrder'>;

/**
 * Why `role` may not sign a page now at `stage`, for a user holding `roleCodes`
 * (admin role codes), or null when the signature is in order. `page` names the page in the message.
 */
export function signRefusal(stage: Stage, role: SignRole, roleCodes: string[], page: PageRef): SignRefusal | null {
  if (!rolesHeld(roleCodes).includes(role)) return { code: 'sign.roleNotHeld', params: { role } };
  const next = nextRole(stage);
  if (next === role) return null;
  if (next === null) return { code: 'sign.complete', params: { page } };
  const code = stageIndex(stage) >= stageIndex(ROLE_INFO[role].stage) ? 'sign.alreadySigned' : 'sign.outOfOrder';
  return { code, params: { page, stage, role, next } };
}

export type PageCredits = Partial<Record<SignRole, { name?: string | null } | string | null | undefined>>;

/** What keeps a page from print: the signatures still missing, empty when ready. */
export function missingSignatures(stage: Stage, credits: PageCredits | null | undefined): SignRole[] {
  const done = stageIndex(stage);
  return SIGN_ROLES.filter((role, i) => i >= done || !credits?.[role]);
}

export function pageLabel(page: { number?: number | null }, issue?: { number?: number | null } | null) {
  return pageName(issue?.number, page.number);
}

/**
 * Why an issue may not go to print yet (the unsigned pages, in the order given),
 * or null when every page is signed off. An issue without pages is refused too.
 */
export function publishRefusal(
  pages: Array<{ documentId: string; number: number | null; stage: Stage; missing: SignRole[] }>,
  issue: number | null,
): (Message<'issue.noPages' | 'issue.unsigned'> & { pages: typeof pages }) | null {
  if (!pages.length) return { code: 'issue.noPages', params: { issue }, pages: [] };
  const blocked = pages.filter((p) => p.missing.length > 0).map(({ documentId, number, stage, missing }) => ({ documentId, number, stage, missing }));
  if (!blocked.length) return null;
  return { code: 'issue.unsigned', params: { issue, pages: blocked.map(({ number, stage, missing }) => ({ number, stage, missing })) }, pages: blocked };
}
