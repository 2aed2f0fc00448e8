import type { Block } from './blocks';

/**
 * An HTML article (a web page's article region, or a Word file as mammoth writes it)
 * → blocks. Headings, paragraphs, list items, quotes and captions are blocks; `<br>`
 * is a line break inside one; a figure's image marks a photo and its figcaption is its
 * caption (also a paragraph of class `caption`, `subtitle`: mammoth's style map writes them). Scripts, styles, navigation and forms are dropped (not article text).
 */

/** The little of a DOM node this reads (linkedom's; the build has no DOM lib). */
export type DomNode = {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: Iterable<DomNode>;
  tagName?: string;
  getAttribute?: (name: string) => string | null;
  classList?: { contains: (name: string) => boolean };
};

const DROP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'NAV', 'FORM', 'BUTTON', 'SELECT', 'IFRAME', 'SVG', 'ASIDE', 'FOOTER', 'HEADER', 'OBJECT']);
const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'TABLE', 'TR', 'TD', 'TH', 'PRE', 'DL', 'DT', 'DD', 'HR']);
const HEADING = /^H([1-6])$/;

/** Source line wraps are spaces to a browser; between two Chinese characters they are nothing. Spaces typed on one line stay (`王 芳`). */
export function cleanText(raw: string): string {
  return raw
    .replace(/\u00a0/gu, ' ')
    .replace(/[ \t]*\r?\n[\s]*/gu, '\n')
    .replace(/(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’])\n(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’])/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** `headline`: whether a heading of this level is the headline (`seen`: one was already); by default the first h1. */
type Options = { headline?: (level: number, seen: boolean) => boolean };

export function domBlocks(root: DomNode, options: Options = {}): Block[] {
  const blocks: Block[] = [];
  let seenHeadline = false;
  const isHeadline = options.headline ?? ((level: number, seen: boolean) => level === 1 && !seen);
  let buf: string[] = []; // the lines of the paragraph being read
  let cur = '';
  const flush = (kind: Block['kind'] = 'para') => {
    const lines = [...buf, cur].map(cleanText).filter(Boolean);
    buf = [];
    cur = '';
    if (lines.length) blocks.push({ kind, text: lines.join('\n') });
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      cur += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node;
    const tag = (el.tagName ?? el.nodeName).toUpperCase();
    if (DROP.has(tag) || el.getAttribute?.('hidden') != null || el.getAttribute?.('aria-hidden') === 'true') return;
    if (tag === 'BR') {
      buf.push(cur);
      cur = '';
      return;
    }
    if (tag === 'IMG') {
      flush();
      blocks.push({ kind: 'image', text: '' });
      return;
    }
    if (el.classList?.contains('subtitle')) {
      flush();
      for (const child of el.childNodes) walk(child);
      flush('subtitle');
      return;
    }
    const h = HEADING.exec(tag);
    if (h) {
      flush();
      const level = Number(h[1]);
      const headline = isHeadline(level, seenHeadline);
      seenHeadline ||= headline;
      for (const child of el.childNodes) walk(child);
      flush(headline ? 'headline' : 'heading');
      return;
    }
    if (tag === 'FIGCAPTION' || el.classList?.contains('caption')) {
      flush();
      for (const child of el.childNodes) walk(child);
      flush('caption');
      return;
    }
    const block = BLOCK.has(tag) || tag === 'FIGURE';
    if (block) flush();
    for (const child of el.childNodes) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks;
}
