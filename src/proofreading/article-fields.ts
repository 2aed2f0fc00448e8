import type { FieldText } from './types';
import { ARTICLE_TEXT_LABEL } from '../newsroom/glossary';

/**
 * The text an article prints, as the checker reads it: one entry per field, in
 * the order the page prints them (引题, 主题, 副题, 正文, captions, 来源, 作者简介, then
 * the 更正 notices readers see with it),
 * the three headline fields marked (an error there counts double in the 差错率).
 * Field names are the article's own paths (`photos.1.caption`, `corrections.0.text`), so a finding
 * names the field an accepted suggestion writes. Pure: an article row in.
 */

export type ProofArticle = {
  kicker?: string | null;
  headline?: string | null;
  subtitle?: string | null;
  body?: string | null;
  photos?: Array<{ caption?: string | null; credit?: { name?: string | null } | null } | null> | null;
  source?: string | null;
  authorNote?: string | null;
  corrections?: Array<{ text?: string | null } | null> | null;
  bylines?: Array<{ contributors?: Array<{ name?: string | null } | null> | null } | null> | null;
};

/** Text inside repeated components, named `<list>.<n>.<field>` (`photos.1.caption`, `corrections.0.text`). */
const REPEATED: Record<string, { field: string; label: string }> = {
  photos: { field: 'caption', label: '图片说明' },
  corrections: { field: 'text', label: '更正' },
};

/** `photos.1.caption` → { list: 'photos', index: 1, field: 'caption' }; null for a plain field or a path that is not one of REPEATED's. */
export function repeatedPath(path: string): { list: string; index: number; field: string } | null {
  const m = /^(\w+)\.(\d+)\.(\w+)$/.exec(path);
  if (!m || REPEATED[m[1]]?.field !== m[3]) return null;
  return { list: m[1], index: Number(m[2]), field: m[3] };
}

/** The text at a field path of an article (or of the edit form's values, which have the same shape). */
export function fieldText(a: Record<string, any>, path: string): unknown {
  const r = repeatedPath(path);
  return r ? a[r.list]?.[r.index]?.[r.field] : a[path];
}

/** The fields a suggestion may be written to: their Chinese names for the panel. */
export function fieldLabel(field: string): string {
  const r = repeatedPath(field);
  return r ? `${REPEATED[r.list].label} ${r.index + 1}` : ((ARTICLE_TEXT_LABEL as Record<string, string>)[field] ?? field);
}

export function articleFields(a: ProofArticle): FieldText[] {
  const fields: FieldText[] = [];
  const add = (field: string, text: string | null | undefined, headline = false) => {
    if (text) fields.push({ field, text, ...(headline ? { headline } : {}) });
  };
  add('kicker', a.kicker, true);
  add('headline', a.headline, true);
  add('subtitle', a.subtitle, true);
  add('body', a.body);
  (a.photos ?? []).forEach((p, i) => add(`photos.${i}.caption`, p?.caption));
  add('source', a.source);
  add('authorNote', a.authorNote);
  // A correction notice is printed with the article for readers: proofread like its text.
  (a.corrections ?? []).forEach((c, i) => add(`corrections.${i}.text`, c?.text));
  return fields;
}

/** The names the article credits (bylines, photo credits): the reference spellings for the `name` rule. */
export function creditedNames(a: ProofArticle): string[] {
  const names = [...(a.bylines ?? []).flatMap((b) => (b?.contributors ?? []).map((c) => c?.name)), ...(a.photos ?? []).map((p) => p?.credit?.name)];
  return [...new Set(names.filter((n): n is string => Boolean(n)))];
}

/** Writes `suggestion` over [start, end) of a field of the article, or null when the text there is no longer `expected`. */
export function withSuggestion(a: ProofArticle, field: string, start: number, end: number, expected: string, suggestion: string) {
  const current = fieldText(a, field);
  if (typeof current !== 'string' || current.slice(start, end) !== expected) return null;
  return current.slice(0, start) + suggestion + current.slice(end);
}
