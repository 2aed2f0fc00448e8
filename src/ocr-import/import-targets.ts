import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE } from '../newsroom/glossary';
import { assertAdminCan, entriesAdminCan } from '../newsroom/admin-ability';

const PUBLICATION = 'api::publication.publication';
const ISSUE = 'api::issue.issue';

/** What GET /banmian/import/targets answers: where this admin may import a page (the form's pickers). */
export type ImportTargets = {
  publications: Array<{
    documentId: string;
    name: string;
    issues: Array<{ documentId: string; number: number; date: string | null; canUpdate: boolean; pages: Array<{ number: number; name: string | null }> }>;
  }>;
  /** May this admin create an issue (the form's 新建一期)? */
  canCreateIssue: boolean;
};

/**
 * The publications this admin may read, each with its issues this admin may
 * read (newest first, with the numbers and names of their pages, so the form can
 * say when a page number is taken) and whether they may change each one.
 * Issues are listed in the newsroom's locale, where the importer writes.
 */
export async function listImportTargets(strapi: Core.Strapi, ctx: any): Promise<ImportTargets> {
  assertAdminCan(ctx, 'read', PUBLICATION);
  const all: any[] = await strapi.db.query(PUBLICATION).findMany({ select: ['documentId', 'name'], orderBy: { name: 'asc' } });
  const readable = await entriesAdminCan(
    strapi,
    ctx,
    'read',
    PUBLICATION,
    all.map((p) => p.documentId),
  );
  const publications = all.filter((p) => readable.has(p.documentId));
  const issues: any[] = publications.length
    ? await strapi.documents(ISSUE).findMany({
        filters: { publication: { documentId: { $in: publications.map((p) => p.documentId) } } } as any,
        locale: DEFAULT_LOCALE,
        status: 'draft',
        fields: ['number', 'date'],
        populate: { publication: { fields: ['documentId'] }, pages: { fields: ['number', 'name'] } } as any,
        sort: 'number:desc',
      })
    : [];
  const ids = issues.map((i) => i.documentId as string);
  const [canRead, canUpdate] = [await entriesAdminCan(strapi, ctx, 'read', ISSUE, ids), await entriesAdminCan(strapi, ctx, 'update', ISSUE, ids)];
  return {
    publications: publications.map((p) => ({
      documentId: p.documentId,
      name: p.name,
      issues: issues
        .filter((i) => i.publication?.documentId === p.documentId && canRead.has(i.documentId))
        .map((i) => ({
          documentId: i.documentId,
          number: i.number,
          date: i.date ?? null,
          canUpdate: canUpdate.has(i.documentId),
          pages: (i.pages ?? []).map((pg: any) => ({ number: pg.number, name: pg.name ?? null })).sort((a: any, b: any) => a.number - b.number),
        })),
    })),
    canCreateIssue: Boolean(ctx.state.userAbility?.can('plugin::content-manager.explorer.create', ISSUE)),
  };
}
