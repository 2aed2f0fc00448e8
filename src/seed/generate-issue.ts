import type { Core } from '@strapi/strapi';
import { signOffPage } from '../signoff/service';
import { DEFAULT_LOCALE } from '../newsroom/glossary';

/**
 * Generated issues for tests and benchmarks, built through the Document Service
 * as an editor's admin session would: a publication, a column, a reporter, and
 * `pages × articlesPerPage` articles placed in reverse order (so ordering is tested).
 */
export async function makeIssue(
  strapi: Core.Strapi,
  opts: { number: number; pages: number; articlesPerPage: number; publish?: boolean; publication?: string; locale?: string; bodyParagraphs?: number },
) {
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const publication =
    opts.publication ??
    (await strapi.documents('api::publication.publication').create({ data: { name: `测试报${opts.number}-${Math.random().toString(36).slice(2, 7)}` } as any }))
      .documentId;
  const column = await strapi.documents('api::column.column').create({ data: { name: `栏目${Math.random().toString(36).slice(2, 6)}` } as any, locale });
  const author = await strapi
    .documents('api::contributor.contributor')
    .create({ data: { name: `记者${Math.random().toString(36).slice(2, 6)}`, kind: 'person' } as any });
  const issue = await strapi
    .documents('api::issue.issue')
    .create({ data: { number: opts.number, date: '2024-07-05', title: `第${opts.number}期`, publication } as any, locale });
  const articleIds: string[] = [];
  for (let p = 1; p <= opts.pages; p += 1) {
    const placements = [];
    for (let i = 1; i <= opts.articlesPerPage; i += 1) {
      const a = await strapi.documents('api::article.article').create({
        data: {
          headline: `第${p}版 稿件${i} ${opts.number}`,
          kicker: '引题',
          subtitle: '——副题',
          column: column.documentId,
          body: Array.from({ length: opts.bodyParagraphs ?? 2 }, (_, k) => `第${k + 1}段：党建引领基层治理，3年来成效明显。`).join('\n\n'),
          bylines: [{ role: '本报记者', contributors: [author.documentId] }],
          source: '人民日报',
        } as any,
        locale,
      });
      if (opts.publish !== false) await strapi.documents('api::article.article').publish({ documentId: a.documentId, locale });
      articleIds.push(a.documentId);
      placements.push({ article: a.documentId, order: opts.articlesPerPage - i + 1, span: 2, lead: i === 1 });
    }
    const page = await strapi.documents('api::page.page').create({
      data: { number: opts.pages - p + 1, name: `版名${p}`, theme: '主题', issue: issue.documentId, placements } as any,
      locale,
    });
    if (opts.publish !== false) await signOffPage(strapi, page.documentId, { editor: author, layout: author, proofreader: author } as any);
  }
  if (opts.publish !== false) await strapi.documents('api::issue.issue').publish({ documentId: issue.documentId, locale });
  return { issue, publication, articleIds, column, author };
}
