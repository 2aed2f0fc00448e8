import type { Core } from '@strapi/strapi';
import { refusal } from '../newsroom/refusals';
import { pageStatus } from '../signoff/service';
import { diffVersions, type Change, type VersionSnapshot } from './diff';
import { versionHash } from '../signoff/snapshots';
import { currentSnapshot, findVersion, listVersions, type VersionInfo } from './versions';

/**
 * What changed since a signature (routes and permission checks: src/admin-api/routes.ts):
 *   changes   GET /banmian/pages/:documentId/changes[?since=<signature>][&to=<signature>]
 *             default since: the last signature; default to: the draft as it is now
 *   versions  GET /banmian/pages/:documentId/versions       the signed versions, newest first
 *   version   GET /banmian/pages/:documentId/versions/:id   one signed version, read-only, with its snapshot
 */

/** One end of a comparison: a signed version, or the draft (id null). */
export type SignedEnd = VersionInfo & { draft: false };
export type VersionEnd = SignedEnd | { id: null; draft: true; hash: string };
/** What GET /banmian/pages/:documentId/changes answers (the 签字 panel imports this type). */
export type ChangesView = { page: { documentId: string; label: string }; since: SignedEnd | null; to: VersionEnd; changes: Change[] };
export type VersionsView = { page: { documentId: string; label: string }; versions: VersionInfo[] };
export type VersionView = { page: { documentId: string; label: string }; version: VersionInfo; snapshot: VersionSnapshot; intact: boolean };

const param = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

export const changesAdminController = (strapi: Core.Strapi) => {
  async function page(documentId: string) {
    const status = await pageStatus(strapi, documentId);
    if (!status) throw refusal('entry.notFound', { type: 'page', documentId });
    return status;
  }
  async function signed(status: Awaited<ReturnType<typeof page>>, id: string) {
    const found = await findVersion(strapi, status.documentId, id);
    if (!found) throw refusal('changes.noSuchVersion', { page: { issue: status.issue?.number, number: status.number }, id });
    return found;
  }

  return {
    async changes(ctx: any) {
      const status = await page(ctx.params.documentId);
      const sinceId = param(ctx.query?.since);
      const toId = param(ctx.query?.to);
      const ref = { documentId: status.documentId, label: status.label };
      const to = toId ? await signed(status, toId) : null;
      const current = to ? null : await currentSnapshot(strapi, status.documentId);
      const toEnd: VersionEnd = to ? { ...strip(to), draft: false } : { id: null, draft: true, hash: current!.hash };
      let since = sinceId ? await signed(status, sinceId) : null;
      if (!sinceId) {
        const last = (await listVersions(strapi, status.documentId))[0];
        since = last ? await findVersion(strapi, status.documentId, last.id) : null;
      }
      // Nothing signed yet: nothing to compare with.
      const body: ChangesView = since
        ? { page: ref, since: { ...strip(since), draft: false }, to: toEnd, changes: diffVersions(since.snapshot, to ? to.snapshot : current!.snapshot) }
        : { page: ref, since: null, to: toEnd, changes: [] };
      ctx.body = body;
    },

    async versions(ctx: any) {
      const status = await page(ctx.params.documentId);
      const body: VersionsView = { page: { documentId: status.documentId, label: status.label }, versions: await listVersions(strapi, status.documentId) };
      ctx.body = body;
    },

    async version(ctx: any) {
      const status = await page(ctx.params.documentId);
      const found = await signed(status, String(ctx.params.id));
      const body: VersionView = {
        page: { documentId: status.documentId, label: status.label },
        version: strip(found),
        snapshot: found.snapshot,
        // Provable: the stored fingerprint is the fingerprint of the stored snapshot.
        intact: versionHash(found.snapshot.parts) === found.hash,
      };
      ctx.body = body;
    },
  };
};

function strip<T extends VersionInfo & { snapshot?: unknown }>(v: T): VersionInfo {
  const { id, role, stage, actorName, contributorName, at, hash } = v;
  return { id, role, stage, actorName, contributorName, at, hash };
}
