import fs from 'fs';
import path from 'path';
import request from 'supertest';
import iconv from 'iconv-lite';
import { runScript } from '../helpers/cli';
import { startStrapi, APP_DIR, type TestStrapi, rowCounts } from '../helpers/strapi';
import { importOcrFile } from '../../src/ocr-import/import';
import { adminToken, createAdminUser } from '../helpers/admin-users';

let t: TestStrapi;
let changji: string;
const api = () => request(t.strapi.server.httpServer);
const fixture = (name: string) => fs.readFileSync(path.join(APP_DIR, 'tests/fixtures/ocr-pages', name));
const TYPES = ['issue', 'page', 'column', 'article', 'contributor'].map((n) => `api::${n}.${n}`);
const counts = () => rowCounts(t.strapi, TYPES);

beforeAll(async () => {
  t = await startStrapi();
  changji = (await t.strapi.documents('api::publication.publication').create({ data: { name: '昌吉党建', slug: 'changji' } as any })).documentId;
  // An existing contributor and column must be reused, not doubled.
  await t.strapi.documents('api::contributor.contributor').create({ data: { name: '王芳' } as any });
  await t.strapi.documents('api::column.column').create({ data: { name: '争先创优' } as any, locale: 'zh-Hans' });
});
afterAll(async () => t?.stop());

describe('importing OCR pages as drafts', () => {
  it('writes the issue, the page with its credits, and every article as a draft', async () => {
    const summary = await importOcrFile(t.strapi, fixture('manas-hutubi-changji.txt'), 'manas.txt', { issue: 40, date: '2024-10-11' });
    expect(summary).toMatchObject({ status: 'imported', issue: 40, pages: 1, articles: 4 });
    const issue = await t.strapi.documents('api::issue.issue').findFirst({ filters: { number: 40 }, locale: 'zh-Hans', status: 'draft' });
    expect(issue.publishedAt).toBeNull();
    const tree = await t.strapi.service('api::issue.issue').loadTree({ documentId: issue.documentId, status: 'draft' });
    const [page] = tree.tree.pages;
    expect(page.credits).toEqual({ editor: { name: '王芳' }, layout: { name: '任宝红' }, proofreader: { name: '刘军' } });
    expect(page.placements.map((p: any) => p.article.headline)).toEqual([
      '以高质量党建推动司法行政工作高质量发展',
      '党建引领 做强“福禄”产业链',
      '党建领航 赋能发展 让群众更有“医靠”',
      '瞄准基层焦点 深入纠治形式主义',
    ]);
    const [a1, a2, , a4] = page.placements.map((p: any) => p.article);
    expect(a1.bylines).toEqual([
      {
        role: '本报通讯员',
        contributors: [
          { name: '胡伟杰', kind: 'person' },
          { name: '吴琛', kind: 'person' },
        ],
      },
    ]);
    expect(a2.column.name).toBe('争先创优');
    expect(a2.photos.map((p: any) => [p.position, p.credit?.name, p.creditRole, p.creditKind])).toEqual([
      ['上图', '陶维明', '本报记者', '摄'],
      ['下图', '陶维明', '本报记者', '摄'],
    ]);
    expect([a4.source, a4.authorNote]).toEqual(['光明日报', '中国社会科学院马克思主义研究院副研究员']);
    expect(await t.strapi.db.query('api::contributor.contributor').count({ where: { name: '王芳' } })).toBe(1);
    expect(await t.strapi.db.query('api::column.column').count({ where: { name: '争先创优' } })).toBe(1);
    // Drafts: nothing of it is public.
    const pub = await api().get('/api/articles?filters[headline][$contains]=福禄');
    expect(pub.body.data).toEqual([]);
  });

  it('is idempotent: the same file again creates nothing', async () => {
    const before = await counts();
    const again = await importOcrFile(t.strapi, fixture('manas-hutubi-changji.txt'), 'manas-copy.txt', { issue: 40, date: '2024-10-11' });
    expect(again.status).toBe('already imported');
    expect(await counts()).toEqual(before);
  });

  it('adds another file to the same issue as a new page, reading GB18030', async () => {
    const gbk = iconv.encode(fixture('dianjiang-jiangjin.txt').toString('utf8'), 'gb18030');
    const s = await importOcrFile(t.strapi, gbk, 'dianjiang-gbk.txt', { issue: 40 });
    expect(s).toMatchObject({ status: 'imported', articles: 2 });
    const issue = await t.strapi.documents('api::issue.issue').findFirst({ filters: { number: 40 }, locale: 'zh-Hans', status: 'draft' });
    const pages = await t.strapi
      .documents('api::page.page')
      .findMany({ filters: { issue: { documentId: issue.documentId } }, locale: 'zh-Hans', sort: 'number' });
    expect(pages.map((p: any) => p.number)).toEqual([1, 2]);
  });

  it('leaves nothing behind when a file fails half-way', async () => {
    const before = await counts();
    // The second article's headline is over 200 characters: refused after the first article and its contributors were written.
    const text = ['# 第一篇稿件', '□本报记者 新人甲', '', '正文一。', '', `# ${'长'.repeat(201)}`, '□本报记者 新人乙', '', '正文二。'].join('\n');
    await expect(importOcrFile(t.strapi, Buffer.from(text), 'broken.txt', { issue: 41, date: '2024-10-18' })).rejects.toThrow(/headline/);
    expect(await counts()).toEqual(before);
    expect(await t.strapi.db.query('api::contributor.contributor').count({ where: { name: '新人甲' } })).toBe(0);
  });

  it('refuses bad input before writing anything, naming the file', async () => {
    const before = await counts();
    await expect(importOcrFile(t.strapi, Buffer.alloc(0), 'empty.txt', { issue: 42, date: '2024-10-25' })).rejects.toThrow('empty.txt: the file is empty');
    await expect(importOcrFile(t.strapi, Buffer.from([0, 1, 2, 3, 0, 0]), 'photo.jpg', { issue: 42, date: '2024-10-25' })).rejects.toThrow(
      'photo.jpg: this is a binary file',
    );
    await expect(importOcrFile(t.strapi, fixture('baishan-hegang.txt'), 'baishan.txt', {})).rejects.toThrow(
      'baishan.txt: the text names no issue (第N期): pass --issue <number>',
    );
    await expect(importOcrFile(t.strapi, fixture('baishan-hegang.txt'), 'baishan.txt', { issue: 43 })).rejects.toThrow(
      'baishan.txt: issue 第43期 does not exist yet: pass --date YYYY-MM-DD',
    );
    await expect(importOcrFile(t.strapi, fixture('baishan-hegang.txt'), 'baishan.txt', { issue: 43, date: '2024-11-01', publication: 'nope' })).rejects.toThrow(
      'baishan.txt: no publication with slug "nope"',
    );
    expect(await counts()).toEqual(before);
  });
});

