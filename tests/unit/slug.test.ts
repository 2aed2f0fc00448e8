import { slugFor, uniqueSlug } from '../../src/newsroom/slug';

describe('slugFor', () => {
  it('turns a Chinese headline into readable pinyin', () => {
    expect(slugFor('党建引领 做强“福禄”产业链')).toBe('dang-jian-yin-ling-zuo-qiang-fu-lu-chan-ye-lian');
  });
  it('keeps Latin words and numbers', () => {
    expect(slugFor('“乡村CEO”招募令 2024')).toBe('xiang-cun-ceo-zhao-mu-ling-2024');
  });
  it('writes ü as v rather than dropping it', () => {
    expect(slugFor('绿色')).toBe('lv-se');
  });
  it('cuts long titles at a syllable boundary', () => {
    const s = slugFor('以高质量党建推动司法行政工作高质量发展以高质量党建推动司法行政工作高质量发展');
    expect(s.length).toBeLessThanOrEqual(80);
    expect(s).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
  it('gives an empty slug for punctuation only', () => {
    expect(slugFor('——')).toBe('');
  });
});

describe('uniqueSlug', () => {
  it('adds the first free suffix', () => {
    expect(uniqueSlug('a', [])).toBe('a');
    expect(uniqueSlug('a', ['a', 'a-2'])).toBe('a-3');
  });
});
