import type { Hit, ListKind } from './compiled';
import type { Check, Context, Hit0 } from './context';

/** Leftmost-longest, non-overlapping hits of one list; none inside a canonical term (a 规范表述 is right as written). */
function listHits(ctx: Context, kind: ListKind): Hit[] {
  const out: Hit[] = [];
  const terms = ctx.hits.filter((h) => h.kind === 'terms');
  for (const h of ctx.hits) {
    if (h.kind !== kind || ctx.mask[h.start]) continue;
    if (out.length && out[out.length - 1].end > h.start) continue;
    if (terms.some((x) => x.start <= h.start && x.end >= h.end && x.end - x.start > h.end - h.start)) continue;
    out.push(h);
  }
  return out;
}

const fromList =
  (kind: ListKind, message: (h: Hit) => string): Check =>
  (ctx) =>
    listHits(ctx, kind).map((h) => ({ start: h.start, end: h.end, suggestion: h.entry.suggestion, message: message(h) }));

export const typo = fromList('typos', (h) => `“${h.entry.text}”应为“${h.entry.suggestion}”${h.entry.why ? `：${h.entry.why}` : '（常见别字）'}`);
export const termError = fromList('termErrors', (h) => `规范表述应为“${h.entry.suggestion}”，不作“${h.entry.text}”${h.entry.why ? `：${h.entry.why}` : ''}`);
export const redundantWord = fromList(
  'redundant',
  (h) => `“${h.entry.text}”${h.entry.suggestion !== undefined ? `宜作“${h.entry.suggestion || '（删去）'}”` : '慎用'}${h.entry.why ? `：${h.entry.why}` : ''}`,
);

/** `吉林省省委`: 省委 already says whose; the same for 市, 县, 区, 州 and 政府. */
export const redundantCommittee: Check = (ctx) => {
  const out: Hit0[] = [];
  for (const m of ctx.text.matchAll(/([省市县区州])\1(委|政府)/gu)) {
    out.push({
      start: m.index!,
      end: m.index! + m[0].length,
      suggestion: m[1] + m[2],
      message: `“${m[0]}”重复了“${m[1]}”：写作“…${m[1]}${m[2]}”（如“吉林省委”“垫江县政府”）`,
    });
  }
  return out;
};

/** `大约30人左右`: 大约 and 左右 both say it is not exact; one of them goes. */
export const redundantApprox: Check = (ctx) => {
  const out: Hit0[] = [];
  for (const m of ctx.text.matchAll(/大约([\d.,，]+|[一二三四五六七八九十百千万两]+)(\p{Script=Han}{0,3}?)左右/gu)) {
    const kept = m[0].slice(0, -2);
    out.push({ start: m.index!, end: m.index! + m[0].length, suggestion: kept, message: `“大约”与“左右”语义重复，删去其一（如“${kept}”）` });
  }
  return out;
};
