import fs from 'fs';
import os from 'os';
import path from 'path';
import { writeSite } from '../../src/broadsheet/write-site';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-write-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const site = (extra: Record<string, string> = {}) =>
  new Map<string, string | Buffer>(Object.entries({ 'index.html': '<p>首页</p>', 'pages/1.html': '<p>第1版</p>', 'images/a.jpg': 'jpeg', ...extra }));
const leftovers = (dir: string) => fs.readdirSync(path.dirname(dir)).filter((n) => n.includes('.tmp-'));

describe('writeSite', () => {
  it('writes a new site', async () => {
    const out = path.join(tmp, 'one', 'site');
    const r = await writeSite(out, site());
    expect(r).toMatchObject({ written: 3, unchanged: 0, files: 3 });
    expect(fs.readFileSync(path.join(out, 'pages/1.html'), 'utf8')).toBe('<p>第1版</p>');
    expect(leftovers(out)).toEqual([]);
  });

  it('rewrites nothing when nothing changed', async () => {
    const out = path.join(tmp, 'one', 'site');
    const before = fs.statSync(path.join(out, 'index.html'));
    const r = await writeSite(out, site());
    expect(r).toMatchObject({ written: 0, unchanged: 3, removed: 0 });
    const after = fs.statSync(path.join(out, 'index.html'));
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it('swaps in a changed site, keeping unchanged files and removing stale ones', async () => {
    const out = path.join(tmp, 'one', 'site');
    const keep = fs.statSync(path.join(out, 'images/a.jpg')).ino;
    const next = site({ 'index.html': '<p>新首页</p>', 'pages/2.html': '<p>第2版</p>' });
    next.delete('pages/1.html');
    const r = await writeSite(out, next);
    expect(r).toMatchObject({ written: 2, unchanged: 1, removed: 1 });
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('<p>新首页</p>');
    expect(fs.existsSync(path.join(out, 'pages/1.html'))).toBe(false);
    expect(fs.statSync(path.join(out, 'images/a.jpg')).ino).toBe(keep); // hard-linked, not rewritten
    expect(leftovers(out)).toEqual([]);
  });

  it('fails clearly on a folder it cannot create, leaving nothing behind', async () => {
    const blocker = path.join(tmp, 'a-file');
    fs.writeFileSync(blocker, 'x');
    await expect(writeSite(path.join(blocker, 'site'), site())).rejects.toThrow(/cannot write the export to .*a-file\/site: ENOTDIR/);
    await expect(writeSite(blocker, site())).rejects.toThrow(/it is a file, not a folder/);
    expect(fs.readFileSync(blocker, 'utf8')).toBe('x');
  });

  it('leaves the previous site whole when writing fails half-way', async () => {
    const out = path.join(tmp, 'two', 'site');
    await writeSite(out, site());
    const bad = site({ 'index.html': '<p>改</p>' });
    bad.set('pages/1.html/impossible.html', 'a file under a file'); // cannot be created
    await expect(writeSite(out, bad)).rejects.toThrow();
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('<p>首页</p>');
    expect(leftovers(out)).toEqual([]);
  });

  it.each([
    ['articles/../../../x.html'],
    ['../x.html'],
    ['/tmp/x.html'],
    ['articles/../index.html'],
    ['articles//x.html'],
    ['articles/./x.html'],
    ['articles\\..\\..\\x.html'],
    [''],
  ])('refuses the path %j, naming it, and writes nothing at all', async (hostile) => {
    const root = fs.mkdtempSync(path.join(tmp, 'hostile-'));
    const out = path.join(root, 'exports', 'site');
    const files = site({ [hostile]: '<p>逃出去</p>' });
    await expect(writeSite(out, files)).rejects.toMatchObject({
      code: 'export.pathOutside',
      params: { path: hostile, folder: out },
      message: expect.stringContaining(`"${hostile}" would be written outside the export folder ${out}`),
    });
    expect(fs.readdirSync(root)).toEqual([]); // not even the export folder or its temp sibling
    expect(fs.existsSync(path.join(tmp, 'x.html'))).toBe(false);
  });

  it('refuses a hostile path in an existing site, leaving the site as it was', async () => {
    const out = path.join(tmp, 'kept', 'site');
    await writeSite(out, site());
    const before = fs.readdirSync(path.dirname(out));
    await expect(writeSite(out, site({ 'index.html': '<p>改</p>', 'articles/../../x.html': 'x' }))).rejects.toThrow(/outside the export folder/);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('<p>首页</p>');
    expect(fs.readdirSync(path.dirname(out))).toEqual(before);
  });

  describe('with a manifest (as the exporter writes)', () => {
    const M = '.banmian-export.json';
    const withManifest = (extra: Record<string, string> = {}) => {
      const files = site(extra);
      files.set(M, JSON.stringify({ files: [...files.keys()] }));
      return files;
    };

    it('refuses a non-empty folder that is not an earlier export, touching nothing in it', async () => {
      const out = path.join(tmp, 'user-folder');
      fs.mkdirSync(path.join(out, 'notes'), { recursive: true });
      fs.writeFileSync(path.join(out, 'notes', '采访提纲.txt'), '别删我');
      await expect(writeSite(out, withManifest(), { manifest: M })).rejects.toThrow(
        `refusing to export into ${out}: it is not empty and has no ${M}, so it is not an earlier banmian export; choose an empty or new folder`,
      );
      expect(fs.readdirSync(out)).toEqual(['notes']);
      expect(fs.readFileSync(path.join(out, 'notes', '采访提纲.txt'), 'utf8')).toBe('别删我');
      expect(leftovers(out)).toEqual([]);
      fs.writeFileSync(path.join(out, M), 'not json');
      await expect(writeSite(out, withManifest(), { manifest: M })).rejects.toThrow(/its \.banmian-export\.json cannot be read/);
    });

    it('writes into an empty folder, and keeps files it did not write when it replaces its own', async () => {
      const out = path.join(tmp, 'shared-folder');
      fs.mkdirSync(out);
      await writeSite(out, withManifest(), { manifest: M });
      fs.writeFileSync(path.join(out, 'README-网站说明.txt'), '用户自己的文件');
      fs.writeFileSync(path.join(out, 'pages', 'extra.css'), '/* 用户的 */');
      const next = withManifest({ 'index.html': '<p>新首页</p>' });
      next.delete('pages/1.html');
      next.set(M, JSON.stringify({ files: [...next.keys()].filter((k) => k !== M) }));
      const r = await writeSite(out, next, { manifest: M });
      expect(r.removed).toBe(1);
      expect(fs.existsSync(path.join(out, 'pages/1.html'))).toBe(false); // ours, listed in the old manifest
      expect(fs.readFileSync(path.join(out, 'README-网站说明.txt'), 'utf8')).toBe('用户自己的文件');
      expect(fs.readFileSync(path.join(out, 'pages', 'extra.css'), 'utf8')).toBe('/* 用户的 */');
      expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('<p>新首页</p>');
    });

    it('keeps empty folders a user added, at any depth, when it replaces its own files', async () => {
      const out = path.join(tmp, 'folders');
      await writeSite(out, withManifest(), { manifest: M });
      fs.mkdirSync(path.join(out, '待补图片'));
      fs.mkdirSync(path.join(out, 'pages', '草稿', '第二稿'), { recursive: true });
      const r = await writeSite(out, withManifest({ 'index.html': '<p>再版</p>' }), { manifest: M });
      expect(r.written).toBeGreaterThan(0); // the site was swapped, not left alone
      expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('<p>再版</p>');
      expect(fs.statSync(path.join(out, '待补图片')).isDirectory()).toBe(true);
      expect(fs.statSync(path.join(out, 'pages', '草稿', '第二稿')).isDirectory()).toBe(true);
      expect(leftovers(out)).toEqual([]);
    });
  });
});
