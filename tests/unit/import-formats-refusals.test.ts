import fs from 'fs';
import { parseOffThread } from '../../src/ocr-import/parse-pool';
import { encryptedPdf, manuscriptDocx, scannedPdf, FORMAT_FIXTURES } from '../helpers/format-fixtures';

/** Bad files of each format are refused with the file's name and the reason, read as the server reads them (its worker). */
const refusal = (bytes: Buffer, file: string) =>
  parseOffThread(bytes, file).then(
    () => null,
    (e: any) => ({ code: e.code, message: e.message }),
  );

describe('bad files are refused with their name and the reason', () => {
  it('a .pdf that is no PDF, an encrypted PDF, a scan without a text layer', async () => {
    expect(await refusal(Buffer.from('这不是PDF，只是改了扩展名的文本。'), 'renamed.pdf')).toEqual({
      code: 'import.notPdf',
      message: expect.stringContaining('renamed.pdf'),
    });
    expect(await refusal(encryptedPdf(), 'locked.pdf')).toEqual({ code: 'import.encryptedPdf', message: expect.stringContaining('locked.pdf') });
    const scan = await refusal(scannedPdf(), 'scan.pdf');
    expect(scan).toEqual({ code: 'import.scannedPdf', message: expect.stringMatching(/scan\.pdf.*OCR/u) });
  });

  it('a damaged .docx, and a zip that is no Word file', async () => {
    const docx = await manuscriptDocx();
    expect(await refusal(docx.subarray(0, docx.length / 2), 'half.docx')).toEqual({
      code: 'import.corruptDocx',
      message: expect.stringContaining('half.docx'),
    });
    expect(await refusal(Buffer.from('not a zip at all'), 'plain.docx')).toEqual({
      code: 'import.corruptDocx',
      message: expect.stringContaining('plain.docx'),
    });
  });

  it('a web page without an article, and a type the importer does not read', async () => {
    const nav = Buffer.from(
      '<!doctype html><html><head><meta charset="utf-8"><title>首页</title></head><body><nav><a href="/">首页</a><a href="/a">要闻</a></nav><script>track()</script></body></html>',
    );
    expect(await refusal(nav, 'index.html')).toEqual({ code: 'import.emptyHtml', message: expect.stringContaining('index.html') });
    expect(await refusal(fs.readFileSync(`${FORMAT_FIXTURES}/manuscript.docx`), 'old.doc')).toEqual({
      code: 'import.unknownFormat',
      message: expect.stringContaining('old.doc'),
    });
  });
});
