import fs from 'fs';
import { Writable } from 'stream';
import { pipeline } from 'stream/promises';
import zlib from 'zlib';
import { NewsroomError } from '../newsroom/messages';

/**
 * Reads a whole backup (.tar.gz) before a restore deletes anything: the gzip
 * stream, every tar header's checksum, every entry to its last byte, the end of
 * the archive, and every JSON line of the entities, links, schemas and
 * configuration files. A truncated or corrupted file is refused here, while the
 * database and the upload folder are still untouched. Returns the entity types
 * it holds, so the caller can say what it will skip.
 */

const BLOCK = 512;

type Entry = { name: string; size: number; type: string };

/** A tar reader that only checks: headers and data are walked, never kept (but JSON lines, one at a time). */
class TarCheck extends Writable {
  readonly types = new Map<string, number>();
  readonly names = new Set<string>();
  private header = Buffer.alloc(0);
  private entry: Entry | null = null;
  private left = 0;
  private pad = 0;
  private zeroBlocks = 0;
  private ended = false;
  private line = '';
  private paxPath: string | null = null;
  private pax = '';

  _write(chunk: Buffer, _encoding: string, done: (error?: Error | null) => void) {
    try {
      this.feed(chunk);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  _final(done: (error?: Error | null) => void) {
    done(this.ended && !this.left ? null : new Error('the archive ends before its last entry'));
  }

  private feed(chunk: Buffer) {
    let at = 0;
    while (at < chunk.length && !this.ended) {
      if (this.left > 0) {
        const n = Math.min(this.left, chunk.length - at);
        this.data(chunk.subarray(at, at + n));
        this.left -= n;
        at += n;
        if (this.left === 0) this.entryEnd();
      } else if (this.pad > 0) {
        const n = Math.min(this.pad, chunk.length - at);
        this.pad -= n;
        at += n;
      } else {
        const n = Math.min(BLOCK - this.header.length, chunk.length - at);
        this.header = Buffer.concat([this.header, chunk.subarray(at, at + n)]);
        at += n;
        if (this.header.length === BLOCK) {
          const block = this.header;
          this.header = Buffer.alloc(0);
          this.headerBlock(block);
        }
      }
    }
  }

  private headerBlock(h: Buffer) {
    if (h.every((b) => b === 0)) {
      this.zeroBlocks += 1;
      this.ended = this.zeroBlocks === 2;
      return;
    }
    if (this.zeroBlocks) throw new Error('an entry after the end of the archive');
    const text = (from: number, to: number) => h.toString('utf8', from, to).replace(/\0.*$/s, '');
    let sum = 0;
    for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 32 : h[i];
    if (parseInt(text(148, 156).trim(), 8) !== sum) throw new Error('a damaged tar header (checksum)');
    const size = h[124] & 0x80 ? Number(h.readBigUInt64BE(128)) : parseInt(text(124, 136).trim() || '0', 8);
    const prefix = text(257, 263).startsWith('ustar') ? text(345, 500) : '';
    const name = this.paxPath ?? (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100));
    this.paxPath = null;
    this.entry = { name, size, type: String.fromCharCode(h[156] || 48) };
    this.left = size;
    this.pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.entryEnd();
  }

  private data(bytes: Buffer) {
    const entry = this.entry!;
    if (entry.type === 'x') this.pax += bytes.toString('utf8');
    else if (/\.jsonl$/.test(entry.name)) {
      const lines = (this.line + bytes.toString('utf8')).split('\n');
      this.line = lines.pop()!;
      for (const line of lines) this.jsonLine(line);
    }
  }

  private entryEnd() {
    const entry = this.entry!;
    if (entry.type === 'x') {
      this.paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(this.pax)?.[1] ?? null;
      this.pax = '';
    } else {
      this.names.add(entry.name);
      if (this.line) this.jsonLine(this.line);
    }
    this.line = '';
    this.entry = null;
  }

  private jsonLine(line: string) {
    if (!line.trim()) return;
    let value: any;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`a damaged line in ${this.entry!.name}`);
    }
    if (this.entry!.name.startsWith('entities/')) this.types.set(value.type, (this.types.get(value.type) ?? 0) + 1);
  }
}

/** The entity types of a sound backup, with their counts; a damaged one is refused (backup.damaged). */
export async function checkArchive(file: string, shownName = file): Promise<Map<string, number>> {
  const check = new TarCheck();
  try {
    await pipeline(fs.createReadStream(file), zlib.createGunzip(), check);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' ? 'not a gzip file' : (error as Error).message;
    throw new NewsroomError('backup.damaged', { file: shownName, why });
  }
  if (!check.names.has('metadata.json')) throw new NewsroomError('backup.damaged', { file: shownName, why: 'no metadata.json: not a backup' });
  return check.types;
}
