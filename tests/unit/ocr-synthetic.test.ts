import { parseOcrText } from '../../src/ocr-import/parse';
import { checkNoLoss } from '../../src/ocr-import/no-loss';
import { normalisePunctuation } from '../../src/ocr-import/punctuation';
import { parseBylineText, matchCredits, matchPhotoCredit, matchCaption } from '../../src/ocr-import/conventions';

// Pages written for each convention and each kind of noise, in layouts the fixtures do not have.
const page = (...lines: string[]) => lines.join('\n');
const articlesOf = (text: string) => parseOcrText(text).pages.flatMap((p) => p.articles);
const noLoss = (text: string) => expect(checkNoLoss(text, parseOcrText(text))).toEqual([]);

describe('masthead, page and credits lines', () => {
  const text = page(
    '党建周刊',
    'E-mail:djzk@example.org',
    '第128期',
    '',
    '第3版 基层党建',
    '',
    '□编辑/王 芳 □版式/任宝红 □审校/刘 军',
    '',
    '支部建在连上 党旗飘在一线',
    '□本报记者 张 强',
    '',
    '3年来，全县新建党支部12个。',
    '',
    '第4版',
    '',
    '□编辑/李 明',
    '□版式/赵 敏',
    '□审校/钱 进',
    '',
    '夜校开进田间地头',
    '■通讯员 周一鸣',
    '',
    '夜校每周开课两次，已培训农民800余人次。',
  );
  const r = parseOcrText(text);

  it('reads 第N期 and the e-mail, and splits pages at 第N版', () => {
    expect(r.issue).toEqual({ number: 128, email: 'djzk@example.org', masthead: '党建周刊' });
    expect(r.pages.map((p) => [p.number, p.name])).toEqual([
      [3, '基层党建'],
      [4, null],
    ]);
    expect(r.pages.map((p) => p.credits)).toEqual([
      { editor: '王芳', layout: '任宝红', proofreader: '刘军' },
      { editor: '李明', layout: '赵敏', proofreader: '钱进' },
    ]);
    expect(r.pages.map((p) => p.articles.map((a) => a.headline))).toEqual([['支部建在连上 党旗飘在一线'], ['夜校开进田间地头']]);
    expect(r.pages[0].articles[0].bylines).toEqual([{ role: '本报记者', names: ['张强'] }]);
    expect(r.pages[0].articles[0].body).toBe('3年来，全县新建党支部12个。');
  });

  it('loses nothing', () => noLoss(text));
});

