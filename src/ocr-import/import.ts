import type { Core } from '@strapi/strapi';
import crypto from 'crypto';
import { findOrCreateContributor } from '../newsroom/contributors';
import { decodeOcrBytes, InputError } from './decode';
import { parseOcrText, type OcrResult } from './parse';

/**
 * The importer's edge: one OCR file → draft content, written through the
 * Document Service inside one database transaction, so a failure leaves nothing
 * of the file behind. Each article stores `importHash` (the file's SHA-256 and
 * the article's place in it); a file already imported is skipped whole.
 */

export type ImportOptions = { publication?: string; issue?: number; date?: string; encoding?: string; locale?: string };
export type ImportSummary = { file: string; status: 'imported' | 'already imported'; issue: number; pages: number; articles: number; contributors: number; warnings: number; hash: string };

export function parseOcrFile(bytes: Buffer, file: string, encoding?: string): OcrResult {
  const { text } = decodeOcrBytes(bytes, file, encoding);
  return parseOcrText(text, file);
}

async function resolvePublication(strapi: Core.Strapi, slug: string | undefined, file: string) {
  const docs = strapi.documents('api::publication.publication');
  if (slug) {
    const found = await docs.findFirst({ filters: { slug } });
    if (!found) throw new InputError(`${file}: no publication with slug "${slug}"`);
    return found;
  }
  const all = await docs.findMany({ limit: 2 });
  if (all.length === 1) return all[0];
  throw new InputError(`${file}: ${all.length ? 'several publications exist' : 'no publication exists yet'}: choose one with --publication <slug>`);
}

export async function importOcrFile(strapi: Core.Strapi, bytes: Buffer, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const result = parseOcrFile(bytes, file, options.encoding);
  const hash = crypto.createHash('sha256').update(bytes).digest('hex');
  const locale = options.locale ?? 'zh-Hans';
  const number = options.issue ?? result.issue?.number ?? null;
  if (!number) throw new InputError(`${file}: the text names no issue (第N期): pass --issue <number>`);
  const articleCount = result.pages.reduce((n, p) => n + p.articles.length, 0);
  if (!articleCount) throw new InputError(`${file}: no article found in the text`);

  const articles = strapi.documents('api::article.article');
  const done = await articles.findFirst({ filters: { importHash: { $startsWith: `${hash}:` } }, locale, status: 'draft' });
  if (done) return { file, status: 'already imported', issue: number, pages: result.pages.length, articles: articleCount, contributors: 0, warnings: result.warnings.length, hash };

  const before = await strapi.db.query('api::contributor.contributor').count();
  await strapi.db.transaction(async () => {
    const publication = await resolvePublication(strapi, options.publication, file);
    const issues = strapi.documents('api::issue.issue');
    let issue = await issues.findFirst({ filters: { number, publication: { documentId: publication.documentId } }, locale, status: 'draft' });
    if (!issue) {
      if (!options.date) throw new InputError(`${file}: issue 第${number}期 does not exist yet: pass --date YYYY-MM-DD to create it`);
      issue = await issues.create({ data: { number, date: options.date, publication: publication.documentId } as any, locale });
    }
    const pages = strapi.documents('api::page.page');
    const columns = strapi.documents('api::column.column');
    for (const [pi, parsed] of result.pages.entries()) {
      const existingPages = await pages.findMany({ filters: { issue: { documentId: issue.documentId } }, locale, populate: { placements: { populate: { article: { fields: ['documentId'] } } } } as any });
      let page: any = parsed.number ? existingPages.find((p: any) => p.number === parsed.number) : null;
      const placements: any[] = page ? (page.placements ?? []).map((pl: any) => ({ article: pl.article?.documentId, order: pl.order, span: pl.span, lead: pl.lead })) : [];
      for (const [ai, a] of parsed.articles.entries()) {
        const bylines = [];
        for (const b of a.bylines) {
          const people = [];
          for (const n of b.names) people.push((await findOrCreateContributor(strapi, n)).documentId);
          bylines.push({ role: b.role, contributors: people });
        }
        const photos = [];
        for (const ph of a.photos) {
          const credit = ph.credit ? (await findOrCreateContributor(strapi, ph.credit)).documentId : null;
          photos.push({ caption: ph.caption, position: ph.position, credit, creditRole: ph.creditRole, creditKind: ph.creditKind });
        }
        let column = null;
        if (a.column) column = (await columns.findFirst({ filters: { name: a.column }, locale })) ?? (await columns.create({ data: { name: a.column } as any, locale }));
        const created = await articles.create({
          data: {
            kicker: a.kicker, headline: a.headline, subtitle: a.subtitle, body: a.body, source: a.source, suppliedBy: a.suppliedBy, authorNote: a.authorNote,
            column: column?.documentId, bylines, photos, importHash: `${hash}:${pi}:${ai}`,
          } as any,
          locale,
        });
        placements.push({ article: created.documentId, order: placements.length + 1, span: ai === 0 ? 4 : 2, lead: ai === 0 && placements.length === 0 });
      }
      const credits: Record<string, string | null> = {};
      for (const role of ['editor', 'layout', 'proofreader'] as const) {
        const name = parsed.credits?.[role];
        if (name) credits[role] = (await findOrCreateContributor(strapi, name)).documentId;
      }
      if (page) {
        await pages.update({ documentId: page.documentId, locale, data: { placements, ...(Object.keys(credits).length ? { credits } : {}) } as any });
      } else {
        const used = existingPages.map((p: any) => p.number);
        const pageNumber = parsed.number ?? (used.length ? Math.max(...used) + 1 : 1);
        await pages.create({ data: { number: pageNumber, name: parsed.name, issue: issue.documentId, credits, placements } as any, locale });
      }
    }
  });
  const after = await strapi.db.query('api::contributor.contributor').count();
  return { file, status: 'imported', issue: number, pages: result.pages.length, articles: articleCount, contributors: after - before, warnings: result.warnings.length, hash };
}
