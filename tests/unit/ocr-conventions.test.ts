import { parseOcrText } from '../../src/ocr-import/parse';
import { checkNoLoss } from '../../src/ocr-import/no-loss';
import { matchCaptionCredit, matchContinuation, matchMarkedLabel, parseBylineText, splitGluedNames } from '../../src/ocr-import/conventions';
import { matchDateline } from '../../src/ocr-import/dateline';
import { applyEdits } from '../../src/ocr-import/edits';
import { splitLongLine } from '../../src/ocr-import/long-lines';

// The printed conventions of issue 22 (item 1), one rule each, on pages written for them; nothing lost (item 3).
const page = (...lines: string[]) => lines.join('\n');
const read = (text: string) => parseOcrText(text).pages.flatMap((p) => p.articles);
const noLoss = (text: string) => expect(checkNoLoss(text, parseOcrText(text))).toEqual([]);

describe('dateline bylines (rule dateline, cue dateline-header)', () => {
  it('reads the bylines in a 本报讯 dateline, bracketed or spaced, and a bracketed byline alone', () => {
    expect(matchDateline('本报讯（记者 李铮 通讯员 王飞 李永）9月8日，市总工会…')).toEqual({
      bylines: [
        { role: '记者', names: ['李铮'] },
        { role: '通讯员', names: ['王飞', '李永'] },
      ],
      source: null,
    });
    expect(matchDateline('本报讯 记者 张强 通讯员 刘佳 连日来，县直机关…')?.bylines).toEqual([
      { role: '记者', names: ['张强'] },
      { role: '通讯员', names: ['刘佳'] },
    ]);
    expect(matchDateline('本报北京7月3日电（记者 王芳）会议指出…')?.bylines).toEqual([{ role: '记者', names: ['王芳'] }]);
    expect(matchDateline('（记者冯芸）翻开村里老党员的账本…')?.bylines).toEqual([{ role: '记者', names: ['冯芸'] }]);
    expect(matchDateline('本报讯 近日，全县召开大会。')).toEqual({ bylines: [], source: null });
  });

  it('is no dateline where a bracket holds no reporter, or the line does not open with one', () => {
    expect(matchDateline('（含开发区）全县新建党支部12个。')).toBeNull();
    expect(matchDateline('（一）建强阵地')).toBeNull();
    expect(matchDateline('据本报讯，全县召开大会。')).toBeNull();
  });

  it('splits names printed without spaces by the surname list and the role words', () => {
    expect(parseBylineText('本报记者张靖本报通讯员郜敏')).toEqual([
      { role: '本报记者', names: ['张靖'] },
      { role: '本报通讯员', names: ['郜敏'] },
    ]);
    expect(splitGluedNames('王飞李永')).toEqual(['王飞', '李永']);
    expect(splitGluedNames('王小明李强')).toEqual(['王小明', '李强']);
    expect(splitGluedNames('欧阳晓明司马光')).toEqual(['欧阳晓明', '司马光']);
    expect(splitGluedNames('欧阳修')).toEqual(['欧阳修']);
    // An organisation's name is never split: only names under a reporter's role are.
    expect(parseBylineText('中共鹤岗市委组织部')).toEqual([{ role: null, names: ['中共鹤岗市委组织部'] }]);
    expect(parseBylineText('市摄影家协会')).toEqual([{ role: null, names: ['市摄影家协会'] }]);
  });

  it('takes a dateline under a headline as proof of the headline, keeping the dateline in the paragraph', () => {
    const text = page(
      '上一篇的标题',
      '□本报记者 王芳',
      '',
      '上一篇的正文结束了。',
      '',
      '百名党员干部下沉网格',
      '',
      '本报讯 记者 张强 连日来，县直机关百名党员干部下沉到社区网格。',
    );
    const [, b] = read(text);
    expect([b.headline, b.bylines, b.body, b.boundary]).toEqual([
      '百名党员干部下沉网格',
      [{ role: '记者', names: ['张强'] }],
      '本报讯 记者 张强 连日来，县直机关百名党员干部下沉到社区网格。',
      { start: 'dateline-header', end: 'page-end', weak: false },
    ]);
    noLoss(text);
  });

  it('does not add a dateline’s byline twice when it repeats the one under the headline', () => {
    const [a] = read(page('标题', '□记者 冯芸', '', '（记者冯芸）正文。'));
    expect(a.bylines).toEqual([{ role: '记者', names: ['冯芸'] }]);
  });
});

