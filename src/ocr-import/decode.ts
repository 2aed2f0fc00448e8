import iconv from 'iconv-lite';
import { NewsroomError, type MessageCode } from '../newsroom/messages';

/**
 * Bytes of an OCR text file → text. UTF-8 (with or without BOM) is taken as
 * is; anything that is not valid UTF-8 is tried as GB18030 (a superset of GBK
 * and GB2312, what older Chinese Windows tools write). Bad input is refused with
 * a message that names the file.
 */

/** The default size limit of one file (BANMIAN_IMPORT_MAX_BYTES changes it: limits.ts). */
export const MAX_BYTES = 5 * 1024 * 1024;

/** Bad input: a coded refusal (messages.ts) that names the file; its message is the command line's wording. */
export class InputError<C extends MessageCode = MessageCode> extends NewsroomError<C> {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function looksBinary(bytes: Buffer) {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return true;
  let control = 0;
  for (const b of sample) if (b < 0x09 || (b > 0x0d && b < 0x20)) control += 1;
  return control > sample.length * 0.05;
}

/** Share of characters that no Chinese newspaper text would contain (private use, replacement, controls). */
function implausible(text: string) {
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff) || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) bad += 1;
  }
  return bad / Math.max(text.length, 1);
}

export function decodeOcrBytes(bytes: Buffer, file: string, encoding?: string, maxBytes = MAX_BYTES): { text: string; encoding: string } {
  if (bytes.length === 0) throw new InputError('import.empty', { file });
  if (bytes.length > maxBytes) throw new InputError('import.tooLarge', { file, bytes: bytes.length, max: maxBytes });
  if (looksBinary(bytes)) throw new InputError('import.binary', { file });

  if (encoding) {
    if (!iconv.encodingExists(encoding)) throw new InputError('import.unknownEncoding', { file, encoding });
    const text = iconv.decode(bytes, encoding).replace(/^\ufeff/, '');
    if (implausible(text) > 0.001) throw new InputError('import.wrongEncoding', { file, encoding });
    return finish(text, encoding, file);
  }
  try {
    const text = utf8.decode(bytes).replace(/^\ufeff/, '');
    return finish(text, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'utf-8 (BOM)' : 'utf-8', file);
  } catch {
    const text = iconv.decode(bytes, 'gb18030');
    if (implausible(text) > 0.001) throw new InputError('import.undecodable', { file });
    return finish(text, 'gb18030', file);
  }
}

function finish(text: string, encoding: string, file: string) {
  if (text.trim() === '') throw new InputError('import.noText', { file });
  return { text, encoding };
}
