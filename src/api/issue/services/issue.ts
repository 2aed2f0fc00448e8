import { factories } from '@strapi/strapi';
import { placedArticleIds, shapeIssueTree, type IssueTree } from '../../../newsroom/issue-tree';

// The populate trees as plain data, so the response shape reads at a glance.
const ISSUE_POPULATE = {
  publication: { fields: ['name', 'slug', 'email'] },
  pages: {
    fields: ['number', 'name', 'theme'],
    populate: {
      credits: { populate: { editor: { fields: ['name'] }, layout: { fields: ['name'] }, proofreader: { fields: ['name'] } } },
      placements: { populate: { article: { fields: ['documentId'] } } },
    },
  },
} as const;

export const ARTICLE_POPULATE = {
  column: { fields: ['name', 'slug'] },
  bylines: { populate: { contributors: { fields: ['name', 'kind'] } } },
  photos: { populate: { image: true, credit: { fields: ['name'] } } },
} as const;

export type TreeRequest = { documentId: string; locale?: string; status?: 'published' | 'draft' };
export type TreeResult = { tree: IssueTree; locale: string; requestedLocale: string; fallback: boolean } | null;

export default factories.createCoreService('api::issue.issue', ({ strapi }) => ({
  /**
   * The whole issue in a fixed number of queries: one populate for the issue,
   * its pages and placements, one batched fetch of every placed article. The
   * count does not grow with the number of articles.
   * When the issue has no version in the requested locale, the default
   * locale's version is served and `fallback` says so.
   */
  async loadTree({ documentId, locale, status = 'published' }: TreeRequest): Promise<TreeResult> {
    const defaultLocale: string = await strapi.plugin('i18n').service('locales').getDefaultLocale();
    const requestedLocale = locale || defaultLocale;
    const issues = strapi.documents('api::issue.issue');

    let servedLocale = requestedLocale;
    let issue = await issues.findOne({ documentId, locale: requestedLocale, status, populate: ISSUE_POPULATE as any });
    if (!issue && requestedLocale !== defaultLocale) {
      servedLocale = defaultLocale;
      issue = await issues.findOne({ documentId, locale: defaultLocale, status, populate: ISSUE_POPULATE as any });
    }
    if (!issue) return null;

    const ids = placedArticleIds(issue);
    const articles = ids.length
      ? await strapi.documents('api::article.article').findMany({
          filters: { documentId: { $in: ids } },
          locale: servedLocale,
          status,
          populate: ARTICLE_POPULATE as any,
          limit: ids.length,
        })
      : [];
    const byId = new Map(articles.map((a: any) => [a.documentId, a]));
    return { tree: shapeIssueTree(issue, byId), locale: servedLocale, requestedLocale, fallback: servedLocale !== requestedLocale };
  },
}));
