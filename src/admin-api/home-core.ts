import { nextRole, type SignRole, type Stage } from '../signoff/stages';
import type { PlacementFit } from '../broadsheet/copyfit';

/**
 * The desk's home page (src/admin/home/*) as pure rules over rows the
 * controller (home-controller.ts) reads: which pages wait for whose signature,
 * which articles do not fit, and what the importer brought in lately.
 */

/** A page as the home page lists it. */
export type HomePage = {
  documentId: string;
  number: number | null;
  label: string;
  name: string | null;
  stage: Stage;
  /** The signature due next, null when fully signed. */
  next: SignRole | null;
};

/** The pages whose next signature is one of `mine` (a Super Admin holds all three): what waits for this user. */
export function waitingFor<P extends { stage: Stage }>(pages: P[], mine: SignRole[]): Array<P & { next: SignRole }> {
  return pages.flatMap((p) => {
    const next = nextRole(p.stage);
    return next && mine.includes(next) ? [{ ...p, next }] : [];
  });
}

/** One article's fit on its page, as the home page names it. */
export type FitRow = {
  page: number;
  order: number;
  headline: string;
  article: string | null;
  lines: number;
  chars: number;
  method: PlacementFit['method'];
};

/**
 * Overset (超版: text the rectangle cannot hold) and underset (欠版: a rectangle
 * the text leaves partly white, so the sheet prints white space), from the fit
 * figures: `overLines` > 0 overset, and the underset the fit carries (src/broadsheet/underset.ts,
 * the same rule the 预览 and the export apply).
 */
export function fitRows(fits: Array<PlacementFit & { article?: string | null }>) {
  const row = (f: (typeof fits)[number], lines: number, chars: number): FitRow => ({
    page: f.page,
    order: f.order,
    headline: f.headline,
    article: f.article ?? null,
    lines,
    chars,
    method: f.method,
  });
  const under = (f: (typeof fits)[number]) => f.underset?.lines ?? 0;
  const byPlace = (a: FitRow, b: FitRow) => a.page - b.page || a.order - b.order;
  return {
    overset: fits
      .filter((f) => f.overLines > 0 || f.overChars > 0)
      .map((f) => row(f, Math.max(0, f.overLines), Math.max(0, f.overChars)))
      .sort(byPlace),
    underset: fits
      .filter((f) => under(f) > 0)
      .map((f) => row(f, under(f), under(f) * f.charsPerLine))
      .sort(byPlace),
  };
}

/** An imported article row: its importHash is `<file sha-256>:<page>:<article>` (src/ocr-import/import.ts). */
export type ImportedArticle = { documentId: string; importHash: string; createdAt: string; headline: string };
/** One imported file, as the home page lists it. */
export type ImportRow = { hash: string; at: string; articles: number; headlines: string[]; pages: string[]; firstArticle: string };

/** The files imported, newest first: articles grouped by the file they came from; `pagesOf` names the pages carrying an article. */
export function latestImports(rows: ImportedArticle[], pagesOf: (articleDocumentId: string) => string[], limit = 5): ImportRow[] {
  const files = new Map<string, ImportedArticle[]>();
  for (const r of rows) {
    const hash = r.importHash.split(':')[0];
    if (!hash) continue;
    const list = files.get(hash) ?? [];
    if (!list.some((a) => a.documentId === r.documentId)) list.push(r);
    files.set(hash, list);
  }
  return [...files.entries()]
    .map(([hash, list]) => {
      // In the file's order (page, then article), as printed.
      const sorted = [...list].sort((a, b) => placeOf(a) - placeOf(b));
      return {
        hash: hash.slice(0, 12),
        at: list.map((a) => String(a.createdAt)).sort()[0],
        articles: list.length,
        headlines: sorted.map((a) => a.headline),
        pages: [...new Set(sorted.flatMap((a) => pagesOf(a.documentId)))],
        firstArticle: sorted[0].documentId,
      };
    })
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, limit);
}

const placeOf = (a: ImportedArticle) => {
  const [, page, article] = a.importHash.split(':').map(Number);
  return (page || 0) * 10000 + (article || 0);
};
