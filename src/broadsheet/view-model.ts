import type { IssueTree, TreeArticle, TreePage } from '../newsroom/issue-tree';
import type { ProcessedImage } from './images';
import { markdownBlocks, renderMarkdown } from './markdown';
import { resolveFormat, MM_PER_PT, round, proofScale, rectBox, type PageFormat } from './page-formats';
import { layoutPage } from './page-layout';
import { pageHoles } from './underset';
import type { FitArticle } from './copyfit-estimate';
import { captionText, dayText, formatDate, subtitleText } from './format';
import { DEFAULT_LOCALE, SIGN_ROLES, SIGN_ROLE_LABEL, photoCreditText } from '../newsroom/glossary';

/**
 * Issue tree in, everything a template prints out: texts already in their
 * printed form (dates, 副题 dash, credits), links as paths from the site root.
 * Templates then only place and escape.
 */

export type ImageIndex = Map<string, ProcessedImage>; // keyed by the photo's source url

export function articleFile(a: Pick<TreeArticle, 'slug' | 'documentId'>) {
  return `articles/${a.slug || a.documentId}.html`;
}
export const pageFile = (p: Pick<TreePage, 'number'>) => `pages/${p.number}.html`;

export function articleView(a: TreeArticle, images: ImageIndex) {
  return {
    id: `article-${a.slug || a.documentId}`,
    documentId: a.documentId,
    href: articleFile(a),
    column: a.column?.name ?? null,
    kicker: a.kicker,
    headline: a.headline,
    subtitle: subtitleText(a.subtitle),
    bylines: a.bylines.filter((b) => b.contributors.length).map((b) => ({ role: b.role, names: b.contributors.map((c) => c.name) })),
    bodyHtml: renderMarkdown(a.body),
    photos: a.photos.map((p) => ({
      image: p.image ? (images.get(p.image.url) ?? null) : null,
      // Height over width, from the upload's own size (a photo without one is taken as 3:2).
      aspect: p.image?.width && p.image?.height ? p.image.height / p.image.width : 2 / 3,
      alt: p.image?.alternativeText || p.caption || '',
      caption: captionText(p.caption, p.position),
      credit: photoCreditText(p.credit?.name, p.creditRole, p.creditKind),
    })),
    source: a.source ? `来源：${a.source.replace(/^来源[:：]\s*/, '')}` : null,
    suppliedBy: a.suppliedBy ? `（${a.suppliedBy.replace(/供稿$/, '')}供稿）` : null,
    authorNote: a.authorNote ? `（作者系${a.authorNote.replace(/^作者系/, '')}）` : null,
    // 更正/说明/致歉 at the end of the article, dated (older snapshots have none).
    corrections: (a.corrections ?? []).map((c) => ({ kind: c.kind, text: c.text, date: dayText(c.date) })),
  };
}

/** What a withdrawn article's rectangle reckons with: the notice alone. */
const noticeFit = (notice: string): FitArticle => ({
  column: null,
  kicker: null,
  headline: '',
  subtitle: null,
  bylines: [],
  photos: [],
  blocks: markdownBlocks(notice),
  trailers: [],
});

/** What copyfit reckons with: the article's texts as printed. */
export function fitArticle(a: TreeArticle, view: ArticleView): FitArticle {
  return {
    column: view.column,
    kicker: view.kicker,
    headline: view.headline,
    subtitle: view.subtitle,
    bylines: view.bylines.map((b) => `□${b.role ?? ''} ${b.names.join(' ')}`),
    photos: view.photos.map((p) => ({ aspect: p.aspect, caption: `${p.caption ?? ''}${p.credit ?? ''}` })),
    blocks: markdownBlocks(a.body),
    trailers: [view.suppliedBy, view.authorNote, view.source, ...view.corrections.map((c) => `【${c.kind}】${c.text}（${c.date}）`)].filter((t): t is string =>
      Boolean(t),
    ),
  };
}
export type ArticleView = ReturnType<typeof articleView>;

/** The sheet's figures for the stylesheet (CSS custom properties, all numbers in mm or pt). */
function sheetStyle(format: PageFormat, gridTop: number, gridHeight: number) {
  const vars: Record<string, string> = {
    '--paper-w': `${format.paper.width}mm`,
    '--paper-h': `${format.paper.height}mm`,
    '--type-w': `${format.typeArea.width}mm`,
    '--type-h': `${format.typeArea.height}mm`,
    '--margin-top': `${format.topMargin}mm`,
    '--margin-side': `${round((format.paper.width - format.typeArea.width) / 2)}mm`,
    '--grid-top': `${round(gridTop)}mm`,
    '--grid-h': `${round(gridHeight)}mm`,
    '--gutter': `${format.gutter}mm`,
    '--body-size': `${format.bodySize}pt`,
    '--leading': `${round(format.leading * MM_PER_PT, 3)}mm`,
    '--proof-scale': String(round(proofScale(format), 4)),
  };
  return Object.entries(vars)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
}

