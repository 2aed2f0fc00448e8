import type { Core } from '@strapi/strapi';
import fs from 'fs/promises';
import path from 'path';
import { processImage } from './images';
import { buildSiteFiles } from './site';
import { NewsroomError } from '../newsroom/messages';
import { writeSite, type WriteResult } from './write-site';
import type { ImageIndex } from './view-model';
import type { IssueTree } from '../newsroom/issue-tree';
import { rendererFingerprint } from './render';
import crypto from 'crypto';
import { defaultLocale } from '../signoff/snapshots';
import { versionRows } from '../newsroom/public-filters';
import { estimatedFits, findChromium, measureSite, type ChromiumSession, type PlacementFit } from './copyfit';
import { holesOf, type PageHole } from './underset';
import { siteView } from './view-model';

/**
 * The exporter's thin edge: find the issue, skip everything when the database has
 * not changed since the last export (contentStamp), else load its tree, read and
 * resize its photos, then hand pure data to the renderer and the files to
 * writeSite. load → images → render → write.
 */

export type ExportOptions = {
  issue?: number;
  /** Instead of issue (+ publication): the issue's documentId, as the admin knows it. */
  documentId?: string;
  publication?: string;
  locale?: string;
  drafts?: boolean;
  outDir?: string;
  cacheDir?: string;
  maxPixels?: number;
  /** print.html as A3 proofs (--proof a3). */
  proof?: 'a3' | null;
  /** Check every article's fit after writing (measured in Chromium when there is one, else estimated). */
  copyfit?: boolean;
  /** The browser the fit is measured in, already started (the CLI starts it while Strapi boots); else one is launched for the check. */
  chromium?: ChromiumSession | null;
  /** Where measured 版 are kept by layout fingerprint (default .cache/broadsheet/copyfit/; null measures every 版). */
  fitCacheDir?: string | null;
  onStep?: (step: { phase: 'load' | 'images' | 'render' | 'write' | 'fit'; done: number; total: number }) => void;
};

export type ExportSummary = WriteResult & {
  outDir: string;
  pages: number;
  articles: number;
  images: number;
  resized: number;
  seconds: number;
  publication: string;
  issue: number;
  /** With `copyfit`: each placement's fit, how it was found, and why not measured when it was estimated. */
  fits?: PlacementFit[];
  /** With `copyfit`: the modules of each 版's grid no block covers (underset, 欠版, like each fit's `underset`). */
  holes?: PageHole[];
  fitMethod?: 'measured' | 'estimate';
  fitNote?: string;
  /** With `copyfit` measured: 版 measured in Chromium now, and 版 whose layout was measured before (the fit cache). */
  fitMeasured?: number;
  fitReused?: number;
};

/** A refusal of the exporter (messages.ts `export.*`): the CLI prints its message, the admin re-words it. */
export class ExportError extends NewsroomError {}

/**
 * The site's manifest: a fingerprint of everything the output depends on (the
 * tree, the processed images, the templates and stylesheet), and the database's
 * change stamp when it was made. A re-export whose stamp, source and renderer
 * are the same finds nothing to do without loading the tree; one whose stamp
 * moved loads the tree and, when the fingerprint matches, still writes nothing.
 */
const MANIFEST = '.banmian-export.json';
type Counts = { pages: number; articles: number; images: number };
type Manifest = { fingerprint: string; files: string[]; bytes: number; stamp?: string; source?: string; renderer?: string; counts?: Counts };

async function readManifest(outDir: string): Promise<Manifest | null> {
  try {
    const manifest: Manifest = JSON.parse(await fs.readFile(path.join(outDir, MANIFEST), 'utf8'));
    await Promise.all(manifest.files.map((f) => fs.stat(path.join(outDir, f))));
    return manifest;
  } catch {
    return null;
  }
}

/** The tables an exported issue is read from (its tree and its photos). */
const STAMPED = [
  'api::issue.issue',
  'api::page.page',
  'api::article.article',
  'api::column.column',
  'api::contributor.contributor',
  'api::publication.publication',
  'plugin::upload.file',
];

/**
 * The database's change stamp, in one query: each table's row count and latest
 * update. Any write to what a tree reads raises a latest update (an insert or an
 * edit) or changes a count (a delete); component rows are written with their
 * owner, whose update time moves. Global, not per issue: cheaper than following
 * an issue's relations, and exact when nothing changed, which is what it is for.
 */
export async function contentStamp(strapi: Core.Strapi): Promise<string> {
  const parts = STAMPED.map((uid) =>
    strapi.db
      .getConnection(strapi.db.metadata.get(uid).tableName)
      .select(strapi.db.connection.raw('? as uid', [uid]))
      .count({ n: '*' })
      .max({ at: 'updated_at' }),
  );
  const rows: any[] = await parts[0].unionAll(parts.slice(1));
  const at = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ''));
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(rows.map((r) => [r.uid, Number(r.n), at(r.at)]).sort()))
    .digest('hex');
}

