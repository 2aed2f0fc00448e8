import type { IssueTree } from '../newsroom/issue-tree';
import type { ImageIndex } from './view-model';

/**
 * The admin preview shows photos straight from Strapi's upload formats (no
 * resizing), as absolute URLs so the preview can be opened from a blob: page.
 */
export function previewImages(tree: IssueTree, origin: string): ImageIndex {
  const abs = (url: string) => (/^https?:\/\//.test(url) ? url : `${origin}${url}`);
  const index: ImageIndex = new Map();
  for (const page of tree.pages)
    for (const pl of page.placements)
      for (const ph of pl.article?.photos ?? []) {
        const img = ph.image;
        if (!img || index.has(img.url)) continue;
        const formats = Object.values((img.formats ?? {}) as Record<string, any>)
          .filter((f) => f?.url && f.width)
          .map((f) => ({ width: f.width as number, height: f.height as number, webp: null, jpeg: abs(f.url) }));
        const original = { width: img.width ?? 0, height: img.height ?? 0, webp: null, jpeg: abs(img.url) };
        const variants = [...formats.filter((f) => f.width < original.width), original].sort((a, b) => a.width - b.width);
        index.set(img.url, { width: original.width, height: original.height, variants, printJpeg: original.jpeg });
      }
  return index;
}
