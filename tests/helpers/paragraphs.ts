import MarkdownIt from 'markdown-it';

const md = new MarkdownIt();

/** Plain paragraphs' first characters, for checks that every paragraph made it to print. */
export function paragraphStarts(source: string, length = 12): string[] {
  return md
    .parse(source ?? '', {})
    .filter((t) => t.type === 'inline')
    .map((t) => t.content.trim().slice(0, length))
    .filter(Boolean);
}
