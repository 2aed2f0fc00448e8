import { strapi } from '@strapi/client';

/** A frontend reads the published articles of one column and a whole issue from banmian. */
export async function readAnIssue(baseURL: string, issueDocumentId: string) {
  const client = strapi({ baseURL }); // e.g. http://localhost:1337/api; no token: published content only

  const articles = await client.collection('articles').find({
    filters: { column: { name: { $eq: '争先创优' } } },
    fields: ['headline', 'subtitle', 'slug'],
    sort: 'headline',
  });

  const response = await client.fetch(`/issues/${issueDocumentId}/tree?locale=zh-Hans`);
  const { data: tree } = (await response.json()) as {
    data: { number: number; pages: Array<{ number: number; placements: Array<{ article: { headline: string } }> }> };
  };

  return {
    column: articles.data.map((a) => a.headline as string),
    issue: tree.number,
    pages: tree.pages.map((p) => ({ page: p.number, headlines: p.placements.map((pl) => pl.article.headline) })),
  };
}