describe('wire and reprint lines (rules dateline, end-marker)', () => {
  it('takes a wire dateline’s service as the source, the dateline kept in the paragraph', () => {
    expect(matchDateline('新华社北京7月3日电（记者 王芳）全国基层党建工作经验交流会3日在京召开。')).toEqual({
      bylines: [{ role: '记者', names: ['王芳'] }],
      source: '新华社',
    });
    expect(matchDateline('中新社郑州9月9日电 记者 李强 今年以来…')?.source).toBe('中新社');
  });

  it('reads （据…电） and （来源：…） as the source, keeping the line as printed for the no-loss check', () => {
    const text = page('标题', '□刘洋', '', '正文一句话写完了。', '', '（据新华社郑州9月9日电）', '', '第二篇', '□陈红', '', '正文。', '', '(来源:人民日报)');
    const [a, b] = read(text);
    expect([a.source, a.printedAs, a.boundary.end]).toEqual(['新华社郑州9月9日电', { source: '（据新华社郑州9月9日电）' }, 'source']);
    expect([b.source, b.printedAs]).toEqual(['人民日报', { source: '（来源：人民日报）' }]);
    noLoss(text);
  });

  it('is no source where a bracket opening with 据 is a sentence', () => {
    const [a] = read(page('标题', '□刘洋', '', '（据统计，全县共有党员1.2万名。）'));
    expect([a.source, a.body]).toEqual([null, '（据统计，全县共有党员1.2万名。）']);
  });

  it('keeps a replaced end line in its printed form when an editor merges two articles', () => {
    const text = page('标题', '□刘洋', '', '正文。', '', '（据新华社郑州9月9日电）', '', '第二篇', '□陈红', '', '正文。', '', '来源：人民日报');
    const merged = applyEdits(parseOcrText(text), [{ op: 'merge', page: 0, article: 1 }]);
    expect(merged.pages[0].articles[0].body).toContain('（据新华社郑州9月9日电）');
    expect(checkNoLoss(text, merged)).toEqual([]);
  });
});

describe('author units and ■ bylines (rules end-marker, header, end-names)', () => {
  it('reads （作者单位：…） and （作者为…） beside （作者系…） as the author note, printed as they were', () => {
    const text = page(
      '标题',
      '■欧阳晓明',
      '',
      '正文。',
      '',
      '（作者单位：市委党校）',
      '',
      '第二篇',
      '■ 李红梅',
      '',
      '正文。',
      '',
      '(作者为省社会科学院研究员)',
    );
    const [a, b] = read(text);
    expect([a.bylines, a.authorNote, a.printedAs, a.boundary.end]).toEqual([
      [{ role: null, names: ['欧阳晓明'] }],
      '市委党校',
      { authorNote: '（作者单位：市委党校）' },
      'author-note',
    ]);
    expect([b.bylines, b.authorNote, b.printedAs]).toEqual([
      [{ role: null, names: ['李红梅'] }],
      '省社会科学院研究员',
      { authorNote: '（作者为省社会科学院研究员）' },
    ]);
    noLoss(text);
  });

  it('keeps the usual （作者系…） without a printed form', () => {
    const [a] = read(page('标题', '■王芳', '', '正文。', '', '（作者系中央党校教授）'));
    expect([a.authorNote, a.printedAs]).toEqual(['中央党校教授', undefined]);
  });

  it('reads ■name at the end as the byline that closes the article', () => {
    const [a, b] = read(page('第一篇', '', '为群众办实事。', '', '■王建国', '', '第二篇', '', '正文。'));
    expect([a.bylines, a.boundary.end, b.headline]).toEqual([[{ role: null, names: ['王建国'] }], 'end-names', '第二篇']);
  });
});

describe('one paragraph per line, indented with 　　 (cue unindented-line)', () => {
  const text = page(
    '社区党员“认领”微心愿',
    '　　今年以来，街道党工委组织党员认领群众心愿320个',
    '　　活动中，党员们走进困难家庭。',
    '　　居民们说，党员就在身边，有事找他们准没错，这句话',
    '说到了大家的心坎上。',
    '红色物业让小区焕然一新',
    '本报记者 赵 敏',
    '　　去年，社区党委牵头成立“红色物业”联盟。',
  );

  it('opens a paragraph at each indented line, joins an unindented continuation, and takes a short unindented line for a headline, weak', () => {
    const [a, b] = read(text);
    expect(a.body).toBe(
      '今年以来，街道党工委组织党员认领群众心愿320个\n\n活动中，党员们走进困难家庭。\n\n居民们说，党员就在身边，有事找他们准没错，这句话说到了大家的心坎上。',
    );
    expect([a.boundary.start, a.boundary.weak]).toEqual(['unindented-line', true]);
    // An unmarked byline under the headline proves it.
    expect([b.headline, b.bylines, b.boundary.start, b.boundary.weak]).toEqual([
      '红色物业让小区焕然一新',
      [{ role: '本报记者', names: ['赵敏'] }],
      'byline-header',
      false,
    ]);
    noLoss(text);
  });

  it('leaves a text without indents as it was read: a short line in the body is a subhead', () => {
    const [a] = read(page('标题', '□王芳', '', '正文一句话写完了。', '', '红色物业', '', '正文。'));
    expect(a.body).toBe('正文一句话写完了。\n\n### 红色物业\n\n正文。');
  });
});

