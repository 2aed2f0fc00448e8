/**
 * Contributor names as printed carry typesetting habits: two-character names
 * are padded to three with a space (`王 芳`), full-width spaces appear, and the
 * byline marks □/■ or stray punctuation cling to them. A name is stored once,
 * normalised, so that one person's work can be listed.
 */

import { PERSON_ROLES } from './glossary';

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}';
// Byline marks, list separators and other punctuation that never belongs to a name.
const EDGE_PUNCTUATION =
  /^[\s□■●◆◇▲△☆★·•・,，、;；:：。.!！?？"'“”‘’()（）[\]【】《》<>/\\|_-]+|[\s□■●◆◇▲△☆★·•・,，、;；:：。.!！?？"'“”‘’()（）[\]【】《》<>/\\|_-]+$/gu;
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
const ORGANISATION_ENDING =
  /(委员会|组织部|宣传部|党委|党组|支部|委|局|厅|院|校|所|中心|公司|集团|医院|政府|办公室|办|部|处|科|站|队|社|会|馆|台|镇|乡|村|街道|社区|县|市|区|省)$/u;
/** Unit words of two characters or more are evidence even in a short name (`组织部`); a lone 会 or 台 is not (`王会`, `李台`). */
const LONG_ORGANISATION_ENDING = /(委员会|组织部|宣传部|党委|党组|支部|中心|公司|集团|医院|政府|办公室|街道|社区)$/u;
/** Transliterated names (Uyghur, Kazakh, Tibetan…) join their parts with a middle dot: `阿依古丽·买买提`. */
const MIDDLE_DOT = /\p{Script=Han}[·・•‧]\p{Script=Han}/u;

/**
 * Person or organisation, from evidence rather than length: a name with a
 * middle dot is a person's; a unit word at the end makes an organisation (a
 * one-character unit word only in a name longer than a person's, since 王会 is a
 * person); a role that only people hold (本报记者, 通讯员…, passed by the byline
 * that printed the name) makes a person unless a long unit word says otherwise.
 * Without any evidence, a name of up to four characters is a person's and a
 * longer one an organisation's.
 */
export function guessContributorKind(name: string, evidence: { role?: string | null } = {}): 'person' | 'organisation' {
  const n = normaliseName(name);
  const length = [...n.replace(/[·・•‧\s]/gu, '')].length;
  if (MIDDLE_DOT.test(n)) return 'person';
  if (LONG_ORGANISATION_ENDING.test(n)) return 'organisation';
  if (evidence.role && PERSON_ROLES.includes(evidence.role)) return 'person';
  if (ORGANISATION_ENDING.test(n) && length > 3) return 'organisation';
  return length > 4 ? 'organisation' : 'person';
}