/** Where an issue's site goes by default, and what it is, from one light query. */
async function issueHeader(strapi: Core.Strapi, documentId: string, locale: string | undefined, drafts: boolean | undefined) {
  const row: any = await strapi.db.query('api::issue.issue').findOne({
    where: { documentId, ...(locale ? { locale } : {}), ...versionRows(drafts ? 'draft' : 'published') },
    select: ['number'],
    populate: { publication: { select: ['slug'] } },
  });
  return row ? { number: row.number as number, slug: (row.publication?.slug as string | undefined) ?? '' } : null;
}

/** The issue an export names by number (and publication), read with plain queries: re-exports ask this for every issue. */
export async function findIssueDocumentId(strapi: Core.Strapi, options: Pick<ExportOptions, 'issue' | 'publication' | 'locale' | 'drafts'>) {
  return (await locateIssue(strapi, options)).documentId;
}

async function locateIssue(strapi: Core.Strapi, { issue, publication, locale, drafts }: Pick<ExportOptions, 'issue' | 'publication' | 'locale' | 'drafts'>) {
  const where: Record<string, unknown> = {
    number: issue,
    locale: locale ?? (await defaultLocale(strapi)),
    ...versionRows(drafts ? 'draft' : 'published'),
  };
  if (publication) {
    const pub: any = await strapi.db.query('api::publication.publication').findOne({ where: { slug: publication }, select: ['documentId'] });
    if (!pub) throw new ExportError('export.noPublication', { slug: publication });
    where.publication = { documentId: pub.documentId };
  }
  const found: any[] = await strapi.db
    .query('api::issue.issue')
    .findMany({ where, select: ['documentId', 'number'], populate: { publication: { select: ['slug'] } } });
  if (found.length === 0) {
    throw new ExportError('export.notFound', { issue: issue!, publication, drafts: Boolean(drafts) });
  }
  if (found.length > 1) {
    throw new ExportError('export.severalPublications', { issue: issue!, slugs: found.map((i: any) => i.publication?.slug) });
  }
  return { documentId: found[0].documentId as string, number: found[0].number as number, slug: (found[0].publication?.slug as string | undefined) ?? '' };
}

async function readImageSource(strapi: Core.Strapi, url: string): Promise<Buffer> {
  if (/^https?:\/\//.test(url)) {
    const res = await fetch(url);
    if (!res.ok) throw new ExportError('export.photoUnreadable', { url, why: `HTTP ${res.status}` });
    return Buffer.from(await res.arrayBuffer());
  }
  const file = path.join(strapi.dirs.static.public, decodeURI(url));
  return fs.readFile(file).catch(() => {
    throw new ExportError('export.photoUnreadable', { url, why: `file ${file} is missing` });
  });
}

export async function processTreeImages(
  strapi: Core.Strapi,
  tree: IssueTree,
  cacheDir: string,
  maxPixels: number | undefined,
  onStep?: ExportOptions['onStep'],
) {
  const photos = tree.pages.flatMap((p) => p.placements.flatMap((pl) => (pl.article?.photos ?? []).map((ph) => ({ ph, headline: pl.article!.headline }))));
  const urls = [...new Map(photos.filter((x) => x.ph.image).map((x) => [x.ph.image!.url, x.headline])).entries()];
  const index: ImageIndex = new Map();
  const files = new Map<string, Buffer>();
  let resized = 0;
  for (const [i, [url, headline]] of urls.entries()) {
    const source = await readImageSource(strapi, url);
    const out = await processImage(source, { cacheDir, maxPixels, label: `photo ${url} in "${headline}"` });
    index.set(url, out.image);
    for (const [p, data] of out.files) files.set(p, data);
    resized += out.resized;
    onStep?.({ phase: 'images', done: i + 1, total: urls.length });
  }
  return { index, files, resized };
}

export async function loadExportTree(strapi: Core.Strapi, options: Pick<ExportOptions, 'issue' | 'documentId' | 'publication' | 'locale' | 'drafts'>) {
  const documentId = options.documentId ?? (await findIssueDocumentId(strapi, options));
  const result = await strapi.service('api::issue.issue').loadTree({ documentId, locale: options.locale, status: options.drafts ? 'draft' : 'published' });
  if (!result) throw new ExportError('export.notFound', { issue: options.issue ?? documentId, drafts: Boolean(options.drafts) });
  return result.tree as IssueTree;
}

/** exports/<publication slug>/<issue number> in the project folder, unless --out says otherwise. */
export function defaultOutDir(strapi: Core.Strapi, issue: { slug?: string | null; number: number }) {
  return path.join(strapi.dirs.app.root, 'exports', issue.slug || 'publication', String(issue.number));
}

export async function exportIssue(strapi: Core.Strapi, options: ExportOptions): Promise<ExportSummary> {
  const summary = await writeIssue(strapi, options);
  if (!options.copyfit) return summary;
  const fit = await checkFit(strapi, summary, options);
  return { ...summary, ...fit, holes: holesOf(fit.fits) };
}

/**
 * Copyfit of what was just written: measured on its print.html in headless
 * Chromium, or, when this machine has none, estimated from character counts and
 * the grid (and the note says so).
 */
