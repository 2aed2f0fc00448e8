/**
 * OCR mixes half- and full-width punctuation (`,` `:` `(`). In Chinese text the
 * convention is full width; digits, Latin words, e-mail addresses, times and
 * decimals keep their own.
 */
/** A Han character, as a RegExp source (use with the `u` flag). */
export const HAN = '\\p{Script=Han}';
const CJK_NEAR = `[${HAN}“”‘’《》〈〉（）【】、。，；：！？]`;

const pairs: Array<[RegExp, string]> = [
  // a comma, semicolon, colon, ? or ! touching Chinese on either side
  [new RegExp(`(?<=${CJK_NEAR}),\\s*|,(?=\\s*${CJK_NEAR})`, 'gu'), '，'],
  [new RegExp(`(?<=${CJK_NEAR});\\s*|;(?=\\s*${CJK_NEAR})`, 'gu'), '；'],
  [new RegExp(`(?<=${CJK_NEAR}|\\d):(?!\\d)\\s*|(?<!\\d):(?=\\s*${CJK_NEAR})`, 'gu'), '：'],
  [new RegExp(`(?<=${CJK_NEAR})\\?|\\?(?=\\s*${CJK_NEAR})`, 'gu'), '？'],
  [new RegExp(`(?<=${CJK_NEAR})!|!(?=\\s*${CJK_NEAR})`, 'gu'), '！'],
];

export function normalisePunctuation(text: string): string {
  // Most lines have none of these: each is read once instead of by six regexes.
  if (!/[\u3000,;:?!()]/u.test(text)) return text;
  let out = text.replace(/\u3000/g, ' ');
  for (const [re, to] of pairs) out = out.replace(re, to);
  // Brackets around or beside Chinese become full width, as a pair.
  out = out.replace(new RegExp(`\\(([^()]*)\\)`, 'gu'), (m, inner, offset, all) => {
    const before = all[offset - 1] ?? '';
    const after = all[offset + m.length] ?? '';
    const chinese = new RegExp(`${HAN}`, 'u');
    return chinese.test(inner) || chinese.test(before) || chinese.test(after) ? `（${inner}）` : m;
  });
  return out;
}

/** For comparisons: one form of every punctuation mark and no white space. */
export function comparable(text: string): string {
  return normalisePunctuation(text)
    .replace(/[，,]/g, '，')
    .replace(/[：:]/g, '：')
    .replace(/[（(]/g, '（')
    .replace(/[）)]/g, '）')
    .replace(/[；;]/g, '；')
    .replace(/[！!]/g, '！')
    .replace(/[？?]/g, '？')
    .replace(/\s+/g, '');
}
