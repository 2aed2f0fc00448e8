import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { decodeOcrBytes, InputError } from '../ocr-import/decode';
import { renderLines, type Block } from './blocks';
import { cleanText, domBlocks } from './dom-blocks';

/**
 * A saved web or e-paper page (.html) → the lines the rules read. The charset is the
 * BOM's, else the page's `<meta charset>` (or http-equiv), else UTF-8 / GB18030 as for
 * text files (decode.ts); legacy encodings through iconv-lite. The article region is
 * found by Mozilla's Readability (Firefox's reader view) over a linkedom DOM, so the
 * site's navigation, ads and scripts around it are left out; its headline is the page's
 * h1 or, when Readability took it out of the content, the title it found.
 */

function charsetOf(bytes: Buffer): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // The declaration is ASCII in every encoding a page may declare; browsers look in the first 1024 bytes.
  const head = bytes.subarray(0, 2048).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/iu.exec(head);
  return m ? m[1].toLowerCase() : null;
}

export function decodeHtml(bytes: Buffer, file: string, encoding: string | undefined, maxBytes: number): string {
  const declared = encoding ?? charsetOf(bytes);
  if (declared && !/^utf-?8$/u.test(declared)) {
    if (!iconv.encodingExists(declared)) throw new InputError('import.unknownEncoding', { file, encoding: declared });
    // GB2312 and GBK pages often hold characters only GB18030 has: read them as GB18030, their superset.
    const name = /^(gb2312|gbk|x-gbk|gb_2312-80|cp936)$/u.test(declared) ? 'gb18030' : declared;
    return iconv.decode(bytes, name).replace(/^\ufeff/u, '');
  }
  return decodeOcrBytes(bytes, file, declared ? 'utf-8' : undefined, maxBytes).text;
}

/** The article of an HTML page as blocks (exported for the Word reader, which has no page around its article). */
export function htmlArticleBlocks(html: string, file: string): Block[] {
  const { document } = parseHTML(html) as any;
  const article = new Readability(document as any, { charThreshold: 100, classesToPreserve: ['subtitle', 'caption'] }).parse();
  if (!article?.content) throw new InputError('import.emptyHtml', { file });
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`) as any;
  // Readability makes the page's h1 an h2: the first h1 or h2 is the headline, unless paragraphs come before it.
  const blocks = domBlocks(content.body, { headline: (level, seen) => level <= 2 && !seen });
  const headIndex = blocks.findIndex((b) => b.kind === 'headline');
  const firstPara = blocks.findIndex((b) => b.kind === 'para');
  if (headIndex > firstPara && firstPara !== -1) blocks[headIndex].kind = 'heading';
  // Readability takes a byline it recognises out of the content: it goes back under the headline.
  const byline = cleanText(article.byline ?? '');
  const at = blocks.findIndex((b) => b.kind === 'headline');
  if (byline && !blocks.some((b) => b.text.includes(byline))) {
    const after = at === -1 ? 0 : at + (blocks[at + 1]?.kind === 'subtitle' ? 2 : 1);
    blocks.splice(after, 0, { kind: 'para', text: byline });
  }
  const title = cleanText(article.title ?? '');
  if ((headIndex === -1 || headIndex > firstPara) && title) blocks.unshift({ kind: 'headline', text: title });
  if (!blocks.some((b) => b.kind === 'para' || b.kind === 'caption')) throw new InputError('import.emptyHtml', { file });
  return blocks;
}

export function htmlToLines(bytes: Buffer, file: string, encoding: string | undefined, maxBytes: number): string {
  return renderLines(htmlArticleBlocks(decodeHtml(bytes, file, encoding, maxBytes), file));
}
