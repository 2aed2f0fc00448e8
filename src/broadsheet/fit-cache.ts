import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { spawnSync } from 'child_process';
import type { PlacementFit } from './copyfit';

/**
 * Copyfit measured once per layout: each 版 of a print.html is fingerprinted by
 * everything that decides its fit — the document's head (the @page size, the
 * stylesheet link), the stylesheet's bytes, the 版's own HTML (its text, grid,
 * rectangles and photo files, which are named by content hash), the measuring
 * script, the browser and the fonts installed — and a measurement is kept on disk
 * under that key (.cache/broadsheet/copyfit/, like the resized photos). A 版 whose
 * key is on disk is not measured again; any byte of those that changes makes a new key.
 */

const SHEET = '<section class="sheet"';

/** The head of a print.html (everything before the first 版) and each 版's HTML, by page number. */
export function splitSheets(html: string): { head: string; sheets: { page: number; html: string }[] } {
  const first = html.indexOf(SHEET);
  if (first < 0) return { head: html, sheets: [] };
  const sheets: { page: number; html: string }[] = [];
  for (let at = first; at >= 0;) {
    const next = html.indexOf(SHEET, at + SHEET.length);
    const chunk = html.slice(at, next < 0 ? html.length : next);
    const page = Number(/data-page="(\d+)"/.exec(chunk)?.[1]);
    sheets.push({ page, html: chunk });
    at = next;
  }
  return { head: html.slice(0, first), sheets };
}

let fonts: string | null = null;
/** The fonts Chromium can lay out with (fontconfig's list; empty where there is no fc-list): a font installed or removed changes every key. */
function fontsFingerprint() {
  if (fonts === null) {
    const r = spawnSync('fc-list', ['--format', '%{file}|%{family}|%{style}\n'], { encoding: 'utf8' });
    fonts = r.status === 0 ? [...new Set(r.stdout.split('\n'))].sort().join('\n') : '';
  }
  return fonts;
}

/** The browser as it is on disk (path, size, time): an upgraded Chromium measures again. */
function browserFingerprint(executablePath: string) {
  try {
    const st = fs.statSync(executablePath);
    return `${executablePath}|${st.size}|${st.mtimeMs}`;
  } catch {
    return executablePath;
  }
}

/** The stylesheets a print.html links (relative hrefs), read from its folder; a missing one counts as empty. */
function stylesheets(head: string, dir: string) {
  const hrefs = [...head.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
  return hrefs.map((h) => {
    try {
      return fs.readFileSync(path.join(dir, decodeURI(h)));
    } catch {
      return Buffer.alloc(0);
    }
  });
}

export type SheetKey = { page: number; key: string };

/** Each 版's key in a print.html, measured in `executablePath` with `script`. */
export function sheetKeys(printHtml: string, executablePath: string, script: string): SheetKey[] {
  const { head, sheets } = splitSheets(fs.readFileSync(printHtml, 'utf8'));
  const common = crypto.createHash('sha256');
  common.update(head);
  for (const css of stylesheets(head, path.dirname(printHtml))) common.update(css);
  common.update(script).update(browserFingerprint(executablePath)).update(fontsFingerprint());
  const base = common.digest('hex');
  return sheets.map((s) => ({ page: s.page, key: crypto.createHash('sha256').update(base).update(s.html).digest('hex') }));
}

/** The cache on disk: one JSON file of a 版's fits per key. */
export class FitCache {
  constructor(readonly dir: string) {}

  get(key: string): PlacementFit[] | null {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.dir, `${key}.json`), 'utf8'));
    } catch {
      return null;
    }
  }

  /** Written beside and renamed, so a reader never sees half a file. */
  set(key: string, fits: PlacementFit[]) {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${key}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(fits));
    fs.renameSync(tmp, file);
  }
}