describe('article header conventions', () => {
  it('reads column, kicker, headline, subtitle and several byline lines', () => {
    const text = page(
      '争先创优',
      '坚持党建引领 激活发展动能',
      '党建引领 做强“福禄”产业链',
      '——呼图壁县葫芦产业发展综述',
      '□本报记者 王 芳',
      '□通讯员 李强 赵一',
      '',
      '近年来，呼图壁县聚焦葫芦产业。',
      '',
      '（县委组织部、五工台镇党委供稿）',
    );
    const [a] = articlesOf(text);
    expect(a).toMatchObject({
      column: '争先创优',
      kicker: '坚持党建引领 激活发展动能',
      headline: '党建引领 做强“福禄”产业链',
      subtitle: '呼图壁县葫芦产业发展综述',
      bylines: [
        { role: '本报记者', names: ['王芳'] },
        { role: '通讯员', names: ['李强', '赵一'] },
      ],
      suppliedBy: '县委组织部、五工台镇党委',
      body: '近年来，呼图壁县聚焦葫芦产业。',
    });
    noLoss(text);
  });

  it('takes a longer line above the headline as a kicker, not a column', () => {
    const [a] = articlesOf(page('学习贯彻党的二十届三中全会精神', '在改革中激发基层活力', '□本报评论员', '', '改革是时代的主旋律。'));
    expect(a.kicker).toBe('学习贯彻党的二十届三中全会精神');
    expect(a.column).toBeNull();
    expect(a.headline).toBe('在改革中激发基层活力');
    expect(a.bylines).toEqual([{ role: '本报评论员', names: [] }]); // signed with the role alone
  });

  it('reads a byline with role and name written together, and with full-width colon', () => {
    expect(parseBylineText('本报记者王芳')).toEqual([{ role: '本报记者', names: ['王芳'] }]);
    expect(parseBylineText('记者：郭文治 李静雯')).toEqual([{ role: '记者', names: ['郭文治', '李静雯'] }]);
    expect(parseBylineText('本报记者 王 芳 通讯员 欧阳 修')).toEqual([
      { role: '本报记者', names: ['王芳'] },
      { role: '通讯员', names: ['欧阳修'] },
    ]);
  });

  it('reads a page in the Markdown style with # and ## headings', () => {
    const [a, b] = articlesOf(page('# 第一篇', '', '正文一。', '', '## 小标题', '', '正文二。', '', '# 第二篇', '', '正文三。'));
    expect([a.headline, b.headline]).toEqual(['第一篇', '第二篇']);
    expect(a.body).toBe('正文一。\n\n### 小标题\n\n正文二。');
  });

  it('reads a page with no □ marks: names at the end, then the next headline', () => {
    const text = page(
      '村里来了“红色管家”',
      '',
      '为解决小区治理难题，街道党工委组建了“红色管家”队伍。',
      '',
      '居民满意度从78%提高到96%。',
      '',
      '陈 静 刘思远',
      '',
      '小积分兑出大文明',
      '',
      '积分超市开进了村，村民用积分兑换生活用品。',
      '',
      '孙晓梅',
    );
    const [a, b] = articlesOf(text);
    expect(a.headline).toBe('村里来了“红色管家”');
    expect(a.bylines).toEqual([{ role: null, names: ['陈静', '刘思远'] }]);
    expect(b.headline).toBe('小积分兑出大文明');
    expect(b.bylines).toEqual([{ role: null, names: ['孙晓梅'] }]);
    expect(a.body).toBe('为解决小区治理难题，街道党工委组建了“红色管家”队伍。\n\n居民满意度从78%提高到96%。');
    noLoss(text);
  });

  it('does not take a paragraph cut by a column end for a subhead', () => {
    const [a] = articlesOf(page('标题', '□王芳', '', '全县共有', '', '12个示范点。', '', '党建引领 乡村振兴', '', '正文。'));
    expect(a.body).toBe('全县共有12个示范点。\n\n### 党建引领 乡村振兴\n\n正文。');
  });

  it('makes numbered lines subheads', () => {
    const [a] = articlesOf(page('把支部建强', '□本报记者 王芳', '', '一、抓班子带队伍', '', '选优配强支部书记。', '', '（一）建强阵地', '', '新建活动室5个。'));
    expect(a.body).toBe('### 一、抓班子带队伍\n\n选优配强支部书记。\n\n### （一）建强阵地\n\n新建活动室5个。');
  });
});

describe('photos', () => {
  it('reads position words, and credits in each form', () => {
    expect(matchCaption('左上图：党员志愿者入户走访。')).toEqual({ position: '左上图', caption: '党员志愿者入户走访。' });
    expect(matchCaption('图为 村民在积分超市兑换物品。')).toEqual({ position: null, caption: '图为 村民在积分超市兑换物品。' });
    expect(matchPhotoCredit('□本报记者 陶维明摄')).toEqual({ credit: '陶维明', creditRole: '本报记者', creditKind: '摄' });
    expect(matchPhotoCredit('□杨 帆 摄')).toEqual({ credit: '杨帆', creditRole: null, creditKind: '摄' });
    expect(matchPhotoCredit('鹤岗市委组织部供图')).toEqual({ credit: '鹤岗市委组织部', creditRole: null, creditKind: '供图' });
    expect(matchPhotoCredit('图片由江津区中心医院提供')).toEqual({ credit: '江津区中心医院', creditRole: null, creditKind: '提供' });
    expect(matchPhotoCredit('他在摄影展上说的话让人难忘，大家都很认同。')).toBeNull();
  });

  it('keeps a caption out of the body and joins the paragraph it interrupted', () => {
    const text = page(
      '党员先锋岗',
      '□本报记者 王芳',
      '',
      '服务窗口设立党员先锋岗，累计为群众办理业务',
      '',
      '',
      '',
      '党员在窗口为群众办理业务',
      '□本报记者 李强摄',
      '',
      '3万余件。',
    );
    const [a] = articlesOf(text);
    expect(a.body).toBe('服务窗口设立党员先锋岗，累计为群众办理业务3万余件。');
    expect(a.photos).toEqual([{ caption: '党员在窗口为群众办理业务', position: null, credit: '李强', creditRole: '本报记者', creditKind: '摄' }]);
    noLoss(text);
  });
});

