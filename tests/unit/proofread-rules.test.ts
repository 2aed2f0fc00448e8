import { checkFields } from '../../src/proofreading/check';
import { loadLists } from '../../src/proofreading/load-lists';
import { RULES } from '../../src/proofreading/rules';
import type { Finding } from '../../src/proofreading/types';

/**
 * Each category on real sentences (most from the fixture pages and party-building reports):
 * what must be found, with its suggestion, and what must not (false alarms are what make
 * proofreaders switch a tool off).
 */
const lists = loadLists({ localDir: null });
const check = (text: string, names: string[] = []) => checkFields([{ field: 'body', text }], { lists, names });
const found = (text: string, category: Finding['category'], names: string[] = []) =>
  check(text, names)
    .filter((f) => f.category === category)
    .map((f) => [f.rule, f.text, f.suggestion ?? null]);
const none = (text: string, category: Finding['category'], names: string[] = []) => expect(found(text, category, names)).toEqual([]);

describe('the rule table', () => {
  it('names every rule once, with a category, a default severity and a Chinese description', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(['error', 'warning', 'info']).toContain(r.severity);
      expect(r.description).toMatch(/\p{Script=Han}/u);
    }
    const categories = new Set(RULES.map((r) => r.category));
    expect([...categories].sort()).toEqual(['doubled', 'halfwidth', 'name', 'number', 'pair', 'redundant', 'term', 'typo']);
  });

  it('gives offsets into the field, sorted by field then start, the same every time', () => {
    const fields = [
      { field: 'headline', text: '党员党员冲在前', headline: true },
      { field: 'body', text: '他说：“震憾人心。近年来,全市推进“三会一课”，有困难困难群众。' },
    ];
    const a = checkFields(fields, { lists });
    expect(a).toEqual(checkFields(fields, { lists }));
    expect(a.map((f) => f.field)).toEqual(['headline', 'body', 'body', 'body', 'body']);
    for (const f of a) expect(fields.find((x) => x.field === f.field)!.text.slice(f.start, f.end)).toBe(f.text);
    const body = a.filter((f) => f.field === 'body').map((f) => f.start);
    expect(body).toEqual([...body].sort((x, y) => x - y));
    for (const f of a) expect(f.message).toMatch(/\p{Script=Han}/u);
  });

  it('lets a newsroom set the severity per rule, in its lists or per call', () => {
    const text = '吉林省省委召开会议，有困难困难群众';
    expect(check(text).map((f) => [f.rule, f.severity])).toEqual([
      ['redundant-committee', 'warning'],
      ['doubled-word', 'error'],
    ]);
    const house = { ...lists, severity: { 'redundant-committee': 'error' as const } };
    expect(checkFields([{ field: 'b', text }], { lists: house, severity: { 'doubled-word': 'info' } }).map((f) => [f.rule, f.severity])).toEqual([
      ['redundant-committee', 'error'],
      ['doubled-word', 'info'],
    ]);
  });
});

describe('doubled', () => {
  it('finds words and function characters OCR or typing doubled', () => {
    expect(found('组织党员干部对有困难困难群众实行上门接种服务', 'doubled')).toEqual([['doubled-word', '困难困难', '困难']]);
    expect(found('党员党员要在急难险重任务中冲锋在前', 'doubled')).toEqual([['doubled-word', '党员党员', '党员']]);
    expect(found('深入学习贯彻习近平习近平新时代中国特色社会主义思想', 'doubled')).toEqual([['doubled-word', '习近平习近平', '习近平']]);
    expect(found('这是我们的的奋斗目标', 'doubled')).toEqual([['doubled-char', '的的', '的']]);
    expect(found('把党的政治建设摆在首位了了，在在基层', 'doubled').map((f) => f[1])).toEqual(['了了', '在在']);
  });

  it('leaves legitimate reduplication and two words that meet alone', () => {
    for (const text of [
      '他常常到村里看看，家家户户都认识他',
      '一个个党员先锋岗成了群众的暖心站，人人参与，天天有活动',
      '这件事请大家研究研究，再讨论讨论，谢谢',
      '夜空中的星星，绿油油的麦田，干干净净的院子',
      '为了了解群众的急难愁盼，目的的实现，关键是是否落实到位',
      '现在在家的老党员，的的确确是是非非分明',
      '工作作风持续转变，学生生活丰富多彩',
      '一步一步地推进，走着走着就到了，好的好的',
      '不了了之的问题不再出现',
    ])
      none(text, 'doubled');
  });
});

