import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { parseHTML } from 'linkedom';
import { runScript } from '../helpers/cli';
import { startStrapi, APP_DIR, type TestStrapi } from '../helpers/strapi';
import { seedDemoContent } from '../../src/seed/seed';
import { contentStamp, exportIssue } from '../../src/broadsheet/export';
import { findChromium } from '../../src/broadsheet/copyfit';
import { makeIssue } from '../../src/seed/generate-issue';
import { pagesCarrying } from '../../src/signoff/publication';
import { pageStatus, signOffPage } from '../../src/signoff/service';

let t: TestStrapi;
let issueId: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-export-'));
const api = () => request(t.strapi.server.httpServer);
const demo = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'data/demo/demo-issue.json'), 'utf8'));
const headlines: string[] = demo.issue.pages[0].articles.map((a: any) => a.headline);

beforeAll(async () => {
  t = await startStrapi({ ADMIN_EMAIL: 'editor@example.org', ADMIN_PASSWORD: 'Export-test-pass-1' });
  issueId = (await seedDemoContent(t.strapi)).issueDocumentId!;
}, 120000);
afterAll(async () => {
  await t?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('exportIssue against the seeded demo issue', () => {
  const out = path.join(tmp, 'site');
  const cacheDir = path.join(tmp, 'cache');

  it('writes the whole site', async () => {
    const summary = await exportIssue(t.strapi, { issue: 12, publication: 'changji-dangjian-demo', outDir: out, cacheDir });
    expect(summary).toMatchObject({ pages: 1, articles: 4, images: 2, resized: 12, written: summary.files, unchanged: 0 });
    const files = fs.readdirSync(out, { recursive: true }).map(String).sort();
    expect(files).toEqual(expect.arrayContaining(['index.html', 'print.html', 'pages/3.html', 'assets/broadsheet.css', '.banmian-export.json']));
    expect(files.filter((f) => f.startsWith('articles/') && f.endsWith('.html'))).toHaveLength(4);
    expect(files.filter((f) => f.startsWith('images/'))).toHaveLength(12);
    const page = parseHTML(fs.readFileSync(path.join(out, 'pages/3.html'), 'utf8')).document;
    expect([...page.querySelectorAll('h2.headline')].map((h) => h.textContent!.trim())).toEqual(headlines);
    expect(page.querySelector('.credits')!.textContent!.replace(/\s+/g, ' ').trim()).toBe('□编辑/王芳 □版式/任宝红 □审校/刘军');
    for (const img of page.querySelectorAll('img')) expect(fs.existsSync(path.join(out, 'pages', img.getAttribute('src')!))).toBe(true);
  });

  it('rewrites nothing and resizes nothing when nothing changed, with byte-identical files', async () => {
    const before = fs.readFileSync(path.join(out, 'print.html'));
    const summary = await exportIssue(t.strapi, { issue: 12, outDir: out, cacheDir });
    expect(summary).toMatchObject({ written: 0, resized: 0, unchanged: summary.files });
    expect(fs.readFileSync(path.join(out, 'print.html')).equals(before)).toBe(true);
  });

  it('does not even load the tree when the database has not changed since (its change stamp)', async () => {
    const loads = t.queries();
    await exportIssue(t.strapi, { issue: 12, outDir: path.join(tmp, 'fresh'), cacheDir });
    const full = t.queries() - loads;
    const quick = t.queries();
    const summary = await exportIssue(t.strapi, { issue: 12, outDir: path.join(tmp, 'fresh'), cacheDir });
    expect(summary).toMatchObject({ written: 0, pages: 1, articles: 4, images: 2 });
    expect(t.queries() - quick).toBeLessThan(full / 2);
    // A write elsewhere moves the stamp: the tree is loaded again, found the same, and nothing is written.
    await t.strapi.documents('api::column.column').create({ data: { name: '别处的新栏目' } as any });
    const again = t.queries();
    expect((await exportIssue(t.strapi, { issue: 12, outDir: path.join(tmp, 'fresh'), cacheDir })).written).toBe(0);
    expect(t.queries() - again).toBeGreaterThanOrEqual(full / 2);
    const last = JSON.parse(fs.readFileSync(path.join(tmp, 'fresh', '.banmian-export.json'), 'utf8'));
    expect(last.stamp).toBe(await contentStamp(t.strapi));
  });

  it('exports an edit: only the changed files are written', async () => {
    const article = await t.strapi.documents('api::article.article').findFirst({ filters: { headline: headlines[3] }, locale: 'zh-Hans', status: 'published' });
    await t.strapi.documents('api::article.article').update({ documentId: article.documentId, locale: 'zh-Hans', data: { kicker: '理论视点' } as any });
    // The edit waits as a draft until its page is signed again (the proofreader's signature publishes it).
    const page = (await pagesCarrying(t.strapi, article.documentId))[0];
    const status = (await pageStatus(t.strapi, page.documentId))!;
    expect(status.stage).toBe('laid_out');
    await signOffPage(t.strapi, page.documentId, status.credits as any);
    const summary = await exportIssue(t.strapi, { issue: 12, outDir: out, cacheDir });
    expect(summary.written).toBe(4); // the page, print.html, the article's reading view and the manifest; the index is unchanged
    expect(fs.readFileSync(path.join(out, 'pages/3.html'), 'utf8')).toContain('<p class="kicker">理论视点</p>');
  });

  it('never exports into a folder of someone else’s files', async () => {
    const folder = path.join(tmp, 'my-documents');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, '稿费单.xlsx'), 'mine');
    await expect(exportIssue(t.strapi, { issue: 12, outDir: folder, cacheDir })).rejects.toThrow(
      /refusing to export into .*my-documents: it is not empty and has no \.banmian-export\.json/,
    );
    expect(fs.readdirSync(folder)).toEqual(['稿费单.xlsx']);
    // An earlier export is fine, and a file added to it survives the next export.
    fs.writeFileSync(path.join(out, 'robots.txt'), 'User-agent: *');
    await exportIssue(t.strapi, { issue: 12, outDir: out, cacheDir, drafts: true });
    expect(fs.readFileSync(path.join(out, 'robots.txt'), 'utf8')).toBe('User-agent: *');
  });

  it('refuses an unknown issue, an unpublished one without --drafts, and an empty one — writing nothing', async () => {
    await expect(exportIssue(t.strapi, { issue: 99, outDir: path.join(tmp, 'none') })).rejects.toThrow('no published issue 第99期');
    const draft = await makeIssue(t.strapi, {
      number: 13,
      pages: 1,
      articlesPerPage: 1,
      publish: false,
      publication: (await t.strapi.documents('api::publication.publication').findFirst({})).documentId,
    });
    await expect(exportIssue(t.strapi, { issue: 13, outDir: path.join(tmp, 'draft') })).rejects.toThrow(/use --drafts/);
    const withDrafts = await exportIssue(t.strapi, { issue: 13, drafts: true, outDir: path.join(tmp, 'draft'), cacheDir });
    expect(withDrafts.articles).toBe(1);
    // An empty issue cannot be published (the sign-off guard), but its draft can be asked for.
    await t.strapi.documents('api::issue.issue').create({ data: { number: 14, date: '2024-07-19', publication: draft.publication } as any, locale: 'zh-Hans' });
    await expect(exportIssue(t.strapi, { issue: 14, drafts: true, outDir: path.join(tmp, 'empty') })).rejects.toThrow('issue 第14期 has no pages to export');
    expect(fs.existsSync(path.join(tmp, 'none'))).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'empty'))).toBe(false);
    expect(fs.readdirSync(tmp).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

describe('admin preview and export routes', () => {
  let jwt: string;
  beforeAll(async () => {
    const res = await api().post('/admin/login').send({ email: 'editor@example.org', password: 'Export-test-pass-1' });
    jwt = res.body.data.token;
  });

  it('need an admin', async () => {
    expect((await api().get(`/banmian/preview/issues/${issueId}`)).status).toBe(401);
    expect((await api().get(`/banmian/export/issues/${issueId}`)).status).toBe(401);
  });

  it('preview a page or the whole issue with the same renderer, drafts included', async () => {
    const page = await api().get(`/banmian/preview/issues/${issueId}?page=3`).set('Authorization', `Bearer ${jwt}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const doc = parseHTML(page.text).document;
    expect([...doc.querySelectorAll('h2.headline')].map((h) => h.textContent!.trim())).toEqual(headlines);
    expect(doc.querySelector('head style:last-of-type')!.textContent).toContain('size: 297mm 420mm'); // an A3 proof
    expect(doc.querySelector('script')!.getAttribute('src')).toMatch(/\/banmian\/assets\/copyfit\.js$/);
    expect(doc.body.classList.contains('proof-marks')).toBe(true);
    expect(doc.querySelector('.photo img')!.getAttribute('src')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/uploads\/|^http:\/\/[^/]+\/uploads\//);
    const whole = await api().get(`/banmian/preview/issues/${issueId}`).set('Authorization', `Bearer ${jwt}`);
    expect(parseHTML(whole.text).document.querySelectorAll('section.sheet')).toHaveLength(1);
    expect((await api().get(`/banmian/preview/issues/${issueId}?page=9`).set('Authorization', `Bearer ${jwt}`)).status).toBe(404);
    expect((await api().get('/banmian/preview/issues/nope').set('Authorization', `Bearer ${jwt}`)).status).toBe(404);
  });

  it('refuse a draft whose slug would write outside the export folder, writing nothing anywhere', async () => {
    const escape = `banmian-escape-${process.pid}-${Date.now()}`;
    const draft = await makeIssue(t.strapi, {
      number: 15,
      pages: 1,
      articlesPerPage: 1,
      publish: false,
      publication: (await t.strapi.documents('api::publication.publication').findFirst({})).documentId,
    });
    // The query layer, below the document rules that validate slugs: the writer must hold whatever the data says.
    await t.strapi.db.query('api::article.article').updateMany({ where: { documentId: draft.articleIds[0] }, data: { slug: `../../../${escape}` } });
    const res = await api().get(`/banmian/export/issues/${draft.issue.documentId}?status=draft`).set('Authorization', `Bearer ${jwt}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'export.pathOutside', params: { path: `articles/../../../${escape}.html` } });
    expect(res.body.error.message).toContain(`articles/../../../${escape}.html`);
    const out = path.join(tmp, 'escape', 'a', 'b', 'site');
    await expect(exportIssue(t.strapi, { issue: 15, drafts: true, outDir: out, cacheDir: path.join(tmp, 'cache') })).rejects.toThrow(
      `export refused: the file "articles/../../../${escape}.html" would be written outside the export folder ${out}`,
    );
    for (const dir of [os.tmpdir(), tmp, path.join(tmp, 'escape'), path.join(tmp, 'escape', 'a')]) {
      expect(fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.includes(escape)) : []).toEqual([]);
    }
    expect(fs.existsSync(path.join(tmp, 'escape'))).toBe(false);
  });

  it('export the issue as a zip download', async () => {
    const res = await api()
      .get(`/banmian/export/issues/${issueId}`)
      .set('Authorization', `Bearer ${jwt}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    // The published version unless the draft is asked for, and the answer says which.
    expect(res.headers['content-disposition']).toBe('attachment; filename="changji-dangjian-demo-12-published.zip"');
    expect(res.headers['x-banmian-version']).toBe('published');
    const zip = res.body as Buffer;
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    for (const name of ['changji-dangjian-demo-12/index.html', 'changji-dangjian-demo-12/print.html', 'changji-dangjian-demo-12/pages/3.html']) {
      expect(zip.includes(Buffer.from(name))).toBe(true);
    }
    const draft = await api().get(`/banmian/export/issues/${issueId}?status=draft`).set('Authorization', `Bearer ${jwt}`).buffer(true);
    expect(draft.status).toBe(200);
    expect(draft.headers['x-banmian-version']).toBe('draft');
    expect(draft.headers['content-disposition']).toBe('attachment; filename="changji-dangjian-demo-12-draft.zip"');
  });
});

describe('npm run export (the CLI)', () => {
  const cli = (args: string[]) => runScript('export.js', args);

  it('exports with a summary, and fails clearly on bad input', async () => {
    const out = path.join(tmp, 'cli');
    const ok = await cli(['--issue', '12', '--publication', 'changji-dangjian-demo', '--out', out]);
    expect({ code: ok.code, stderr: ok.code ? ok.stderr : '' }).toEqual({ code: 0, stderr: '' }); // stderr shown only on failure
    expect(ok.stdout).toMatch(/1 pages, 4 articles, 2 images/);
    expect(fs.existsSync(path.join(out, 'print.html'))).toBe(true);
    const missing = await cli(['--issue', '404']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no published issue 第404期');
    const bad = await cli(['--issue', 'twelve']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--issue must be a positive whole number');
  }, 180000);

  it('prints plain progress when its output is not a terminal: one line per step, each once, no \\r or ANSI codes', async () => {
    // As a user's run: no BANMIAN_DIST_READY, so it finds dist/ fresh from the stamp the tests' compile left.
    const run = await runScript('export.js', ['--issue', '12', '--publication', 'changji-dangjian-demo', '--out', path.join(tmp, 'piped')], {
      BANMIAN_DIST_READY: '',
    });
    expect({ code: run.code, stderr: run.code ? run.stderr : '' }).toEqual({ code: 0, stderr: '' });
    const all = run.stdout + run.stderr;
    expect(all).not.toContain('\r');
    expect(all).not.toContain(String.fromCharCode(27)); // ESC: no colours, no cursor moves
    expect(run.stderr).not.toContain('compiling');
    const steps = all.split('\n').filter((line) => line.startsWith('export '));
    expect(steps).toEqual([
      'export load 1/1',
      'export images 1/2',
      'export images 2/2',
      expect.stringMatching(/^export render \d+\/\d+$/),
      expect.stringMatching(/^export write \d+\/\d+$/),
      ...(findChromium() ? ['export fit 1/1'] : []),
    ]);
    expect(run.stdout).toContain('exported changji-dangjian-demo 第12期');
  }, 180000);
});

describe('underset (欠版) in the fit report', () => {
  let headline: string;
  beforeAll(async () => {
    const made = await makeIssue(t.strapi, {
      number: 16,
      pages: 1,
      articlesPerPage: 1,
      publish: false,
      publication: (await t.strapi.documents('api::publication.publication').findFirst({})).documentId,
    });
    const page: any = await t.strapi.documents('api::page.page').findFirst({
      filters: { issue: { documentId: made.issue.documentId } },
      status: 'draft',
      populate: { placements: { populate: { article: true } } },
    });
    headline = page.placements[0].article.headline;
    // The editor's rectangle: the left half of the grid for two short paragraphs; the right half has no article.
    await t.strapi.documents('api::page.page').update({
      documentId: page.documentId,
      locale: 'zh-Hans',
      data: { placements: [{ article: made.articleIds[0], order: 1, span: 2, lead: true, col: 1, colSpan: 4, row: 1, rowSpan: 20 }] } as any,
    });
  });

  it('names the article larger than its text and the modules no block covers, in the summary and the CLI; --strict-underset exits 1', async () => {
    const summary = await exportIssue(t.strapi, {
      issue: 16,
      drafts: true,
      outDir: path.join(tmp, 'underset'),
      cacheDir: path.join(tmp, 'cache'),
      copyfit: true,
    });
    expect(summary.fitMethod).toBe('measured');
    const [fit] = summary.fits!;
    expect(fit.overLines).toBeLessThan(0);
    expect(fit.underset!.lines).toBe(-fit.overLines);
    expect(fit.underset!.modules).toBeGreaterThanOrEqual(60); // four columns of twenty rows, a few lines of text
    expect(fit.grid).toEqual([8, 20]);
    expect(summary.holes).toEqual([{ page: 1, rect: [5, 4, 1, 20], modules: 80 }]);

    const out = path.join(tmp, 'underset-cli');
    const strict = await runScript('export.js', ['--issue', '16', '--drafts', '--strict-underset', '--out', out]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/欠版 \d+ 行 约 \d+ 字（约 \d+ 模块空白）/);
    expect(strict.stdout).toMatch(/（空白：无稿件）\s+5,1 4×20\s+空白 80 模块/);
    expect(strict.stdout).toContain(`1 article(s) underset (欠版): 第1版 ${headline}（欠 ${fit.underset!.lines} 行，约 ${fit.underset!.modules} 模块）`);
    expect(strict.stdout).toContain('1 hole(s) (空白): 第1版 第5栏第1行起 4栏×20行（80 模块）');
    // --strict keeps meaning overset: nothing here is overset, so it passes, as does no flag at all.
    const overOnly = await runScript('export.js', ['--issue', '16', '--drafts', '--strict', '--out', out]);
    expect({ code: overOnly.code, stderr: overOnly.code ? overOnly.stderr : '' }).toEqual({ code: 0, stderr: '' });
    expect(overOnly.stdout).toContain('no article is overset');
    expect(overOnly.stdout).toContain('1 hole(s) (空白)');
    const noFit = await runScript('export.js', ['--issue', '16', '--drafts', '--strict-underset', '--no-fit', '--out', out]);
    expect(noFit.code).toBe(2);
    expect(noFit.stderr).toContain('--strict-underset checks the fit, so it cannot go with --no-fit');
  }, 300000);
});
