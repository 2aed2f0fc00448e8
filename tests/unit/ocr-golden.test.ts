import fs from 'fs';
import path from 'path';
import { parseOcrFile } from '../../src/ocr-import/import';
import { checkNoLoss } from '../../src/ocr-import/no-loss';
import type { OcrResult } from '../../src/ocr-import/parse';

/**
 * Golden pages: each `X.txt` under tests/fixtures/ocr-pages (real pages) and
 * tests/fixtures/ocr-synthetic (one layout variation each) has beside it `X.json`,
 * the importer's dry run (`npm run import -- --dry-run --json tests/fixtures/…/X.txt > X.json`,
 * from the project folder) checked by hand. Adding a page is adding those two files.
 */
const ROOT = path.join(__dirname, '..', '..');
const FOLDERS = ['tests/fixtures/ocr-pages', 'tests/fixtures/ocr-synthetic'];
const pages = FOLDERS.flatMap((dir) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => `${dir}/${f}`),
);
const parse = (file: string) => parseOcrFile(fs.readFileSync(path.join(ROOT, file)), file);
const articles = (r: OcrResult) => r.pages.flatMap((p) => p.articles);

describe('golden pages', () => {
  it('has a golden file beside every page, and at least ten synthetic layouts', () => {
    for (const file of pages) expect([file, fs.existsSync(path.join(ROOT, file.replace(/\.txt$/, '.json')))]).toEqual([file, true]);
    expect(pages.filter((f) => f.includes('ocr-synthetic')).length).toBeGreaterThanOrEqual(10);
  });

  it.each(pages)('%s parses as its golden file says, losing nothing', (file) => {
    const golden = JSON.parse(fs.readFileSync(path.join(ROOT, file.replace(/\.txt$/, '.json')), 'utf8'));
    const result = parse(file);
    expect(result).toEqual(golden);
    expect(checkNoLoss(fs.readFileSync(path.join(ROOT, file), 'utf8'), result)).toEqual([]);
    expect(result.warnings.filter((w) => w.rule === 'no-loss')).toEqual([]);
  });
});

