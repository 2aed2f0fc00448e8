import { normaliseName } from '../newsroom/names';
import { BYLINE_ROLES, CREDIT_ROLE_WORDS, PERSON_ROLES, type PhotoCreditKind, type SignRole } from '../newsroom/glossary';
import { HAN } from './punctuation';

/**
 * The printed conventions of party-building pages, one small recogniser each.
 * Every function takes one line of text (already punctuation-normalised) and
 * returns what it found, or null. See DESIGN.md's glossary.
 */

const HAS_HAN = new RegExp(HAN, 'u');
const MARK = '[□■]';
const MARKED = new RegExp(`^${MARK}`, 'u');
/**
 * No byline or credits line is longer than this: longer lines starting with □ are body
 * text. The cap also keeps the recognisers' regexes on short input (a megabyte of
 * spaces after a □ would otherwise be scanned once per position).
 */
const MAX_MARKED_LINE = 200;

// Common surnames (a name line at an article's end must start with one).
export const SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由',
]);
export const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
  '澹台',
  '南宫',
];

export function looksLikePersonName(token: string): boolean {
  if (!/^\p{Script=Han}{2,4}$/u.test(token)) return false;
  if (token.length === 4) return COMPOUND_SURNAMES.some((s) => token.startsWith(s));
  return SURNAMES.has(token[0]) || COMPOUND_SURNAMES.some((s) => token.startsWith(s));
}

/** `王 芳` is one name padded to three characters: a lone character joins the next token. */
function mergePadded(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const lone = /^\p{Script=Han}$/u.test(tokens[i]) && tokens[i + 1] && /^\p{Script=Han}{1,2}$/u.test(tokens[i + 1]);
    const compound = COMPOUND_SURNAMES.includes(tokens[i]) && tokens[i + 1] && /^\p{Script=Han}{1,2}$/u.test(tokens[i + 1]);
    if (lone || compound) {
      out.push(tokens[i] + tokens[i + 1]);
      i += 1;
    } else out.push(tokens[i]);
  }
  return out.map(normaliseName).filter(Boolean);
}

const nameTokens = (text: string) =>
  mergePadded(
    text
      .trim()
      .split(/[\s、,，]+/u)
      .filter(Boolean),
  );

export type Byline = { role: string | null; names: string[] };

/** Role words read inside a glued token (`本报记者张靖本报通讯员郜敏`): a reporter's; `文`, `图`, `摄影` are also parts of names and units (`市摄影家协会`). */
const INNER_ROLES = BYLINE_ROLES.filter((r) => /记者|通讯员|评论员|实习生/u.test(r));

/** `张靖本报通讯员郜敏` → `张靖`, `本报通讯员`, `郜敏`: a token cut at the role words inside it (longest first at each place, one pass). */
function splitAtRoles(tok: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < tok.length;) {
    const role = INNER_ROLES.find((r) => tok.startsWith(r, i));
    if (!role) {
      i += 1;
      continue;
    }
    if (i > from) out.push(tok.slice(from, i));
    out.push(role);
    i += role.length;
    from = i;
  }
  if (from < tok.length) out.push(tok.slice(from));
  return out;
}

const surnameAt = (run: string, i: number) => (COMPOUND_SURNAMES.some((c) => run.startsWith(c, i)) ? 2 : SURNAMES.has(run[i]) ? 1 : 0);

/**
 * `王飞李永` → `王飞`, `李永`: names printed without spaces, split as a reader would: each
 * name a surname from the list and one or two given characters. Three-character names
 * are tried first (the commoner length); a run no such split covers stays whole.
 */
export function splitGluedNames(run: string): string[] {
  if (!/^\p{Script=Han}{4,12}$/u.test(run) || looksLikePersonName(run)) return [run];
  // best[i]: a split of run[i..] into names, or null; read from the end, each place once.
  const best: Array<string[] | null> = new Array(run.length + 1).fill(null);
  best[run.length] = [];
  for (let i = run.length - 1; i >= 0; i -= 1) {
    const sur = surnameAt(run, i);
    if (!sur) continue;
    for (const given of [2, 1]) {
      const end = i + sur + given;
      if (end <= run.length && best[end]) {
        best[i] = [run.slice(i, end), ...best[end]!];
        break;
      }
    }
  }
  return best[0] && best[0].length > 1 ? best[0] : [run];
}

