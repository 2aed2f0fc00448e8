import type { Core } from '@strapi/strapi';
import { pageVersionParts, versionHash } from '../signoff/snapshots';
import { referencedIds, type Names, type VersionSnapshot } from './diff';
import type { SignRole, Stage } from '../signoff/stages';

/**
 * Signed versions against Strapi: at each signature the sign-off service keeps
 * what it covered (`signed-version`, one per signature, written with db.query —
 * nobody writes it through the API) with its fingerprint, the same one
 * pageVersion computes; the signature's history row names that fingerprint, so
 * what was signed can be shown, and checked, after the fact.
 */

const VERSION = 'api::signed-version.signed-version';

/** A signed version as the routes list it (without its snapshot). */
export type VersionInfo = {
  /** The signature's id: the documentId of its 签字记录 row. */
  id: string;
  role: SignRole | null;
  stage: Stage | null;
  actorName: string | null;
  contributorName: string | null;
  at: string;
  hash: string;
};

const INFO = ['signature', 'role', 'stage', 'actorName', 'contributorName', 'at', 'hash'];
const toInfo = (row: any): VersionInfo => ({
  id: row.signature,
  role: row.role ?? null,
  stage: row.stage ?? null,
  actorName: row.actorName ?? null,
  contributorName: row.contributorName ?? null,
  at: new Date(row.at).toISOString(),
  hash: row.hash,
});

/** The names the version prints, looked up now (kept with a signed version, so later renames do not rewrite it). */
async function namesOf(strapi: Core.Strapi, ids: ReturnType<typeof referencedIds>): Promise<Names> {
  const find = (uid: string, documentIds: string[], select: string[]) =>
    documentIds.length ? strapi.db.query(uid as any).findMany({ where: { documentId: { $in: documentIds } }, select }) : Promise.resolve([]);
  const [contributors, columns, issues, files] = await Promise.all([
    find('api::contributor.contributor', ids.contributors, ['documentId', 'name']),
    find('api::column.column', ids.columns, ['documentId', 'name']),
    find('api::issue.issue', ids.issues, ['documentId', 'number']),
    ids.files.length ? strapi.db.query('plugin::upload.file').findMany({ where: { id: { $in: ids.files } }, select: ['id', 'name'] }) : [],
  ]);
  return {
    contributors: Object.fromEntries(contributors.map((c: any) => [c.documentId, c.name])),
    columns: Object.fromEntries(columns.map((c: any) => [c.documentId, c.name])),
    issues: Object.fromEntries(issues.map((i: any) => [i.documentId, i.number ?? null])),
    files: Object.fromEntries(files.map((f: any) => [String(f.id), f.name])),
  };
}

/** The page's draft as it is now, in every locale, with the names it prints. */
export async function currentSnapshot(strapi: Core.Strapi, documentId: string): Promise<{ snapshot: VersionSnapshot; hash: string }> {
  const parts = await pageVersionParts(strapi, documentId);
  return { snapshot: { parts, names: await namesOf(strapi, referencedIds(parts)) }, hash: versionHash(parts) };
}

/** Keeps the version a signature covers (the draft right after the signature: its stage and credits included); answers its fingerprint. */
export async function keepSignedVersion(
  strapi: Core.Strapi,
  input: { pageDocumentId: string; signature: string; role: SignRole; stage: Stage; actorName: string; contributorName: string; at: string },
  current: { snapshot: VersionSnapshot; hash: string },
) {
  await strapi.db.query(VERSION as any).create({ data: { ...input, hash: current.hash, snapshot: current.snapshot } });
  return current.hash;
}

/** The page's signed versions, newest first. */
export async function listVersions(strapi: Core.Strapi, pageDocumentId: string): Promise<VersionInfo[]> {
  const rows: any[] = await strapi.db.query(VERSION as any).findMany({
    where: { pageDocumentId },
    select: INFO,
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
  });
  return rows.map(toInfo);
}

/** One signed version of the page with its snapshot, or null (unknown, or another page's). */
export async function findVersion(strapi: Core.Strapi, pageDocumentId: string, signature: string) {
  const row: any = await strapi.db.query(VERSION as any).findOne({ where: { pageDocumentId, signature }, select: [...INFO, 'snapshot'] });
  if (!row) return null;
  const snapshot: VersionSnapshot = typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot;
  return { ...toInfo(row), snapshot };
}
