import type { Core } from '@strapi/strapi';
import { asPublicationCascade } from '../signoff/context';
import { issueIsPublished } from '../signoff/publication';
import { isStage, missingSignatures } from '../signoff/stages';

/**
 * Pages gained Draft & Publish. On a database made before that, Strapi's own
 * migration publishes every page (and copies it into a draft), so pages of draft
 * issues and unsigned pages would be public. Once per database, every published
 * page row is checked against the publication model (signoff/publication.ts): it
 * stays only if it is itself signed off (已审校 with its three credits) and its
 * issue is published; any other is taken off the public side. Drafts are untouched.
 */
const KEY = 'pagesFollowSignatures';
const ID = { select: ['documentId'] };

export async function ensurePagePublication(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: 'banmian' });
  if (await store.get({ key: KEY })) return { checked: 0, withdrawn: 0 };
  const report = await reconcilePublishedPages(strapi);
  await store.set({ key: KEY, value: true });
  return report;
}

export async function reconcilePublishedPages(strapi: Core.Strapi) {
  const rows: any[] = await strapi.db.query('api::page.page').findMany({
    where: { publishedAt: { $notNull: true } },
    select: ['documentId', 'locale', 'stage'],
    populate: { credits: { populate: { editor: ID, layout: ID, proofreader: ID } } },
  });
  let withdrawn = 0;
  await asPublicationCascade(async () => {
    for (const row of rows) {
      const draft: any = await strapi.db.query('api::page.page').findOne({ where: { documentId: row.documentId, publishedAt: null }, populate: { issue: ID } });
      const signed = isStage(row.stage) && missingSignatures(row.stage, row.credits).length === 0;
      if (signed && (await issueIsPublished(strapi, draft?.issue?.documentId))) continue;
      await strapi.documents('api::page.page' as any).unpublish({ documentId: row.documentId, locale: row.locale });
      withdrawn += 1;
    }
  });
  return { checked: rows.length, withdrawn };
}
