import { matchCaption, matchMarkedByline, matchPhotoCredit } from '../ocr-import/conventions';

/**
 * What every file format is turned into before the one parser reads it: blocks of
 * text in reading order, each with what the file's structure proved about it (a
 * headline by its markup or its larger type, a figure's caption). `renderLines`
 * writes them as the lines the OCR rules read (src/ocr-import/rules.ts), in forms
 * those rules already know, so the rule table needs no format of its own:
 *   headline → `# 标题` (the markdown-heading rule), heading → `## 小标题` (markdown-subhead),
 *   a short line right under the headline that reads as a byline → `□…` (the byline rule),
 *   a subtitle → `——…`, a caption → after a photo's gap (two blank lines, the caption rules),
 *   paragraphs → lines with a blank line between them; a line break inside one → a line.
 */
export type Block = { kind: 'headline' | 'subtitle' | 'heading' | 'para' | 'caption' | 'image'; text: string };

const SENTENCE_END = /[。！？；]$/u;

/** A line under the headline that the byline rule would read once marked, and nothing else would. */
function bylineUnderHeadline(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > 40 || SENTENCE_END.test(t) || /^[□■]/u.test(t)) return false;
  return matchMarkedByline(`□${t}`) !== null && /(?:记者|通讯员|特约|作者|评论员|文\s*[/／:：])/u.test(t);
}

const marked = (text: string) => /^[□■]/u.test(text.trim()) && matchMarkedByline(text) !== null;

/** Before the headline, headings are the lines over it (栏目, 引题), as the header rule reads them. */
function settle(blocks: Block[]): Block[] {
  const head = blocks.findIndex((b) => b.kind === 'headline');
  return blocks.map((b, k) => {
    if (b.kind === 'heading' && k < head) return { ...b, kind: 'para' };
    if (b.kind === 'heading' && /^——/u.test(b.text.trim())) return { ...b, kind: 'subtitle' };
    return b;
  });
}

export function renderLines(input: Block[]): string {
  const blocks = settle(input).filter((b) => b.kind === 'image' || b.text.trim());
  const out: string[] = [];
  let photoGap = false;
  for (const [k, b] of blocks.entries()) {
    const text = b.text.trim();
    if (b.kind === 'image') {
      photoGap = true;
      continue;
    }
    if (out.length) out.push(photoGap || b.kind === 'caption' ? '\n\n' : '\n');
    photoGap = false;
    if (b.kind === 'headline') {
      // A subtitle or byline under it proves it to the header rule, which also reads the lines over it; else `# `.
      const next = blocks[k + 1];
      // A headline over nothing but a short line (a page band over the date line) is left to the rules as a line.
      const proved = next && (next.kind === 'subtitle' || (next.kind === 'para' && (bylineUnderHeadline(next.text) || marked(next.text))));
      const overText = next && (next.kind === 'heading' || next.kind === 'caption' || (next.kind === 'para' && next.text.length >= 30));
      out.push(`${proved || !overText ? '' : '# '}${text.replace(/\s*\n\s*/gu, ' ')}`);
    } else if (b.kind === 'heading') out.push(`## ${text.replace(/\s*\n\s*/gu, ' ')}`);
    else if (b.kind === 'caption' || matchCaption(text)) out.push(splitCredit(text));
    else if (b.kind === 'subtitle') out.push(/^——/u.test(text) ? text : `——${text}`);
    else if (b.kind === 'para' && underHeadline(blocks, k) && bylineUnderHeadline(text)) out.push(`□${text}`);
    else out.push(text);
    out.push('\n');
  }
  return out.join('');
}

/** A caption that ends in its photo's credit (`…了解居民诉求。本报记者 王芳摄`): the credit on its own line, where the credit rule reads it. */
function splitCredit(text: string): string {
  const m = /^(.*[。！？”])\s*([^。！？”]{2,40})$/u.exec(text);
  return m && matchPhotoCredit(m[2]) ? `${m[1]}\n${m[2]}` : text;
}

/** Right under the headline, or under its subtitle. */
function underHeadline(blocks: Block[], k: number) {
  const before = blocks[k - 1];
  return before?.kind === 'headline' || (before?.kind === 'subtitle' && blocks[k - 2]?.kind === 'headline');
}
