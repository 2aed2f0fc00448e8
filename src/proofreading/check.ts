import { compiled, hits } from './compiled';
import type { Context } from './context';
import { emptyLists } from './lists';
import { RULES } from './rules';
import { protectedMask } from './text';
import type { CheckOptions, FieldText, Finding, ProofLists } from './types';

const NO_LISTS: ProofLists = emptyLists();

/**
 * Text in, findings out: every rule of the table over every field. Deterministic;
 * findings sorted by field order, then start, then rule order. Without `lists` only the
 * rules that need no word list find anything (pass loadLists()'s in Node, or the lists
 * the server sends in the browser). `severity` (per rule id) wins over the lists' own.
 */
export function checkFields(fields: FieldText[], opts: CheckOptions = {}): Finding[] {
  const lists = opts.lists ?? NO_LISTS;
  const c = compiled(lists);
  const names = [...(opts.names ?? []), ...lists.names];
  const severity = { ...lists.severity, ...(opts.severity ?? {}) };
  const out: Array<{ finding: Finding; fieldIndex: number; ruleIndex: number }> = [];
  fields.forEach(({ field, text, headline }, fieldIndex) => {
    if (!text) return;
    const ctx: Context = { field, text, headline: !!headline, lists: c, hits: hits(c, text), mask: protectedMask(text), names };
    RULES.forEach((rule, ruleIndex) => {
      for (const h of rule.check(ctx)) {
        const finding: Finding = {
          rule: rule.id,
          category: rule.category,
          field,
          start: h.start,
          end: h.end,
          text: text.slice(h.start, h.end),
          ...(h.suggestion !== undefined ? { suggestion: h.suggestion } : {}),
          severity: severity[rule.id] ?? rule.severity,
          message: h.message,
        };
        out.push({ finding, fieldIndex, ruleIndex });
      }
    });
  });
  out.sort((a, b) => a.fieldIndex - b.fieldIndex || a.finding.start - b.finding.start || a.ruleIndex - b.ruleIndex || a.finding.end - b.finding.end);
  return out.map((x) => x.finding);
}