describe('pair', () => {
  it('finds a mark that does not close in its paragraph', () => {
    // dianjiang-jiangjin: the opening “ of the quotation was lost by OCR.
    expect(found('“重业务，轻党建”的问题在卫生系统很多单位都容易出现，更是方向性的问题。”垫江县卫生健康委党委书记表示', 'pair')).toEqual([
      ['pair-unbalanced', '”', null],
    ]);
    expect(found('对照《自治区创建“五个好”标准化规范化机关党支部基本标准，支部班子认真研究', 'pair')).toEqual([['pair-unbalanced', '《', null]]);
    expect(found('创建国家级重点（特色专科4个。\n市级重点特色）专科24个', 'pair').map((f) => f[1])).toEqual(['（', '）']);
    expect(found('他说：“我们一定把葫芦产业做大做强。\n\n近年来，呼图壁县聚焦产业优势', 'pair')).toEqual([['pair-unbalanced', '“', null]]);
  });

  it('accepts a quotation over several paragraphs (GB/T 15834-2011 4.1.3.3), apostrophes and list markers', () => {
    none('他在讲话中说：“第一，要把牢政治方向。\n\n“第二，要夯实基层基础。\n\n“第三，要锤炼过硬作风。”', 'pair');
    none('西安（Xi’an）的党员志愿者；葫芦宴畅享杯聊', 'pair');
    none('1) 强化政治引领\n2) 建强战斗堡垒', 'pair');
    none('详见[通知](https://example.cn/a_(b))和《条例》原文', 'pair');
  });
});

describe('halfwidth', () => {
  it('finds half-width punctuation touching Chinese, with the full-width form', () => {
    expect(found('2024年以来,玛纳斯县司法局依托品牌;推进融合', 'halfwidth')).toEqual([
      ['halfwidth-punct', ',', '，'],
      ['halfwidth-punct', ';', '；'],
    ]);
    expect(found('村委会主任吴海明说:“打开了致富大门!”谁来管?', 'halfwidth').map((f) => f[2])).toEqual(['：', '！', '？']);
    expect(found('对照《基本标准(2023年修订)》，开设多学科联合(MDT)门诊', 'halfwidth').map((f) => f[2])).toEqual(['（', '）', '（', '）']);
    expect(found('工作取得实效.下一步', 'halfwidth')).toEqual([['halfwidth-punct', '.', '。']]);
    expect(found('有待进一步研究...', 'halfwidth')).toEqual([['halfwidth-punct', '...', '……']]);
  });

  it('leaves numbers, times, Latin, URLs, e-mail and Markdown alone', () => {
    none('惠及群众1.27万余人次，共1,000人，9:30开会，比分3:2', 'halfwidth');
    none('详见 https://www.gov.cn/xinwen/2024-05/01/content_1.htm?a=1,2 或来信 dangjian@example.com.cn。', 'halfwidth');
    none('E-mail:hbdj@163.com，Tel:0991-1234567', 'halfwidth');
    none('1. 加强组织建设\n2. 推进阵地建设\n**强化政治引领**\n### 小标题\n![合影](photo.jpg)', 'halfwidth');
    none('DR、彩超等数字化诊疗设备配置完成。Hello, world! (CT, MRI; v2.0)', 'halfwidth');
  });
});

describe('term', () => {
  it('finds near-misses of 规范表述 and suggests the canonical form', () => {
    expect(found('深入学习贯彻习近平新时代中国特色社会义思想', 'term')).toEqual([
      ['term-near-miss', '习近平新时代中国特色社会义思想', '习近平新时代中国特色社会主义思想'],
    ]);
    expect(found('始终坚持以人民为忠心', 'term')).toEqual([['term-homophone', '以人民为忠心', '以人民为中心']]);
    expect(found('始终坚持以人民为忠心的发展思想', 'term')).toEqual([['term-homophone', '以人民为忠心的发展思想', '以人民为中心的发展思想']]);
    expect(found('认真落实全面从严冶党的要求', 'term')).toEqual([['term-near-miss', '全面从严冶党', '全面从严治党']]);
    expect(found('认真落实全面从严冶党主体责任', 'term')).toEqual([['term-near-miss', '全面从严冶党主体责任', '全面从严治党主体责任']]);
    expect(found('培育和践行社会主义核心价观', 'term')).toEqual([['term-near-miss', '社会主义核心价观', '社会主义核心价值观']]);
    expect(found('扎实开展两学一作学习教育', 'term')).toEqual([['term-error', '两学一作', '两学一做']]);
    expect(found('增强“四个意识”、坚定“四个自信”、做到“两个坚决维护”', 'term')).toEqual([['term-error', '两个坚决维护', '两个维护']]);
    expect(found('认真学习习近平中国特色社会主义思想', 'term')).toEqual([['term-error', '习近平中国特色社会主义思想', '习近平新时代中国特色社会主义思想']]);
  });

  it('does not flag the canonical form, other terms, numerals, punctuation or ordinary phrases', () => {
    for (const text of [
      '深入学习贯彻习近平新时代中国特色社会主义思想，坚持和加强党的全面领导，全面从严治党',
      '学习贯彻党的二十届三中全会精神，党的二十届四中全会，党的二十大报告',
      '从两个维度推进，基层组织建设，社会主义核心价值体系',
      '推动经济高质量的发展，党史学习和教育，不忘初心 牢记使命',
      '增强“四个意识”，坚定“四个自信”，做到“两个维护”，深刻领悟“两个确立”的决定性意义',
      '以人民为中心的发展思想，中华民族伟大复兴，中国式现代化',
    ])
      none(text, 'term');
  });
});

