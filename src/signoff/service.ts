import type { Core } from '@strapi/strapi';
import { refusal } from '../newsroom/refusals';
import { asSignoffService } from './context';
import { normaliseName } from '../newsroom/names';
import { defaultLocale, pageVersion } from './snapshots';
import { isApiTokenRequest } from '../newsroom/api-token';
import { PAGE_DRAFT, issueIsPublished, publishPageWithArticles } from './publication';
import { SIGN_ROLES, ROLE_INFO, SUPER_ADMIN_CODE, type SignRole, type Stage, isStage, missingSignatures, pageLabel, signRefusal, stageIndex } from './stages';
import type { SignoffAction } from '../newsroom/glossary';
import { currentSnapshot, keepSignedVersion } from '../changes/versions';

/**
 * The sign-off chain against Strapi: read a page's stage and credits, sign it,
 * record resets.
 */

const PAGE = 'api::page.page';
const SIGNOFF = 'api::signoff.signoff';
const CONTRIBUTOR = 'api::contributor.contributor';

export type Actor = { name: string; email: string | null; roleCodes: string[] };
export type AdminUser = {
  id: number;
  email: string;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  roles?: Array<{ code: string }>;
};

const NAME = { select: ['documentId', 'name'] };
type Signer = { documentId: string; name: string };

const HAN_NAME = /^\p{Script=Han}+$/u;

export function actorOfUser(user: AdminUser): Actor {
  // A Chinese name is family name first, without a space (王芳); others as Strapi shows them.
  const chinese = user.firstname && user.lastname && HAN_NAME.test(user.firstname) && HAN_NAME.test(user.lastname);
  const name = (chinese ? `${user.lastname}${user.firstname}` : [user.firstname, user.lastname].filter(Boolean).join(' ')) || user.username || user.email;
  return { name, email: user.email, roleCodes: (user.roles ?? []).map((r) => r.code) };
}

/** Who is writing right now: the signed-in admin, an API token, or the system (seed, importer, scripts). */
export function currentActor(strapi: Core.Strapi): Actor {
  const ctx: any = strapi.requestContext.get();
  const user = ctx?.state?.user;
  if (user?.email && ctx?.state?.route?.info?.type === 'admin') return actorOfUser(user);
  const token = ctx?.state?.auth?.credentials;
  if (token?.name && isApiTokenRequest(ctx)) return { name: `API 令牌「${token.name}」`, email: null, roleCodes: [] };
  return { name: '系统', email: null, roleCodes: [] };
}

export type PageStatus = {
  documentId: string;
  number: number | null;
  label: string;
  stage: Stage;
  issue: { documentId: string; number: number | null } | null;
  credits: Record<SignRole, { documentId: string; name: string } | null>;
  missing: SignRole[];
};

function toStatus(row: any): PageStatus {
  const stage: Stage = isStage(row.stage) ? row.stage : 'collecting';
  const credits = Object.fromEntries(
    SIGN_ROLES.map((r) => [r, row.credits?.[r] ? { documentId: row.credits[r].documentId, name: row.credits[r].name } : null]),
  ) as PageStatus['credits'];
  const issue = row.issue ? { documentId: row.issue.documentId, number: row.issue.number ?? null } : null;
  return {
    documentId: row.documentId,
    number: row.number ?? null,
    label: pageLabel(row, issue),
    stage,
    issue,
    credits,
    missing: missingSignatures(stage, credits),
  };
}

const STATUS_POPULATE = {
  issue: { select: ['documentId', 'number'] },
  credits: { populate: { editor: NAME, layout: NAME, proofreader: NAME } },
};

/** A page's stage and credits (shared by all its locales; read off the draft, the working copy), or null if there is no such page. */
export async function pageStatus(strapi: Core.Strapi, documentId: string): Promise<(PageStatus & { locale: string }) | null> {
  const rows: any[] = await strapi.db.query(PAGE).findMany({ where: { documentId, ...PAGE_DRAFT }, populate: STATUS_POPULATE });
  if (!rows.length) return null;
  const fallback = await defaultLocale(strapi);
  const row = rows.find((r) => r.locale === fallback) ?? rows[0];
  return { ...toStatus(row), locale: row.locale };
}

