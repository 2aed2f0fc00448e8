import { endsDangling, endsSentence, isHeadingLike, looksLikePersonName, matchEndNames, matchPlainByline } from './conventions';
import { BYLINE_ROLES } from '../newsroom/glossary';

/**
 * A whole section kept on one line (a web page copied as one paragraph: three
 * commentaries, each headline, byline, body and author note one after the other) is cut
 * into the lines a page would have had, where the text itself shows a line ended: before
 * a □/■ byline, around an end line (`（作者系…）`, `（据…）`, `来源：…`), and at a space
 * after a sentence's end or after a short line without sentence punctuation (a headline
 * or a name: `以钉钉子精神抓好落实 王建国 抓落实是…`). A space inside a sentence stays.
 * A headline glued to the sentence before a □byline (`…一任干。把为民造福作为最重要的政绩□李红梅`)
 * is cut off at that sentence's end. Nothing is dropped but the spaces at the cuts.
 * One pass over the line, each piece looked at once.
 */

/** Lines longer than this may be a section kept on one line; a paragraph of a printed page rarely is. */
export const LONG_LINE = 200;
/** The longest piece taken for a headline or a name between spaces. */
const SHORT = 40;

const END_OPENING = /^（(?:作者|来源|据)/u;
const unmarked = (t: string) => t.replace(/^[□■]\s*/u, '');
/**
 * A headline or byline between spaces: short, no punctuation of a sentence's middle, no quotation or bracket left
 * open (`依托“党建引领 法润凤城”`), not stopping on a word or number a sentence goes on from (`正文有 3 个`).
 */
const count = (t: string, ch: string) => t.split(ch).length - 1;
function isShort(piece: string): boolean {
  const t = unmarked(piece);
  if (piece.length > 2 * SHORT || !isHeadingLike(t, SHORT) || /[，、,：:]/u.test(t) || endsDangling(t) || !/[\p{Script=Han}”》）」』]$/u.test(t)) return false;
  return count(t, '“') === count(t, '”') && count(t, '（') === count(t, '）') && count(t, '《') === count(t, '》');
}
const isByline = (t: string) => !!(matchPlainByline(unmarked(t)) ?? matchEndNames(unmarked(t)));

/**
 * A space after a short line (a headline, a byline) ends it, except inside a byline: after
 * a role word (`本报记者 王芳`), a lone character (`王 芳`, padded), or names still followed by a name.
 */
const lone = (w: string | undefined) => !!w && /^\p{Script=Han}$/u.test(unmarked(w));
function shortLineEnds(line: string, before: string | undefined, last: string, next: string): boolean {
  if (!isShort(line)) return false;
  // `王` of `王 芳` waits for its given name; `芳` after it completes the name.
  if (BYLINE_ROLES.includes(unmarked(last).replace(/[:：]$/u, '')) || (lone(last) && !lone(before))) return false;
  return !(isByline(line) && looksLikePersonName(next));
}

/** The line's words at its marks and end lines: each either glued to the one before (`glued`) or after a space. */
function words(t: string): Array<{ text: string; glued: boolean }> {
  const out: Array<{ text: string; glued: boolean }> = [];
  for (const word of t.split(/\s+/u)) {
    if (!word) continue;
    // Hard cuts inside a word: before □/■, before `（作者…`/`（据…`/`（来源…`/`来源：`, after the `）` closing one of those.
    let from = 0;
    let inEnd = false;
    for (let i = 0; i < word.length; i += 1) {
      const ch = word[i];
      const cutBefore = i > from && (ch === '□' || ch === '■' || (ch === '（' && END_OPENING.test(word.slice(i, i + 3))) || word.startsWith('来源：', i));
      if (cutBefore) {
        out.push({ text: word.slice(from, i), glued: from > 0 });
        from = i;
      }
      if (ch === '（' && END_OPENING.test(word.slice(i, i + 3))) inEnd = true;
      if (ch === '）' && inEnd) {
        inEnd = false;
        if (i + 1 < word.length) {
          out.push({ text: word.slice(from, i + 1), glued: from > 0 });
          from = i + 1;
        }
      }
    }
    out.push({ text: word.slice(from), glued: from > 0 });
  }
  return out;
}

const isEndLine = (t: string) => END_OPENING.test(t) || t.startsWith('来源：');
const hardBefore = (t: string) => t[0] === '□' || t[0] === '■' || isEndLine(t);

export function splitLongLine(t: string): string[] {
  if (t.length <= LONG_LINE) return [t];
  const lines: string[] = [];
  // The line being built: its pieces and length; the text is joined once, when the line is done.
  let pieces: string[] = [];
  let length = 0;
  const done = () => {
    if (pieces.length) lines.push(pieces.join(''));
    pieces = [];
    length = 0;
  };
  const ws = words(t);
  for (const [k, w] of ws.entries()) {
    if (pieces.length) {
      const last = pieces[pieces.length - 1];
      const prevEnd = isEndLine(pieces[0]) && /）$/u.test(last);
      const cut =
        hardBefore(w.text) ||
        prevEnd ||
        (!w.glued && (endsSentence(last) || (length <= 2 * SHORT && shortLineEnds(pieces.join(''), pieces[pieces.length - 3], last, w.text))));
      if (cut) {
        // A headline glued after a sentence, just over a byline: cut at that sentence's end.
        if (w.text[0] === '□' || w.text[0] === '■') {
          const line = pieces.join('');
          const end = Math.max(line.lastIndexOf('。'), line.lastIndexOf('！'), line.lastIndexOf('？'));
          const tail = end >= 0 ? line.slice(end + 1) : '';
          if (end >= 0 && tail && isShort(tail)) {
            pieces = [line.slice(0, end + 1)];
            done();
            pieces = [tail];
          }
        }
        done();
      } else pieces.push(w.glued ? '' : ' ');
    }
    pieces.push(w.text);
    length += w.text.length + 1;
    if (k === ws.length - 1) done();
  }
  done();
  return lines;
}