describe('typo', () => {
  it('finds the commonly confused words and idioms', () => {
    expect(found('这场演出震憾人心，大家再接再励，针贬时弊，既往不究', 'typo').map((f) => f[2])).toEqual(['震撼', '再接再厉', '针砭时弊', '既往不咎']);
    expect(found('群众迫不急待，干部一愁莫展，做事按步就班，不能默守成规，要出奇不意', 'typo').map((f) => f[2])).toEqual([
      '迫不及待',
      '一筹莫展',
      '按部就班',
      '墨守成规',
      '出其不意',
    ]);
    expect(found('建立工作台帐，弛而不息纠治“四风”', 'typo').map((f) => f[2])).toEqual(['台账']);
  });

  it('does not match across two words', () => {
    none('推进“阳光诊疗、阳光采购、阳光用药”，打造特色采摘园，时刻划定红线，一笔划拨', 'typo');
    none('乘坐位于村口的班车，职工俱乐部，永无宁日，记叙文', 'typo');
  });
});

describe('number', () => {
  it('finds GB/T 15835-2011 number usage slips', () => {
    expect(found('二0二四年，二零二四年，二O二四年', 'number').map((f) => f[2])).toEqual(['二〇二四', '二〇二四', '二〇二四']);
    expect(found('3-5月开展集中整治，每批20-30人，降幅5-10%', 'number')).toEqual([
      ['number-range', '-', '—'],
      ['number-range', '-', '～'],
      ['number-range', '-', '～'],
    ]);
    expect(found('评选出十2名标兵、3十户', 'number').map((f) => f[1])).toEqual(['十', '3十']);
    expect(found('一、强化政治引领\n二、建强战斗堡垒\n3、提升服务质效', 'number')).toEqual([['number-list', '3、', '三、']]);
    expect(found('（1）抓学习\n（2）抓落实\n③抓督查', 'number')).toEqual([['number-list', '③', '（3）']]);
  });

  it('leaves what the standard allows alone', () => {
    none('二〇二四年，5万元，3千万元，3亿4500万元，1千米，2024-05-01，电话0991-1234567，拨打0994-2345678咨询，DR-3型', 'number');
    none('一、总体要求\n1. 加强学习\n2. 抓好落实\n二、主要任务\n1. 建强阵地', 'number');
    none('“十四五”时期，三百零五人，五十余人，数十个', 'number');
  });
});

describe('redundant', () => {
  it('finds the redundancies and banned wording, saying why', () => {
    const got = check('吉林省省委、垫江县政府、昌吉州州委召开会议；免费赠送读本；凯旋归来；大约30人左右；首次第一次；悬殊很大；过分溺爱');
    expect(got.filter((f) => f.category === 'redundant').map((f) => [f.text, f.suggestion])).toEqual([
      ['省省委', '省委'],
      ['州州委', '州委'],
      ['免费赠送', '赠送'],
      ['凯旋归来', '凯旋'],
      ['大约30人左右', '大约30人'],
      ['首次第一次', '首次'],
      ['悬殊很大', '悬殊'],
      ['过分溺爱', '溺爱'],
    ]);
    for (const f of got) expect(f.message.length).toBeGreaterThan(f.text.length + 4);
    expect(found('关心关爱残废人，不说北朝鲜', 'redundant').map((f) => f[2])).toEqual(['残疾人', '朝鲜']);
  });

  it('leaves ordinary wording alone', () => {
    none('吉林省委、全市市民、免费体检、凯旋、节约3万元左右、妈妈的爱、在阴影后面', 'redundant');
  });
});

describe('name', () => {
  const names = ['王芳', '胡伟杰', '任宝红'];
  it('finds a byline name written another way', () => {
    expect(found('本报记者王方报道。胡伟洁表示，要抓实“党建+”模式', 'name', names)).toEqual([
      ['name-homophone', '王方', '王芳'],
      ['name-homophone', '胡伟洁', '胡伟杰'],
    ]);
    expect(found('任宝宏在会上发言', 'name', names)).toEqual([['name-homophone', '任宝宏', '任宝红']]);
    expect(found('胡伟明在会上发言', 'name', names)).toEqual([['name-variant', '胡伟明', '胡伟杰']]);
    expect(check('胡伟明在会上发言', names)[0].severity).toBe('info');
  });

  it('leaves the reference spelling, other people and the same surname alone', () => {
    none('王芳说，王主任说，王建国表示，胡伟杰、任宝红参加', 'name', names);
    none('王芳和王方两位同志都在场', 'name', ['王芳', '王方']);
  });
});