/** `本报通讯员 胡伟杰 吴琛`, `记者 郭文治 李静雯`, `杨彬彬`, `中共鹤岗市委组织部`, `本报记者 王芳 通讯员 李强`. */
export function parseBylineText(text: string): Byline[] {
  const bylines: Array<{ role: string | null; tokens: string[] }> = [];
  let current: { role: string | null; tokens: string[] } | null = null;
  for (let tok of text
    .trim()
    .split(/[\s、,，]+/u)
    .filter(Boolean)
    .flatMap(splitAtRoles)) {
    tok = tok.replace(/[:：/／]$/u, '');
    const role = BYLINE_ROLES.find((r) => tok === r || (r.length >= 2 && tok.startsWith(r) && [...tok].length - r.length >= 2));
    if (role) {
      current = { role, tokens: [] };
      bylines.push(current);
      tok = tok.slice(role.length).replace(/^[:：/／]/u, '');
      if (!tok) continue;
    }
    if (!current) {
      current = { role: null, tokens: [] };
      bylines.push(current);
    }
    current.tokens.push(tok);
  }
  // A role alone is a byline too: `□本报评论员`. Under a person's role, a run of names without spaces is split (never an organisation's name).
  return bylines
    .map((b) => ({ role: b.role, names: mergePadded(b.role && PERSON_ROLES.includes(b.role) ? b.tokens.flatMap(splitGluedNames) : b.tokens) }))
    .filter((b) => b.names.length || b.role);
}

/** `□本报通讯员 胡伟杰 吴琛`, `■记者 …`, `■中共鹤岗市委组织部`: a marked byline (not a photo credit). */
export function matchMarkedByline(line: string): Byline[] | null {
  if (!MARKED.test(line.trim()) || line.trim().length > MAX_MARKED_LINE) return null;
  const m = new RegExp(`^${MARK}\\s*(.+)$`, 'u').exec(line.trim());
  if (!m || matchPhotoCredit(line) || matchCredits(line) || matchMarkedLabel(line)) return null;
  const bylines = parseBylineText(m[1]);
  return bylines.length ? bylines : null;
}

/**
 * `本报记者 赵 敏` without a mark: a reporter's role and names alone on a line. Read as a
 * byline only where the layout shows the line is no paragraph (rules.ts, bylineAt).
 */
export function matchPlainByline(line: string): Byline[] | null {
  const t = line.trim();
  if (t.length > 40 || /[。，；！？]/u.test(t)) return null;
  const bylines = parseBylineText(t);
  const ok = bylines.length > 0 && bylines.every((b) => b.role && PERSON_ROLES.includes(b.role) && b.names.length && b.names.every(looksLikePersonName));
  return ok ? bylines : null;
}

export type PhotoCredit = { credit: string; creditRole: string | null; creditKind: PhotoCreditKind };

/** `□本报记者 陶维明摄`, `鹤岗市委组织部供图`, `图片由江津区中心医院提供`. */
export function matchPhotoCredit(line: string): PhotoCredit | null {
  if (!/摄|供图|提供/u.test(line)) return null; // each form below ends in one of them
  const t = line.trim().replace(new RegExp(`^${MARK}\\s*`, 'u'), '');
  if (t.length > 40) return null;
  let m = /^图片由(.+?)提供[。.]?$/u.exec(t);
  if (m) return { credit: normaliseName(m[1]), creditRole: null, creditKind: '提供' };
  m = /^(.+?)供图[。.]?$/u.exec(t);
  if (m) return { credit: normaliseName(m[1]), creditRole: null, creditKind: '供图' };
  m = /^(.+?)\s*摄[。.]?$/u.exec(t);
  if (m && !/[，。；]/u.test(m[1])) {
    const [b] = parseBylineText(m[1]);
    if (b && b.names.length) return { credit: b.names.join(' '), creditRole: b.role, creditKind: '摄' };
  }
  return null;
}

export type Credits = Record<SignRole, string | null>;

