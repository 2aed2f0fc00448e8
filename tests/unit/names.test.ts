import { normaliseName, guessContributorKind } from '../../src/newsroom/names';

describe('normaliseName', () => {
  it.each([
    ['王 芳', '王芳'],
    ['刘 军', '刘军'],
    ['王\u3000芳', '王芳'],
    ['□本报通讯员', '本报通讯员'],
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
  it('tells organisations from people by their unit words', () => {
    expect(guessContributorKind('中共鹤岗市委组织部')).toBe('organisation');
    expect(guessContributorKind('江津区中心医院')).toBe('organisation');
    expect(guessContributorKind('昌吉州委宣传部')).toBe('organisation');
    expect(guessContributorKind('王 芳')).toBe('person');
    expect(guessContributorKind('欧阳修')).toBe('person');
  });

  it('takes a middle dot as a person’s transliterated name, however long', () => {
    expect(guessContributorKind('阿依古丽·买买提')).toBe('person');
    expect(guessContributorKind('□买买提·艾力')).toBe('person');
    expect(guessContributorKind('古丽娜尔・吐尔逊')).toBe('person');
  });

  it('does not take a lone unit character ending a short name for an organisation', () => {
    expect(guessContributorKind('王会')).toBe('person');
    expect(guessContributorKind('李国台')).toBe('person');
    expect(guessContributorKind('安宁区委')).toBe('organisation');
  });

  it('weighs the role printed with the name', () => {
    // OCR dropped the dot: five characters and more, but a reporter is a person.
    expect(guessContributorKind('阿依古丽买买提')).toBe('organisation');
    expect(guessContributorKind('阿依古丽买买提', { role: '本报记者' })).toBe('person');
    expect(guessContributorKind('努尔艾合买提江', { role: '通讯员' })).toBe('person');
    // A role does not turn a unit into a person.
    expect(guessContributorKind('鹤岗市委组织部', { role: '通讯员' })).toBe('organisation');
  });
});
