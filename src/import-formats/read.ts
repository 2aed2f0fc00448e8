import { InputError, MAX_BYTES } from '../ocr-import/decode';
import { parseOcrFile, parseOcrLines } from '../ocr-import/read-file';
import type { OcrResult } from '../ocr-import/parse';
import type { ArticleEdit } from '../ocr-import/edits';
import { formatOf, type Format } from './format';
import { htmlToLines } from './html';
import { pdfToLines } from './pdf';
import { docxToLines } from './docx';

/**
 * Any file a desk receives → the importer's result, through one parser: a text file is
 * read as before (read-file.ts); an HTML page, a PDF or a Word file is first turned into
 * the lines the rules read (one module per format, format.ts picks it), then parsed and
 * checked for loss against those lines. The size limit and emptiness are checked first,
 * for every format, with the file's name.
 */
export type ReadLimits = { maxBytes?: number; maxEdits?: number };

async function linesOf(format: Exclude<Format, 'txt'>, bytes: Buffer, file: string, encoding: string | undefined, maxBytes: number) {
  if (format === 'html') return htmlToLines(bytes, file, encoding, maxBytes);
  if (format === 'pdf') return pdfToLines(bytes, file);
  return docxToLines(bytes, file);
}

export async function readImportFile(bytes: Buffer, file: string, encoding?: string, edits: ArticleEdit[] = [], limits: ReadLimits = {}): Promise<OcrResult> {
  const maxBytes = limits.maxBytes ?? MAX_BYTES;
  if (bytes.length === 0) throw new InputError('import.empty', { file });
  if (bytes.length > maxBytes) throw new InputError('import.tooLarge', { file, bytes: bytes.length, max: maxBytes });
  const format = formatOf(file, bytes);
  if (format === 'txt') return parseOcrFile(bytes, file, encoding, edits, limits);
  const text = await linesOf(format, bytes, file, encoding, maxBytes);
  if (!text.trim()) throw new InputError('import.noText', { file });
  return parseOcrLines(text, file, edits, limits.maxEdits);
}

/** The lines a file is read into, as the parser gets them (for the dry run's users and the golden tests). */
export async function importLines(bytes: Buffer, file: string, encoding?: string, maxBytes = MAX_BYTES): Promise<string> {
  const format = formatOf(file, bytes);
  if (format === 'txt') throw new Error('a text file is its own lines');
  return linesOf(format, bytes, file, encoding, maxBytes);
}
