import fs from 'fs';
import os from 'os';
import path from 'path';
import { FitCache, sheetKeys, splitSheets } from '../../src/broadsheet/fit-cache';

const sheet = (n: number, text: string) => `<section class="sheet" id="page-${n}" data-page="${n}"><p>${text}</p></section>\n`;
const html = (sheets: string) => `<html><head><link rel="stylesheet" href="assets/broadsheet.css"></head><body class="print">\n${sheets}</body></html>`;

describe('the copyfit cache keys', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-fitkeys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (body: string, css = 'p { font-size: 10pt }') => {
    fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'assets', 'broadsheet.css'), css);
    fs.writeFileSync(path.join(dir, 'print.html'), body);
    return sheetKeys(path.join(dir, 'print.html'), '/nonexistent/chromium', 'script');
  };

  it('splits a print.html into its head and each 版', () => {
    const { head, sheets } = splitSheets(html(sheet(1, '甲') + sheet(2, '乙')));
    expect(head).toContain('broadsheet.css');
    expect(sheets.map((s) => s.page)).toEqual([1, 2]);
    expect(sheets[0].html).toContain('甲');
    expect(sheets[0].html).not.toContain('乙');
  });

  it('changes the key of the 版 that changed only; the stylesheet changes every key', () => {
    const before = write(html(sheet(1, '甲') + sheet(2, '乙')));
    const after = write(html(sheet(1, '甲') + sheet(2, '乙改')));
    expect(after[0].key).toBe(before[0].key);
    expect(after[1].key).not.toBe(before[1].key);
    const css = write(html(sheet(1, '甲') + sheet(2, '乙改')), 'p { font-size: 11pt }');
    expect(css.map((k) => k.key)).not.toContain(after[0].key);
    expect(css.map((k) => k.key)).not.toContain(after[1].key);
  });

  it('keeps a 版’s fits on disk by key', () => {
    const cache = new FitCache(path.join(dir, 'cache'));
    expect(cache.get('k')).toBeNull();
    cache.set('k', []);
    expect(cache.get('k')).toEqual([]);
  });
});