export function siteView(tree: IssueTree, images: ImageIndex) {
  const publication = tree.publication?.name ?? '';
  const date = formatDate(tree.date);
  const pf = tree.publication?.pageFormat;
  const format = resolveFormat(pf?.key, pf?.custom);
  const pages = tree.pages.map((page) => {
    // A withdrawn article's block (撤稿, article null) keeps its rectangle and prints its notice there.
    const blocks = page.placements.map((p) => ({ placement: p, view: p.article ? articleView(p.article, images) : null }));
    const inputs = blocks.map(({ placement: p, view }) => ({
      rect: { col: p.col, colSpan: p.colSpan, row: p.row, rowSpan: p.rowSpan },
      span: p.span,
      lead: p.lead,
      article: view ? fitArticle(p.article!, view) : noticeFit(p.withdrawn?.notice ?? ''),
    }));
    const layout = layoutPage(format, { theme: Boolean(page.theme) }, inputs);
    const withdrawn = blocks.flatMap(({ placement: p }, i) => {
      if (blocks[i].view) return [];
      const { box, rect } = layout.placements[i];
      const style = `left: ${box.left}mm; top: ${box.top}mm; width: ${box.width}mm; height: ${box.height}mm`;
      return [{ order: p.order, rect, style, notice: p.withdrawn?.notice ?? '', date: p.withdrawn ? dayText(p.withdrawn.date) : null }];
    });
    const articles = blocks.flatMap((b, i) => (b.view ? [{ placement: b.placement, view: b.view, i }] : []));
    const placements = articles.map(({ placement: p, view, i }) => {
      const laid = layout.placements[i];
      const { box, rect } = laid;
      return {
        order: p.order,
        lead: p.lead,
        ...laid,
        // Numbers only (computed above), so the style attributes carry nothing from the database.
        style: `left: ${box.left}mm; top: ${box.top}mm; width: ${box.width}mm; height: ${box.height}mm; --text-columns: ${rect.colSpan}; --headline-size: ${laid.headlineSize}pt`,
        photoStyles: laid.photos.heights.map((h) => `width: ${laid.photos.width}mm; --img-h: ${h}mm`),
        article: view,
        /** What copyfit reckons with (the planner re-estimates from it as blocks move). */
        fitArticle: inputs[i].article,
      };
    });
    return {
      number: page.number,
      href: pageFile(page),
      label: `第${page.number}版`,
      name: page.name,
      theme: page.theme,
      credits: SIGN_ROLES.filter((key) => page.credits[key]).map((key) => ({ label: SIGN_ROLE_LABEL[key], name: page.credits[key]!.name })),
      sheetStyle: sheetStyle(format, layout.geometry.gridTop, layout.geometry.gridHeight),
      geometry: layout.geometry,
      /** The grid, [columns, rows] (the sheet's data-grid, for copyfit in the browser). */
      grid: [format.columns, format.rows],
      /** Lines of body type in one row of the grid: underset lines as modules of white. */
      linesPerModule: round(layout.geometry.moduleHeight / (format.leading * MM_PER_PT), 3),
      placements,
      /** Notices where withdrawn articles were printed (撤稿): not articles, no reading page, no copyfit. */
      withdrawn,
      /** Modules of the grid no block covers (white on the printed sheet; the 预览 outlines them). */
      holes: pageHoles(
        format.columns,
        format.rows,
        [...placements, ...withdrawn].map((pl) => pl.rect),
      ).map((rect) => {
        const box = rectBox(layout.geometry, rect);
        return { rect, modules: rect.colSpan * rect.rowSpan, style: `left: ${box.left}mm; top: ${box.top}mm; width: ${box.width}mm; height: ${box.height}mm` };
      }),
    };
  });
  return {
    lang: tree.locale ?? DEFAULT_LOCALE,
    publication,
    email: tree.publication?.email ?? null,
    issueLabel: `第${tree.number}期`,
    title: tree.title,
    date,
    format,
    pages,
  };
}

export type SiteView = ReturnType<typeof siteView>;
