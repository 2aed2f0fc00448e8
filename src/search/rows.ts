import { markdownBlocks } from '../broadsheet/markdown';
import { fold } from './fold';
import type { Segmenter } from './segment';
import { streams, type Streams } from './terms';

/**
 * The index rows of one article version (pure: data in, rows out): one row per page
 * it is placed on (a hit names its issue and page), or one row when it is on no page.
 * A published version's placements are those of published pages, a draft's those of
 * draft pages, so a published row never carries draft text, and a draft row shows
 * where the desk has placed the article.
 */
export type ArticleVersion = {
  documentId: string;
  locale: string;
  status: 'published' | 'draft';
  kicker?: string | null;
  headline?: string | null;
  subtitle?: string | null;
  body?: string | null;
  column?: { name?: string | null; slug?: string | null } | null;
  contributors: Array<{ name?: string | null; slug?: string | null }>;
  /** When the version was published (for a draft: last edited), ISO; its day dates a version on no page. */
  at: string | null;
};

export type Placement = {
  publication: { slug?: string | null; name?: string | null } | null;
  issue: { number?: number | null; date?: string | null } | null;
  page: { number?: number | null; name?: string | null };
};

export type SearchRow = {
  document_id: string;
  locale: string;
  status: 'published' | 'draft';
  headline: string;
  kicker: string | null;
  subtitle: string | null;
  body: string;
  column_name: string | null;
  column_slug: string | null;
  /** `|name|name|`, so one name is matched whole. */
  contributors: string;
  contributor_slugs: string;
  publication_slug: string | null;
  publication_name: string | null;
  issue_number: number | null;
  issue_date: string | null;
  page_number: number | null;
  page_name: string | null;
  day: string | null;
  /** For ordering ties: the issue date, else the version's time (ISO). */
  stamp: string | null;
  terms: { title: Streams; meta: Streams; body: Streams };
};

export const plainBody = (markdown: string | null | undefined) =>
  markdownBlocks(markdown)
    .map((b) => b.text)
    .join('\n');

const bar = (xs: Array<string | null | undefined>) => {
  const list = [...new Set(xs.filter((x): x is string => Boolean(x)))];
  return list.length ? `|${list.join('|')}|` : '';
};

/** Terms of a text, remembered for the other version of the same article (a draft and its published row usually agree). */
export type TermCache = Map<string, Streams>;
const termsOf = (text: string, seg: Segmenter, cache?: TermCache) => {
  const known = cache?.get(text);
  if (known) return known;
  const made = streams(fold(text), seg);
  cache?.set(text, made);
  return made;
};

export function rowsOf(a: ArticleVersion, placements: Placement[], seg: Segmenter, cache?: TermCache): SearchRow[] {
  const body = plainBody(a.body);
  const names = a.contributors.map((c) => c.name);
  const title = [a.kicker, a.headline, a.subtitle].filter(Boolean).join('\n');
  const base = {
    document_id: a.documentId,
    locale: a.locale,
    status: a.status,
    headline: a.headline ?? '',
    kicker: a.kicker ?? null,
    subtitle: a.subtitle ?? null,
    body,
    column_name: a.column?.name ?? null,
    column_slug: a.column?.slug ?? null,
    contributors: bar(names),
    contributor_slugs: bar(a.contributors.map((c) => c.slug)),
  };
  const titleTerms = termsOf(title, seg, cache);
  const bodyTerms = termsOf(body, seg, cache);
  const places: Array<Placement | null> = placements.length ? placements : [null];
  return places.map((p) => {
    // The publication's name is left out: every article of a paper would match it (the publication filter is for that).
    const meta = [a.column?.name, ...names, p?.page.name].filter(Boolean).join('\n');
    return {
      ...base,
      publication_slug: p?.publication?.slug ?? null,
      publication_name: p?.publication?.name ?? null,
      issue_number: p?.issue?.number ?? null,
      issue_date: p?.issue?.date ?? null,
      page_number: p?.page.number ?? null,
      page_name: p?.page.name ?? null,
      day: p?.issue?.date ?? a.at?.slice(0, 10) ?? null,
      stamp: p?.issue?.date ?? a.at,
      terms: { title: titleTerms, meta: termsOf(meta, seg, cache), body: bodyTerms },
    };
  });
}