describe('npm run import (the CLI)', () => {
  const cli = (args: string[]) => runScript('import.js', args);

  it('--dry-run --json prints exactly one JSON document on stdout and writes nothing', async () => {
    const before = await counts();
    const out = await cli(['--dry-run', '--json', 'tests/fixtures/ocr-pages/baishan-hegang.txt']);
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(Object.keys(doc)).toEqual(['file', 'issue', 'pages', 'warnings']);
    expect(doc.pages[0].articles[1].bylines).toEqual([{ role: null, names: ['中共鹤岗市委组织部'] }]);
    expect(await counts()).toEqual(before);
  }, 120000);

  it('imports with a summary, and fails clearly on bad input', async () => {
    const ok = await cli(['--publication', 'changji', '--issue', '44', '--date', '2024-11-08', 'tests/fixtures/ocr-pages/baishan-hegang.txt']);
    expect({ code: ok.code, stderr: ok.code ? ok.stderr : '' }).toEqual({ code: 0, stderr: '' }); // stderr shown only on failure
    expect(ok.stdout).toContain('baishan-hegang.txt: imported — 第44期, 1 page(s), 2 draft article(s)');
    const bad = await cli(['--dry-run', '--json', 'package-lock.json.missing']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('package-lock.json.missing: cannot read (ENOENT)');
    const usage = await cli(['--json', 'x.txt']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--json goes with --dry-run');
  }, 180000);
});

describe('the admin import routes (multipart upload)', () => {
  let auth: { Authorization: string };
  beforeAll(async () => {
    await createAdminUser(t.strapi, { email: 'desk@paper.example', password: 'Import-route-1', firstname: '值班', roleCodes: ['strapi-super-admin'] });
    auth = { Authorization: `Bearer ${await adminToken(t.strapi, 'desk@paper.example', 'Import-route-1')}` };
  });

  it('reads the file from the form, shows the dry run, then imports', async () => {
    const preview = await api().post('/banmian/import/preview').set(auth).attach('file', fixture('baishan-hegang.txt'), 'baishan.txt');
    expect(preview.status).toBe(200);
    expect(preview.body.data.file).toBe('baishan.txt');
    expect(preview.body.data.pages[0].articles[0].headline).toBe('吉林省白山市：党旗领航争当先锋 医者仁心护佑生命');
    const before = await counts();
    const page = Buffer.from(['# 表单上传的稿件', '□本报记者 王芳', '', '正文。'].join('\n'));
    const done = await api()
      .post('/banmian/import')
      .set(auth)
      .attach('file', page, 'form.txt')
      .field('publication', changji)
      .field('newIssue', '90')
      .field('date', '2024-12-30');
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({ status: 'imported', issue: 90 });
    expect((await counts())['api::article.article']).toBe(before['api::article.article'] + 1);
  });

  it('applies the editor’s splits to the preview and to the import', async () => {
    const text = Buffer.from(
      [
        '# 支部建在网格上',
        '□本报通讯员 林晓峰',
        '',
        '街道把党支部建在网格上。',
        '',
        '红心驿站暖民心',
        '',
        '社区党委打造党群服务阵地。',
        '',
        '（白山社区党委供稿）',
      ].join('\n'),
    );
    const edits = JSON.stringify([{ op: 'split', page: 0, article: 0, paragraph: 1 }]);
    const plain = await api().post('/banmian/import/preview').set(auth).attach('file', text, 'split.txt');
    expect(plain.body.data.pages[0].articles.map((a: any) => a.headline)).toEqual(['支部建在网格上']);
    const preview = await api().post('/banmian/import/preview').set(auth).attach('file', text, 'split.txt').field('edits', edits);
    expect(preview.body.data.pages[0].articles.map((a: any) => [a.headline, a.suppliedBy])).toEqual([
      ['支部建在网格上', null],
      ['红心驿站暖民心', '白山社区党委'],
    ]);
    const bad = await api()
      .post('/banmian/import/preview')
      .set(auth)
      .attach('file', text, 'split.txt')
      .field('edits', JSON.stringify([{ op: 'merge', page: 0, article: 0 }]));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.code).toBe('import.badEdit');
    const done = await api()
      .post('/banmian/import')
      .set(auth)
      .attach('file', text, 'split.txt')
      .field('edits', edits)
      .field('publication', changji)
      .field('newIssue', '91')
      .field('date', '2025-01-03');
    expect(done.body.data).toMatchObject({ status: 'imported', articles: 2 });
    const written = await t.strapi.documents('api::article.article').findMany({ filters: { headline: '红心驿站暖民心' }, status: 'draft' });
    expect(written.map((a: any) => a.suppliedBy)).toEqual(['白山社区党委']);
  });

  it('refuses a form without a file, and a file over 5 MB, naming it', async () => {
    const none = await api().post('/banmian/import/preview').set(auth).field('encoding', 'gb18030');
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe('请选择版面的文本文件');
    expect(none.body.error.details).toMatchObject({ code: 'import.chooseFile', path: ['file'] });
    const big = await api()
      .post('/banmian/import/preview')
      .set(auth)
      .attach('file', Buffer.alloc(5 * 1024 * 1024 + 1, 0x41), 'huge.txt');
    expect(big.status).toBe(400);
    expect(big.body.error.message).toBe('huge.txt：5.0 MB，超过单个版面 5 MB 的上限');
  });

  it('words the same refusal for each surface: the form’s fields in the admin, flags on the command line', async () => {
    const text = fixture('baishan-hegang.txt');
    const zh = await api().post('/banmian/import').set(auth).attach('file', text, 'baishan.txt').field('publication', changji).field('newIssue', '43');
    expect(zh.status).toBe(400);
    expect(zh.body.error.message).toBe('新建第43期需要填写出版日期');
    expect(zh.body.error.details).toEqual({ code: 'import.newIssueDate', params: { number: 43 } });
    await api().put('/admin/users/me').set(auth).send({ preferedLanguage: 'en' });
    try {
      const en = await api().post('/banmian/import').set(auth).attach('file', text, 'baishan.txt').field('publication', changji).field('newIssue', '43');
      expect(en.body.error?.message).toBe('the new issue 第43期 needs its date');
    } finally {
      await api().put('/admin/users/me').set(auth).send({ preferedLanguage: null });
    }
    const cli = await runScript('import.js', ['tests/fixtures/ocr-pages/baishan-hegang.txt']);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('baishan-hegang.txt: the text names no issue (第N期): pass --issue <number>');
  }, 120000);
});
