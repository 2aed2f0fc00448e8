import type { Core } from '@strapi/strapi';
import { refusal } from '../newsroom/refusals';
import { pageLabel } from '../signoff/stages';
import { defaultLocale } from '../signoff/snapshots';
import { articleFields, creditedNames, repeatedPath, withSuggestion, type ProofArticle } from './article-fields';
import { checkFields } from './check';
import { countCharacters, errorRate } from './error-rate';
import { defaultLists } from './load-lists';
import type { Finding } from './types';

/**
 * The 审校 checker against Strapi: an article's or a page's drafts (what the 审校
 * signs) checked with the newsroom's lists, minus the findings marked "not an
 * error" (kept in `api::proof-mark.proof-mark`, shown with who marked them and
 * why), and the page's 差错率 over what is left open.
 */

const PAGE = 'api::page.page';
const ARTICLE = 'api::article.article';
const MARK = 'api::proof-mark.proof-mark';
const NAME = { fields: ['name'] };
const ARTICLE_POPULATE = { bylines: { populate: { contributors: NAME } }, photos: { populate: { credit: NAME } }, corrections: true };

/** A repeated component's relations as an update takes them back (by id), per list that repeatedPath names. */
const COMPONENT_RELATIONS: Record<string, (entry: any) => object> = {
  photos: (p) => ({ image: p.image?.id ?? null, credit: p.credit?.documentId ?? null }),
  corrections: () => ({}),
};

export type ProofMark = { id: number; rule: string; field: string | null; text: string; reason: string; markedBy: string | null; createdAt: string };
export type MarkedFinding = Finding & { mark: ProofMark };
export type ArticleProofread = {
  documentId: string;
  headline: string | null;
  /** Findings still open, sorted by field and place. */
  findings: Finding[];
  /** Findings a reader marked "not an error", with the mark. */
  marked: MarkedFinding[];
  characters: number;
  headlineFields: string[];
};
export type PageProofread = {
  page: { documentId: string; label: string };
  articles: ArticleProofread[];
  /** Open findings by severity, over the page. */
  open: { error: number; warning: number; info: number };
  rate: ReturnType<typeof errorRate>;
};

/** A mark silences its rule on that text, wherever it stands in the article. */
const markKey = (rule: string, text: string) => `${rule}\u0000${text}`;

async function marksOf(strapi: Core.Strapi, documentIds: string[], locale: string): Promise<Map<string, Map<string, ProofMark>>> {
  const rows: any[] = documentIds.length
    ? await strapi.db.query(MARK as any).findMany({ where: { articleDocumentId: { $in: documentIds }, locale }, orderBy: { id: 'asc' } })
    : [];
  const out = new Map<string, Map<string, ProofMark>>();
  for (const r of rows) {
    const m = out.get(r.articleDocumentId) ?? new Map();
    m.set(markKey(r.rule, r.text), {
      id: r.id,
      rule: r.rule,
      field: r.field ?? null,
      text: r.text,
      reason: r.reason,
      markedBy: r.markedBy ?? null,
      createdAt: r.createdAt,
    });
    out.set(r.articleDocumentId, m);
  }
  return out;
}

function proofreadOne(article: ProofArticle & { documentId: string }, names: string[], marks: Map<string, ProofMark> | undefined): ArticleProofread {
  const fields = articleFields(article);
  const all = checkFields(fields, { names, lists: defaultLists() });
  const findings: Finding[] = [];
  const marked: MarkedFinding[] = [];
  for (const f of all) {
    const mark = marks?.get(markKey(f.rule, f.text));
    if (mark) marked.push({ ...f, mark });
    else findings.push(f);
  }
  return {
    documentId: article.documentId,
    headline: article.headline ?? null,
    findings,
    marked,
    characters: fields.reduce((n, f) => n + countCharacters(f.text), 0),
    headlineFields: fields.filter((f) => f.headline).map((f) => f.field),
  };
}

async function draftArticle(strapi: Core.Strapi, documentId: string, locale: string): Promise<(ProofArticle & { documentId: string }) | null> {
  return (await strapi.documents(ARTICLE as any).findOne({ documentId, locale, status: 'draft', populate: ARTICLE_POPULATE as any })) as any;
}

export async function proofreadArticle(strapi: Core.Strapi, documentId: string, locale?: string): Promise<ArticleProofread> {
  const loc = locale ?? (await defaultLocale(strapi));
  const article = await draftArticle(strapi, documentId, loc);
  if (!article) throw refusal('entry.notFound', { type: 'article', documentId });
  const marks = await marksOf(strapi, [documentId], loc);
  return proofreadOne(article, creditedNames(article), marks.get(documentId));
}

