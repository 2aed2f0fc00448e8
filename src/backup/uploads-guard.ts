import fs from 'fs';
import path from 'path';

/**
 * Keeps the upload folder of a restore that fails. Strapi's restore moves
 * public/uploads aside, writes the backup's files into a new one, and deletes
 * the moved folder once the files are written — before the links and settings
 * are; a failure after that, or before it, left an emptied or half-written
 * folder. This keeps a copy of every file first (hard links: no bytes copied,
 * same disk), puts it back if the restore fails, and drops it if it succeeds.
 * The copy's name starts with a dot, so the static server never serves it.
 */
export type UploadsGuard = { putBack: (leftovers?: string[]) => void; discard: () => void };

function linkTree(from: string, to: string) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else {
      try {
        fs.linkSync(source, target);
      } catch {
        fs.copyFileSync(source, target); // a file system without hard links
      }
    }
  }
}

export function guardUploads(publicDir: string): UploadsGuard {
  const uploads = path.join(publicDir, 'uploads');
  fs.mkdirSync(uploads, { recursive: true }); // Strapi's restore needs one to move aside
  const copy = path.join(publicDir, `.uploads-before-restore-${process.pid}-${Date.now()}`);
  try {
    linkTree(uploads, copy);
  } catch (error) {
    fs.rmSync(copy, { recursive: true, force: true });
    throw error;
  }
  return {
    putBack(leftovers = []) {
      fs.rmSync(uploads, { recursive: true, force: true });
      fs.renameSync(copy, uploads);
      for (const dir of leftovers) fs.rmSync(path.join(publicDir, dir), { recursive: true, force: true });
    },
    discard() {
      fs.rmSync(copy, { recursive: true, force: true });
    },
  };
}

/**
 * Counts the upload provider's writes in flight. When Strapi's restore fails, the
 * files it had started writing are still being written; the folder is put back
 * only once they are done, so that no late write lands in it.
 */
export function countUploads(provider: Record<string, any>) {
  let inFlight = 0;
  const originals: Record<string, unknown> = {};
  for (const name of ['upload', 'uploadStream']) {
    const write = provider[name];
    if (typeof write !== 'function') continue;
    originals[name] = write;
    provider[name] = (...args: unknown[]) => {
      inFlight += 1;
      try {
        return Promise.resolve(write.apply(provider, args)).finally(() => {
          inFlight -= 1;
        });
      } catch (error) {
        inFlight -= 1;
        throw error;
      }
    };
  }
  return {
    async settled(timeoutMs = 60000) {
      const deadline = Date.now() + timeoutMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    release() {
      Object.assign(provider, originals);
    },
  };
}
