import type { Check } from './context';
import { doubledChar, doubledWord } from './doubled';
import { halfwidth } from './halfwidth';
import { nameHomophone, nameVariant } from './names';
import { numberList, numberMixed, numberRange, numberZero } from './numbers';
import { pairs } from './pairs';
import { termHomophone, termNearMiss } from './terms';
import type { Category, Severity } from './types';
import { redundantApprox, redundantCommittee, redundantWord, termError, typo } from './words';

/**
 * The checker's rules, one entry each (the importer's table in src/ocr-import/rules.ts
 * is the model): an id a newsroom sets the severity of, the category, the severity
 * when nobody set one, what it checks in Chinese (the admin lists these), and the check.
 * Severities follow how sure a rule is: `error` blocks the 审校 signature, so only rules
 * whose findings are nearly always real are errors.
 */
export type RuleEntry = { id: string; category: Category; severity: Severity; description: string; check: Check };

export const RULES: ReadonlyArray<Readonly<RuleEntry>> = [
  { id: 'doubled-word', category: 'doubled', severity: 'error', description: '词语重复（困难困难、党员党员），不含“研究研究”等重叠式', check: doubledWord },
  { id: 'doubled-char', category: 'doubled', severity: 'warning', description: '虚字重复（的的、了了），不含“目的的”“为了了解”等词语相接', check: doubledChar },
  {
    id: 'pair-unbalanced',
    category: 'pair',
    severity: 'error',
    description: '成对标点在段内不配对（“” ‘’ 《》 （） 【】），跨段引文按 GB/T 15834-2011 4.1.3.3',
    check: pairs,
  },
  { id: 'halfwidth-punct', category: 'halfwidth', severity: 'warning', description: '中文中用了半角标点 , . ; : ? ! ( )（GB/T 15834-2011）', check: halfwidth },
  { id: 'term-error', category: 'term', severity: 'error', description: '规范表述的已知错误写法', check: termError },
  { id: 'term-homophone', category: 'term', severity: 'error', description: '规范表述中的同音错字（以人民为忠心）', check: termHomophone },
  { id: 'term-near-miss', category: 'term', severity: 'warning', description: '规范表述漏字、多字、颠倒或错字', check: termNearMiss },
  { id: 'typo', category: 'typo', severity: 'error', description: '常见错别字、易混词语和成语（震憾、再接再励）', check: typo },
  { id: 'number-zero', category: 'number', severity: 'warning', description: '汉字数字中的“〇”混用“0”“O”“零”（二0二四年）', check: numberZero },
  { id: 'number-range', category: 'number', severity: 'info', description: '数值或时间范围用连字符（3-5月），应用“—”或“～”', check: numberRange },
  { id: 'number-mixed', category: 'number', severity: 'warning', description: '一个数中汉字数字与阿拉伯数字混用（十2、3百）', check: numberMixed },
  { id: 'number-list', category: 'number', severity: 'info', description: '同一组序号体例不一（一、二、3、）', check: numberList },
  { id: 'redundant-word', category: 'redundant', severity: 'warning', description: '禁用词、慎用词和语义重复（免费赠送、凯旋归来）', check: redundantWord },
  { id: 'redundant-committee', category: 'redundant', severity: 'warning', description: '“××省省委”类重复', check: redundantCommittee },
  { id: 'redundant-approx', category: 'redundant', severity: 'warning', description: '“大约……左右”语义重复', check: redundantApprox },
  { id: 'name-homophone', category: 'name', severity: 'warning', description: '人名与署名同音不同字（王芳/王方）', check: nameHomophone },
  { id: 'name-variant', category: 'name', severity: 'info', description: '三字人名与署名仅差一字', check: nameVariant },
];

export const RULE_IDS = RULES.map((r) => r.id);
