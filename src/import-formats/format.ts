import path from 'path';
import { InputError } from '../ocr-import/decode';

/**
 * Which reader a file goes to: by its extension, as the admin's file picker and the
 * command line name it; a file without one of these (none, `.ocr`, `.jpg`…) by its first
 * bytes, and else it is text, as before there were formats (a binary one is refused as
 * such). Documents of other word processors are refused by name. A file whose bytes are
 * not its extension's is refused by that reader with its reason.
 */
export type Format = 'txt' | 'html' | 'pdf' | 'docx';

const BY_EXT: Record<string, Format> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'txt',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

/** Word processors' files the importer cannot read: save them as .docx (or .txt). */
const OTHER_DOCUMENTS = new Set(['.doc', '.wps', '.rtf', '.odt', '.pages', '.xls', '.xlsx', '.ppt', '.pptx']);

export function formatOf(file: string, bytes: Buffer): Format {
  const ext = path.extname(file).toLowerCase();
  if (BY_EXT[ext]) return BY_EXT[ext];
  if (OTHER_DOCUMENTS.has(ext)) throw new InputError('import.unknownFormat', { file, ext });
  const head = bytes.subarray(0, 1024).toString('latin1');
  if (head.startsWith('%PDF-')) return 'pdf';
  if (head.startsWith('PK')) return 'docx';
  if (/^\s*(?:\ufeff|\xef\xbb\xbf)?\s*<(?:!doctype html|html)/iu.test(head)) return 'html';
  return 'txt';
}