async function checkFit(strapi: Core.Strapi, summary: ExportSummary, options: ExportOptions) {
  const chromium = options.chromium?.executablePath ?? findChromium();
  let why = 'no Chromium found (set CHROMIUM_PATH, or install chromium)';
  if (chromium) {
    try {
      options.onStep?.({ phase: 'fit', done: 0, total: 1 });
      const cacheDir = options.fitCacheDir === undefined ? path.join(strapi.dirs.app.root, '.cache', 'broadsheet', 'copyfit') : options.fitCacheDir;
      const { fits, measured, reused } = await measureSite(path.join(summary.outDir, 'print.html'), options.chromium ?? chromium, { cacheDir });
      options.onStep?.({ phase: 'fit', done: 1, total: 1 });
      return { fits, fitMethod: 'measured' as const, fitMeasured: measured, fitReused: reused };
    } catch (error: any) {
      // The site is written; a browser that will not start costs the measurement, not the export.
      why = `Chromium at ${chromium} failed (${String(error?.message ?? error).split('\n')[0]})`;
    }
  }
  const tree = await loadExportTree(strapi, options);
  return {
    fits: estimatedFits(siteView(tree, new Map())),
    fitMethod: 'estimate' as const,
    fitNote: `${why}: fit estimated from character counts and the grid`,
  };
}

async function writeIssue(strapi: Core.Strapi, options: ExportOptions): Promise<ExportSummary> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  options.onStep?.({ phase: 'load', done: 0, total: 1 });

  // Nothing changed since the last export to this folder? Then not even the tree is loaded.
  const located = options.documentId ? null : await locateIssue(strapi, options);
  const documentId = options.documentId ?? located!.documentId;
  const header = located ?? (await issueHeader(strapi, documentId, options.locale, options.drafts));
  const source = JSON.stringify({
    documentId,
    locale: options.locale ?? null,
    drafts: Boolean(options.drafts),
    maxPixels: options.maxPixels ?? null,
    proof: options.proof ?? null,
  });
  const stamp = await contentStamp(strapi);
  if (header) {
    const outDir = path.resolve(options.outDir ?? defaultOutDir(strapi, header));
    const last = await readManifest(outDir);
    if (last?.counts && last.stamp === stamp && last.source === source && last.renderer === rendererFingerprint()) {
      const files = last.files.length + 1;
      options.onStep?.({ phase: 'write', done: files, total: files });
      return {
        written: 0,
        unchanged: files,
        removed: 0,
        bytes: last.bytes,
        files,
        outDir,
        publication: header.slug,
        issue: header.number,
        ...last.counts,
        resized: 0,
        seconds: seconds(),
      };
    }
  }

  const tree = await loadExportTree(strapi, { ...options, documentId });
  options.onStep?.({ phase: 'load', done: 1, total: 1 });
  const cacheDir = options.cacheDir ?? path.join(strapi.dirs.app.root, '.cache', 'broadsheet', 'images');
  const images = await processTreeImages(strapi, tree, cacheDir, options.maxPixels, options.onStep);
  const outDir = path.resolve(options.outDir ?? defaultOutDir(strapi, { slug: tree.publication?.slug, number: tree.number }));
  const fingerprint = crypto
    .createHash('sha256')
    .update(JSON.stringify({ tree, images: [...images.index.entries()], renderer: rendererFingerprint(), proof: options.proof ?? null }))
    .digest('hex');
  const counts: Counts = {
    pages: tree.pages.length,
    articles: new Set(tree.pages.flatMap((p) => p.placements.flatMap((pl) => (pl.article ? [pl.article.documentId] : [])))).size,
    images: images.index.size,
  };
  const manifest = (files: string[], bytes: number) =>
    `${JSON.stringify({ fingerprint, files, bytes, stamp, source, renderer: rendererFingerprint(), counts }, null, 1)}\n`;
  const current = await readManifest(outDir);
  let written: WriteResult;
  if (current?.fingerprint === fingerprint) {
    // The same site: only the manifest learns the new stamp, so the next re-export is quick again.
    await fs.writeFile(path.join(outDir, MANIFEST), manifest(current.files, current.bytes));
    written = { written: 0, unchanged: current.files.length + 1, removed: 0, bytes: current.bytes, files: current.files.length + 1 };
  } else {
    const files = buildSiteFiles(tree, images.index, images.files, { proof: options.proof });
    const bytes = [...files.values()].reduce((n, d) => n + Buffer.byteLength(d), 0);
    files.set(MANIFEST, manifest([...files.keys()], bytes));
    options.onStep?.({ phase: 'render', done: files.size, total: files.size });
    written = await writeSite(outDir, files, { manifest: MANIFEST });
  }
  options.onStep?.({ phase: 'write', done: written.files, total: written.files });
  return {
    ...written,
    outDir,
    publication: tree.publication?.slug ?? '',
    issue: tree.number,
    ...counts,
    resized: images.resized,
    seconds: seconds(),
  };
}
