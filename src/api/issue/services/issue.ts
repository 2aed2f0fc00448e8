import { factories } from '@strapi/strapi';
import { placedArticleIds, shapeIssueTree, type IssueTree } from '../../../newsroom/issue-tree';
import { versionRows } from '../../../newsroom/public-filters';

// What the tree reads, as plain data (entity-manager populate: the rows and fields
// named here, nothing else).
const NAME = { select: ['name'] };
/** What a page of the tree reads beside its own fields; printed.ts freezes the same. */
export const PAGE_POPULATE = {
  credits: { populate: { editor: NAME, layout: NAME, proofreader: NAME } },
  placements: { select: ['order', 'span', 'lead', 'col', 'colSpan', 'row', 'rowSpan'], populate: { article: { select: ['documentId'] } } },
};
export const PUBLICATION_POPULATE = { select: ['name', 'slug', 'email', 'pageFormat'], populate: { customFormat: true } };
const issuePopulate = (version: object, signed: boolean) => ({
  publication: PUBLICATION_POPULATE,
  pages: {
    // Published pages carry what was signed (src/signoff/printed.ts); drafts show the live rows.
    select: signed ? ['number', 'name', 'theme', 'printed'] : ['number', 'name', 'theme'],
    where: version,
    populate: PAGE_POPULATE,
  },
});

export const ARTICLE_POPULATE = {
  column: { select: ['name', 'slug'] },
  bylines: { select: ['role'], populate: { contributors: { select: ['name', 'kind'] } } },
  photos: {
    select: ['caption', 'creditRole', 'creditKind', 'position'],
    populate: { image: { select: ['url', 'width', 'height', 'formats', 'alternativeText'] }, credit: NAME },
  },
  // Readers see kind, text and date; `by` (who wrote the notice) stays in the admin.
  corrections: { select: ['kind', 'text', 'date'] },
} as const;
export const ARTICLE_FIELDS = ['documentId', 'locale', 'slug', 'kicker', 'headline', 'subtitle', 'body', 'source', 'suppliedBy', 'authorNote'];

export type TreeRequest = { documentId: string; locale?: string; status?: 'published' | 'draft' };
export type TreeResult = { tree: IssueTree; locale: string; requestedLocale: string; fallback: boolean } | null;

export default factories.createCoreService('api::issue.issue', ({ strapi }) => ({
  /**
   * The whole issue in a fixed number of queries, whatever its size: the issue
   * with its publication, pages, credits and placements, then every placed
   * article with its column, bylines and photos. Read through the entity manager
   * (strapi.db.query), which fetches exactly the rows and fields named above; the
   * Document Service's generic populate and its per-request middlewares cost most
   * of a request. Only the version asked for is read: published rows (or drafts)
   * at every level, which is what the public-read rules ask of the Document Service.
   * When the issue has no version in the requested locale, the default locale's
   * version is served and `fallback` says so.
   */
  async loadTree({ documentId, locale, status = 'published' }: TreeRequest): Promise<TreeResult> {
    const defaultLocale: string = await strapi.plugin('i18n').service('locales').getDefaultLocale();
    const requestedLocale = locale || defaultLocale;
    const version = versionRows(status);
    const signed = status === 'published';
    const issues = strapi.db.query('api::issue.issue');
    const find = (l: string) =>
      issues.findOne({
        where: { documentId, locale: l, ...version },
        select: signed ? ['documentId', 'locale', 'number', 'date', 'title', 'printed'] : ['documentId', 'locale', 'number', 'date', 'title'],
        populate: issuePopulate(version, signed) as any,
      });

    let servedLocale = requestedLocale;
    let issue: any = await find(requestedLocale);
    if (!issue && requestedLocale !== defaultLocale) {
      servedLocale = defaultLocale;
      issue = await find(defaultLocale);
    }
    if (!issue) return null;

    // Articles are read only for pages shown from the live rows (drafts, or pages published before snapshots).
    const ids = placedArticleIds({ pages: (issue.pages ?? []).filter((p: any) => !p.printed?.page) });
    const articles = ids.length
      ? await strapi.db.query('api::article.article').findMany({
          where: { documentId: { $in: ids }, locale: servedLocale, ...version },
          select: ARTICLE_FIELDS,
          populate: ARTICLE_POPULATE as any,
        })
      : [];
    const byId = new Map(articles.map((a: any) => [a.documentId, a]));
    return { tree: shapeIssueTree(issue, byId), locale: servedLocale, requestedLocale, fallback: servedLocale !== requestedLocale };
  },
}));
