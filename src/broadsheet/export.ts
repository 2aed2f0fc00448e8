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

/**
 * The exporter's thin edge: find the issue, load its tree through the Document
 * Service, read and resize its photos, then hand pure data to the renderer and
 * the files to writeSite. load → images → render → write.
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
  onStep?: (step: { phase: 'load' | 'images' | 'render' | 'write'; done: number; total: number }) => void;
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
};

/** A refusal of the exporter (messages.ts `export.*`): the CLI prints its message, the admin re-words it. */
export class ExportError extends NewsroomError {}

/**
 * The site's manifest: a fingerprint of everything the output depends on (the
 * tree, the processed images, the templates and stylesheet). When it matches and
 * every listed file is still there, a re-export skips rendering altogether.
 */
const MANIFEST = '.banmian-export.json';
type Manifest = { fingerprint: string; files: string[]; bytes: number };

async function upToDate(outDir: string, fingerprint: string): Promise<Manifest | null> {
  try {
    const manifest: Manifest = JSON.parse(await fs.readFile(path.join(outDir, MANIFEST), 'utf8'));
    if (manifest.fingerprint !== fingerprint) return null;
    await Promise.all(manifest.files.map((f) => fs.stat(path.join(outDir, f))));
    return manifest;
  } catch {
    return null;
  }
}

export async function findIssueDocumentId(
  strapi: Core.Strapi,
  { issue, publication, locale, drafts }: Pick<ExportOptions, 'issue' | 'publication' | 'locale' | 'drafts'>,
) {
  const filters: Record<string, unknown> = { number: issue };
  if (publication) {
    const pub = await strapi.documents('api::publication.publication').findFirst({ filters: { slug: publication } });
    if (!pub) throw new ExportError('export.noPublication', { slug: publication });
    filters.publication = { documentId: pub.documentId };
  }
  const found = await strapi.documents('api::issue.issue').findMany({
    filters,
    locale,
    status: drafts ? 'draft' : 'published',
    populate: { publication: { fields: ['slug', 'name'] } } as any,
  });
  if (found.length === 0) {
    throw new ExportError('export.notFound', { issue: issue!, publication, drafts: Boolean(drafts) });
  }
  if (found.length > 1) {
    throw new ExportError('export.severalPublications', { issue: issue!, slugs: found.map((i: any) => i.publication?.slug) });
  }
  return found[0].documentId as string;
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
  const photos = tree.pages.flatMap((p) => p.placements.flatMap((pl) => pl.article.photos.map((ph) => ({ ph, headline: pl.article.headline }))));
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

export function defaultOutDir(strapi: Core.Strapi, tree: IssueTree) {
  return path.join(strapi.dirs.app.root, 'exports', tree.publication?.slug || 'publication', String(tree.number));
}

export async function exportIssue(strapi: Core.Strapi, options: ExportOptions): Promise<ExportSummary> {
  const started = process.hrtime.bigint();
  options.onStep?.({ phase: 'load', done: 0, total: 1 });
  const tree = await loadExportTree(strapi, options);
  options.onStep?.({ phase: 'load', done: 1, total: 1 });
  const cacheDir = options.cacheDir ?? path.join(strapi.dirs.app.root, '.cache', 'broadsheet', 'images');
  const images = await processTreeImages(strapi, tree, cacheDir, options.maxPixels, options.onStep);
  const outDir = path.resolve(options.outDir ?? defaultOutDir(strapi, tree));
  const fingerprint = crypto
    .createHash('sha256')
    .update(JSON.stringify({ tree, images: [...images.index.entries()], renderer: rendererFingerprint() }))
    .digest('hex');
  const current = await upToDate(outDir, fingerprint);
  let written: WriteResult;
  if (current) {
    written = { written: 0, unchanged: current.files.length + 1, removed: 0, bytes: current.bytes, files: current.files.length + 1 };
  } else {
    const files = buildSiteFiles(tree, images.index, images.files);
    const bytes = [...files.values()].reduce((n, d) => n + Buffer.byteLength(d), 0);
    files.set(MANIFEST, `${JSON.stringify({ fingerprint, files: [...files.keys()], bytes }, null, 1)}\n`);
    options.onStep?.({ phase: 'render', done: files.size, total: files.size });
    written = await writeSite(outDir, files, { manifest: MANIFEST });
  }
  options.onStep?.({ phase: 'write', done: written.files, total: written.files });
  return {
    ...written,
    outDir,
    publication: tree.publication?.slug ?? '',
    issue: tree.number,
    pages: tree.pages.length,
    articles: new Set(tree.pages.flatMap((p) => p.placements.map((pl) => pl.article.documentId))).size,
    images: images.index.size,
    resized: images.resized,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
