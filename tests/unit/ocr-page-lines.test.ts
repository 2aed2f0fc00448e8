import { parseOcrText } from '../../src/ocr-import/parse';
import { parseOcrFile } from '../../src/ocr-import/read-file';
import { checkNoLoss } from '../../src/ocr-import/no-loss';
import { joinColumnBreaks, type Removal } from '../../src/ocr-import/cleanup';
import { RULES } from '../../src/ocr-import/rules';
import type { ArticleEdit } from '../../src/ocr-import/edits';

// Lines printed for the page (a theme band, a series label over several articles) belong to the page's
// fields or to the articles' 栏目, never to a body (issue 20, item 1).
const page = (...lines: string[]) => lines.join('\n');
const bodies = (text: string) => parseOcrText(text).pages.flatMap((p) => p.articles.map((a) => a.body));
const read = (text: string, edits: ArticleEdit[] = []) => parseOcrFile(Buffer.from(text), 'page.txt', undefined, edits);

const commentary = (headline: string, name: string, body: string, note: string) => [headline, `□ ${name}`, '', body, '', `（作者系${note}）`, ''];
/** The page's shape: page number, theme band, a series label printed once over three commentaries. */
const SERIES = page(
  '第2版 理论学习',
  '',
  '学党史 悟思想 办实事 开新局',
  '',
  '领导干部学习笔谈',
  '',
  ...commentary('从百年党史中汲取奋进力量', '张建军', '百年党史是一部践行初心使命的历史，领导干部学党史，要学出信仰、学出担当。', '县委常委、组织部部长'),
  ...commentary('以为民情怀践行初心使命', '李秀英', '江山就是人民，人民就是江山，学习党史就要始终把人民放在心中最高位置。', '县委常委、宣传部部长'),
  ...commentary('在攻坚克难中彰显担当作为', '王海龙', '越是艰险越向前，是共产党人的鲜明品格，领导干部要在急难险重任务中冲锋在前。', '县委常委、常务副县长'),
);
/** What the imported real page looked like to OCR: the band and the label read between article 2's byline and its body. */
const INSIDE = page(
  '第2版',
  '',
  ...commentary('从百年党史中汲取奋进力量', '张建军', '百年党史是一部践行初心使命的历史，领导干部学党史，要学出信仰、学出担当。', '县委常委、组织部部长'),
  '以为民情怀践行初心使命',
  '□ 李秀英',
  '学党史 悟思想 办实事 开新局',
  '领导干部学习笔谈',
  '',
  '',
  '江山就是人民，人民就是江山，学习党史就要始终把人民放在心中最高位置。',
  '',
  '（作者系县委常委、宣传部部长）',
);

it('has the page rules in its rule table, by name, before the rules that read headers and bodies', () => {
  const names = RULES.map(([name]) => name);
  for (const rule of ['theme-band', 'series-label', 'loose-label']) expect(names.indexOf(rule)).toBeLessThan(names.indexOf('header'));
  expect(names.indexOf('theme-band')).toBeGreaterThan(names.indexOf('end-marker'));
});

describe('theme-band', () => {
  it('reads the band at the page top as the page’s theme, for certain', () => {
    const [p] = parseOcrText(SERIES).pages;
    expect([p.number, p.name, p.theme]).toEqual([2, '理论学习', '学党史 悟思想 办实事 开新局']);
    expect(p.lineChoices[0]).toEqual({
      line: 3,
      text: '学党史 悟思想 办实事 开新局',
      placedAs: 'theme',
      sure: true,
      options: ['theme', 'column'],
      rule: 'theme-band',
    });
    expect(p.articles.map((a) => a.kicker)).toEqual([null, null, null]);
  });

  it('takes a band read inside an article out of its body, unsure, with the body as an option', () => {
    const [p] = parseOcrText(INSIDE).pages;
    expect(p.theme).toBe('学党史 悟思想 办实事 开新局');
    expect(p.lineChoices.find((l) => l.rule === 'theme-band')).toMatchObject({
      line: 12,
      placedAs: 'theme',
      sure: false,
      options: ['pageName', 'theme', 'column', 'body'],
    });
    for (const body of bodies(INSIDE)) expect(body).not.toContain('学党史 悟思想');
  });

  it('leaves a headline of that shape a headline (a byline under it), and a long-phrased headline at the top', () => {
    const r = parseOcrText(page('学党史 悟思想 办实事 开新局', '□本报记者 王芳', '', '全县各级党组织扎实开展党史学习教育。'));
    expect([r.pages[0].theme, r.pages[0].articles[0].headline]).toEqual([null, '学党史 悟思想 办实事 开新局']);
    const long = parseOcrText(page('垫江县卫生健康委 提升为民服务能力 守护人民群众健康', '', '垫江县卫生健康委党委坚持党的全面领导，推动党建与业务深度融合。'));
    expect([long.pages[0].theme, long.pages[0].articles[0].headline]).toEqual([null, '垫江县卫生健康委 提升为民服务能力 守护人民群众健康']);
  });
});

