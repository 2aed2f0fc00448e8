import { pinyin } from 'pinyin-pro';
import slugify from 'slugify';

const MAX_SLUG_LENGTH = 80;

/**
 * A readable ASCII slug for Chinese (or mixed) text: each Han character becomes
 * its toneless pinyin syllable, other runs are kept, and slugify does the rest.
 * `党建引领 做强“福禄”产业链` → `dang-jian-yin-ling-zuo-qiang-fu-lu-chan-ye-lian`.
 */
export function slugFor(text: string): string {
  const syllables = pinyin(String(text ?? ''), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const slug = slugify(syllables.join(' '), { lower: true, strict: true, trim: true });
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH);
  return cut.slice(0, Math.max(cut.lastIndexOf('-'), 1)).replace(/-+$/, '');
}

/** The first of `base`, `base-2`, `base-3`… that `taken` does not contain. */
export function uniqueSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const root = base || 'untitled';
  if (!used.has(root)) return root;
  for (let n = 2; ; n += 1) {
    const candidate = `${root}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * What a slug may be: it names a file of the exported site and a URL, so only
 * letters, digits, `-` and `_`, starting with a letter or digit (no `/`, `\\`, `.`
 * or `~`, so never `..` or a path). Strapi checks uid fields on publish only; the
 * document rules check every write, drafts too.
 */
export const SLUG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const isSafeSlug = (slug: string) => slug.length <= MAX_SLUG_LENGTH * 2 && SLUG_PATTERN.test(slug);
