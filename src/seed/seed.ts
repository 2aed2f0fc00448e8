import type { Core } from '@strapi/strapi';
import fs from 'fs';
import path from 'path';
import { findOrCreateContributor } from '../newsroom/contributors';
import { placeholderJpeg } from './placeholder-image';
import { uploadBuffer } from './upload-buffer';
import { signOffPage } from '../signoff/service';
import { DEFAULT_LOCALE, articleText } from '../newsroom/glossary';

/**
 * Demo content: the real text of one printed page (data/demo/demo-issue.json),
 * one published issue, and a draft article. Idempotent: everything is looked up
 * by its natural key (slug, name, headline, issue number) before it is created.
 */

const LOCALE = DEFAULT_LOCALE;

type DemoByline = { role: string | null; names: string[] };
type DemoPhoto = { position: string; caption: string; creditRole: string; credit: string; creditKind: string };
type DemoArticle = {
  column?: string;
  kicker?: string;
  headline: string;
  subtitle?: string;
  bylines: DemoByline[];
  body: string;
  photos?: DemoPhoto[];
  source?: string;
  suppliedBy?: string;
  authorNote?: string;
  span?: number;
  lead?: boolean;
};
type Demo = {
  publication: { name: string; slug: string; email: string; masthead: string; pageFormat?: string };
  columns: Array<{ name: string; description: string }>;
  issue: {
    number: number;
    date: string;
    title: string;
    pages: Array<{ number: number; name: string; theme: string; credits: Record<'editor' | 'layout' | 'proofreader', string>; articles: DemoArticle[] }>;
  };
  drafts: DemoArticle[];
};

export function demoDataPath(strapi: Core.Strapi) {
  return path.join(strapi.dirs.app.root, 'data', 'demo', 'demo-issue.json');
}

async function ensurePublication(strapi: Core.Strapi, p: Demo['publication']) {
  const docs = strapi.documents('api::publication.publication');
  return (await docs.findFirst({ filters: { slug: p.slug } })) ?? docs.create({ data: p as any });
}

async function ensureColumn(strapi: Core.Strapi, c: { name: string; description: string }) {
  const docs = strapi.documents('api::column.column');
  return (await docs.findFirst({ filters: { name: c.name }, locale: LOCALE })) ?? docs.create({ data: c as any, locale: LOCALE });
}

async function ensureArticle(strapi: Core.Strapi, a: DemoArticle, columns: Map<string, any>, publish: boolean) {
  const docs = strapi.documents('api::article.article');
  const existing = await docs.findFirst({ filters: { headline: a.headline }, locale: LOCALE, status: 'draft' });
  if (existing) return existing;

  const bylines = [];
  for (const b of a.bylines) {
    const people = [];
    for (const n of b.names) people.push(await findOrCreateContributor(strapi, n));
    bylines.push({ role: b.role, contributors: people.map((p) => p.documentId) });
  }
  const photos = [];
  for (const [i, p] of (a.photos ?? []).entries()) {
    const credit = await findOrCreateContributor(strapi, p.credit);
    const image = await uploadBuffer(strapi, await placeholderJpeg(`demo photo ${i + 1}`), `placeholder-${i + 1}.jpg`, 'image/jpeg', {
      alternativeText: `示例占位图 / placeholder: ${p.caption.slice(0, 60)}`,
    });
    photos.push({ image: image.id, caption: p.caption, credit: credit.documentId, creditRole: p.creditRole, creditKind: p.creditKind, position: p.position });
  }
  const data = {
    ...articleText(a),
    column: a.column ? columns.get(a.column)?.documentId : undefined,
    bylines,
    photos,
  };
  const created = await docs.create({ data: data as any, locale: LOCALE });
  if (publish) await docs.publish({ documentId: created.documentId, locale: LOCALE });
  return created;
}

export async function seedDemoContent(strapi: Core.Strapi, { once = false, file }: { once?: boolean; file?: string } = {}) {
  const store = strapi.store({ type: 'plugin', name: 'banmian' });
  if (once && (await store.get({ key: 'demoSeeded' }))) return { skipped: true };

  const demo: Demo = JSON.parse(fs.readFileSync(file ?? demoDataPath(strapi), 'utf8'));
  const publication = await ensurePublication(strapi, demo.publication);
  const columns = new Map<string, any>();
  for (const c of demo.columns) columns.set(c.name, await ensureColumn(strapi, c));

  const issues = strapi.documents('api::issue.issue');
  let issue = await issues.findFirst({
    filters: { number: demo.issue.number, publication: { documentId: publication.documentId } },
    locale: LOCALE,
    status: 'draft',
  });
  if (!issue) {
    issue = await issues.create({
      data: { number: demo.issue.number, date: demo.issue.date, title: demo.issue.title, publication: publication.documentId } as any,
      locale: LOCALE,
    });
    for (const page of demo.issue.pages) {
      const placements = [];
      for (const [i, a] of page.articles.entries()) {
        const article = await ensureArticle(strapi, a, columns, true);
        placements.push({ article: article.documentId, order: i + 1, span: a.span ?? 2, lead: Boolean(a.lead) });
      }
      const credits: Record<string, any> = {};
      for (const role of ['editor', 'layout', 'proofreader'] as const) {
        credits[role] = await findOrCreateContributor(strapi, page.credits[role]);
      }
      const created = await strapi.documents('api::page.page').create({
        data: { number: page.number, name: page.name, theme: page.theme, issue: issue.documentId, placements } as any,
        locale: LOCALE,
      });
      // The printed page was signed by the people in its credits line.
      await signOffPage(strapi, created.documentId, credits as any, '示例数据');
    }
    await issues.publish({ documentId: issue.documentId, locale: LOCALE });
  }
  for (const d of demo.drafts) await ensureArticle(strapi, d, columns, false);

  await store.set({ key: 'demoSeeded', value: true });
  strapi.log.info(`banmian demo content ready: ${demo.publication.name} 第${demo.issue.number}期`);
  return { skipped: false, issueDocumentId: issue.documentId };
}
