import fs from 'fs/promises';
import path from 'path';
import yazl from 'yazl';

// A fixed timestamp keeps the archive byte-identical for identical content.
const EPOCH = new Date('2000-01-01T00:00:00Z');

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full, base)));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

/** Zips a folder into memory, every entry under `prefix/`. */
export async function zipFolder(dir: string, prefix: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const rel of await listFiles(dir)) {
    zip.addBuffer(await fs.readFile(path.join(dir, rel)), `${prefix}/${rel}`, { mtime: EPOCH, mode: 0o100644 });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
