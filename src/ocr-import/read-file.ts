import { decodeOcrBytes, InputError, MAX_BYTES } from './decode';
import { parseOcrText, type OcrResult } from './parse';
import { checkNoLoss } from './no-loss';
import { W } from './warnings';
import { applyEdits, DEFAULT_MAX_EDITS, lineMoves, type ArticleEdit } from './edits';

/**
 * Decodes and parses one file, then checks the importer's promise (no-loss.ts):
 * a sentence of the source that is not in the result as often as in the source is
 * reported as a warning on its line, for the editor to look at before importing. `edits`:
 * the editor's splits and merges of articles and moves of the page's lines (edits.ts), applied before the check.
 * `limits`: how large a file and how many edits one request may bring (limits.ts).
 * Text in, plain data out: the server runs it in a worker thread (parse-pool.ts).
 */
export function parseOcrFile(
  bytes: Buffer,
  file: string,
  encoding?: string,
  edits: ArticleEdit[] = [],
  limits: { maxBytes?: number; maxEdits?: number } = {},
): OcrResult {
  checkEditCount(edits, limits.maxEdits);
  const { text } = decodeOcrBytes(bytes, file, encoding, limits.maxBytes ?? MAX_BYTES);
  return parseOcrLines(text, file, edits);
}

function checkEditCount(edits: ArticleEdit[], max = DEFAULT_MAX_EDITS) {
  if (edits.length > max) throw new InputError('import.tooManyEdits', { count: edits.length, max });
}

/**
 * The same for text another file format was read into (src/import-formats/: the lines of
 * an HTML page, a PDF's text layer, a Word file): parsed, edited and checked for loss
 * against those lines, as a text file is against its own.
 */
export function parseOcrLines(text: string, file: string, edits: ArticleEdit[] = [], maxEdits?: number): OcrResult {
  checkEditCount(edits, maxEdits);
  // The page's lines moved by the editor are placed as the text is read; the splits and merges come after.
  const result = applyEdits(parseOcrText(text, file, lineMoves(edits)), edits);
  for (const loss of checkNoLoss(text, result)) result.warnings.push({ line: loss.line, ...W.noLoss(loss.fragment, loss.found), rule: 'no-loss' });
  return result;
}
