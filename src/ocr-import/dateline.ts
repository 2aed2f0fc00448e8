import { looksLikePersonName, parseBylineText, splitGluedNames, type Byline } from './conventions';
import { BYLINE_ROLES, PERSON_ROLES } from '../newsroom/glossary';

/**
 * The dateline (电头) that opens a news article's first paragraph: `本报讯（记者 李铮
 * 通讯员 王飞 李永）…`, `本报讯 记者 王芳 …`, `本报北京7月3日电（记者 …）`,
 * `新华社北京7月3日电（记者 …）`, or a bracketed byline alone at the paragraph's head
 * (`（记者冯芸）…`). The paragraph keeps it as printed (readers see it there); the
 * bylines are read from it, and a wire service's name is the article's source.
 */
export type Dateline = { bylines: Byline[]; source: string | null };

/** No dateline is longer than this; the recognisers read only the line's head, so a long paragraph costs nothing more. */
const HEAD = 80;

const OWN = /^本报(?:\p{Script=Han}{0,6}\d{1,2}月\d{1,2}日)?(?:讯|电)/u;
// A wire service and its dispatch: `新华社北京7月3日电`, `中新社郑州9月9日电`, `新华社电`.
const WIRE = /^(新华社|中新社|中国新闻社|人民网|新华网|央视网|央广网|中国日报网)(?:\p{Script=Han}{0,6}\d{1,2}月\d{1,2}日)?电/u;

const isRole = (tok: string) => BYLINE_ROLES.includes(tok) && PERSON_ROLES.includes(tok);
const roleFirst = (tok: string) => PERSON_ROLES.some((r) => tok.startsWith(r));

/** Bylines in a bracket that are all a reporter's: a person's role and names that look like names. */
function bracketBylines(inner: string): Byline[] | null {
  const bylines = parseBylineText(inner);
  const ok = bylines.length > 0 && bylines.every((b) => b.role && PERSON_ROLES.includes(b.role) && b.names.length && b.names.every(looksLikePersonName));
  return ok ? bylines : null;
}

/** After `本报讯 `: role words and names up to the first word that is neither (the body's start); at least one role. */
function spacedBylines(rest: string): Byline[] | null {
  const taken: string[] = [];
  for (const tok of rest.split(/\s+/u).slice(0, 12)) {
    const name = looksLikePersonName(tok) || splitGluedNames(tok).length > 1;
    if (!isRole(tok) && !roleFirst(tok) && !name) break;
    taken.push(tok);
  }
  // The last word before the body may be the body's first (`本报讯 记者 王芳 近日`): only names after a role count.
  if (!taken.some((t) => isRole(t) || roleFirst(t))) return null;
  return bracketBylines(taken.join(' '));
}

export function matchDateline(line: string): Dateline | null {
  const t = line.trim().slice(0, HEAD);
  const own = OWN.exec(t);
  const wire = own ? null : WIRE.exec(t);
  const lead = own ?? wire;
  if (!lead) {
    // `（记者冯芸）…`: a bracketed reporter's byline at the head of a paragraph.
    const m = /^（([^（）]{2,40})）/u.exec(t);
    const bylines = m && bracketBylines(m[1]);
    return bylines ? { bylines, source: null } : null;
  }
  const rest = t.slice(lead[0].length);
  const m = /^\s*（([^（）]{2,60})）/u.exec(rest);
  const bylines = m ? bracketBylines(m[1]) : /^\s/u.test(rest) ? spacedBylines(rest.trim()) : null;
  return { bylines: bylines ?? [], source: wire ? wire[1] : null };
}
