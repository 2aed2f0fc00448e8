/**
 * The OpenAPI description of `GET /api/issues/{documentId}/tree`, the shapes of
 * issue-tree.ts written as JSON Schema for @strapi/plugin-documentation (src/index.ts
 * registers it). tests/api/openapi.test.ts validates real answers against it, so
 * it cannot drift from what the endpoint returns.
 */

const str = { type: 'string' };
const nullable = (schema: object) => ({ ...schema, nullable: true });
const obj = (properties: Record<string, object>, required = Object.keys(properties)) => ({ type: 'object', additionalProperties: false, required, properties });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const named = obj({ name: str });

export const TREE_SCHEMAS = {
  IssueTreeImage: obj({
    url: str,
    width: nullable({ type: 'integer' }),
    height: nullable({ type: 'integer' }),
    formats: nullable({ type: 'object' }),
    alternativeText: nullable(str),
  }),
  IssueTreePhoto: obj({
    image: nullable(ref('IssueTreeImage')),
    caption: nullable(str),
    credit: nullable(named),
    creditRole: nullable(str),
    creditKind: nullable({ type: 'string', enum: ['摄', '供图', '提供', null] }),
    position: nullable(str),
  }),
  IssueTreeArticle: obj({
    documentId: str,
    locale: nullable(str),
    slug: nullable(str),
    kicker: nullable(str),
    headline: str,
    subtitle: nullable(str),
    column: nullable(obj({ name: str, slug: nullable(str) })),
    bylines: { type: 'array', items: obj({ role: nullable(str), contributors: { type: 'array', items: obj({ name: str, kind: str }) } }) },
    body: { type: 'string', description: 'Markdown (rendered without raw HTML)' },
    photos: { type: 'array', items: ref('IssueTreePhoto') },
    source: nullable(str),
    suppliedBy: nullable(str),
    authorNote: nullable(str),
    corrections: {
      type: 'array',
      description: 'Notices readers see with the article (更正 correction, 说明 clarification, 致歉 apology), oldest first',
      items: obj({ kind: { type: 'string', enum: ['更正', '说明', '致歉'] }, text: str, date: { type: 'string', format: 'date' } }),
    },
  }),
  IssueTreePageFormat: obj({
    key: { type: 'string', enum: ['broadsheet', 'tabloid', 'custom'], description: 'broadsheet 对开, tabloid 四开, custom: the figures in custom' },
    custom: nullable(
      obj(
        Object.fromEntries(
          ['paperWidth', 'paperHeight', 'typeWidth', 'typeHeight', 'columns', 'gutter', 'rows', 'bodySize', 'leading'].map((f) => [
            f,
            nullable({ type: 'number' }),
          ]),
        ),
      ),
    ),
  }),
  IssueTreePage: obj({
    number: { type: 'integer' },
    name: nullable(str),
    theme: nullable(str),
    credits: obj({ editor: nullable(named), layout: nullable(named), proofreader: nullable(named) }),
    placements: {
      type: 'array',
      items: obj({
        order: { type: 'integer' },
        span: { type: 'integer' },
        lead: { type: 'boolean' },
        col: nullable({ type: 'integer', description: "First column of the placement's rectangle on the module grid (1-based); null: laid out automatically" }),
        colSpan: nullable({ type: 'integer' }),
        row: nullable({ type: 'integer' }),
        rowSpan: nullable({ type: 'integer' }),
        // null only when the article was withdrawn (撤稿): see withdrawn.
        article: nullable(ref('IssueTreeArticle')),
        withdrawn: nullable({
          ...obj({ date: { type: 'string', format: 'date' }, notice: str }),
          description: 'The article printed here was withdrawn (撤稿; article is then null): readers see this notice in its rectangle',
        }),
      }),
    },
  }),
  IssueTree: obj({
    documentId: str,
    locale: nullable(str),
    number: { type: 'integer' },
    date: { type: 'string', format: 'date' },
    title: nullable(str),
    publication: nullable(obj({ name: str, slug: nullable(str), email: nullable(str), pageFormat: ref('IssueTreePageFormat') })),
    pages: { type: 'array', items: ref('IssueTreePage') },
  }),
  IssueTreeResponse: obj({
    data: ref('IssueTree'),
    meta: obj({ locale: str, requestedLocale: str, fallback: { type: 'boolean' }, status: { type: 'string', enum: ['published', 'draft'] } }),
  }),
};

export const TREE_PATH = {
  '/issues/{documentId}/tree': {
    get: {
      tags: ['Issue'],
      summary: 'A whole issue in one call: pages → placements → articles (bylines, column, photos)',
      description:
        'Published content only, unless called with an API token and status=draft. Answers carry a strong ETag; send If-None-Match to get 304 when nothing changed.',
      operationId: 'get/issues/{documentId}/tree',
      parameters: [
        { name: 'documentId', in: 'path', required: true, schema: str },
        { name: 'locale', in: 'query', required: false, schema: str, description: 'zh-Hans (default), en, zh-Hant; falls back to the default locale' },
        { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['published', 'draft'] }, description: 'draft needs an API token' },
      ],
      responses: {
        200: { description: 'The issue tree', content: { 'application/json': { schema: ref('IssueTreeResponse') } } },
        304: { description: 'Not modified (If-None-Match matched the ETag)' },
        400: { description: 'Bad locale or status', content: { 'application/json': { schema: ref('Error') } } },
        403: { description: 'Drafts without an API token', content: { 'application/json': { schema: ref('Error') } } },
        404: { description: 'No such issue (or not published)', content: { 'application/json': { schema: ref('Error') } } },
      },
    },
  },
};
