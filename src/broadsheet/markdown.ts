import MarkdownIt from 'markdown-it';

/**
 * Article bodies are Markdown written by editors (or imported from OCR text).
 * Raw HTML is off, so `<script>` in a body is text; links go only to http(s),
 * mailto and relative targets; headings become in-body subheads (小标题),
 * always one level below the article's headline.
 */
// `//host/x` and `\\host` are off-site (protocol-relative) and refused like other schemes.
const SAFE_LINK = /^(?:https?:|mailto:|#|\.{0,2}\/(?![/\\])|(?![/\\])[^:]*$)/i;

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
// Browsers drop tabs and newlines inside URLs, so `/\t/host` must be judged as `//host`.
md.validateLink = (url: string) => SAFE_LINK.test(url.replace(/[\t\n\r]/g, '').trim());
md.renderer.rules.heading_open = () => '<h3 class="subhead">';
md.renderer.rules.heading_close = () => '</h3>\n';
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx].attrGet('href') ?? '');
  if (/^https?:/i.test(href)) tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string | null | undefined): string {
  return md.render(source ?? '');
}

export type TextBlock = { kind: 'paragraph' | 'subhead'; text: string };

/** The body's blocks as plain text (paragraphs, subheads), for copyfit: what the renderer sets, without markup. */
export function markdownBlocks(source: string | null | undefined): TextBlock[] {
  const tokens = md.parse(source ?? '', {});
  const blocks: TextBlock[] = [];
  tokens.forEach((t, i) => {
    if (t.type !== 'inline') return;
    const text = (t.children ?? []).map((c) => (c.type === 'softbreak' || c.type === 'hardbreak' ? '' : c.content)).join('');
    if (text.trim()) blocks.push({ kind: tokens[i - 1]?.type === 'heading_open' ? 'subhead' : 'paragraph', text: text.trim() });
  });
  return blocks;
}
