import fs from 'fs';
import path from 'path';
import { parseOffThread } from '../../src/ocr-import/parse-pool';
import { checkNoLoss } from '../../src/ocr-import/no-loss';
import type { OcrResult } from '../../src/ocr-import/parse';
import { FORMAT_FIXTURES, broadsheetPdf, manuscriptDocx } from '../helpers/format-fixtures';
import { importLines } from '../helpers/import-lines';

/**
 * Golden files for the other formats (src/import-formats/), as ocr-golden.test.ts for text
 * pages: each file under tests/fixtures/import-formats has beside it `X.json`, what the importer
 * reads (the dry run without the 审校 findings), checked by hand: `UPDATE_GOLDEN=1` writes them.
 * The files are parsed as the server parses them, in its worker thread.
 * `UPDATE_FORMAT_FIXTURES=1` makes the .docx and the .pdf again (tests/helpers/format-fixtures.ts).
 */
const FILES = ['epaper-article.html', 'broadsheet-print.pdf', 'manuscript.docx'];
const at = (name: string) => path.join(FORMAT_FIXTURES, name);
const golden = (name: string) => at(name.replace(/\.\w+$/u, '.json'));
const file = (name: string) => `tests/fixtures/import-formats/${name}`;
const parse = (name: string): Promise<OcrResult> => parseOffThread(fs.readFileSync(at(name)), file(name));
const articles = (r: OcrResult) => r.pages.flatMap((p) => p.articles);

beforeAll(async () => {
  if (!process.env.UPDATE_FORMAT_FIXTURES) return;
  fs.writeFileSync(at('manuscript.docx'), await manuscriptDocx());
  fs.writeFileSync(at('broadsheet-print.pdf'), await broadsheetPdf());
}, 120000);

describe('golden files of each format', () => {
  it.each(FILES)('%s parses as its golden file says, losing nothing of the lines it was read into', async (name) => {
    const result = await parse(name);
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden(name), `${JSON.stringify(result, null, 2)}\n`);
    expect(result).toEqual(JSON.parse(fs.readFileSync(golden(name), 'utf8')));
    expect(result.warnings.filter((w) => w.rule === 'no-loss')).toEqual([]);
    expect(checkNoLoss(importLines(at(name)), result)).toEqual([]);
  });
});

describe('what each format gives', () => {
  it('a PDF printed from print.html: the demo page’s four articles in reading order, bylines, credits, captions', async () => {
    const demo = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'demo', 'demo-issue.json'), 'utf8'));
    const r = await parse('broadsheet-print.pdf');
    const [page] = demo.issue.pages;
    expect([r.issue?.number, r.pages[0].number, r.pages[0].name]).toEqual([12, 3, '党建']);
    // The running head's date line is no convention of the rules yet: a weak article the dry run points out, before the page's.
    const [date, ...read] = articles(r);
    expect([date.headline, date.boundary.weak]).toEqual(['2024年7月5日 星期五', true]);
    // In the order the page is read, column by column: not the order the editor placed them in.
    expect(read.map((a) => a.headline)).toEqual([0, 2, 1, 3].map((k) => page.articles[k].headline));
    expect(r.pages[0].credits).toEqual({ editor: '王芳', layout: '任宝红', proofreader: '刘军' });
    const [, , fulu, fourth] = read;
    expect(fulu.column).toBe('争先创优');
    expect(fulu.photos.map((p) => [p.position, p.credit])).toEqual([
      ['上图', '陶维明'],
      ['下图', '陶维明'],
    ]);
    expect([fourth.source, fourth.authorNote]).toEqual(['光明日报', '中国社会科学院马克思主义研究院副研究员']);
    // Characters the fonts map to radicals (⽉, ⺠) are read as the characters they print.
    expect(JSON.stringify(r)).not.toMatch(/[\u2e80-\u2fdf]/u);
  });

  it('a Word manuscript: one article, its headline, byline, subhead, photo caption and credit, author note', async () => {
    const [a, ...more] = articles(await parse('manuscript.docx'));
    expect(more).toEqual([]);
    expect([a.headline, a.bylines]).toEqual(['村里来了“红色管家”', [{ role: '本报通讯员', names: ['李建国', '赵敏'] }]]);
    expect(a.body).toContain('### 小事不出村');
    expect(a.photos.map((p) => [p.caption, p.credit])).toEqual([['图为“红色管家”服务队党员为村民讲解医保政策。', '李建国']]);
    expect(a.authorNote).toBe('玛纳斯县包家店镇党委宣传委员');
  });

  it('a saved e-paper page (GB2312): the article only, without the site’s navigation, ads and scripts', async () => {
    const r = await parse('epaper-article.html');
    const [a, ...more] = articles(r);
    expect(more).toEqual([]);
    expect([a.column, a.headline, a.subtitle]).toEqual(['争先创优', '让党旗在基层治理一线高高飘扬', '昌吉市推进党建引领基层治理工作纪实']);
    expect(a.bylines.map((b) => b.role)).toEqual(['本报记者', '通讯员']);
    expect(a.photos.map((p) => [p.position, p.credit])).toEqual([['上图', '王芳']]);
    expect(JSON.stringify(r)).not.toMatch(/订阅热线|版权所有|相关新闻|分享到|hm\.js|第01版/u);
  });
});