/** `□编辑/王 芳 □版式/任宝红 □审校/刘 军` (on one line or several). */
const CREDIT_WORD = /责任编辑|责编|编辑|版式|美编|排版|审校|校对/u;
export function matchCredits(line: string): Partial<Credits> | null {
  // A credits line is short; the lookaheads below scan white space once per position.
  if (line.trim().length > MAX_MARKED_LINE || !CREDIT_WORD.test(line)) return null;
  const re =
    /[□■]?\s*(责任编辑|责编|编辑|版式|美编|排版|审校|校对)\s*[/／:：]\s*([^□■/／]+?)(?=\s*[□■]|\s+(?:责任编辑|责编|编辑|版式|美编|排版|审校|校对)\s*[/／:：]|$)/gu;
  const found: Partial<Credits> = {};
  let consumed = '';
  for (const m of line.trim().matchAll(re)) {
    found[CREDIT_ROLE_WORDS[m[1]]] = normaliseName(m[2]);
    consumed += m[0];
  }
  if (!Object.keys(found).length) return null;
  // The whole line must be credits, not a sentence that mentions an editor.
  return consumed.replace(/\s/g, '').length >= line.replace(/\s/g, '').length - 1 ? found : null;
}

const POSITIONS = ['左上图', '右上图', '左下图', '右下图', '上图', '下图', '左图', '右图', '中图', '图一', '图二', '图三', '图四', '题图'];

/** `上图：在呼图壁县…`, `图为…`. */
export function matchCaption(line: string): { caption: string; position: string | null } | null {
  const t = line.trim();
  const pos = POSITIONS.find((p) => t.startsWith(p) && /^[：:\s]/u.test(t.slice(p.length)));
  if (pos) return { position: pos, caption: t.slice(pos.length).replace(/^[：:\s]+/u, '') };
  const m = /^图[①②③④⑤⑥⑦⑧⑨⑩\d]+[：:\s]\s*(.+)$/u.exec(t);
  if (m) return { position: t.slice(0, t.indexOf(m[1])).replace(/[：:\s]+$/u, ''), caption: m[1] };
  if (/^图为[：:]?/u.test(t) && t.length > 4) return { position: null, caption: t };
  return null;
}

