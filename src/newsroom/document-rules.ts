import type { Core } from '@strapi/strapi';
import { normaliseName, guessContributorKind } from './names';
import { isSafeSlug, slugFor, uniqueSlug } from './slug';
import { fieldRefusal } from './refusals';
import { relationDocumentId } from './relation-value';
import { refreshLabelsAfterWrite } from './entry-label-store';
import { customFormatProblems } from '../broadsheet/page-formats';

/**
 * Newsroom rules enforced on every write, whatever the entry point (REST, admin,
 * importer, seed): they run as a Document Service middleware, so no path skips them.
 */

type Params = { documentId?: string; locale?: string; status?: string; data?: Record<string, any> };
type Context = { uid: string; action: string; params: Params };

const SLUG_SOURCE: Record<string, string> = {
  'api::article.article': 'headline',
  'api::column.column': 'name',
  'api::publication.publication': 'name',
  'api::contributor.contributor': 'name',
};

const WRITES = new Set(['create', 'update']);
/** Types whose entries carry a derived `label` (entry-label-store.ts), and columns, which articles' labels name. */
const LABELLED = new Set(['api::issue.issue', 'api::page.page', 'api::article.article', 'api::column.column']);

async function existingRow(strapi: Core.Strapi, uid: string, documentId: string | undefined, locale: string | undefined, populate?: object) {
  if (!documentId) return null;
  const q = strapi.db.query(uid as any);
  const where: Record<string, unknown> = { documentId };
  const withLocale = locale ? await q.findOne({ where: { ...where, locale }, populate }) : null;
  return withLocale ?? (await q.findOne({ where, populate }));
}

/** Strapi's own fallback for a uid without source text: the type's singular name, perhaps numbered. */
const isUidPlaceholder = (slug: string, singularName: string | undefined) => Boolean(singularName) && new RegExp(`^${singularName}(-\\d+)?$`).test(slug);

async function applySlug(strapi: Core.Strapi, ctx: Context) {
  const source = SLUG_SOURCE[ctx.uid];
  const data = ctx.params.data;
  if (!source || !data) return;
  const { documentId, locale } = ctx.params;
  const model = strapi.getModel(ctx.uid as any) as any;
  const localized = model?.pluginOptions?.i18n?.localized === true;
  const current = documentId ? await existingRow(strapi, ctx.uid, documentId, localized ? locale : undefined) : null;
  const sameLocale = current && (!localized || !locale || current.locale === locale);

  let wanted: string | undefined = typeof data.slug === 'string' && data.slug.trim() ? data.slug.trim() : undefined;
  if (data.slug !== undefined && data.slug !== null && (typeof data.slug !== 'string' || (wanted !== undefined && !isSafeSlug(wanted)))) {
    throw fieldRefusal('slug', 'field.slugInvalid', { slug: String(data.slug) }, data.slug);
  }
  // Stable: once an entry has a slug, a write that does not choose another one keeps it
  // (links keep working). Strapi's uid field fills in the type's name (`column`,
  // `column-1`) when it regenerates a slug without its source text, as the admin's
  // 新建关联 dialog does when saved a second time: that is no choice, the slug stays.
  if (sameLocale && current.slug && (wanted === undefined || isUidPlaceholder(wanted, model?.info?.singularName))) {
    data.slug = current.slug;
    return;
  }
  const generated = !wanted;
  if (!wanted) {
    const text = data[source] ?? (sameLocale ? current?.[source] : undefined);
    if (!text) return;
    wanted = slugFor(text) || 'untitled';
  }

  const where: Record<string, unknown> = { slug: { $startsWith: wanted } };
  if (documentId) where.documentId = { $ne: documentId };
  if (localized && locale) where.locale = locale;
  const taken = (await strapi.db.query(ctx.uid as any).findMany({ where, select: ['slug'] })).map((r: any) => r.slug);
  if (!generated && taken.includes(wanted)) {
    throw fieldRefusal('slug', 'field.slugTaken', { slug: wanted }, wanted);
  }
  data.slug = generated ? uniqueSlug(wanted, taken) : wanted;
}

async function applyContributorName(strapi: Core.Strapi, ctx: Context) {
  const data = ctx.params.data;
  if (!data || data.name === undefined) return;
  const name = normaliseName(data.name);
  if (!name) throw fieldRefusal('name', 'field.nameEmpty', {}, data.name);
  data.name = name;
  if (ctx.action === 'create' && !data.kind) data.kind = guessContributorKind(name);
  const where: Record<string, unknown> = { name };
  if (ctx.params.documentId) where.documentId = { $ne: ctx.params.documentId };
  const twin = await strapi.db.query('api::contributor.contributor').findOne({ where, select: ['documentId'] });
  if (twin) throw fieldRefusal('name', 'field.contributorExists', { name, documentId: twin.documentId }, name);
}

