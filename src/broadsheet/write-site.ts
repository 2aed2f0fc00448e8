import crypto from 'crypto';
import fs from 'fs/promises';
import path from 'path';
import type { SiteFiles } from './site';
import { NewsroomError } from '../newsroom/messages';

export type WriteResult = { written: number; unchanged: number; removed: number; bytes: number; files: number };

/** Every file below `dir`, as sorted `/`-separated paths relative to it. */
export async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full, base)));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

/** Folders below `dir` that hold nothing at all (a user's empty folder; an export never makes one), relative as listFiles. */
async function emptyFolders(dir: string, base = dir): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  if (!entries.length && dir !== base) return [path.relative(base, dir).split(path.sep).join('/')];
  const out: string[] = [];
  for (const entry of entries) if (entry.isDirectory()) out.push(...(await emptyFolders(path.join(dir, entry.name), base)));
  return out.sort();
}

/**
 * Every path the site would write must stay inside `target`, whatever the data
 * says: a slug such as `../../../x` becomes `articles/../../../x.html`. Checked for
 * the whole list before anything is written, so a refused site writes nothing.
 */
export function assertInsideFolder(target: string, files: Iterable<string>) {
  for (const rel of files) {
    const segments = rel.split(/[\\/]/);
    const resolved = path.resolve(target, rel);
    const inside = resolved.startsWith(target + path.sep) && path.relative(target, resolved).split(path.sep).join('/') === rel;
    if (!rel || rel.includes('\0') || path.isAbsolute(rel) || segments.some((s) => s === '' || s === '.' || s === '..') || !inside) {
      throw new NewsroomError('export.pathOutside', { path: rel, folder: target });
    }
  }
}

async function readIfExists(file: string) {
  try {
    return await fs.readFile(file);
  } catch {
    return null;
  }
}

/**
 * Writes the site atomically and incrementally. Nothing changed → nothing is
 * written. Otherwise the new site is assembled in a sibling temp folder
 * (unchanged files hard-linked, not copied) and swapped in by rename, so a
 * reader or a failed export never sees a half-written site.
 */
/**
 * The files an earlier export wrote into `target`, from its manifest (the file
 * named `manifest`, whose `files` lists them). A folder with other content and no
 * manifest is not ours: refused, so an export never deletes a user's files.
 */
async function ownedFiles(target: string, existing: string[], manifest: string): Promise<Set<string>> {
  if (!existing.length) return new Set();
  const refuse = (why: string) =>
    new Error(`refusing to export into ${target}: it is not empty and ${why}, so it is not an earlier banmian export; choose an empty or new folder`);
  const raw = await readIfExists(path.join(target, manifest));
  if (!raw) throw refuse(`has no ${manifest}`);
  try {
    const listed = JSON.parse(raw.toString('utf8')).files;
    if (!Array.isArray(listed)) throw new Error('no file list');
    return new Set([...listed.map(String), manifest]);
  } catch {
    throw refuse(`its ${manifest} cannot be read`);
  }
}

export async function writeSite(outDir: string, files: SiteFiles, { manifest }: { manifest?: string } = {}): Promise<WriteResult> {
  const target = path.resolve(outDir);
  assertInsideFolder(target, files.keys());
  const bytes = [...files.values()].reduce((n, d) => n + Buffer.byteLength(d), 0);
  let existing: string[] | null = null;
  try {
    if ((await fs.stat(target)).isDirectory()) existing = await listFiles(target);
    else throw new Error(`cannot write the export to ${target}: it is a file, not a folder`);
  } catch (error: any) {
    if (error.code !== 'ENOENT') throw error.code ? new Error(`cannot write the export to ${target}: ${error.code}`) : error;
  }

  // Files the folder holds that no export of ours wrote: they stay where they are.
  const owned = existing && manifest ? await ownedFiles(target, existing, manifest) : null;
  const foreign = existing && owned ? existing.filter((f) => !owned.has(f) && !files.has(f)) : [];
  // Empty folders are never ours either (an export writes files only): they stay too.
  const keptFolders = existing && owned ? await emptyFolders(target) : [];

  const unchanged = new Set<string>();
  if (existing) {
    for (const [rel, data] of files) {
      const old = await readIfExists(path.join(target, rel));
      if (old && old.equals(Buffer.isBuffer(data) ? data : Buffer.from(data))) unchanged.add(rel);
    }
  }
  const removed = existing ? existing.filter((f) => !files.has(f) && !foreign.includes(f)).length : 0;
  if (existing && unchanged.size === files.size && removed === 0) {
    return { written: 0, unchanged: unchanged.size, removed: 0, bytes, files: files.size };
  }

  const parent = path.dirname(target);
  const tmp = path.join(parent, `.${path.basename(target)}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    await fs.mkdir(parent, { recursive: true });
    await fs.mkdir(tmp);
  } catch (error: any) {
    throw new Error(`cannot write the export to ${target}: ${error.code ?? error.message} on ${error.path ?? parent}`);
  }
  try {
    for (const [rel, data] of files) {
      const dest = path.join(tmp, rel);
      await fs.mkdir(path.dirname(dest), { recursive: true });
      if (unchanged.has(rel)) {
        await fs.link(path.join(target, rel), dest).catch(() => fs.copyFile(path.join(target, rel), dest));
      } else {
        await fs.writeFile(dest, data);
      }
    }
    for (const rel of foreign) {
      const dest = path.join(tmp, rel);
      await fs.mkdir(path.dirname(dest), { recursive: true });
      await fs.link(path.join(target, rel), dest).catch(() => fs.copyFile(path.join(target, rel), dest));
    }
    for (const rel of keptFolders) await fs.mkdir(path.join(tmp, rel), { recursive: true });
    if (existing) {
      const old = `${tmp}.old`;
      await fs.rename(target, old);
      await fs.rename(tmp, target);
      await fs.rm(old, { recursive: true, force: true });
    } else {
      await fs.rename(tmp, target);
    }
  } catch (error) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw error;
  }
  return { written: files.size - unchanged.size, unchanged: unchanged.size, removed, bytes, files: files.size };
}