describe('a whole section on one line (long-lines.ts)', () => {
  const body = '抓落实是党的政治路线和思想路线的内在要求，就要一张蓝图绘到底，一任接着一任干，不能议而不决、决而不行，也不能只做表面文章、搞形式主义。'.repeat(
    2,
  );
  it('cuts at a byline, an end line, and a space after a sentence or a short line; keeps a space inside a sentence and a padded name', () => {
    expect(
      splitLongLine(`以钉钉子精神抓好落实 王 建 ${body} （作者系市委党校副教授） 第二篇的标题□本报记者 王 芳 正文有 3 个空格。${body}来源：光明日报`),
    ).toEqual([
      '以钉钉子精神抓好落实',
      '王 建',
      body,
      '（作者系市委党校副教授）',
      '第二篇的标题',
      '□本报记者 王 芳',
      `正文有 3 个空格。${body}`,
      '来源：光明日报',
    ]);
  });

  it('cuts off a headline glued to the sentence before a □byline', () => {
    expect(splitLongLine(`${body}${body}${body}把为民造福作为最重要的政绩□李红梅 为民造福是本质要求。`)).toEqual([
      `${body}${body}${body}`,
      '把为民造福作为最重要的政绩',
      '□李红梅',
      '为民造福是本质要求。',
    ]);
  });

  it('leaves a line of a printed page alone', () => expect(splitLongLine(`标题 ${body}`)).toEqual([`标题 ${body}`]));

  it('reads the pieces as the lines of a page: headline, names, body, end lines; nothing lost', () => {
    const text = `以钉钉子精神抓好落实 王建国 ${body}${body} （作者系市委党校副教授） 把为民造福作为最重要的政绩 李红梅 ${body}`;
    const [a, b] = read(text);
    expect([a.headline, a.bylines, a.authorNote, b.headline, b.bylines, b.boundary.start]).toEqual([
      '以钉钉子精神抓好落实',
      [{ role: null, names: ['王建国'] }],
      '市委党校副教授',
      '把为民造福作为最重要的政绩',
      [{ role: null, names: ['李红梅'] }],
      'byline-header',
    ]);
    noLoss(text);
  });
});

describe('编者按, 编后, 短评 (rule editor-note)', () => {
  it('keeps a 编者按 over an article as the first paragraph of that article, marked, and 编后/短评 at the end of the one they follow', () => {
    const text = page(
      '编者按：本版今起推出“支部建在一线”专栏，敬请关注。',
      '',
      '支部建在产业链上',
      '□本报记者 韩冰',
      '',
      '本报讯 党支部建在了产业链上。',
      '',
      '编后：党建和发展拧成了一股绳。',
      '',
      '老支书的新课题',
      '□本报通讯员 邹平',
      '',
      '编者按',
      '老支书退休不退岗，带着年轻人闯市场。',
      '',
      '退休三年的老支书，又有了新课题。',
      '',
      '短评：乡村振兴需要“老带新”。',
    );
    const [a, b] = read(text);
    expect(a.body).toBe('> 编者按：本版今起推出“支部建在一线”专栏，敬请关注。\n\n本报讯 党支部建在了产业链上。\n\n> 编后：党建和发展拧成了一股绳。');
    expect(b.body).toBe('> 编者按 老支书退休不退岗，带着年轻人闯市场。\n\n退休三年的老支书，又有了新课题。\n\n> 短评：乡村振兴需要“老带新”。');
    expect([a.boundary.start, b.boundary.start]).toEqual(['byline-header', 'byline-header']);
    noLoss(text);
  });

  it('takes 短评 alone over a headline for a 栏目, and a 编者按 no article follows into the last article', () => {
    const [a] = read(page('短评', '让“老带新”成为常态', '□本报评论员', '', '正文。'));
    expect([a.column, a.headline]).toEqual(['短评', '让“老带新”成为常态']);
    const [b] = read(page('标题', '□王芳', '', '正文。', '', '编者按：下期刊登读者来信。'));
    expect(b.body).toBe('正文。\n\n> 编者按：下期刊登读者来信。');
  });
});

