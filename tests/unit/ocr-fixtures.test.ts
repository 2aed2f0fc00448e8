import { parseOcrFile } from '../../src/ocr-import/import';
import fs from 'fs';
import path from 'path';
import { parseOcrText, type OcrResult } from '../../src/ocr-import/parse';
import { checkNoLoss } from '../../src/ocr-import/no-loss';

// Expected structures for the three real OCR pages in tests/fixtures/ocr-pages, written by hand from the text.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'ocr-pages');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const parse = (name: string) => parseOcrText(read(name), name);
const articles = (r: OcrResult) => r.pages.flatMap((p) => p.articles);
const subheads = (body: string) =>
  body
    .split('\n\n')
    .filter((p) => p.startsWith('### '))
    .map((p) => p.slice(4));

describe('manas-hutubi-changji.txt', () => {
  const r = parse('manas-hutubi-changji.txt');
  const [a1, a2, a3, a4] = articles(r);

  it('finds one page with its 编辑/版式/审校 credits and four articles', () => {
    expect(r.pages).toHaveLength(1);
    expect(r.pages[0].credits).toEqual({ editor: '王芳', layout: '任宝红', proofreader: '刘军' });
    expect(articles(r).map((a) => a.headline)).toEqual([
      '以高质量党建推动司法行政工作高质量发展',
      '党建引领 做强“福禄”产业链',
      '党建领航 赋能发展 让群众更有“医靠”',
      '瞄准基层焦点 深入纠治形式主义',
    ]);
    expect(r.issue).toBeNull();
  });

  it('reads bylines with roles, and bare ones', () => {
    expect(a1.bylines).toEqual([{ role: '本报通讯员', names: ['胡伟杰', '吴琛'] }]);
    expect(a2.bylines).toEqual([{ role: '本报通讯员', names: ['孟锦'] }]);
    expect(a3.bylines).toEqual([{ role: '本报通讯员', names: ['贾佳'] }]);
    expect(a4.bylines).toEqual([{ role: null, names: ['杨彬彬'] }]);
  });

  it('reads column labels above headlines', () => {
    expect(articles(r).map((a) => a.column)).toEqual([null, '争先创优', null, '评论观点']);
    expect(articles(r).map((a) => a.kicker)).toEqual([null, null, null, null]);
  });

  it('reads captions with position words and their credits', () => {
    expect(a2.photos).toEqual([
      {
        position: '上图',
        caption: '在呼图壁县五工台镇幸福村的乡村葫芦园，该国负责人陶海滨（左三）正在教小朋友葫芦雕刻创作技法。',
        credit: '陶维明',
        creditRole: '本报记者',
        creditKind: '摄',
      },
      { position: '下图', caption: '在呼图壁县五工台镇幸福村，游客拍照留念。', credit: '陶维明', creditRole: '本报记者', creditKind: '摄' },
    ]);
    expect(a1.photos).toEqual([]);
  });

  it('reads the author note and the source', () => {
    expect(a4.authorNote).toBe('中国社会科学院马克思主义研究院副研究员');
    expect(a4.source).toBe('光明日报');
    expect(a4.body).not.toContain('作者系');
    expect(a4.body).not.toContain('来源');
  });

  it('makes in-body subheads headings, joining two-line ones', () => {
    expect(subheads(a1.body)).toEqual(['强化政治引领 增强党建动力', '突出班子建设 提升服务质效', '围绕党员队伍 建强战斗堡垒']);
    expect(subheads(a2.body)).toEqual(['组织联动共谋划', '引育人才蹚新路', '做强品牌促振兴']);
    expect(subheads(a3.body)).toEqual([
      '凝心铸魂 固牢发展之“根本”',
      '打造高地 跑出发展加速度',
      '建强队伍 提升科研“硬”实力',
      '融合发展 党建引领文化铸魂',
      '提升服务 打造“有温度的医院”',
    ]);
    expect(subheads(a4.body)).toEqual([]);
  });

  it('joins paragraphs broken at column ends and removes OCR doubles, with warnings', () => {
    expect(a1.body).toContain('三会一课等各类学习活动20余次。');
    expect(a1.body).toContain('切实推动司法行政系统转变工作作风');
    expect(a2.body).toContain('提供集体建设用地，集中统一流转土地');
    expect(a3.body).toContain('开展“我为群众办实事”等活动');
    expect(a3.body).not.toContain('“我为群众办实事”“我为群众办实事”');
    // In the newsroom's words, each with its stable code.
    expect(r.warnings.map((w) => [w.line, w.code, w.message])).toEqual([
      [23, 'ocr.doubledAcrossBreak', '删除了分栏处重复的「政」'],
      [49, 'ocr.doubledAcrossBreak', '删除了分栏处重复的「地」'],
      [119, 'ocr.repeatedPassage', '删除了识别时重复的一段文字「，开展优秀共产党员、优秀党务工」'],
      [119, 'ocr.doubledQuotation', '删除了重复的引语“我为群众办实事”'],
    ]);
  });

  it('keeps numbers inside paragraphs as text', () => {
    expect(a1.body).toContain('解答12348线上法律咨询热线2000余人次');
    expect(a3.body).toContain('有33个昌吉州医疗质量控制中心');
    expect(r.pages[0].number).toBeNull();
  });

  it('writes Chinese punctuation', () => {
    expect(a1.body.startsWith('2024年以来，玛纳斯县司法局')).toBe(true);
    expect(a1.body).not.toMatch(/[\p{Script=Han}],[\p{Script=Han}]/u);
  });
});

