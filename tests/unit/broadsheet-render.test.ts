import { renderMarkdown } from '../../src/broadsheet/markdown';
import { parseHTML } from 'linkedom';
import { buildSiteFiles, EmptyIssueError } from '../../src/broadsheet/site';
import type { ImageIndex } from '../../src/broadsheet/view-model';
import { paragraphStarts } from '../helpers/paragraphs';
import { demoTree } from '../helpers/demo-tree';

const doc = (html: string | Buffer) => parseHTML(String(html)).document;
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

function imagesFor(tree = demoTree()): ImageIndex {
  const index: ImageIndex = new Map();
  for (const page of tree.pages)
    for (const pl of page.placements)
      for (const ph of pl.article.photos) {
        index.set(ph.image!.url, {
          width: 1800,
          height: 1200,
          printJpeg: 'images/x-1600.jpg',
          variants: [480, 960, 1600].map((w) => ({ width: w, height: Math.round((w * 2) / 3), webp: `images/x-${w}.webp`, jpeg: `images/x-${w}.jpg` })),
        });
      }
  return index;
}

describe('broadsheet site', () => {
  const tree = demoTree();
  const files = buildSiteFiles(tree, imagesFor(tree));
  const page = doc(files.get('pages/3.html')!);
  const articles = tree.pages[0].placements.map((p) => p.article);

  it('writes the index, one file per page and per article, print.html and the stylesheet', () => {
    expect([...files.keys()]).toEqual([
      'articles/article-1.html',
      'articles/article-2.html',
      'articles/article-3.html',
      'articles/article-4.html',
      'assets/broadsheet.css',
      'index.html',
      'pages/3.html',
      'print.html',
    ]);
  });

  it('puts the masthead and a table of contents by page on the index', () => {
    const index = doc(files.get('index.html')!);
    expect(text(index.querySelector('.masthead-name'))).toBe('昌吉党建（示例）');
    expect(text(index.querySelector('.masthead-meta'))).toContain('第12期');
    expect(text(index.querySelector('.masthead-meta'))).toContain('2024年7月5日 星期五');
    expect(text(index.querySelector('.masthead-meta'))).toContain('E-mail:dangjian-demo@example.org');
    expect(text(index.querySelector('.toc-page'))).toBe('第3版 · 党建');
    const links = [...index.querySelectorAll('.toc-pages ul a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['articles/article-1.html', 'articles/article-2.html', 'articles/article-3.html', 'articles/article-4.html']);
  });

  it('places every article in order on the module grid: no overlaps, inside the 版心, as wide as its span asks', () => {
    const placed = [...page.querySelectorAll('.sheet-grid > .placement')];
    expect(placed.map((p) => text(p.querySelector('h2.headline')))).toEqual(articles.map((a) => a.headline));
    const rects = placed.map((p) => p.getAttribute('data-rect')!.split(',').map(Number));
    // Span 3 of the old six-column model is half the page: 4 of the 对开 grid's 8 columns.
    expect(rects.map(([, colSpan]) => colSpan)).toEqual([4, 4, 4, 4]);
    expect(rects[0].slice(0, 3)).toEqual([1, 4, 1]);
    const cells = new Set<string>();
    for (const [col, colSpan, row, rowSpan] of rects) {
      expect(col + colSpan - 1).toBeLessThanOrEqual(8);
      expect(row + rowSpan - 1).toBeLessThanOrEqual(20);
      for (let r = row; r < row + rowSpan; r++)
        for (let c = col; c < col + colSpan; c++) {
          expect(cells.has(`${r}:${c}`)).toBe(false);
          cells.add(`${r}:${c}`);
        }
    }
    expect(cells.size).toBe(8 * 20); // the automatic layout leaves no hole
    expect(placed[0].getAttribute('style')).toMatch(/^left: 0mm; top: 0mm; width: [\d.]+mm; height: [\d.]+mm; --text-columns: 4; --headline-size: [\d.]+pt$/);
    expect(placed.every((p) => p.getAttribute('data-auto') === 'true')).toBe(true);
    expect(placed[0].classList.contains('lead')).toBe(true);
  });

  it('prints the page header, theme band and the credits line', () => {
    expect(text(page.querySelector('.folio'))).toBe('第3版党建');
    expect(text(page.querySelector('.sheet-meta'))).toContain('2024年7月5日 星期五');
    expect(text(page.querySelector('.theme-band'))).toBe('党建引领 法润凤城');
    expect(text(page.querySelector('.credits'))).toBe('□编辑/王芳 □版式/任宝红 □审校/刘军');
    expect(page.documentElement.getAttribute('lang')).toBe('zh-Hans');
  });

  it('keeps column tags, bylines with □, captions with credits, author note and source', () => {
    const [a1, a2, , a4] = [...page.querySelectorAll('article')];
    expect(text(a1.querySelector('.byline'))).toBe('□本报通讯员 胡伟杰 吴琛');
    expect([...a1.querySelectorAll('.byline .name')].map((n) => n.textContent)).toEqual(['胡伟杰', '吴琛']);
    expect(text(a2.querySelector('.column-tag'))).toBe('争先创优');
    const captions = [...a2.querySelectorAll('figcaption')];
    expect(captions.map((c) => text(c.querySelector('.caption')))).toEqual([
      `上图：${articles[1].photos[0].caption}`,
      `下图：${articles[1].photos[1].caption}`,
    ]);
    expect(captions.map((c) => text(c.querySelector('.credit')))).toEqual(['□本报记者 陶维明摄', '□本报记者 陶维明摄']);
    expect(text(a4.querySelector('.byline'))).toBe('□杨彬彬');
    expect(text(a4.querySelector('.author-note'))).toBe('（作者系中国社会科学院马克思主义研究院副研究员）');
    expect(text(a4.querySelector('.source'))).toBe('来源：光明日报');
  });

  it('turns body headings into in-body subheads and keeps every paragraph', () => {
    const a3 = page.querySelectorAll('article')[2];
    expect([...a3.querySelectorAll('.body h3.subhead')].map(text)).toContain('凝心铸魂 固牢发展之“根本”');
    const printed = text(a3.querySelector('.body'));
    for (const start of paragraphStarts(articles[2].body)) expect(printed).toContain(start);
  });

  it('gives photos srcset in WebP with a JPEG fallback, sizes, width and height', () => {
    const pic = page.querySelector('picture')!;
    expect(pic.querySelector('source')!.getAttribute('type')).toBe('image/webp');
    expect(pic.querySelector('source')!.getAttribute('srcset')).toBe('../images/x-480.webp 480w, ../images/x-960.webp 960w, ../images/x-1600.webp 1600w');
    const img = pic.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('../images/x-1600.jpg');
    expect(img.getAttribute('sizes')).toBe('(max-width: 720px) 100vw, 50vw');
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['1600', '1067']);
    const print = doc(files.get('print.html')!);
    expect(print.querySelector('.photo img')!.getAttribute('src')).toBe('images/x-1600.jpg');
    expect(print.querySelector('picture')).toBeNull();
  });

  it('prints every page on its own sheet of the format size, the issue in each folio line', () => {
    const print = doc(files.get('print.html')!);
    expect(print.querySelectorAll('section.sheet')).toHaveLength(tree.pages.length);
    expect(String(files.get('print.html'))).toContain('@page { size: 390mm 545mm; margin: 0; }');
    expect(text(print.querySelector('.sheet-meta'))).toBe('2024年7月5日 星期五昌吉党建（示例）第12期');
    expect(print.querySelector('.sheet')!.getAttribute('style')).toContain('--paper-w: 390mm; --paper-h: 545mm; --type-w: 350mm; --type-h: 490mm');
    const css = String(files.get('assets/broadsheet.css'));
    expect(css).toMatch(/column-fill: auto/);
    expect(css).toMatch(/line-break: strict/);
    expect(css).toMatch(/"Noto Serif CJK SC"/);
    expect(css).not.toMatch(/url\(\s*["']?https?:/); // no network fonts
  });

  it('links everything relatively and loads nothing from the network', () => {
    for (const [name, content] of files) {
      if (!name.endsWith('.html')) continue;
      const d = doc(content);
      expect(d.querySelectorAll('script')).toHaveLength(0);
      for (const el of d.querySelectorAll('[href], [src]')) {
        const ref = el.getAttribute('href') ?? el.getAttribute('src')!;
        expect(ref).not.toMatch(/^(https?:)?\/\//);
      }
    }
  });

  it('gives a reading view per article that fits a phone', () => {
    const reading = doc(files.get('articles/article-2.html')!);
    expect(reading.querySelector('meta[name=viewport]')!.getAttribute('content')).toContain('width=device-width');
    expect(text(reading.querySelector('h2.headline'))).toBe(articles[1].headline);
    expect(reading.querySelector('link[rel=stylesheet]')!.getAttribute('href')).toBe('../assets/broadsheet.css');
    expect(reading.querySelector('nav a[href="../pages/3.html#article-article-2"]')).not.toBeNull();
  });

  it('is deterministic: the same tree gives the same bytes', () => {
    const again = buildSiteFiles(demoTree(), imagesFor());
    expect([...again.entries()]).toEqual([...files.entries()]);
  });

  it('refuses an issue with nothing to print', () => {
    const empty = { ...demoTree(), pages: [] };
    expect(() => buildSiteFiles(empty, new Map())).toThrow(EmptyIssueError);
    const noArticles = demoTree();
    noArticles.pages[0].placements = [];
    expect(() => buildSiteFiles(noArticles, new Map())).toThrow(/no placed articles/);
  });
});

describe('hostile text', () => {
  const tree = demoTree();
  const a = tree.pages[0].placements[0].article;
  a.headline = '<script>alert("headline")</script>标题';
  a.kicker = '<img src=x onerror=alert(1)>';
  a.body =
    '正文[点我](javascript:alert(1))和[这里](JAVASCRIPT:alert(2))、[数据](data:text/html;base64,PHNjcmlwdD4=)\n\n<script>alert("body")</script>\n\n[正常链接](https://www.12371.cn/)';
  a.bylines = [{ role: '"><b>', contributors: [{ name: '</p><script>x()</script>', kind: 'person' }] }];
  tree.publication!.name = '党建"; } </style><script>alert(1)</script>';
  const files = buildSiteFiles(tree, imagesFor(tree));

  it('escapes it everywhere and runs nothing', () => {
    for (const [name, content] of files) {
      if (!name.endsWith('.html')) continue;
      const html = String(content);
      const d = doc(html);
      expect([name, d.querySelectorAll('script').length]).toEqual([name, 0]);
      expect(d.querySelectorAll('[onerror]')).toHaveLength(0);
      expect(html).not.toContain('<script>');
      for (const link of d.querySelectorAll('a[href]')) expect(link.getAttribute('href')).not.toMatch(/^\s*(javascript|data|vbscript):/i);
    }
    const page = doc(files.get('pages/3.html')!);
    expect(text(page.querySelector('h2.headline'))).toBe('<script>alert("headline")</script>标题');
    expect(text(page.querySelector('.body'))).toContain('[点我](javascript:alert(1))');
    expect(page.querySelector('.body a[href="https://www.12371.cn/"]')!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(text(page.querySelector('.body'))).toContain('<script>alert("body")</script>');
  });

  it('refuses protocol-relative and backslash links (off-site like any other scheme)', () => {
    const body = '[甲](//evil.example/x) [乙](\\\\evil.example/y) [丙](/\\evil.example) [丁](/pages/3.html) [戊](../articles/a.html) [己](#top)';
    const html = renderMarkdown(body);
    const hrefs = [...doc(`<div>${html}</div>`).querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
    // Whatever survives stays on the site it is published on (markdown-it percent-encodes a backslash).
    for (const href of hrefs) expect([href, new URL(href!, 'https://paper.example/pages/3.html').origin]).toEqual([href, 'https://paper.example']);
    expect(hrefs).toEqual(expect.arrayContaining(['/pages/3.html', '../articles/a.html', '#top']));
    expect(html).not.toMatch(/href="\/\//); // the refused link stays text, like any refused link
  });

  it('puts only numbers in the style of print.html and of each sheet, never stored text', () => {
    const print = doc(files.get('print.html')!);
    const style = print.querySelector('head style')!.textContent!;
    expect(style).toMatch(/^\s*@page \{ size: [\d.]+mm [\d.]+mm; margin: 0; \}\s*$/);
    for (const el of print.querySelectorAll('[style]')) expect(el.getAttribute('style')).toMatch(/^([a-z-]+: -?[\d.]+(mm|pt)?;? ?)+$/);
  });
});