describe('series-label', () => {
  it('gives a label printed once over several articles to each of them as its 栏目, and says it is unsure', () => {
    const [p] = parseOcrText(SERIES).pages;
    expect(p.articles.map((a) => a.column)).toEqual(['领导干部学习笔谈', '领导干部学习笔谈', '领导干部学习笔谈']);
    expect(p.lineChoices[1]).toEqual({
      line: 5,
      text: '领导干部学习笔谈',
      placedAs: 'column',
      sure: false,
      options: ['theme', 'column'],
      articles: [0, 1, 2],
      rule: 'series-label',
    });
    for (const body of bodies(SERIES)) expect(body).not.toMatch(/领导干部学习笔谈|学党史 悟思想/u);
  });

  it('stops at an article with a label of its own, and a label over one article is simply its 栏目 (not listed)', () => {
    const r = parseOcrText(
      page(
        '支部风采',
        '',
        '“红色物业”破解小区治理难题',
        '□本报记者 韦思远',
        '',
        '阳光小区党支部牵头成立联席会议。',
        '',
        '基层传真',
        '',
        '乡村振兴学堂开课了',
        '□本报通讯员 尹春华',
        '',
        '近日，乡村振兴学堂开课。',
      ),
    );
    expect(r.pages[0].articles.map((a) => a.column)).toEqual(['支部风采', '基层传真']);
    expect(r.pages[0].lineChoices).toEqual([]);
  });

  it('is not the first line of a headline printed on two lines', () => {
    const r = parseOcrText(page('让党旗在', '', '乡村振兴一线高高飘扬', '', '□本报记者 常 青', '', '连日来，各乡镇党委组织党员干部深入田间地头。'));
    expect([r.pages[0].articles[0].headline, r.pages[0].articles[0].column, r.pages[0].lineChoices]).toEqual(['让党旗在乡村振兴一线高高飘扬', null, []]);
  });
});

describe('loose-label', () => {
  it('reads a label between a byline and the first paragraph as the 栏目, never glued to the paragraph', () => {
    const [p] = parseOcrText(INSIDE).pages;
    expect(p.articles.map((a) => a.column)).toEqual([null, '领导干部学习笔谈']);
    expect(p.articles[1].body).toBe('江山就是人民，人民就是江山，学习党史就要始终把人民放在心中最高位置。');
    expect(p.lineChoices.find((l) => l.rule === 'loose-label')).toEqual({
      line: 13,
      text: '领导干部学习笔谈',
      placedAs: 'column',
      sure: false,
      options: ['pageName', 'theme', 'column', 'body'],
      articles: [1],
      rule: 'loose-label',
    });
  });

  it('leaves an editor’s note label and a paragraph cut by a column end in the body', () => {
    const r = parseOcrText(page('夜校开进田间地头', '□本报记者 王芳', '编者按', '', '', '夜校每周开课两次，已培训农民800余人次。'));
    expect([r.pages[0].articles[0].column, r.pages[0].lineChoices]).toEqual([null, []]);
    const cut = parseOcrText(page('标题', '□王芳', '', '全县共有', '', '12个示范点。'));
    expect([cut.pages[0].articles[0].column, cut.pages[0].articles[0].body]).toEqual([null, '全县共有12个示范点。']);
  });
});