// The three end lines below are read with anchored prefixes and trims rather than one regex
// with `(.+?)\s*…$`: that form rescans a run of spaces from each of its positions.
/** `来源：光明日报`. */
export const matchSource = (line: string) => {
  const t = line.trim();
  const m = /^来源\s*[：:]\s*/u.exec(t);
  if (m) return t.slice(m[0].length).trimEnd() || null;
  if (t.length > 60) return null;
  // `（来源：人民日报）`; `（据新华社郑州9月9日电）`, a reprint's credit: a paper, site or wire service, not a sentence (`（据统计，…）`).
  const bracket = bracketed(t, /^\s*来源\s*[：:]\s*/u, '');
  if (bracket) return bracket;
  const wire = bracketed(t, /^\s*据\s*/u, '');
  return wire && !/[，。；、]/u.test(wire) && /(?:社|报|网|台|刊|杂志|电)/u.test(wire) ? wire : null;
};
/** What is inside `（…）` (either width) once `ending` is cut off its end, or null. */
function bracketed(line: string, opening: RegExp, ending: string): string | null {
  const t = line.trim();
  if (!/^[（(]/u.test(t) || !/[）)]$/u.test(t)) return null;
  const inner = t.slice(1, -1).trimEnd();
  if (!inner.endsWith(ending)) return null;
  const m = opening.exec(inner);
  const text = inner.slice(m ? m[0].length : 0, inner.length - ending.length).trim();
  return m && text ? text : null;
}
/** `（白山社区党委供稿）`. */
export const matchSuppliedBy = (line: string) => bracketed(line, /^\s*/u, '供稿');
/** `（作者系…）`, `（作者为…）`, `（作者单位：…）`: who the author is (the broadsheet prints it as `作者系…`). */
export const matchAuthorNote = (line: string) => bracketed(line, /^\s*作者(?:系|为|单位\s*[：:])\s*/u, '');
export const matchIssueNumber = (line: string) => {
  const m = /^第\s*(\d{1,5})\s*期(?:\s|$|[（(])/u.exec(line.trim());
  return m && line.trim().length <= 40 ? Number(m[1]) : null;
};
export const matchEmail = (line: string) => /E-?mail\s*[：:]\s*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/iu.exec(line)?.[1] ?? null;
export const matchPageNumber = (line: string) => {
  const m = /^第\s*(\d{1,3})\s*版(?:\s+(.+))?$/u.exec(line.trim());
  return m ? { number: Number(m[1]), name: m[2]?.trim() || null } : null;
};
/** `# 标题`, `## 小标题 ##`: the level and the text without the closing #s (trimmed by hand: `(.+?)\s*#*\s*$` is cubic on spaces). */
export const matchMarkdownHeading = (line: string) => {
  const t = line.trim();
  const m = /^(#{1,6})\s+/u.exec(t);
  if (!m || /[\n\r\u2028\u2029]/u.test(t)) return null;
  const rest = t.slice(m[0].length);
  let end = rest.trimEnd().length;
  while (end > 0 && rest[end - 1] === '#') end -= 1;
  const text = rest.slice(0, end).trimEnd();
  return { level: m[1].length, text: text || rest[0] };
};
export const matchSubtitle = (line: string) => /^(?:——|--|—|－－)\s*(.+)$/u.exec(line.trim())?.[1] ?? null;

/** Names alone at an article's end: `杨柳丝 余新`, `马太超 王楠`. */
export function matchEndNames(line: string): string[] | null {
  if (line.trim().length > 30) return null;
  const tokens = nameTokens(line);
  if (!tokens.length || tokens.length > 5) return null;
  return tokens.every(looksLikePersonName) ? tokens : null;
}

const FINAL = /[。！？!?…]["”’』」）)]*$|[。！？!?]$/u;
export const endsSentence = (text: string) => FINAL.test(text.trim());

/** A short line with no sentence punctuation: a headline, subhead, kicker or column label. */
export function isHeadingLike(text: string, max = 50): boolean {
  const t = text.trim();
  // More than 2·max code units are more than max characters: no need to spread a long line.
  if (!t || t.length > 2 * max || [...t].length > max || !HAS_HAN.test(t)) return false;
  if (/[。；;，,、！？!?：:]$/u.test(t)) return false;
  if (/[。；]/u.test(t)) return false;
  return !MARKED.test(t);
}

// Words a heading never ends on: a line ending in one is a paragraph cut by a column end.
const DANGLING_END = /[和的了在与及对为把被从向等并而或之其是有将把给让使于以就也都还又更很较]$/u;

/** The line stops on a word no heading ends with: a paragraph cut mid-sentence. */
export const endsDangling = (text: string) => DANGLING_END.test(text.trim());

/** An in-body subhead (小标题): short, no sentence punctuation, no commas, not cut mid-sentence. */
export const isSubheadLike = (text: string) => isHeadingLike(text, 24) && !/[，,、]/u.test(text) && !DANGLING_END.test(text.trim());

/** `一、…`, `（一）…`, `1.…`: a numbered subhead. */
export const isNumberedHeading = (text: string) =>
  /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．])\S/u.test(text.trim()) &&
  [...text.trim()].length <= 40 &&
  !/[。]$/u.test(text.trim());

/** A column label (栏目): short, one word, no punctuation — `争先创优`, `评论观点`. */
export const isColumnLabel = (text: string) => /^[\p{Script=Han}A-Za-z·]{2,8}$/u.test(text.trim());

/**
 * `学党史 悟思想 办实事 开新局`: the theme band printed across a page's top, short
 * phrases of Chinese alone (2 to 8 characters each) separated by spaces. Returns the
 * phrases, or null. Headlines and kickers have this shape too when they have two
 * phrases (`红心聚力 幸福同行`); three or more of the same length are a band's.
 */
export function matchThemeBand(line: string): string[] | null {
  const t = line.trim();
  if (t.length > 48) return null;
  const phrases = t.split(/[\s\u3000]+/u);
  if (phrases.length < 2 || phrases.length > 6 || !phrases.every((p) => /^\p{Script=Han}{2,8}$/u.test(p))) return null;
  return phrases;
}
/** A band for certain: three or more short phrases of one length (`学党史 悟思想 办实事 开新局`); a headline's phrases are longer. */
export const isCertainThemeBand = (phrases: string[]) => phrases.length >= 3 && phrases[0].length <= 5 && phrases.every((p) => p.length === phrases[0].length);

/**
 * `编者按：…`, `【编者按】…`, `编后：…`, `短评：…`: the editors' own words introducing an article
 * or a page (编者按) or following an article (编后, 短评). No field of an article holds them: they
 * stay in its body as a marked paragraph (rules.ts, editorNote). `text`: the line as printed.
 */
export type EditorNote = { kind: '编者按' | '编后' | '短评'; text: string; alone: boolean };
export function matchEditorNote(line: string): EditorNote | null {
  const t = line.trim();
  const m = /^[【[]?(编者按|编者的话|编后语|编后|短评)[】\]]?(?=$|[：:\s]|[】\]])/u.exec(t);
  if (!m) return null;
  const rest = t.slice(m[0].length).replace(/^[：:\s]+/u, '');
  // `短评` alone is a label over a commentary's headline (a 栏目), not a note.
  if (m[1] === '短评' && !rest) return null;
  const kind = m[1] === '编者的话' ? '编者按' : m[1] === '编后语' ? '编后' : (m[1] as EditorNote['kind']);
  return { kind, text: t, alone: !rest };
}

