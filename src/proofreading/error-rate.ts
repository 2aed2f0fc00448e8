import type { Finding } from './types';

/**
 * 编校差错率: errors per 10,000 characters, against the ceiling of 万分之三 (a paper whose
 * rate is over it fails the quality check). Counted after the published rules as we know
 * them: 《报纸质量管理规定》 (国家新闻出版署 2020) with its 报纸编校差错判定 rules, which follow
 * 《图书编校质量差错判定细则》 (新闻出版总署): an error in a headline (引题, 主题, 副题) counts
 * double; the same error repeated counts at most three times; a punctuation error (标点符号的一般
 * 错用、漏用、多用) counts 0.1; a number-usage error (不符合 GB/T 15835) counts 0.1. Not verified
 * against the printed text here, so decided and documented (README, 审校 checker): "the same error"
 * is the same rule finding the same text; only `error` and `warning` findings count (`info`
 * ones are hints, and a rule's severity is the newsroom's to set); findings marked "not an
 * error" are the caller's to leave out.
 */
export const CEILING = 3;

/** Punctuation and number usage count 0.1; every other category is a 文字差错 and counts 1. */
const WEIGHT: Partial<Record<Finding['category'], number>> = { pair: 0.1, halfwidth: 0.1, number: 0.1 };
const MAX_REPEATS = 3;

export type Counted = { rule: string; text: string; weight: number; occurrences: number; counted: number; errors: number };

export function errorRate(input: { findings: Finding[]; characters: number; headlineFields?: string[] }): {
  errors: number;
  characters: number;
  rate: number;
  ceiling: typeof CEILING;
  over: boolean;
  counted: Counted[];
} {
  const headline = new Set(input.headlineFields ?? []);
  const groups = new Map<string, Finding[]>();
  for (const f of input.findings) {
    if (f.severity === 'info') continue;
    const key = `${f.rule}\u0000${f.text}`;
    const g = groups.get(key) ?? [];
    g.push(f);
    groups.set(key, g);
  }
  const counted: Counted[] = [];
  let errors = 0;
  for (const g of groups.values()) {
    const weight = WEIGHT[g[0].category] ?? 1;
    // The three counted are the heaviest: headline occurrences first.
    const weights = g.map((f) => weight * (headline.has(f.field) ? 2 : 1)).sort((a, b) => b - a);
    const sum = round(weights.slice(0, MAX_REPEATS).reduce((a, b) => a + b, 0));
    errors += sum;
    counted.push({ rule: g[0].rule, text: g[0].text, weight, occurrences: g.length, counted: Math.min(g.length, MAX_REPEATS), errors: sum });
  }
  errors = round(errors);
  const rate = input.characters > 0 ? round((errors / input.characters) * 10000) : 0;
  return { errors, characters: input.characters, rate, ceiling: CEILING, over: rate > CEILING, counted };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Countable characters of a field: every character that is printed, Han, punctuation,
 * digits and letters alike, one each; white space and Markdown syntax (headings' #,
 * list markers, **, link targets) are not printed and not counted. The 细则 count 版面字数
 * (the page's area in characters); per article, what is printed is what we can count.
 */
export function countCharacters(text: string): number {
  const printed = text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]*#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]*>[ \t]?/gm, '')
    .replace(/^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+/gm, '')
    .replace(/^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$/gm, '')
    .replace(/\*\*|__|`/g, '');
  let n = 0;
  for (const ch of printed) if (!/\s/u.test(ch)) n += 1;
  return n;
}
