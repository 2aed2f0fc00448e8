import type { Check, Hit0 } from './context';
import { homophones, isHan } from './text';

/**
 * A person's name written two ways on one page (王芳 / 王方). The reference spellings
 * are the page's bylines and credits (and a newsroom's own list); a different person
 * with a similar name is common, so only these are flagged: the same surname and the
 * same length, every other character a homophone of the reference (warning), or, for a
 * three-character name, one character different (info: often another person).
 */
export const normaliseName = (name: string) => name.replace(/[\s\u3000·•]/gu, '');

function variants(text: string, names: string[], homophoneOnly: boolean): Hit0[] {
  const refs = [...new Set(names.map(normaliseName))].filter((n) => n.length >= 2 && n.length <= 4 && [...n].every(isHan));
  const known = new Set(refs);
  const out: Hit0[] = [];
  for (const ref of refs) {
    for (let p = text.indexOf(ref[0]); p >= 0; p = text.indexOf(ref[0], p + 1)) {
      const w = text.slice(p, p + ref.length);
      if (w.length !== ref.length || known.has(w) || ![...w].every(isHan)) continue;
      const diff = [...ref].map((ch, i) => (ch === w[i] ? null : i)).filter((i): i is number => i !== null);
      if (!diff.length) continue;
      const sounds = diff.every((i) => homophones(ref[i], w[i]));
      if (homophoneOnly ? !sounds : sounds || ref.length !== 3 || diff.length !== 1) continue;
      // The name continues into a longer known name (胡伟杰 inside 胡伟杰's own spelling) or a reference's occurrence overlaps it.
      if (refs.some((r) => text.startsWith(r, p) || (text.lastIndexOf(r, p) >= 0 && text.lastIndexOf(r, p) + r.length > p))) continue;
      out.push({
        start: p,
        end: p + ref.length,
        suggestion: ref,
        message: sounds ? `人名疑有误：署名作“${ref}”，此处作“${w}”（同音）` : `人名疑有误：署名作“${ref}”，此处作“${w}”（如为另一人可忽略）`,
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export const nameHomophone: Check = (ctx) => variants(ctx.text, ctx.names, true);
export const nameVariant: Check = (ctx) => variants(ctx.text, ctx.names, false);