// The same pages read by a person: headline, subtitle, bylines (role:names) and supplied-by of each article, and what decided its start.
type Expect = [headline: string, subtitle: string | null, bylines: string, suppliedBy: string | null, start: string];
const VARIATIONS: Record<string, Expect[]> = {
  '01-no-byline-between.txt': [
    ['网格党建激活社区治理“末梢神经”', null, '本报通讯员:林晓峰', null, 'byline-header'],
    ['红心聚力 幸福同行', '白山社区“红心驿站”党建品牌建设综述', '', '白山社区党委', 'subtitle-header'],
    ['小积分兑出乡村文明新风', null, '本报记者:郑海涛', null, 'byline-header'],
  ],
  '02-byline-at-end.txt': [
    ['党员先锋岗成了群众“暖心站”', null, '本报通讯员:马丽娟', null, 'page-start'],
    ['“红色代办员”跑出服务加速度', null, '本报记者:孔祥宇 通讯员:邹静', null, 'after-end'],
    ['退役军人服务站里的“老兵之家”', null, '本报通讯员:曹文彬', null, 'after-end'],
  ],
  '03-supplied-by-only.txt': [
    ['“三联三帮”让党建和业务同频共振', null, '', '市税务局机关党委', 'page-start'],
    ['田间课堂种出致富“金果子”', null, '', '县委组织部', 'after-end'],
  ],
  '04-several-bands.txt': [
    ['“红色物业”破解小区治理难题', null, '本报记者:韦思远', null, 'byline-header'],
    ['乡村振兴学堂开课了', null, '本报通讯员:尹春华', null, 'byline-header'],
    ['“田秀才”带出致富路', null, '本报通讯员:石磊', null, 'byline-header'],
  ],
  '05-two-line-headline.txt': [
    ['让党旗在乡村振兴一线高高飘扬', null, '本报记者:常青', null, 'byline-header'],
    ['为民办实事的“小切口”撬动“大民生”', null, '本报通讯员:闵浩', null, 'byline-header'],
  ],
  '06-subtitle-no-kicker.txt': [
    ['组织振兴绘就乡村新图景', '高台县抓党建促乡村振兴工作纪实', '本报记者:鲁明', null, 'byline-header'],
    ['党校讲台上的“乡土教材”', '县委党校开发本土红色教学资源综述', '', '县委党校', 'subtitle-header'],
  ],
  '07-kicker-group.txt': [
    ['在改革中激发基层治理新活力', '城南街道推进党建引领基层治理改革纪实', '本报记者:黎明 通讯员:蒋红', null, 'byline-header'],
    ['以铁的纪律保障改革发展', null, '本报评论员:', null, 'byline-header'],
  ],
  '08-source-and-note.txt': [
    ['以钉钉子精神抓好落实', null, ':王建国', null, 'byline-header'],
    ['把为民造福作为最重要的政绩', null, ':李红梅', null, 'byline-header'],
    ['凝聚奋进新征程的强大力量', null, '', null, 'after-end'],
  ],
  '09-end-names.txt': [
    ['村里来了“红色管家”', null, ':陈静,刘思远', null, 'page-start'],
    ['小积分兑出大文明', null, ':孙晓梅', null, 'after-end'],
    ['银发先锋守护一方平安', null, ':周建平,吴敏', null, 'after-end'],
  ],
  '10-photos.txt': [
    ['党员志愿者走进敬老院', null, '本报通讯员:唐颖', null, 'byline-header'],
    ['党群服务中心成了“幸福家园”', null, '本报记者:甘露', null, 'byline-header'],
  ],
  '11-markdown.txt': [
    ['强化政治引领 建强基层堡垒', null, '本报记者:聂帆', null, 'markdown-heading'],
    ['党员教育“活”起来', null, '本报通讯员:詹宁', null, 'markdown-heading'],
  ],
  '12-masthead-pages.txt': [
    ['全市党建工作推进会召开', null, '本报记者:莫言', null, 'byline-header'],
    ['“两新”组织党建实现全覆盖', null, '本报通讯员:段锐', null, 'byline-header'],
  ],
  '13-page-band-series.txt': [
    ['从百年党史中汲取奋进力量', null, ':张建军', null, 'byline-header'],
    ['以为民情怀践行初心使命', null, ':李秀英', null, 'byline-header'],
    ['在攻坚克难中彰显担当作为', null, ':王海龙', null, 'byline-header'],
  ],
  '14-dateline-bylines.txt': [
    ['“红色驿站”温暖户外劳动者', null, '记者:李铮 通讯员:王飞,李永', null, 'dateline-header'],
    ['百名党员干部下沉网格', null, '记者:张强 通讯员:刘佳', null, 'dateline-header'],
    ['乡村夜校点亮农家灯火', null, '本报记者:张靖 本报通讯员:郜敏', null, 'byline-header'],
    ['老党员的“连心账本”', null, '记者:冯芸', null, 'dateline-header'],
  ],
  '15-wire-source.txt': [
    ['全国基层党建工作经验交流会召开', null, '记者:王芳,李强', null, 'dateline-header'],
    ['黄河岸边的“红色课堂”', null, ':刘洋', null, 'byline-header'],
    ['让“小网格”托起“大民生”', null, ':陈红', null, 'byline-header'],
  ],
  '16-author-units.txt': [
    ['以党建引领基层治理现代化', null, ':欧阳晓明', null, 'byline-header'],
    ['激活乡村振兴的“红色引擎”', null, ':李红梅', null, 'byline-header'],
    ['把群众的“小事”当成“大事”', null, ':王建国', null, 'after-end'],
  ],
  '17-indented-lines.txt': [
    ['社区党员“认领”微心愿', null, '', null, 'unindented-line'],
    ['红色物业让小区焕然一新', null, '本报记者:赵敏', null, 'unindented-line'],
    ['青年突击队冲锋在抗洪一线', null, '', null, 'unindented-line'],
    ['让党旗在基层一线高高飘扬', null, '本报通讯员:孙健', null, 'byline-header'],
  ],
  '18-section-one-line.txt': [
    ['以钉钉子精神抓好落实', null, ':王建国', null, 'byline-header'],
    ['把为民造福作为最重要的政绩', null, ':李红梅', null, 'byline-header'],
    ['凝聚奋进新征程的强大力量', null, ':张伟', null, 'byline-header'],
  ],
  '19-editor-notes.txt': [
    ['支部建在产业链上', null, '本报记者:韩冰', null, 'byline-header'],
    ['老支书的新课题', null, '本报通讯员:邹平', null, 'byline-header'],
  ],
  '20-photo-news.txt': [
    ['秋收时节田野忙', null, '', null, 'photo-news'],
    ['红色研学进校园', null, '', null, 'photo-news'],
    ['党员志愿者清理河道', null, '', null, 'photo-news'],
  ],
  '21-section-label.txt': [
    ['扎根山村二十年的“孩子王”', null, '本报记者:许诺', null, 'byline-header'],
    ['三尺讲台上的“追光者”', null, '本报通讯员:卓然', null, 'byline-header'],
    ['95后村医的“健康账本”', null, '本报记者:许诺', null, 'byline-header'],
  ],
  '22-continuation.txt': [
    ['全市基层党建现场推进会召开', null, '本报记者:岳峰', null, 'byline-header'],
    ['全市基层党建现场推进会召开', null, '', null, 'page-start'],
    ['乡村夜校开课了', null, '本报通讯员:卫东', null, 'byline-header'],
  ],
};