export async function proofreadPage(strapi: Core.Strapi, documentId: string): Promise<PageProofread> {
  const locale = await defaultLocale(strapi);
  const page: any = await strapi.documents(PAGE as any).findOne({
    documentId,
    locale,
    status: 'draft',
    populate: {
      issue: { fields: ['number'] },
      placements: { populate: { article: { populate: ARTICLE_POPULATE } } },
      credits: { populate: { editor: NAME, layout: NAME, proofreader: NAME } },
    } as any,
  });
  if (!page) throw refusal('entry.notFound', { type: 'page', documentId });
  const placed = (page.placements ?? [])
    .slice()
    .sort((a: any, b: any) => (a.order ?? 0) - (b.order ?? 0))
    .map((p: any) => p.article)
    .filter((a: any, i: number, all: any[]) => a && all.findIndex((b) => b?.documentId === a.documentId) === i);
  // The placement's article is the published or draft row Strapi chose: read each article's draft.
  const articles = (await Promise.all(placed.map((a: any) => draftArticle(strapi, a.documentId, locale)))).filter(Boolean) as Array<
    ProofArticle & { documentId: string }
  >;
  // Reference spellings: every name the page credits, in bylines, photo credits and the page's own credits.
  const names = [...new Set([...articles.flatMap(creditedNames), ...['editor', 'layout', 'proofreader'].map((r) => page.credits?.[r]?.name).filter(Boolean)])];
  const marks = await marksOf(
    strapi,
    articles.map((a) => a.documentId),
    locale,
  );
  const results = articles.map((a) => proofreadOne(a, names, marks.get(a.documentId)));
  const open = { error: 0, warning: 0, info: 0 };
  for (const f of results.flatMap((r) => r.findings)) open[f.severity] += 1;
  // One findings list for the page, each field named per article so a headline of one is not another's body.
  const findings = results.flatMap((r) => r.findings.map((f) => ({ ...f, field: `${r.documentId}:${f.field}` })));
  const headlineFields = results.flatMap((r) => r.headlineFields.map((f) => `${r.documentId}:${f}`));
  const rate = errorRate({ findings, characters: results.reduce((n, r) => n + r.characters, 0), headlineFields });
  return { page: { documentId, label: pageLabel(page, page.issue) }, articles: results, open, rate };
}

/** Marks a finding "not an error": kept with the reason and who, and not reported again for that text in that article. */
export async function markNotError(
  strapi: Core.Strapi,
  input: { article: string; locale?: string; rule: unknown; field: unknown; text: unknown; reason: unknown; by: string },
): Promise<ProofMark> {
  const locale = input.locale ?? (await defaultLocale(strapi));
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!reason) throw refusal('proofread.reasonMissing', {});
  const current = await proofreadArticle(strapi, input.article, locale);
  const finding = current.findings.find((f) => f.rule === input.rule && f.text === input.text && (input.field === undefined || f.field === input.field));
  if (!finding) throw refusal('proofread.noSuchFinding', { rule: String(input.rule ?? ''), text: String(input.text ?? '') });
  const row: any = await strapi.db.query(MARK as any).create({
    data: {
      articleDocumentId: input.article,
      locale,
      rule: finding.rule,
      field: finding.field,
      text: finding.text,
      reason: reason.slice(0, 500),
      markedBy: input.by,
    },
  });
  return { id: row.id, rule: row.rule, field: row.field, text: row.text, reason: row.reason, markedBy: row.markedBy, createdAt: row.createdAt };
}

/**
 * Accepts a finding's suggestion: the field is rewritten through the Document
 * Service, as the editor's own save would be, so a signed page is sent back the
 * same way. Refused when that place no longer holds the finding's text (someone
 * edited it since).
 */
export async function acceptSuggestion(
  strapi: Core.Strapi,
  input: { article: string; locale?: string; field: string; start: number; end: number; text: string; suggestion: string },
) {
  const locale = input.locale ?? (await defaultLocale(strapi));
  const article: any = await strapi
    .documents(ARTICLE as any)
    .findOne({ documentId: input.article, locale, status: 'draft', populate: { photos: { populate: '*' }, corrections: true } as any });
  if (!article) throw refusal('entry.notFound', { type: 'article', documentId: input.article });
  const next = withSuggestion(article, input.field, input.start, input.end, input.text, input.suggestion);
  if (next === null) throw refusal('proofread.stale', { field: input.field, text: input.text });
  // A repeated component is written whole: every entry as it is (relations by id), the one changed.
  const repeated = repeatedPath(input.field);
  const data = repeated
    ? {
        [repeated.list]: (article[repeated.list] ?? []).map((p: any, i: number) => {
          const { id: _id, ...rest } = p;
          const kept = { ...rest, ...COMPONENT_RELATIONS[repeated.list](p) };
          return i === repeated.index ? { ...kept, [repeated.field]: next } : kept;
        }),
      }
    : { [input.field]: next };
  await strapi.documents(ARTICLE as any).update({ documentId: input.article, locale, data: data as any });
  return proofreadArticle(strapi, input.article, locale);
}

/**
 * Why the 审校 may not sign this page yet: findings of severity `error` still
 * open on it (neither fixed nor marked "not an error"), or null. Warnings and
 * hints do not block.
 */
export async function openErrorsRefusal(strapi: Core.Strapi, pageDocumentId: string, page: { issue?: number | null; number: number | null }) {
  const result = await proofreadPage(strapi, pageDocumentId);
  if (!result.open.error) return null;
  const articles = result.articles.filter((a) => a.findings.some((f) => f.severity === 'error')).map((a) => a.headline ?? '（无标题）');
  return refusal('proofread.openErrors', { page, count: result.open.error, articles });
}
