import type { IssueTree, TreeArticle, TreePage } from '../newsroom/issue-tree';
import type { ProcessedImage } from './images';
import { renderMarkdown } from './markdown';
import { captionText, formatDate, subtitleText } from './format';
import { DEFAULT_LOCALE, SIGN_ROLES, SIGN_ROLE_LABEL, photoCreditText } from '../newsroom/glossary';

/**
 * Issue tree in, everything a template prints out: texts already in their
 * printed form (dates, 副题 dash, credits), links as paths from the site root.
 * Templates then only place and escape.
 */

export type ImageIndex = Map<string, ProcessedImage>; // keyed by the photo's source url

const clampSpan = (n: number) => Math.min(6, Math.max(1, Math.round(Number(n) || 2)));
const textColumns = (span: number) => (span >= 5 ? 3 : span >= 3 ? 2 : 1);

export function articleFile(a: Pick<TreeArticle, 'slug' | 'documentId'>) {
  return `articles/${a.slug || a.documentId}.html`;
}
export const pageFile = (p: Pick<TreePage, 'number'>) => `pages/${p.number}.html`;

export function articleView(a: TreeArticle, images: ImageIndex) {
  return {
    id: `article-${a.slug || a.documentId}`,
    href: articleFile(a),
    column: a.column?.name ?? null,
    kicker: a.kicker,
    headline: a.headline,
    subtitle: subtitleText(a.subtitle),
    bylines: a.bylines.filter((b) => b.contributors.length).map((b) => ({ role: b.role, names: b.contributors.map((c) => c.name) })),
    bodyHtml: renderMarkdown(a.body),
    photos: a.photos.map((p) => ({
      image: p.image ? (images.get(p.image.url) ?? null) : null,
      alt: p.image?.alternativeText || p.caption || '',
      caption: captionText(p.caption, p.position),
      credit: photoCreditText(p.credit?.name, p.creditRole, p.creditKind),
    })),
    source: a.source ? `来源：${a.source.replace(/^来源[:：]\s*/, '')}` : null,
    suppliedBy: a.suppliedBy ? `（${a.suppliedBy.replace(/供稿$/, '')}供稿）` : null,
    authorNote: a.authorNote ? `（作者系${a.authorNote.replace(/^作者系/, '')}）` : null,
  };
}

export function siteView(tree: IssueTree, images: ImageIndex) {
  const publication = tree.publication?.name ?? '';
  const date = formatDate(tree.date);
  const pages = tree.pages.map((page) => {
    const placements = page.placements.map((p) => {
      const span = clampSpan(p.span);
      return { span, lead: p.lead, textColumns: textColumns(span), article: articleView(p.article, images) };
    });
    return {
      number: page.number,
      href: pageFile(page),
      label: `第${page.number}版`,
      name: page.name,
      theme: page.theme,
      credits: SIGN_ROLES.filter((key) => page.credits[key]).map((key) => ({ label: SIGN_ROLE_LABEL[key], name: page.credits[key]!.name })),
      placements,
    };
  });
  return {
    lang: tree.locale ?? DEFAULT_LOCALE,
    publication,
    email: tree.publication?.email ?? null,
    issueLabel: `第${tree.number}期`,
    title: tree.title,
    date,
    pages,
    printHeader: `${publication} · 第${tree.number}期 · ${date}`,
  };
}

export type SiteView = ReturnType<typeof siteView>;
