import iconv from 'iconv-lite';
import { decodeOcrBytes, InputError, MAX_BYTES } from '../../src/ocr-import/decode';

const TEXT = '以高质量党建推动司法行政工作高质量发展\n\n□本报通讯员 胡伟杰 吴琛\n';

describe('decodeOcrBytes', () => {
  it('reads UTF-8, with or without a BOM', () => {
    expect(decodeOcrBytes(Buffer.from(TEXT), 'a.txt')).toEqual({ text: TEXT, encoding: 'utf-8' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]);
    expect(decodeOcrBytes(bom, 'b.txt')).toEqual({ text: TEXT, encoding: 'utf-8 (BOM)' });
  });

  it('detects and decodes GB18030 and GBK', () => {
    expect(decodeOcrBytes(iconv.encode(TEXT, 'gb18030'), 'c.txt')).toEqual({ text: TEXT, encoding: 'gb18030' });
    expect(decodeOcrBytes(iconv.encode(TEXT, 'gbk'), 'd.txt').text).toBe(TEXT);
  });

  it('honours an explicit encoding', () => {
    expect(decodeOcrBytes(iconv.encode('黨建引領 鄉村振興\n', 'big5'), 'e.txt', 'big5')).toEqual({ text: '黨建引領 鄉村振興\n', encoding: 'big5' });
    expect(() => decodeOcrBytes(Buffer.from(TEXT), 'f.txt', 'klingon')).toThrow('f.txt: unknown encoding "klingon"');
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'g.txt: the file is empty'],
    ['only white space', Buffer.from(' \n\n\t\n'), 'g.txt: the file has no text'],
    ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), 'g.txt: this is a binary file, not OCR text'],
    ['a file over 5 MB', Buffer.alloc(MAX_BYTES + 1, 0x41), 'g.txt: 5.0 MB is over the 5 MB limit for one page'],
    ['undecodable bytes', Buffer.from([0xe4, 0xb8, 0x41, 0xff, 0xfe, 0x80, 0x81, 0xfe, 0xff, 0x41, 0x80, 0xff]), 'g.txt: undecodable bytes'],
  ])('refuses %s, naming the file', (_name, bytes, message) => {
    expect(() => decodeOcrBytes(bytes, 'g.txt')).toThrow(InputError);
    expect(() => decodeOcrBytes(bytes, 'g.txt')).toThrow(message);
  });
});