/** (owner relation, number) must be unique: issue number within a publication, page number within an issue. */
async function checkNumberUnique(strapi: Core.Strapi, ctx: Context, owner: { field: string; uid: string; label: 'issue' | 'publication' }) {
  const data = ctx.params.data;
  if (!data) return;
  const { documentId } = ctx.params;
  const needsCurrent = data.number === undefined || data[owner.field] === undefined;
  const current = needsCurrent ? await existingRow(strapi, ctx.uid, documentId, ctx.params.locale, { [owner.field]: { select: ['documentId'] } }) : null;
  const number = data.number ?? current?.number;
  let ownerId = await relationDocumentId(strapi, owner.uid, data[owner.field]);
  if (ownerId === undefined) ownerId = current?.[owner.field]?.documentId ?? null;
  if (number === undefined || number === null || !ownerId) return;

  const where: Record<string, unknown> = { number, [owner.field]: { documentId: ownerId } };
  if (documentId) where.documentId = { $ne: documentId };
  const twin = await strapi.db.query(ctx.uid as any).findOne({ where, select: ['documentId'] });
  if (twin) {
    throw fieldRefusal('number', 'field.numberTaken', { number, owner: owner.label, documentId: twin.documentId }, number);
  }
}

/**
 * Strapi 5 skips `required` for drafts; a newsroom never wants an article
 * without a headline or an issue without a number, draft or not.
 */
const ALWAYS_REQUIRED: Record<string, Array<{ field: string; max?: number }>> = {
  'api::article.article': [{ field: 'headline', max: 200 }],
  'api::issue.issue': [{ field: 'number' }],
  'api::page.page': [{ field: 'number' }],
};

function checkRequired(ctx: Context) {
  const rules = ALWAYS_REQUIRED[ctx.uid];
  const data = ctx.params.data!;
  for (const { field, max } of rules ?? []) {
    const value = data[field];
    const missing = value === null || (typeof value === 'string' && value.trim() === '') || (ctx.action === 'create' && value === undefined);
    if (missing) throw fieldRefusal(field, 'field.required', { field }, value);
    if (max && typeof value === 'string' && [...value].length > max) {
      throw fieldRefusal(field, 'field.tooLong', { field, max }, value);
    }
  }
}

const OWNER: Record<string, { field: string; uid: string; label: 'issue' | 'publication' }> = {
  'api::issue.issue': { field: 'publication', uid: 'api::publication.publication', label: 'publication' },
  'api::page.page': { field: 'issue', uid: 'api::issue.issue', label: 'issue' },
};

/**
 * A clone is a new entry made of its source and the changes given: the rules run
 * on it as on a create (the source's number and owner, a fresh slug unless
 * another one was typed), so a clone never duplicates a slug or a page number.
 */
async function asCreateOfClone(strapi: Core.Strapi, c: Context): Promise<Context> {
  const { documentId, locale } = c.params;
  const owner = OWNER[c.uid];
  const source = await existingRow(strapi, c.uid, documentId, locale, owner ? { [owner.field]: { select: ['documentId'] } } : undefined);
  const data = (c.params.data ??= {});
  if (source && data.slug === source.slug) delete data.slug;
  const merged: Record<string, any> = { ...data };
  const text = SLUG_SOURCE[c.uid];
  if (source && text && merged[text] === undefined) merged[text] = source[text];
  if (source && 'number' in source && merged.number === undefined) merged.number = source.number;
  if (source && owner && merged[owner.field] === undefined) merged[owner.field] = source[owner.field]?.documentId ?? null;
  return { uid: c.uid, action: 'create', params: { locale, data: merged } };
}

/** A publication on a custom page format must give usable figures: refused field by field, before anything is stored. */
async function checkPageFormat(strapi: Core.Strapi, c: Context) {
  const data = c.params.data!;
  if (data.pageFormat === undefined && data.customFormat === undefined) return;
  const existing: any = c.action === 'update' ? await existingRow(strapi, c.uid, c.params.documentId, undefined, { customFormat: true }) : null;
  const key = data.pageFormat ?? existing?.pageFormat;
  if (key !== 'custom') return;
  const given = data.customFormat !== undefined ? data.customFormat : existing?.customFormat;
  // Decimals may come back from the database (PostgreSQL) or a form as numeric strings.
  const custom =
    given && Object.fromEntries(Object.entries(given).map(([k, v]) => [k, typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v)) ? Number(v) : v]));
  const [first] = customFormatProblems(custom);
  if (first) throw fieldRefusal(`customFormat.${first.field}`, 'format.invalid', first, custom?.[first.field]);
}

export function registerDocumentRules(strapi: Core.Strapi) {
  strapi.documents.use(async (ctx: any, next) => {
    const c = ctx as Context;
    if (c.action === 'clone') {
      const created = await asCreateOfClone(strapi, c);
      if (OWNER[c.uid]) await checkNumberUnique(strapi, created, OWNER[c.uid]);
      await applySlug(strapi, created);
      if (created.params.data!.slug !== undefined) c.params.data!.slug = created.params.data!.slug;
    }
    if (WRITES.has(c.action) && c.params?.data) {
      checkRequired(c);
      if (c.uid === 'api::contributor.contributor') await applyContributorName(strapi, c);
      if (c.uid === 'api::column.column' && typeof c.params.data.name === 'string') c.params.data.name = c.params.data.name.trim();
      if (OWNER[c.uid]) await checkNumberUnique(strapi, c, OWNER[c.uid]);
      if (c.uid === 'api::publication.publication') await checkPageFormat(strapi, c);
      await applySlug(strapi, c);
    }
    const result: any = await next();
    if (LABELLED.has(c.uid) && (WRITES.has(c.action) || c.action === 'clone')) {
      await refreshLabelsAfterWrite(strapi, c.uid, c.params.documentId ?? result?.documentId);
    }
    return result;
  });
}
