/**
 * The shape of `GET /api/issues/:documentId/tree`: data in (an issue with its
 * pages and placements, and the placed articles keyed by documentId), a plain
 * JSON tree out. Pure, so the exporter and the tests use the same shape.
 */

type Named = { name?: string | null } | null | undefined;

export type TreeContributor = { name: string; kind: string };
export type TreePhoto = {
  image: { url: string; width: number | null; height: number | null; formats: Record<string, unknown> | null; alternativeText: string | null } | null;
  caption: string | null;
  credit: { name: string } | null;
  creditRole: string | null;
  creditKind: string | null;
  position: string | null;
};
export type TreeArticle = {
  documentId: string;
  locale: string | null;
  slug: string | null;
  kicker: string | null;
  headline: string;
  subtitle: string | null;
  column: { name: string; slug: string | null } | null;
  bylines: Array<{ role: string | null; contributors: TreeContributor[] }>;
  body: string;
  photos: TreePhoto[];
  source: string | null;
  suppliedBy: string | null;
  authorNote: string | null;
  /** Notices readers see with the article (更正 / 说明 / 致歉), oldest first; they go live with the page's signature. */
  corrections: TreeCorrection[];
};
export type TreeCorrection = { kind: string; text: string; date: string };
/** What readers see where a withdrawn article (撤稿) was printed (src/corrections/). */
export type TreeWithdrawn = { date: string; notice: string };
/** A placement's rectangle on the page's module grid (1-based columns and rows); null until laid out. */
export type TreePlacement = {
  order: number;
  span: number;
  lead: boolean;
  col: number | null;
  colSpan: number | null;
  row: number | null;
  rowSpan: number | null;
  /** null only when the article was withdrawn: `withdrawn` then says so, in the same rectangle. */
  article: TreeArticle | null;
  withdrawn: TreeWithdrawn | null;
};
/** The publication's page format as stored: a named format, or `custom` with its figures (src/broadsheet/page-formats.ts). */
export type TreePageFormat = {
  key: 'broadsheet' | 'tabloid' | 'custom';
  custom: Record<'paperWidth' | 'paperHeight' | 'typeWidth' | 'typeHeight' | 'columns' | 'gutter' | 'rows' | 'bodySize' | 'leading', number | null> | null;
};
export type TreePage = {
  number: number;
  name: string | null;
  theme: string | null;
  credits: { editor: { name: string } | null; layout: { name: string } | null; proofreader: { name: string } | null };
  placements: TreePlacement[];
};
export type IssueTree = {
  documentId: string;
  locale: string | null;
  number: number;
  date: string;
  title: string | null;
  publication: { name: string; slug: string | null; email: string | null; pageFormat: TreePageFormat } | null;
  pages: TreePage[];
};

const orNull = <T>(v: T | undefined | null): T | null => (v === undefined ? null : v);
const nameOnly = (c: Named) => (c && c.name ? { name: c.name } : null);

export function shapeArticle(a: any): TreeArticle {
  return {
    documentId: a.documentId,
    locale: orNull(a.locale),
    slug: orNull(a.slug),
    kicker: orNull(a.kicker),
    headline: a.headline,
    subtitle: orNull(a.subtitle),
    column: a.column ? { name: a.column.name, slug: orNull(a.column.slug) } : null,
    bylines: (a.bylines ?? []).map((b: any) => ({
      role: orNull(b.role),
      contributors: (b.contributors ?? []).map((c: any) => ({ name: c.name, kind: c.kind })),
    })),
    body: a.body ?? '',
    photos: (a.photos ?? []).map((p: any) => ({
      image: p.image
        ? {
            url: p.image.url,
            width: orNull(p.image.width),
            height: orNull(p.image.height),
            formats: orNull(p.image.formats),
            alternativeText: orNull(p.image.alternativeText),
          }
        : null,
      caption: orNull(p.caption),
      credit: nameOnly(p.credit),
      creditRole: orNull(p.creditRole),
      creditKind: orNull(p.creditKind),
      position: orNull(p.position),
    })),
    source: orNull(a.source),
    suppliedBy: orNull(a.suppliedBy),
    authorNote: orNull(a.authorNote),
    corrections: (a.corrections ?? []).map((c: any) => ({ kind: c.kind, text: c.text, date: c.date })),
  };
}

const FORMAT_FIELDS = ['paperWidth', 'paperHeight', 'typeWidth', 'typeHeight', 'columns', 'gutter', 'rows', 'bodySize', 'leading'] as const;
const numberOrNull = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));

export function shapePageFormat(pub: any): TreePageFormat {
  const key = pub?.pageFormat === 'tabloid' || pub?.pageFormat === 'custom' ? pub.pageFormat : 'broadsheet';
  const c = pub?.customFormat;
  return {
    key,
    custom: key === 'custom' && c ? (Object.fromEntries(FORMAT_FIELDS.map((f) => [f, numberOrNull(c[f])])) as TreePageFormat['custom']) : null,
  };
}

/** documentIds of every article placed in the issue, in page and placement order. */
export function placedArticleIds(issue: any): string[] {
  const ids: string[] = [];
  for (const page of issue.pages ?? []) {
    for (const p of page.placements ?? []) if (p.article?.documentId) ids.push(p.article.documentId);
  }
  return [...new Set(ids)];
}

/** One page of the tree. Placements whose article is not in `articles` (unpublished, or missing in this locale) are left out. */
export function shapePage(page: any, articles: Map<string, any>): TreePage {
  return {
    number: page.number,
    name: orNull(page.name),
    theme: orNull(page.theme),
    credits: {
      editor: nameOnly(page.credits?.editor),
      layout: nameOnly(page.credits?.layout),
      proofreader: nameOnly(page.credits?.proofreader),
    },
    placements: [...(page.placements ?? [])]
      .filter((p) => p.article?.documentId && articles.has(p.article.documentId))
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
      .map((p) => ({
        order: p.order ?? 0,
        span: p.span ?? 1,
        lead: Boolean(p.lead),
        col: orNull(p.col),
        colSpan: orNull(p.colSpan),
        row: orNull(p.row),
        rowSpan: orNull(p.rowSpan),
        article: shapeArticle(articles.get(p.article.documentId)),
        withdrawn: null,
      })),
  };
}

export function shapePublication(pub: any): IssueTree['publication'] {
  return pub ? { name: pub.name, slug: orNull(pub.slug), email: orNull(pub.email), pageFormat: shapePageFormat(pub) } : null;
}

/**
 * The issue as readers see it. A page or an issue that carries `printed` (its
 * signed snapshot, src/signoff/printed.ts) is shown as it was signed, not from
 * the live rows of the contributors, columns, files and publication it names.
 */
export function shapeIssueTree(issue: any, articles: Map<string, any>): IssueTree {
  const pages = [...(issue.pages ?? [])].sort((a, b) => a.number - b.number);
  return {
    documentId: issue.documentId,
    locale: orNull(issue.locale),
    number: issue.number,
    date: issue.date,
    title: orNull(issue.title),
    publication: issue.printed?.publication !== undefined ? issue.printed.publication : shapePublication(issue.publication),
    pages: pages.map((page) => (page.printed?.page ? printedPage(page.printed.page, page.number) : shapePage(page, articles))),
  };
}

/** A stored snapshot in today's shape: snapshots frozen before corrections and withdrawals lack those fields. */
function printedPage(page: TreePage, number: number): TreePage {
  return {
    ...page,
    number,
    placements: page.placements.map((p) => ({
      ...p,
      article: p.article ? { ...p.article, corrections: p.article.corrections ?? [] } : null,
      withdrawn: p.withdrawn ?? null,
    })),
  };
}
