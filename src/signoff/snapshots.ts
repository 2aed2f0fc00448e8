import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { ArticleSnapshot, PageSnapshot } from './changes';
import { versionRows } from '../newsroom/public-filters';
import type { VersionPart } from '../changes/diff';

export type { VersionPart };

/**
 * Plain-value snapshots of a page or an article draft, for src/signoff/changes.ts
 * to compare before and after a write (component ids change on every save, so
 * only values and related documentIds are kept).
 */

const ID = { select: ['documentId'] };

export async function defaultLocale(strapi: Core.Strapi): Promise<string> {
  return strapi.plugin('i18n').service('locales').getDefaultLocale();
}

export async function pageSnapshot(
  strapi: Core.Strapi,
  documentId: string,
  locale: string,
  version: 'draft' | 'published' = 'draft',
): Promise<PageSnapshot | null> {
  const row: any = await strapi.db.query('api::page.page').findOne({
    where: { documentId, locale, ...versionRows(version) },
    populate: {
      issue: ID,
      placements: { populate: { article: ID } },
      credits: { populate: { editor: ID, layout: ID, proofreader: ID } },
    },
  });
  if (!row) return null;
  const placements = (row.placements ?? [])
    .map((p: any) => ({
      article: p.article?.documentId ?? null,
      order: p.order ?? null,
      span: p.span ?? null,
      lead: p.lead ?? null,
      rect: [p.col ?? null, p.colSpan ?? null, p.row ?? null, p.rowSpan ?? null],
    }))
    .sort((a: any, b: any) => (a.order ?? 0) - (b.order ?? 0) || String(a.article).localeCompare(String(b.article)));
  return {
    number: row.number ?? null,
    issue: row.issue?.documentId ?? null,
    name: row.name ?? null,
    theme: row.theme ?? null,
    placements,
    credits: {
      editor: row.credits?.editor?.documentId ?? null,
      layout: row.credits?.layout?.documentId ?? null,
      proofreader: row.credits?.proofreader?.documentId ?? null,
    },
  };
}

export async function articleSnapshot(strapi: Core.Strapi, documentId: string, locale: string): Promise<ArticleSnapshot | null> {
  const row: any = await strapi.db.query('api::article.article').findOne({
    where: { documentId, locale, publishedAt: null },
    populate: {
      column: ID,
      bylines: { populate: { contributors: ID } },
      photos: { populate: { image: { select: ['id'] }, credit: ID } },
      corrections: true,
    },
  });
  if (!row) return null;
  return {
    kicker: row.kicker ?? null,
    headline: row.headline ?? null,
    subtitle: row.subtitle ?? null,
    body: row.body ?? null,
    source: row.source ?? null,
    suppliedBy: row.suppliedBy ?? null,
    authorNote: row.authorNote ?? null,
    column: row.column?.documentId ?? null,
    bylines: (row.bylines ?? []).map((b: any) => ({ role: b.role ?? null, contributors: (b.contributors ?? []).map((c: any) => c.documentId) })),
    photos: (row.photos ?? []).map((p: any) => ({
      image: p.image?.id ?? null,
      position: p.position ?? null,
      caption: p.caption ?? null,
      credit: p.credit?.documentId ?? null,
      creditRole: p.creditRole ?? null,
      creditKind: p.creditKind ?? null,
    })),
    corrections: (row.corrections ?? []).map((c: any) => ({ kind: c.kind ?? null, text: c.text ?? null, date: c.date ?? null })),
  };
}

/**
 * What a signature signs: the page's stage and, in every locale, its fields and
 * placements and the text, photos and credits of each placed article, as a short
 * fingerprint. The 签字 panel shows it and sends it back with the signature; a
 * page changed in between (by anyone, on any path) is refused, so nobody signs a
 * version they have not seen.
 */
export async function pageVersion(strapi: Core.Strapi, documentId: string): Promise<string> {
  return versionHash(await pageVersionParts(strapi, documentId));
}

/** What pageVersion fingerprints, as plain values (src/changes/ keeps it with each signature). */
export async function pageVersionParts(strapi: Core.Strapi, documentId: string): Promise<VersionPart[]> {
  const rows: any[] = await strapi.db.query('api::page.page').findMany({ where: { documentId, publishedAt: null }, select: ['locale', 'stage'] });
  const parts: VersionPart[] = [];
  for (const { locale, stage } of [...rows].sort((a, b) => String(a.locale).localeCompare(String(b.locale)))) {
    const page = await pageSnapshot(strapi, documentId, locale);
    const articles = [];
    for (const p of page?.placements ?? []) if (p.article) articles.push(await articleSnapshot(strapi, p.article, locale));
    parts.push({ locale, stage, page, articles });
  }
  return parts;
}

// Keys sorted: a snapshot read back from a JSON column (PostgreSQL's jsonb reorders keys) hashes the same.
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, canonical((value as any)[k])]),
        )
      : value;

/** The fingerprint of a version: the same for the same values, however they were stored. */
export const versionHash = (parts: VersionPart[]) =>
  crypto
    .createHash('sha256')
    .update(JSON.stringify(canonical(parts)))
    .digest('base64url')
    .slice(0, 22);
