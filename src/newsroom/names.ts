/**
 * Contributor names as printed carry typesetting habits: two-character names
 * are padded to three with a space (`王 芳`), full-width spaces appear, and the
 * byline marks □/■ or stray punctuation cling to them. A name is stored once,
 * normalised, so that one person's work can be listed.
 */

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}';
// Byline marks, list separators and other punctuation that never belongs to a name.
const EDGE_PUNCTUATION = /^[\s□■●◆◇▲△☆★·•・,，、;；:：。.!！?？"'“”‘’()（）\[\]【】《》<>/\\|_-]+|[\s□■●◆◇▲△☆★·•・,，、;；:：。.!！?？"'“”‘’()（）\[\]【】《》<>/\\|_-]+$/gu;
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'gu');

export function normaliseName(raw: string): string {
  if (typeof raw !== 'string') return '';
  return raw
    .normalize('NFKC') // full-width letters and the ideographic space become plain ones
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .replace(EDGE_PUNCTUATION, '')
    .replace(SPACE_BETWEEN_CJK, '')
    .trim();
}

/** Organisation names end in a unit word; people's names do not. */
const ORGANISATION_ENDING = /(委员会|组织部|宣传部|党委|党组|支部|委|局|厅|院|校|所|中心|公司|集团|医院|政府|办公室|办|部|处|科|站|队|社|会|馆|台|镇|乡|村|街道|社区|县|市|区|省)$/u;

export function guessContributorKind(name: string): 'person' | 'organisation' {
  const n = normaliseName(name);
  if (n.length > 4 || ORGANISATION_ENDING.test(n)) return 'organisation';
  return 'person';
}
