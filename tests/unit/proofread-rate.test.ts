import { countCharacters, errorRate } from '../../src/proofreading/error-rate';
import type { Finding } from '../../src/proofreading/types';

const finding = (over: Partial<Finding>): Finding => ({
  rule: 'typo',
  category: 'typo',
  field: 'body',
  start: 0,
  end: 2,
  text: '震憾',
  suggestion: '震撼',
  severity: 'error',
  message: '“震憾”应为“震撼”',
  ...over,
});

describe('差错率', () => {
  it('counts errors per 10,000 characters against the ceiling of 3', () => {
    const r = errorRate({ findings: [finding({}), finding({ text: '再接再励', start: 5, end: 9 })], characters: 10000 });
    expect([r.errors, r.characters, r.rate, r.ceiling, r.over]).toEqual([2, 10000, 2, 3, false]);
    expect(errorRate({ findings: [finding({})], characters: 3000 })).toMatchObject({ errors: 1, rate: 3.333, over: true });
    expect(errorRate({ findings: [], characters: 0 })).toMatchObject({ errors: 0, rate: 0, over: false });
  });

  it('counts a headline error double, the same error at most three times, punctuation and numbers 0.1, info not at all', () => {
    const findings = [
      finding({ field: 'headline' }),
      ...[1, 2, 3, 4, 5].map((i) => finding({ start: i * 10, end: i * 10 + 2 })),
      finding({ rule: 'halfwidth-punct', category: 'halfwidth', text: ',', severity: 'warning' }),
      finding({ rule: 'pair-unbalanced', category: 'pair', text: '”' }),
      finding({ rule: 'number-zero', category: 'number', text: '二0二四', severity: 'warning' }),
      finding({ rule: 'number-list', category: 'number', text: '3、', severity: 'info' }),
    ];
    const r = errorRate({ findings, characters: 10000, headlineFields: ['headline'] });
    // 震憾: six times, one in the headline: 2 + 1 + 1 (three counted); then 0.1 + 0.1 + 0.1.
    expect(r.errors).toBe(4.3);
    expect(r.counted).toEqual([
      { rule: 'typo', text: '震憾', weight: 1, occurrences: 6, counted: 3, errors: 4 },
      { rule: 'halfwidth-punct', text: ',', weight: 0.1, occurrences: 1, counted: 1, errors: 0.1 },
      { rule: 'pair-unbalanced', text: '”', weight: 0.1, occurrences: 1, counted: 1, errors: 0.1 },
      { rule: 'number-zero', text: '二0二四', weight: 0.1, occurrences: 1, counted: 1, errors: 0.1 },
    ]);
  });

  it('counts printed characters, not white space or Markdown syntax', () => {
    expect(countCharacters('党建引领，共3人。')).toBe(9);
    expect(countCharacters('### 小标题\n\n**强化**政治引领\n\n1. 加强学习\n- 抓落实\n> 引文\n[通知](https://example.cn/x)\n![合影](a.jpg)\n---')).toBe(
      '小标题强化政治引领加强学习抓落实引文通知合影'.length,
    );
    expect(countCharacters('𠀀字')).toBe(2);
  });
});
