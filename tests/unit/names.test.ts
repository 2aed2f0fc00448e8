import { normaliseName, guessContributorKind } from '../../src/newsroom/names';

describe('normaliseName', () => {
  it.each([
    ['王 芳', '王芳'],
    ['刘 军', '刘军'],
    ['王\u3000芳', '王芳'],
    ['□本报通讯员'.slice(1), '本报通讯员'],
    ['□杨彬彬', '杨彬彬'],
    ['■中共鹤岗市委组织部', '中共鹤岗市委组织部'],
    ['  胡伟杰、', '胡伟杰'],
    ['（吴琛）', '吴琛'],
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    ['Ｊｏｈｎ　 Smith', 'John Smith'],
    ['陶维明\u200b', '陶维明'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseName(raw)).toBe(expected);
  });

  it('returns an empty string for punctuation only', () => {
    expect(normaliseName(' □ ')).toBe('');
  });
});

describe('guessContributorKind', () => {
  it('tells organisations from people', () => {
    expect(guessContributorKind('中共鹤岗市委组织部')).toBe('organisation');
    expect(guessContributorKind('江津区中心医院')).toBe('organisation');
    expect(guessContributorKind('王 芳')).toBe('person');
    expect(guessContributorKind('欧阳修')).toBe('person');
  });
});
