import { diffWords } from 'diff';
import type { ArticleSnapshot, PageSnapshot } from '../signoff/changes';
import { SIGN_ROLES, ROLE_INFO, type SignRole } from '../signoff/stages';
import { ARTICLE_TEXT_FIELDS, ARTICLE_TEXT_LABEL } from '../newsroom/glossary';

/**
 * What changed between two versions of a page (a signed one and the draft, or
 * two signed ones): per changed text field a word-level diff — Chinese is
 * segmented into words (Intl.Segmenter), so an edit shows as the words it
 * touched, not the line or paragraph — blocks moved or resized on the grid named
 * as such, articles added to or taken off the page, credits changed.
 * Pure: two snapshots in, a list of changes out.
 */

/** One locale of what a signature signs; `articles` follows the placements that carry an article, in order. */
export type VersionPart = { locale: string; stage: string; page: PageSnapshot | null; articles: Array<ArticleSnapshot | null> };

/** The names a version prints, as they were when it was recorded (the snapshot itself keeps documentIds). */
export type Names = {
  contributors: Record<string, string>;
  columns: Record<string, string>;
  issues: Record<string, number | null>;
  files: Record<string, string>;
};
export type VersionSnapshot = { parts: VersionPart[]; names: Names };

export type Piece = { op: 'equal' | 'insert' | 'delete'; text: string };
export type ArticleRef = { documentId: string; headline: string | null };
export type Rect = { col: number | null; colSpan: number | null; row: number | null; rowSpan: number | null };

type Where = { locale: string; article: ArticleRef | null; field: string; label: string };
export type Change =
  | (Where & { kind: 'text'; pieces: Piece[] })
  | (Where & { kind: 'value'; from: string | null; to: string | null })
  | (Where & { kind: 'block'; article: ArticleRef; moved: boolean; resized: boolean; from: Rect; to: Rect })
  | (Where & { kind: 'added' | 'removed'; article: ArticleRef })
  | (Where & { kind: 'credit'; role: SignRole; from: string | null; to: string | null });

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** A word-level diff of two texts; Chinese by segmented word, other scripts by word. */
export function diffText(before: string | null, after: string | null): Piece[] {
  return diffWords(before ?? '', after ?? '', { intlSegmenter: segmenter }).map((p) => ({
    op: p.added ? 'insert' : p.removed ? 'delete' : 'equal',
    text: p.value,
  }));
}

const PAGE_TEXT = { name: '版名', theme: '主题带' } as const;
type Side = { snapshot: VersionSnapshot; part: VersionPart };

const person = (names: Names, id: string | null) => (id ? (names.contributors[id] ?? id) : null);

const bylinesText = (a: ArticleSnapshot, names: Names) =>
  (a.bylines ?? []).map((b) => `${b.role ?? ''}${b.role ? ' ' : ''}${b.contributors.map((c) => person(names, c)).join('、')}`).join('\n');

const photoCredit = (p: ArticleSnapshot['photos'][number], names: Names) =>
  p.credit ? `${p.creditRole ?? ''}${p.creditRole ? ' ' : ''}${person(names, p.credit)}${p.creditKind ?? ''}` : '';

const fileName = (names: Names, id: number | null) => (id == null ? null : (names.files[String(id)] ?? `#${id}`));

const toRect = (r: Array<number | null> | undefined): Rect => {
  const [col = null, colSpan = null, row = null, rowSpan = null] = r ?? [];
  return { col, colSpan, row, rowSpan };
};

function blockLabel(moved: boolean, resized: boolean) {
  return moved && resized ? '移动并改变大小' : moved ? '移动' : '改变大小';
}

/** The placed articles of one locale, by documentId, with their placement and snapshot. */
function placed(part: VersionPart) {
  const out = new Map<string, { placement: PageSnapshot['placements'][number]; article: ArticleSnapshot | null }>();
  let i = 0;
  for (const placement of part.page?.placements ?? []) {
    if (!placement.article) continue;
    const article = part.articles[i] ?? null;
    i += 1;
    if (!out.has(placement.article)) out.set(placement.article, { placement, article });
  }
  return out;
}

function textChange(where: Where, before: string | null, after: string | null): Change | null {
  if ((before ?? '') === (after ?? '')) return null;
  return { ...where, kind: 'text', pieces: diffText(before, after) };
}

function valueChange(where: Where, from: string | null, to: string | null): Change | null {
  return from === to ? null : { ...where, kind: 'value', from, to };
}

function articleChanges(locale: string, ref: ArticleRef, a: ArticleSnapshot, an: Names, b: ArticleSnapshot, bn: Names): Change[] {
  const at = (field: string, label: string): Where => ({ locale, article: ref, field, label });
  const out: Array<Change | null> = [];
  for (const field of ARTICLE_TEXT_FIELDS) out.push(textChange(at(field, ARTICLE_TEXT_LABEL[field]), a[field], b[field]));
  out.push(valueChange(at('column', '栏目'), a.column && (an.columns[a.column] ?? a.column), b.column && (bn.columns[b.column] ?? b.column)));
  out.push(textChange(at('bylines', '署名'), bylinesText(a, an), bylinesText(b, bn)));
  const photos = Math.max(a.photos?.length ?? 0, b.photos?.length ?? 0);
  for (let i = 0; i < photos; i += 1) {
    const pa = a.photos?.[i];
    const pb = b.photos?.[i];
    const n = i + 1;
    if (!pa || !pb) {
      out.push(valueChange(at(`photos.${i}`, `图片${n}`), pa ? fileName(an, pa.image) : null, pb ? fileName(bn, pb.image) : null));
      continue;
    }
    out.push(valueChange(at(`photos.${i}.image`, `图片${n}`), fileName(an, pa.image), fileName(bn, pb.image)));
    out.push(valueChange(at(`photos.${i}.position`, `图片${n}位置`), pa.position, pb.position));
    out.push(textChange(at(`photos.${i}.caption`, `图片${n}说明`), pa.caption, pb.caption));
    out.push(textChange(at(`photos.${i}.credit`, `图片${n}署名`), photoCredit(pa, an), photoCredit(pb, bn)));
  }
  return out.filter((c): c is Change => c !== null);
}