/** The pages of an issue, one per document, in page-number order. */
export async function issuePages(strapi: Core.Strapi, issueDocumentId: string): Promise<PageStatus[]> {
  const rows: any[] = await strapi.db.query(PAGE).findMany({
    where: { issue: { documentId: issueDocumentId }, ...PAGE_DRAFT },
    populate: STATUS_POPULATE,
    orderBy: [{ number: 'asc' }],
  });
  const seen = new Map<string, PageStatus>();
  for (const row of rows) if (!seen.has(row.documentId)) seen.set(row.documentId, toStatus(row));
  return [...seen.values()];
}

/** One row of a page's 签字记录, as the admin shows it. */
export type HistoryRow = {
  /** The row's documentId: for a signature, the id of the version it covers (src/changes/). */
  documentId: string;
  action: SignoffAction;
  fromStage: Stage | null;
  toStage: Stage | null;
  role: SignRole | null;
  actorName: string;
  actorEmail: string | null;
  contributorName: string | null;
  reason: string | null;
  at: string;
  /** A signature's fingerprint of the version it covers (signed-version.hash). */
  version: string | null;
};

export async function pageHistory(strapi: Core.Strapi, documentId: string): Promise<HistoryRow[]> {
  return strapi.db.query(SIGNOFF).findMany({
    where: { pageDocumentId: documentId },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    select: ['documentId', 'action', 'fromStage', 'toStage', 'role', 'actorName', 'actorEmail', 'contributorName', 'reason', 'at', 'version'],
  });
}

export async function writeHistory(strapi: Core.Strapi, entry: Record<string, unknown>): Promise<{ documentId: string; at: string }> {
  return (await asSignoffService(() => strapi.documents(SIGNOFF as any).create({ data: { ...entry, at: new Date().toISOString() } as any }))) as any;
}

/**
 * The contributor an admin user signs as: the one whose 后台账号邮箱 (adminEmail)
 * is the user's e-mail. A user not linked yet is linked to the contributor of
 * the same name (a name is one person, see names.ts), or one is created from
 * the user's name, so the first signature just works; an admin can re-link by
 * editing adminEmail in 人员/单位.
 */
export async function contributorForUser(strapi: Core.Strapi, user: AdminUser): Promise<Signer> {
  const email = user.email.toLowerCase();
  const linked = await strapi.db.query(CONTRIBUTOR).findOne({ where: { adminEmail: { $eqi: email } }, select: ['documentId', 'name'] });
  if (linked) return linked;
  const name = normaliseName([user.lastname, user.firstname].filter(Boolean).join('')) || normaliseName(user.username ?? '') || email;
  const same: any = await strapi.db.query(CONTRIBUTOR).findOne({ where: { name }, select: ['documentId', 'name', 'adminEmail'] });
  if (same?.adminEmail) {
    throw refusal('sign.contributorLinked', { name, linkedEmail: same.adminEmail, email: user.email });
  }
  // The sign-off service links the account itself; nobody else may write adminEmail (contributor-guards.ts).
  const docs = strapi.documents(CONTRIBUTOR as any);
  if (same) return (await asSignoffService(() => docs.update({ documentId: same.documentId, data: { adminEmail: email } as any }))) as any;
  return (await asSignoffService(() => docs.create({ data: { name, kind: 'person', adminEmail: email } as any }))) as any;
}

/**
 * Signs `role` on a page for `actor`: checks the role and the order, sets the
 * stage, fills the page's credit with `contributor` and records the signature.
 * Throws (403 wrong role, 400 out of order, 404 no page) and changes nothing.
 */