describe('baishan-hegang.txt', () => {
  const r = parse('baishan-hegang.txt');
  const [a1, a2] = articles(r);

  it('takes Markdown # headings as headlines and ## as subheads', () => {
    expect(articles(r).map((a) => a.headline)).toEqual([
      '吉林省白山市：党旗领航争当先锋 医者仁心护佑生命',
      '黑龙江省鹤岗市：“三措并举”让离退休党员干部永葆“银龄初心”',
    ]);
    expect(subheads(a1.body)).toEqual(['强化凝心铸魂 基层组织凝聚力显著提升', '强化强基提质 干部职工获得感显著提升', '强化医心卫民 人民群众认可度显著提升']);
  });

  it('reads ■ bylines, personal and institutional', () => {
    expect(a1.bylines).toEqual([{ role: '记者', names: ['郭文治', '李静雯'] }]);
    expect(a2.bylines).toEqual([{ role: null, names: ['中共鹤岗市委组织部'] }]);
  });

  it('reads a caption without position word, credited 供图 on the next line, inside the article', () => {
    expect(a2.photos).toEqual([
      {
        caption: '黑龙江省鹤岗市社区党组织举办读书会等活动，丰富“银发”党员精神文化生活。',
        position: null,
        credit: '鹤岗市委组织部',
        creditRole: null,
        creditKind: '供图',
      },
    ]);
    expect(a2.body).toContain('推行“党员积分”制，将“银发”党员服务次数');
    expect(a2.body).not.toContain('读书会');
  });

  it('joins words split over a column end (白 / 山市) and removes nothing that is not noise', () => {
    expect(a1.body).toContain('推进品牌IP化建设。白山市开展');
    expect(r.warnings).toEqual([]);
  });
});

describe('dianjiang-jiangjin.txt', () => {
  const r = parse('dianjiang-jiangjin.txt');
  const [a1, a2] = articles(r);

  it('finds headlines with no byline under them: at the top, and after the previous article ends', () => {
    expect(articles(r).map((a) => a.headline)).toEqual(['垫江县卫生健康委 提升为民服务能力 守护人民群众健康', '江津区中心医院 推动“我为群众办实事”落实落细']);
    expect(subheads(a1.body)[0]).toBe('全面加强党的建设 努力促进“四力”提升');
    expect(subheads(a2.body)).toEqual(['强化思想建设 打造学习型党组织', '强化组织建设 战斗力和凝聚力凸显', '强化党建工作实践 守护群众身体健康']);
  });

  it('reads names placed at the end of an article as its byline', () => {
    expect(a1.bylines).toEqual([{ role: null, names: ['杨柳丝', '余新'] }]);
    expect(a2.bylines).toEqual([{ role: null, names: ['马太超', '王楠'] }]);
    expect(a1.body).not.toContain('杨柳丝');
  });

  it('reads captions set between paragraphs and the 图片由…提供 credit at the end', () => {
    expect(a1.photos).toEqual([{ caption: '“我为群众办实事”义诊现场', position: null, credit: '垫江县卫生健康委', creditRole: null, creditKind: '提供' }]);
    expect(a2.photos).toEqual([
      { caption: '“我为群众办实事”——眼科医生为群众做眼底检查', position: null, credit: '江津区中心医院', creditRole: null, creditKind: '提供' },
    ]);
    expect(a1.body).toContain('通过持续强化组织体系建设，提升党的群众组织力。');
  });

  it('removes the doubled word and the stray English word, with their lines', () => {
    expect(a1.body).toContain('组织党员干部对有困难群众实行上门接种服务');
    expect(a2.body).toContain('争做学习的表率解放思想的先锋');
    expect(r.warnings.map((w) => [w.line, w.code, w.message])).toEqual([
      [33, 'ocr.doubledWord', '删除了重复的词「困难」'],
      [63, 'ocr.strayWord', '删除了中文词语之间多余的英文词「and」'],
    ]);
  });

  it('keeps （特色） brackets and numbers', () => {
    expect(a1.body).toContain('创建国家级重点（特色）专科4个');
  });
});

describe('no loss', () => {
  it.each(fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')))('every sentence of %s is in the output exactly once', (name) => {
    const source = read(name);
    expect(checkNoLoss(source, parseOcrText(source, name))).toEqual([]);
    // The importer runs the same check on every file and would say so in its warnings.
    expect(parseOcrFile(fs.readFileSync(path.join(FIXTURES, name)), name).warnings.filter((w) => w.rule === 'no-loss')).toEqual([]);
  });

  it('notices a lost or a doubled sentence', () => {
    const source = read('manas-hutubi-changji.txt');
    const lost = parseOcrText(source, 'x');
    lost.pages[0].articles[3].body = lost.pages[0].articles[3].body.replace('形式主义、官僚主义是顽瘴痼疾。', '');
    expect(checkNoLoss(source, lost).map((l) => l.fragment)).toEqual(['形式主义、官僚主义是顽瘴痼疾。']);
    const doubled = parseOcrText(source, 'x');
    doubled.pages[0].articles[0].body += '\n\n坚持党建引领，立足职能职责，深入推进模范机关创建。';
    expect(checkNoLoss(source, doubled)).toEqual([]); // not a source fragment on its own…
    doubled.pages[0].articles[0].body += '\n\n形式主义、官僚主义是顽瘴痼疾。';
    expect(checkNoLoss(source, doubled)).toEqual([{ line: expect.any(Number), fragment: '形式主义、官僚主义是顽瘴痼疾。', expected: 1, found: 2 }]);
  });
});