describe('layout variations', () => {
  it('covers every synthetic page', () => {
    expect(Object.keys(VARIATIONS).sort()).toEqual(pages.filter((f) => f.includes('ocr-synthetic')).map((f) => path.basename(f)));
  });

  it.each(Object.entries(VARIATIONS))('%s: right articles, headlines, subtitles, bylines and supplied-by', (name, expected) => {
    const got = articles(parse(`tests/fixtures/ocr-synthetic/${name}`)).map((a): Expect => [
      a.headline,
      a.subtitle,
      a.bylines.map((b) => `${b.role ?? ''}:${b.names.join(',')}`).join(' '),
      a.suppliedBy,
      a.boundary.start,
    ]);
    expect(got).toEqual(expected);
  });

  it('reads labels over headlines as columns and kickers', () => {
    const bands = articles(parse('tests/fixtures/ocr-synthetic/04-several-bands.txt')).map((a) => a.column);
    expect(bands).toEqual(['支部风采', '基层传真', '党员风采']);
    const [, brand] = articles(parse('tests/fixtures/ocr-synthetic/01-no-byline-between.txt'));
    expect([brand.column, brand.kicker]).toEqual(['白山社区党建品牌展示', null]);
    const [first, second] = articles(parse('tests/fixtures/ocr-synthetic/07-kicker-group.txt'));
    expect([first.column, first.kicker, second.column, second.kicker]).toEqual([null, '学习贯彻党的二十届三中全会精神', '理论学习', '持续深化党纪学习教育']);
  });

  it('puts the page’s lines in the page’s fields and the articles’ 栏目, never in a body', () => {
    const r = parse('tests/fixtures/ocr-synthetic/13-page-band-series.txt');
    expect(r.pages.map((p) => [p.name, p.theme])).toEqual([['理论学习', '学党史 悟思想 办实事 开新局']]);
    expect(articles(r).map((a) => a.column)).toEqual(['领导干部学习笔谈', '领导干部学习笔谈', '领导干部学习笔谈']);
    for (const a of articles(r)) expect([a.kicker, a.body]).toEqual([null, expect.not.stringMatching(/学党史 悟思想|领导干部学习笔谈/u)]);
    expect(r.pages[0].lineChoices.map((l) => [l.line, l.placedAs, l.sure])).toEqual([
      [7, 'theme', true],
      [9, 'column', false],
    ]);
  });

  it('marks boundaries found by weak cues, and only those', () => {
    const weak = (name: string) => articles(parse(`tests/fixtures/ocr-synthetic/${name}`)).map((a) => a.boundary.weak);
    expect(weak('01-no-byline-between.txt')).toEqual([false, false, false]);
    expect(weak('03-supplied-by-only.txt')).toEqual([true, true]);
    // The first article ends at its source line, a firm end; the third starts only because a headline-like line followed that end.
    expect(weak('08-source-and-note.txt')).toEqual([false, false, true]);
  });
});