export async function signPage(
  strapi: Core.Strapi,
  input: {
    documentId: string;
    role: SignRole;
    actor: Actor;
    contributor: Signer | (() => Promise<Signer>);
    version?: string;
    /** A further reason to refuse, asked inside the transaction once the signature is in order (the 审校's open findings). */
    gate?: (page: PageStatus) => Promise<Error | null>;
  },
) {
  if (!SIGN_ROLES.includes(input.role)) throw refusal('sign.unknownRole', { role: input.role, roles: SIGN_ROLES });
  return strapi.db.transaction(async () => {
    const page = await pageStatus(strapi, input.documentId);
    if (!page) throw refusal('entry.notFound', { type: 'page', documentId: input.documentId });
    const why = signRefusal(page.stage, input.role, input.actor.roleCodes, { issue: page.issue?.number, number: page.number });
    if (why) throw refusal(why.code, why.params);
    if (input.version !== undefined && input.version !== (await pageVersion(strapi, page.documentId))) {
      throw refusal('sign.stale', { page: { issue: page.issue?.number, number: page.number } });
    }
    const gated = input.gate && (await input.gate(page));
    if (gated) throw gated;

    const contributor = typeof input.contributor === 'function' ? await input.contributor() : input.contributor;
    const to = ROLE_INFO[input.role].stage;
    const credits = Object.fromEntries(SIGN_ROLES.map((r) => [r, page.credits[r]?.documentId ?? null]));
    credits[input.role] = contributor.documentId;
    await asSignoffService(() =>
      strapi.documents(PAGE as any).update({ documentId: page.documentId, locale: page.locale, data: { stage: to, credits } as any }),
    );
    // What this signature covers: the page as it is now, signed (src/changes/).
    const signed = await currentSnapshot(strapi, page.documentId);
    const row = await writeHistory(strapi, {
      pageDocumentId: page.documentId,
      label: page.label,
      action: 'signed',
      version: signed.hash,
      fromStage: page.stage,
      toStage: to,
      role: input.role,
      actorName: input.actor.name,
      actorEmail: input.actor.email,
      contributor: contributor.documentId,
      contributorName: contributor.name,
    });
    await keepSignedVersion(
      strapi,
      {
        pageDocumentId: page.documentId,
        signature: row.documentId,
        role: input.role,
        stage: to,
        actorName: input.actor.name,
        contributorName: contributor.name,
        at: row.at,
      },
      signed,
    );
    // The last signature of a page of a live issue puts this version in front of readers.
    if (to === 'proofread' && (await issueIsPublished(strapi, page.issue?.documentId))) await publishPageWithArticles(strapi, page.documentId);
    return (await pageStatus(strapi, page.documentId))!;
  });
}

/** Sends a page back to `to` after a change, with the reason in the history. No-op if it is already there or lower. */
export async function resetPage(strapi: Core.Strapi, documentId: string, to: Stage, reason: string) {
  const page = await pageStatus(strapi, documentId);
  if (!page || stageIndex(page.stage) <= stageIndex(to)) return;
  // stage is not localised: every locale's draft goes back together. The published
  // rows keep the stage they were signed at: they are the last signed version.
  await strapi.db.query(PAGE).updateMany({ where: { documentId, ...PAGE_DRAFT }, data: { stage: to } });
  const actor = currentActor(strapi);
  await writeHistory(strapi, {
    pageDocumentId: documentId,
    label: page.label,
    action: 'returned',
    fromStage: page.stage,
    toStage: to,
    actorName: actor.name,
    actorEmail: actor.email,
    reason,
  });
}

/**
 * Signs a page through the whole chain for scripts (demo seed, generated test
 * issues, historical imports): each signature in order, in the history as
 * `actorName`, crediting the given contributors.
 */
export async function signOffPage(strapi: Core.Strapi, documentId: string, credits: Record<SignRole, Signer>, actorName = '系统') {
  const actor: Actor = { name: actorName, email: null, roleCodes: [SUPER_ADMIN_CODE] };
  let status = await pageStatus(strapi, documentId);
  for (const role of SIGN_ROLES) {
    if (status && stageIndex(status.stage) < stageIndex(ROLE_INFO[role].stage)) {
      status = await signPage(strapi, { documentId, role, actor, contributor: credits[role] });
    }
  }
  return status;
}
