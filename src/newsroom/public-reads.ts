import type { Core } from '@strapi/strapi';
import { isApiTokenRequest } from './api-token';
import { filterProblem, populateFilterProblem } from './filter-shape';
import { refusal } from './refusals';
import { PUBLISHED, PublicFilterError, publicFilters, publicPopulate, publishedOnly, relationSortPath, type SchemaLookup } from './public-filters';

/**
 * What a content-API caller without an API token (anonymous, or a
 * users-permissions login) may read: published content only, at every depth.
 * One Document Service middleware, so every route (stock find/findOne, the
 * issue tree, anything added later) gets the same rule:
 *  - `status` other than `published` is refused (Strapi 5 hands drafts to any
 *    role with `find` that asks `?status=draft`);
 *  - filters and populate are rewritten so each relation step only reaches
 *    published rows (src/newsroom/public-filters.ts explains why);
 *  - sorting through a relation is refused (it would order by draft values);
 *  - columns and contributors are listed only when published content carries
 *    them (a published article's column, byline or photo credit, a published
 *    page's credits): a name typed for a draft is draft text too.
 */

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const ARTICLE = 'api::article.article';
const PAGE = 'api::page.page';
const COLUMN = 'api::column.column';
const CONTRIBUTOR = 'api::contributor.contributor';
const ID = { select: ['id'] };

/** The request is a content-API call by someone who may only read published content. */
export function isPublishedOnlyReader(request: any): boolean {
  return Boolean(request && request.state?.route?.info?.type === 'content-api' && !isApiTokenRequest(request));
}

/**
 * What the rule for listing columns and contributors reads. (The response cache needs no list of
 * these: it tags an answer by the queries that ran while computing it, these among them.)
 */
type RuleQuery = { uid: string; where: Record<string, unknown>; populate: Record<string, unknown> };
const RULE_QUERIES: Record<string, RuleQuery[]> = {
  [COLUMN]: [{ uid: ARTICLE, where: { ...PUBLISHED, column: { id: { $notNull: true } } }, populate: { column: ID } }],
  [CONTRIBUTOR]: [
    { uid: ARTICLE, where: PUBLISHED, populate: { bylines: { populate: { contributors: ID } }, photos: { populate: { credit: ID } } } },
    { uid: PAGE, where: PUBLISHED, populate: { credits: { populate: { editor: ID, layout: ID, proofreader: ID } } } },
  ],
};

const ruleRows = (strapi: Core.Strapi, q: RuleQuery): Promise<any[]> =>
  strapi.db.query(q.uid as any).findMany({ where: q.where, select: ['id'], populate: q.populate });

async function visibleColumnIds(strapi: Core.Strapi): Promise<number[]> {
  const [articles] = await Promise.all(RULE_QUERIES[COLUMN].map((q) => ruleRows(strapi, q)));
  return [...new Set(articles.map((r) => r.column?.id).filter(Boolean))];
}

async function visibleContributorIds(strapi: Core.Strapi): Promise<number[]> {
  const ids = new Set<number>();
  const [articles, pages] = await Promise.all(RULE_QUERIES[CONTRIBUTOR].map((q) => ruleRows(strapi, q)));
  for (const a of articles) {
    for (const b of a.bylines ?? []) for (const c of b.contributors ?? []) ids.add(c.id);
    for (const p of a.photos ?? []) if (p.credit?.id) ids.add(p.credit.id);
  }
  for (const p of pages) for (const role of ['editor', 'layout', 'proofreader']) if (p.credits?.[role]?.id) ids.add(p.credits[role].id);
  return [...ids];
}

/**
 * The rule for rows of `uid` listed on their own by a published-only reader, or
 * null when status=published is enough. Worked out once per request: a list asks
 * for its rows and then for their count.
 */
const ownRules = new WeakMap<object, Map<string, Promise<Record<string, unknown> | null>>>();
function ownRule(strapi: Core.Strapi, request: object, uid: string): Promise<Record<string, unknown> | null> {
  if (uid !== COLUMN && uid !== CONTRIBUTOR) return Promise.resolve(null);
  const rules = ownRules.get(request) ?? new Map();
  ownRules.set(request, rules);
  if (!rules.has(uid)) {
    const ids = uid === COLUMN ? visibleColumnIds(strapi) : visibleContributorIds(strapi);
    rules.set(
      uid,
      ids.then((list) => ({ id: { $in: list } })),
    );
  }
  return rules.get(uid)!;
}

export function schemaLookup(strapi: Core.Strapi): SchemaLookup {
  return (uid) => (strapi.getModel(uid as any) as any) ?? undefined;
}

export function registerPublicReads(strapi: Core.Strapi) {
  const lookup = schemaLookup(strapi);
  const visible = publishedOnly(lookup);
  strapi.documents.use(async (ctx: any, next: any) => {
    if (!READS.has(ctx.action)) return next();
    const request = strapi.requestContext.get() as any;
    // Any content-API caller, with a token too: a filter the query builder cannot read is a 400 naming its place, not a 500.
    if (request?.state?.route?.info?.type === 'content-api') {
      const bad = filterProblem(ctx.uid, ctx.params?.filters, lookup) ?? populateFilterProblem(ctx.uid, ctx.params?.populate, lookup);
      if (bad) throw refusal('query.badFilter', bad, { source: 'query', param: bad.parameter });
    }
    if (!isPublishedOnlyReader(request)) return next();
    const params = (ctx.params ??= {});
    const model = lookup(ctx.uid);
    // Refusals as codes worded for the asker (Accept-Language), like every refusal banmian gives.
    if (model?.options?.draftAndPublish && params.status !== undefined && params.status !== 'published') {
      throw refusal('read.draftNeedsToken', { status: String(params.status) });
    }
    const badSort = relationSortPath(ctx.uid, params.sort, lookup);
    if (badSort) throw refusal('read.sortThroughRelation', { sort: badSort }, { path: ['sort'] });
    try {
      params.filters = publicFilters(ctx.uid, params.filters, lookup, visible, await ownRule(strapi, request, ctx.uid));
      if (params.populate !== undefined) params.populate = publicPopulate(ctx.uid, params.populate, lookup, visible);
    } catch (error) {
      if (error instanceof PublicFilterError) throw refusal('read.dynamicZoneFilter', { parameter: error.path }, { path: error.path.split('.') });
      throw error;
    }
    return next();
  });
}
