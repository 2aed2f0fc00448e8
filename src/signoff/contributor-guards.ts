import type { Core } from '@strapi/strapi';
import { refusal } from '../newsroom/refusals';
import { SUPER_ADMIN_CODE } from './stages';

/**
 * A contributor is who a signature prints. Two guards:
 *  - one credited on a page, in a byline or under a photo cannot be deleted;
 *  - the link to an admin account (adminEmail) is set only by a Super Admin (or
 *    by the sign-off service on a first signature): whoever could edit it could
 *    sign under another person's name.
 */

const PAGE = 'api::page.page';
const ARTICLE = 'api::article.article';
const CONTRIBUTOR = 'api::contributor.contributor';

const normal = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().toLowerCase() : null);

export async function guardAccountLink(strapi: Core.Strapi, documentId: string | undefined, data: Record<string, any> | undefined) {
  if (!data || !('adminEmail' in data)) return;
  const current: any = documentId ? await strapi.db.query(CONTRIBUTOR).findOne({ where: { documentId }, select: ['adminEmail'] }) : null;
  if (normal(data.adminEmail) === normal(current?.adminEmail)) return;
  const request: any = strapi.requestContext.get();
  const isAdminRoute = request?.state?.route?.info?.type === 'admin';
  const superAdmin = isAdminRoute && (request.state.user?.roles ?? []).some((r: any) => r.code === SUPER_ADMIN_CODE);
  // Scripts (seed, importer) run without a request; every request but a Super Admin's is refused.
  if (request && !superAdmin) {
    throw refusal('contributor.adminEmailSuperAdmin', {});
  }
}

export async function guardContributorDelete(strapi: Core.Strapi, id: string | undefined) {
  if (!id) return;
  const contributor: any = await strapi.db.query(CONTRIBUTOR).findOne({ where: { documentId: id }, select: ['name'] });
  if (!contributor) return;
  const who = { documentId: id };
  const pages: any[] = await strapi.db.query(PAGE).findMany({
    where: { $or: [{ credits: { editor: who } }, { credits: { layout: who } }, { credits: { proofreader: who } }] },
    populate: { issue: { select: ['number'] } },
    select: ['documentId', 'number'],
  });
  const byNumber = [...new Map(pages.map((p) => [p.documentId, p])).values()].sort(
    (a, b) => (a.issue?.number ?? 0) - (b.issue?.number ?? 0) || a.number - b.number,
  );
  const articles: any[] = await strapi.db.query(ARTICLE).findMany({
    where: { $or: [{ bylines: { contributors: who } }, { photos: { credit: who } }] },
    select: ['documentId', 'headline'],
  });
  const headlines = [...new Map(articles.map((a) => [a.documentId, a.headline as string])).values()];
  if (byNumber.length || headlines.length) {
    const pageRefs = byNumber.map((p) => ({ issue: p.issue?.number ?? null, number: p.number }));
    throw refusal('contributor.inUse', { name: contributor.name, pages: pageRefs, articles: headlines });
  }
}
