import type { OcrResult } from '../ocr-import/parse';
import { articleFields } from './article-fields';
import { checkFields } from './check';
import type { Finding, ProofLists } from './types';

/**
 * The importer's dry run with the 审校 checker's findings on what it read (OCR
 * text is full of doubled characters and half-width punctuation): each article
 * gets `findings`, offsets into its fields as read. The names the page credits
 * (bylines, photo credits, 编辑/版式/审校) are the reference spellings. Pure: the
 * lists are passed in.
 */
type OcrPage = OcrResult['pages'][number];
export type ImportFindings = Omit<OcrResult, 'pages'> & {
  pages: Array<Omit<OcrPage, 'articles'> & { articles: Array<OcrPage['articles'][number] & { findings: Finding[] }> }>;
};

export function withFindings(result: OcrResult, lists: ProofLists): ImportFindings {
  return {
    ...result,
    pages: result.pages.map((page) => {
      const names = [
        ...new Set([
          ...page.articles.flatMap((a) => [...a.bylines.flatMap((b) => b.names), ...a.photos.map((p) => p.credit ?? '')]),
          ...Object.values(page.credits ?? {}),
        ]),
      ].filter((n): n is string => Boolean(n));
      return {
        ...page,
        articles: page.articles.map((a) => ({
          ...a,
          findings: checkFields(articleFields({ ...a, bylines: [], photos: a.photos.map((p) => ({ caption: p.caption })) }), { names, lists }),
        })),
      };
    }),
  };
}
