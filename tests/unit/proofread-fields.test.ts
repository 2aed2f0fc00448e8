import { articleFields, fieldLabel, fieldText, repeatedPath, withSuggestion } from '../../src/proofreading/article-fields';

/** The article's text as the 审校 checker reads it: field paths, their Chinese names, and a suggestion written back. */
const article = {
  headline: '党建引领基层治理',
  body: '正文。',
  photos: [{ caption: '上图：党员入户走访' }, null, { caption: '' }],
  authorNote: '作者系县委党校教师',
  corrections: [{ text: '上期报道有误，特此更正。' }, { text: null }],
};

describe('article fields for the checker', () => {
  it('reads every printed text in print order, the correction notices last, empty ones left out', () => {
    expect(articleFields(article).map((f) => [f.field, f.headline ?? false])).toEqual([
      ['headline', true],
      ['body', false],
      ['photos.0.caption', false],
      ['authorNote', false],
      ['corrections.0.text', false],
    ]);
  });

  it('names each field in Chinese, a repeated one with its number', () => {
    expect(['kicker', 'authorNote', 'photos.0.caption', 'corrections.1.text', 'corrections.0.kind'].map(fieldLabel)).toEqual([
      '引题',
      '作者简介',
      '图片说明 1',
      '更正 2',
      'corrections.0.kind',
    ]);
  });

  it('reads and writes a path inside a repeated component, and nothing that is not text of one', () => {
    expect(repeatedPath('corrections.0.text')).toEqual({ list: 'corrections', index: 0, field: 'text' });
    expect(repeatedPath('corrections.0.date')).toBeNull();
    expect(repeatedPath('bylines.0.role')).toBeNull();
    expect(fieldText(article, 'corrections.0.text')).toBe('上期报道有误，特此更正。');
    expect(withSuggestion(article, 'corrections.0.text', 9, 11, '更正', '订正')).toBe('上期报道有误，特此订正。');
    // The text there changed since the finding: nothing is written.
    expect(withSuggestion(article, 'corrections.0.text', 0, 2, '本期', '上期')).toBeNull();
    expect(withSuggestion(article, 'corrections.1.text', 0, 0, '', '补')).toBeNull();
  });
});
