import fs from 'fs/promises';
import path from 'path';
import yazl from 'yazl';
import { listFiles } from './write-site';

// A fixed timestamp keeps the archive byte-identical for identical content.
const EPOCH = new Date('2000-01-01T00:00:00Z');

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