describe('the end of an article', () => {
  it('reads author note and source with half- or full-width marks', () => {
    const [a] = articlesOf(
      page('以自我革命引领社会革命', '□张 伟', '', '勇于自我革命是党区别于其他政党的显著标志。', '', '（作者系中央党校教授）', '来源：人民日报'),
    );
    expect([a.authorNote, a.source]).toEqual(['中央党校教授', '人民日报']);
    const [b] = articlesOf(page('标题', '□张伟', '', '正文。', '', '(作者系某大学副教授)', '来源:光明日报'));
    expect([b.authorNote, b.source]).toEqual(['某大学副教授', '光明日报']);
  });
});

describe('noise', () => {
  it('joins a paragraph broken mid-sentence, even mid-word', () => {
    const [a] = articlesOf(page('标题', '□王芳', '', '推进品牌建设。白', '', '山市开展创建活动。'));
    expect(a.body).toBe('推进品牌建设。白山市开展创建活动。');
  });

  it('does not join a paragraph that ends a sentence', () => {
    const [a] = articlesOf(page('标题', '□王芳', '', '第一段结束了。', '', '第二段开始。'));
    expect(a.body).toBe('第一段结束了。\n\n第二段开始。');
  });

  it('drops a passage OCR printed again after a photo, keeping one copy', () => {
    const text = page('标题', '□王芳', '', '今年，村里建起了党员活动室和', '', '', '', '上图：活动室一角。', '', '党员活动室和图书角，方便群众学习。');
    const r = parseOcrText(text);
    expect(r.pages[0].articles[0].body).toBe('今年，村里建起了党员活动室和图书角，方便群众学习。');
    expect(r.warnings).toEqual([
      { line: 10, code: 'ocr.repeatedPassage', message: '删除了识别时重复的一段文字「党员活动室和」', removed: '党员活动室和', rule: 'dropRepeatedPassages' },
    ]);
    expect(checkNoLoss(text, r)).toEqual([]);
  });

  it('removes doubled words only where certain', () => {
    const [a] = articlesOf(page('标题', '□王芳', '', '对有困难困难群众上门服务，大家要研究研究办法，人人参与，常常走访，一步一步推进。'));
    expect(a.body).toBe('对有困难群众上门服务，大家要研究研究办法，人人参与，常常走访，一步一步推进。');
  });

  it('keeps a reduplicated character at a column break', () => {
    const [a] = articlesOf(page('标题', '□王芳', '', '路修好了，产业兴旺了，群众的日子天', '', '天向好。'));
    expect(a.body).toBe('路修好了，产业兴旺了，群众的日子天天向好。');
  });

  it('normalises half-width punctuation in Chinese text, not in numbers, times or addresses', () => {
    expect(normalisePunctuation('今年,全县(含开发区)新建3个支部;会议10:30开始,E-mail:a@b.cn,增长1.5%,共1,200人!')).toBe(
      '今年，全县（含开发区）新建3个支部；会议10:30开始，E-mail:a@b.cn，增长1.5%，共1,200人！',
    );
  });

  it('never takes a number inside a paragraph for a page number', () => {
    const r = parseOcrText(page('标题', '□王芳', '', '截至目前，全县共有', '', '3', '', '个示范点。'));
    expect(r.pages.map((p) => p.number)).toEqual([null]);
    expect(r.pages[0].articles[0].body).toBe('截至目前，全县共有3个示范点。');
  });

  it('keeps text before any headline in an untitled article, with a warning', () => {
    const r = parseOcrText(page('这是一段没有标题的文字，句子完整。', '', '标题', '□王芳', '', '正文。'));
    expect(r.pages[0].articles.map((a) => a.headline)).toEqual(['（无标题）', '标题']);
    expect(r.warnings[0]).toMatchObject({ line: 1 });
  });
});

describe('credits lines', () => {
  it('is not fooled by a sentence that mentions an editor', () => {
    expect(matchCredits('□编辑/王 芳')).toEqual({ editor: '王芳' });
    expect(matchCredits('编辑：李明 校对：赵敏')).toEqual({ editor: '李明', proofreader: '赵敏' });
    expect(matchCredits('他担任编辑/记者多年，深受好评。')).toBeNull();
  });
});
