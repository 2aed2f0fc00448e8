import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { InputError } from '../ocr-import/decode';
import { renderLines, type Block } from './blocks';
import { domBlocks } from './dom-blocks';

/**
 * A correspondent's manuscript (.docx) → the lines of one article. mammoth reads the
 * Word file as semantic HTML (styles, not looks): Title and Heading 1 are the headline,
 * Subtitle the subtitle, lower headings the body's subheads, Caption a photo's caption;
 * without a heading style, a first paragraph all in bold is the headline (how most
 * manuscripts mark it). An image marks a photo, so the paragraph after it is read as
 * its caption. The images themselves are not imported (see README).
 */

const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => p.subtitle:fresh",
  "p[style-name='Caption'] => p.caption:fresh",
  "p[style-name='caption'] => p.caption:fresh",
];

export async function docxBlocks(bytes: Buffer, file: string): Promise<Block[]> {
  if (bytes.subarray(0, 2).toString('latin1') !== 'PK') throw new InputError('import.corruptDocx', { file, why: 'not a zip archive' });
  let html: string;
  try {
    // Images are not kept: a placeholder keeps their place (a photo) without copying their bytes into the HTML.
    const result = await mammoth.convertToHtml({ buffer: bytes }, { styleMap: STYLE_MAP, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) });
    html = result.value;
  } catch (error) {
    throw new InputError('import.corruptDocx', { file, why: error instanceof Error ? error.message.split('\n')[0] : String(error) });
  }
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`) as any;
  const body = document.body;
  // No heading style: a first paragraph wholly in bold is the headline.
  const firstP = body.querySelector('p');
  const hasHeadline = !!body.querySelector('h1');
  if (!hasHeadline && firstP && firstP.textContent?.trim() && [...firstP.childNodes].every((n: any) => n.nodeName === 'STRONG' || !n.textContent?.trim())) {
    const h1 = document.createElement('h1');
    h1.textContent = firstP.textContent;
    firstP.replaceWith(h1);
  }
  const blocks = domBlocks(body);
  if (!blocks.some((b) => b.kind === 'para' || b.kind === 'headline')) throw new InputError('import.noText', { file });
  return blocks;
}

export async function docxToLines(bytes: Buffer, file: string): Promise<string> {
  return renderLines(await docxBlocks(bytes, file));
}