describe('a label line is never joined to the next paragraph (joinColumnBreaks)', () => {
  it('keeps a line that stands alone apart, and still joins a paragraph cut at a column end', () => {
    const removals: Removal[] = [];
    const { paras } = joinColumnBreaks(
      [
        { kind: 'p', text: '领导干部学习笔谈', line: 1, alone: true },
        { kind: 'p', text: '百年党史是一部践行初心使命的历史，', line: 2 },
        { kind: 'p', text: '是一部党与人民心连心的历史。', line: 3 },
      ],
      removals,
    );
    expect(paras.map((p) => p.text)).toEqual(['领导干部学习笔谈', '百年党史是一部践行初心使命的历史，是一部党与人民心连心的历史。']);
  });

  it('does not glue the label of the real page to the paragraph OCR read after it', () => {
    // Before: `领导干部学习笔谈百年党史是…` (issue 20). The label is the 栏目; the body starts with the text.
    const bodyOf2 = parseOcrText(INSIDE).pages[0].articles[1].body;
    expect(bodyOf2.startsWith('江山就是人民')).toBe(true);
  });
});

describe('no-loss counts the page’s lines where they went', () => {
  it('counts a label printed once as printed once, though three articles carry it', () => {
    for (const text of [SERIES, INSIDE]) {
      expect(checkNoLoss(text, parseOcrText(text))).toEqual([]);
      expect(read(text).warnings).toEqual([]);
    }
  });
});

describe('moving a page’s line before import (the `line` edit)', () => {
  it('moves the label to the theme, the band to the body, and back, losing nothing', () => {
    const toTheme = read(SERIES, [{ op: 'line', page: 0, line: 5, to: 'theme' }]).pages[0];
    expect([toTheme.theme, toTheme.articles.map((a) => a.column)]).toEqual(['学党史 悟思想 办实事 开新局 领导干部学习笔谈', [null, null, null]]);
    expect(toTheme.lineChoices[1]).toMatchObject({ line: 5, placedAs: 'theme', sure: true });

    const inBody = read(INSIDE, [
      { op: 'line', page: 0, line: 12, to: 'body' },
      { op: 'line', page: 0, line: 13, to: 'pageName' },
    ]);
    const [p] = inBody.pages;
    expect([p.name, p.theme, p.articles[1].column]).toEqual(['领导干部学习笔谈', null, null]);
    expect(p.articles[1].body).toBe('### 学党史 悟思想 办实事 开新局\n\n江山就是人民，人民就是江山，学习党史就要始终把人民放在心中最高位置。');
    for (const r of [inBody, read(SERIES, [{ op: 'line', page: 0, line: 5, to: 'theme' }])]) expect(r.warnings).toEqual([]);
  });

  it('keeps the 栏目 on the right articles through a split and a merge', () => {
    const merged = read(SERIES, [{ op: 'merge', page: 0, article: 2 }]).pages[0];
    expect(merged.articles.map((a) => a.column)).toEqual(['领导干部学习笔谈', '领导干部学习笔谈']);
    expect(merged.articles[1].body).not.toContain('领导干部学习笔谈');
    expect(merged.lineChoices[1].articles).toEqual([0, 1]);
    const split = read(SERIES, [{ op: 'split', page: 0, article: 0, paragraph: 0 }]).pages[0];
    expect(split.lineChoices[1].articles).toEqual([0, 2, 3]);
    expect(read(SERIES, [{ op: 'merge', page: 0, article: 2 }]).warnings).toEqual([]);
  });

  it('refuses a line that is not one of the page’s lines, and a place the line cannot go, saying which', () => {
    const refused = (edits: any[]) => {
      try {
        read(SERIES, edits);
      } catch (error) {
        return error;
      }
      return null;
    };
    expect(refused([{ op: 'line', page: 0, line: 8, to: 'theme' }])).toMatchObject({
      code: 'import.badLineEdit',
      params: { index: 0, line: 8, problem: 'noLine' },
    });
    expect(refused([{ op: 'line', page: 1, line: 5, to: 'theme' }])).toMatchObject({ code: 'import.badLineEdit', params: { problem: 'noLine' } });
    const body = refused([
      { op: 'split', page: 0, article: 0, paragraph: 0 },
      { op: 'line', page: 0, line: 5, to: 'body' },
    ]) as Error;
    expect(body).toMatchObject({ code: 'import.badLineEdit', params: { index: 1, problem: 'badTarget', to: 'body', options: ['theme', 'column'] } });
    expect(body.message).toBe('line move 2 is not valid: line 5 cannot go to "body" (it can go to: theme, column)');
    expect(refused([{ op: 'line', page: 0, line: 5, to: 'sidebar' }])).toMatchObject({ params: { problem: 'badTarget', to: 'sidebar' } });
    expect(refused([{ op: 'line', page: 0, line: 'five', to: 'theme' }])).toMatchObject({ params: { problem: 'noLine' } });
  });
});