describe('photo-news items (rule photo-news, cue photo-news)', () => {
  it('reads a caption ending in its credit, the desk’s code before it being no name', () => {
    expect(matchCaptionCredit('农民驾驶收割机收获玉米。⑧3程全摄')).toEqual({
      caption: '农民驾驶收割机收获玉米。',
      code: '⑧3',
      credit: { credit: '程全', creditRole: null, creditKind: '摄' },
    });
    expect(matchCaptionCredit('学生们聆听老党员讲述革命故事。②6本报记者 李 强摄。')?.credit).toEqual({
      credit: '李强',
      creditRole: '本报记者',
      creditKind: '摄',
    });
    expect(matchCaptionCredit('他在摄影展上说的话让人难忘，大家都很认同这次拍摄。')).toBeNull();
  });

  it('makes a headline over such a caption a photo-news article: the photo, no body, the code removed with a warning', () => {
    const text = page(
      '上一篇',
      '□王芳',
      '',
      '正文。',
      '',
      '秋收时节田野忙',
      '',
      '9月8日，农民驾驶收割机收获玉米。⑧3程全摄',
      '',
      '下一篇',
      '□李强',
      '',
      '正文。',
    );
    const r = parseOcrText(text);
    const [, a, b] = r.pages[0].articles;
    expect([a.headline, a.body, a.photos, a.boundary]).toEqual([
      '秋收时节田野忙',
      '',
      [{ caption: '9月8日，农民驾驶收割机收获玉米。', position: null, credit: '程全', creditRole: null, creditKind: '摄' }],
      { start: 'photo-news', end: 'photo-credit', weak: false },
    ]);
    expect(b.headline).toBe('下一篇');
    expect(r.warnings).toEqual([expect.objectContaining({ line: 8, code: 'ocr.inHouseCode', removed: '⑧3', rule: 'photo-news' })]);
    noLoss(text);
  });
});

describe('section labels printed with a □ (rule marked-label)', () => {
  it('tells a □label from a □byline', () => {
    expect(matchMarkedLabel('□师者之尊缘自用心')).toBe('师者之尊缘自用心');
    expect(matchMarkedLabel('□中共鹤岗市委组织部')).toBeNull();
    expect(matchMarkedLabel('□本报评论员')).toBeNull();
    expect(matchMarkedLabel('□欧阳晓明')).toBeNull();
  });

  it('makes it the 栏目 of the articles under it until the next label, listed unsure, never a byline', () => {
    const r = parseOcrText(
      page(
        '□师者之尊缘自用心',
        '',
        '第一篇',
        '□许诺',
        '',
        '正文。',
        '',
        '第二篇',
        '□卓然',
        '',
        '正文。',
        '',
        '□奋斗者正青春',
        '',
        '第三篇',
        '□许诺',
        '',
        '正文。',
      ),
    );
    const articles = r.pages[0].articles;
    expect(articles.map((a) => [a.column, a.bylines])).toEqual([
      ['师者之尊缘自用心', [{ role: null, names: ['许诺'] }]],
      ['师者之尊缘自用心', [{ role: null, names: ['卓然'] }]],
      ['奋斗者正青春', [{ role: null, names: ['许诺'] }]],
    ]);
    expect(r.pages[0].lineChoices.map((l) => [l.line, l.placedAs, l.sure, l.articles])).toEqual([
      [1, 'column', false, [0, 1]],
      [13, 'column', false, [2]],
    ]);
  });
});

describe('continuation notes (rule continuation)', () => {
  it('reads where an article goes on or came from, in either numeral', () => {
    expect(matchContinuation('（下转第三版）')).toEqual({ dir: 'to', page: 3 });
    expect(matchContinuation('（上接第一版）')).toEqual({ dir: 'from', page: 1 });
    expect(matchContinuation('（转第12版）')).toEqual({ dir: 'to', page: 12 });
    expect(matchContinuation('（下转第十二版）')).toEqual({ dir: 'to', page: 12 });
    expect(matchContinuation('（下转第三版）的说明')).toBeNull();
  });

  it('keeps both notes in the bodies and links the halves when both pages are in the file', () => {
    const text = page(
      '第1版',
      '',
      '标题',
      '□王芳',
      '',
      '会议要求，推动工作',
      '',
      '（下转第三版）',
      '',
      '第3版',
      '',
      '标题',
      '',
      '（上接第一版）',
      '',
      '全面进步。',
    );
    const r = parseOcrText(text);
    const [[a], [b]] = r.pages.map((p) => p.articles);
    expect([a.body, a.continues, b.body, b.continuedFrom]).toEqual([
      '会议要求，推动工作\n\n（下转第三版）',
      { page: 1, article: 0 },
      '（上接第一版）\n\n全面进步。',
      { page: 0, article: 0 },
    ]);
    noLoss(text);
  });

  it('links nothing when the other half is not in the file', () => {
    const [a] = read(page('第1版', '', '标题', '□王芳', '', '正文。', '', '（下转第三版）'));
    expect([a.body, a.continues]).toEqual(['正文。\n\n（下转第三版）', undefined]);
  });
});
