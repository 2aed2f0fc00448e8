import { InputError } from '../ocr-import/decode';
import { renderLines } from './blocks';
import { importEsm } from './esm';
import { pageBlocks, type PdfBlock, type TextItem } from './pdf-layout';

/**
 * A PDF (a page printed from print.html, an e-paper's front page) → the lines the rules
 * read, from its text layer through pdf.js (pdfjs-dist, the legacy build for Node, its
 * "fake worker" in this thread: the server already parses in a worker thread). Refused
 * with the file's name: not a PDF, a damaged one, an encrypted one, one without text
 * (a scan, which needs OCR first).
 */

let loading: Promise<any> | null = null;
function pdfjs() {
  loading ??= importEsm('pdfjs-dist/legacy/build/pdf.mjs').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return lib;
  });
  return loading;
}

export type PdfPages = { pages: number; blocks: PdfBlock[]; sizes: Array<{ width: number; height: number }> };

export async function readPdf(bytes: Buffer, file: string): Promise<PdfPages> {
  if (bytes.subarray(0, 1024).indexOf('%PDF-') === -1) throw new InputError('import.notPdf', { file });
  const lib = await pdfjs();
  let doc: any;
  try {
    doc = await lib.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: true,
      verbosity: 0,
    }).promise;
  } catch (error: any) {
    if (error?.name === 'PasswordException') throw new InputError('import.encryptedPdf', { file });
    throw new InputError('import.notPdf', { file });
  }
  try {
    const blocks: PdfBlock[] = [];
    const sizes: PdfPages['sizes'] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as number[];
      sizes.push({ width: x1 - x0, height: y1 - y0 });
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const it of content.items as any[]) {
        if (typeof it.str !== 'string') continue;
        const [a, b, , , e, f] = it.transform as number[];
        items.push({ str: it.str, x: e - x0, y: f - y0, width: it.width, size: Math.hypot(a, b) || it.height });
      }
      blocks.push(...pageBlocks(items, n));
      page.cleanup();
    }
    if (!blocks.some((b) => /[\p{L}\p{N}]/u.test(b.text))) throw new InputError('import.scannedPdf', { file, pages: doc.numPages });
    return { pages: doc.numPages, blocks, sizes };
  } finally {
    await doc.destroy();
  }
}

export async function pdfToLines(bytes: Buffer, file: string): Promise<string> {
  return renderLines((await readPdf(bytes, file)).blocks);
}