/**
 * A photo-news item's one paragraph: the caption, then its credit on the same line,
 * perhaps after an in-house code (`…收获玉米。⑧3程全摄`: `⑧3`, `②6` are the desk's codes,
 * not names). Returns the caption, the code and the credit, or null.
 */
export function matchCaptionCredit(line: string): { caption: string; code: string | null; credit: PhotoCredit } | null {
  const line0 = line.trim();
  if (!/摄[。.]?$/u.test(line0) || line0.length > 400) return null;
  const t = line0.replace(/摄[。.]$/u, '摄');
  const end = Math.max(t.lastIndexOf('。'), t.lastIndexOf('！'), t.lastIndexOf('？'));
  const tail = end > 0 ? t.slice(end + 1) : '';
  if (!tail || tail.length > 24) return null;
  const code = /^\s*[\u2460-\u2473\u24ea\u3251-\u325f]\d{0,3}/u.exec(tail)?.[0] ?? null;
  const credit = matchPhotoCredit(tail.slice(code?.length ?? 0));
  // What follows the credit's 摄 (a full stop) stays with the credit line as printed; the caption is the sentences before it.
  return credit && credit.creditKind === '摄' ? { caption: t.slice(0, end + 1), code: code?.trim() ?? null, credit } : null;
}

/**
 * `□师者之尊缘自用心`: a section label printed with a byline's mark over the articles
 * under it. Not a byline: one phrase of Chinese, longer than a name, that is neither a
 * role nor an organisation's name (`□中共鹤岗市委组织部` stays a byline). Returns the label.
 */
const UNIT_ENDING = /(?:[委局厅院校所部处科站队社会馆台镇乡村办司组]|中心|公司|集团|政府|街道|社区)$/u;
export function matchMarkedLabel(line: string): string | null {
  const m = /^[□■]\s*(\p{Script=Han}{5,16})$/u.exec(line.trim());
  if (!m || BYLINE_ROLES.some((r) => m[1].startsWith(r))) return null;
  return UNIT_ENDING.test(m[1]) ? null : m[1];
}

const NUMERALS = '一二三四五六七八九';
/** `三` → 3, `十二` → 12, `12` → 12 (a page number: up to 99). */
function pageNumberOf(t: string): number | null {
  if (/^\d{1,2}$/u.test(t)) return Number(t);
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/u.exec(t);
  if (!m || !t) return null;
  const [, tens, ten, units] = m;
  if (!ten) return tens && !units ? NUMERALS.indexOf(tens) + 1 : null;
  return (tens ? NUMERALS.indexOf(tens) + 1 : 1) * 10 + (units ? NUMERALS.indexOf(units) + 1 : 0);
}

/** `（下转第三版）`, `（上接第一版）`, `（转第2版）`: where the article goes on, or where it came from. */
export function matchContinuation(line: string): { dir: 'to' | 'from'; page: number } | null {
  const m = /^（\s*(下转|转|上接|接)\s*第?\s*([一二三四五六七八九十\d]{1,3})\s*版\s*）$/u.exec(line.trim());
  const page = m && pageNumberOf(m[2]);
  return m && page ? { dir: m[1].endsWith('接') ? 'from' : 'to', page } : null;
}