function localeChanges(locale: string, before: Side, after: Side): Change[] {
  const pa = before.part.page;
  const pb = after.part.page;
  const an = before.snapshot.names;
  const bn = after.snapshot.names;
  const at = (field: string, label: string): Where => ({ locale, article: null, field, label });
  const out: Array<Change | null> = [];
  if (!pa || !pb) return [valueChange(at('page', '版面'), pa ? locale : null, pb ? locale : null)].filter(Boolean) as Change[];

  const num = (v: number | null | undefined) => (v == null ? null : String(v));
  out.push(valueChange(at('number', '版号'), num(pa.number), num(pb.number)));
  out.push(valueChange(at('issue', '所属期'), num(pa.issue ? an.issues[pa.issue] : null), num(pb.issue ? bn.issues[pb.issue] : null)));
  for (const [field, label] of Object.entries(PAGE_TEXT)) {
    out.push(textChange(at(field, label), pa[field as keyof typeof PAGE_TEXT], pb[field as keyof typeof PAGE_TEXT]));
  }

  const ma = placed(before.part);
  const mb = placed(after.part);
  const ref = (id: string): ArticleRef => ({ documentId: id, headline: mb.get(id)?.article?.headline ?? ma.get(id)?.article?.headline ?? null });
  for (const id of ma.keys()) if (!mb.has(id)) out.push({ ...at('placements', '撤下稿件'), kind: 'removed', article: ref(id) });
  for (const id of mb.keys()) if (!ma.has(id)) out.push({ ...at('placements', '新增稿件'), kind: 'added', article: ref(id) });
  for (const [id, { placement: p, article: a }] of mb) {
    const old = ma.get(id);
    if (!old) continue;
    const from = toRect(old.placement.rect);
    const to = toRect(p.rect);
    const moved = from.col !== to.col || from.row !== to.row;
    const resized = from.colSpan !== to.colSpan || from.rowSpan !== to.rowSpan;
    const article = ref(id);
    if (moved || resized) out.push({ locale, article, field: 'placement.rect', label: blockLabel(moved, resized), kind: 'block', moved, resized, from, to });
    const there = (field: string, label: string): Where => ({ locale, article, field, label });
    out.push(valueChange(there('placement.order', '顺序'), num(old.placement.order), num(p.order)));
    out.push(valueChange(there('placement.span', '栏宽'), num(old.placement.span), num(p.span)));
    out.push(valueChange(there('placement.lead', '头条'), old.placement.lead ? '是' : '否', p.lead ? '是' : '否'));
    if (old.article && a) out.push(...articleChanges(locale, article, old.article, an, a, bn));
  }

  for (const role of SIGN_ROLES) {
    const from = person(an, pa.credits?.[role] ?? null);
    const to = person(bn, pb.credits?.[role] ?? null);
    if (from !== to) out.push({ ...at(`credits.${role}`, `${ROLE_INFO[role].label}署名`), kind: 'credit', role, from, to });
  }
  return out.filter((c): c is Change => c !== null);
}

/**
 * The changes from `before` to `after`, locale by locale. The stage is left out:
 * it follows the signatures, it is not something anyone edits.
 */
export function diffVersions(before: VersionSnapshot, after: VersionSnapshot): Change[] {
  const locales = [...new Set([...before.parts, ...after.parts].map((p) => p.locale))].sort();
  const empty = (locale: string): VersionPart => ({ locale, stage: '', page: null, articles: [] });
  return locales.flatMap((locale) =>
    localeChanges(
      locale,
      { snapshot: before, part: before.parts.find((p) => p.locale === locale) ?? empty(locale) },
      { snapshot: after, part: after.parts.find((p) => p.locale === locale) ?? empty(locale) },
    ),
  );
}

/** The documentIds and file ids a version prints, to look their names up (src/changes/versions.ts). */
export function referencedIds(parts: VersionPart[]) {
  const contributors = new Set<string>();
  const columns = new Set<string>();
  const issues = new Set<string>();
  const files = new Set<number>();
  for (const part of parts) {
    if (part.page?.issue) issues.add(part.page.issue);
    for (const id of Object.values(part.page?.credits ?? {})) if (id) contributors.add(id);
    for (const a of part.articles) {
      if (!a) continue;
      if (a.column) columns.add(a.column);
      for (const b of a.bylines ?? []) for (const c of b.contributors) contributors.add(c);
      for (const p of a.photos ?? []) {
        if (p.credit) contributors.add(p.credit);
        if (p.image != null) files.add(p.image);
      }
    }
  }
  return { contributors: [...contributors], columns: [...columns], issues: [...issues], files: [...files] };
}
