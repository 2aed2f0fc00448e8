import { DEFAULT_NOTICE, newsroomDate, noticeText, withNotices } from '../../src/corrections/notices';
import { judgeArticleChange, type ArticleSnapshot } from '../../src/signoff/changes';
import { articleFile, siteView } from '../../src/broadsheet/view-model';
import { buildSiteFiles } from '../../src/broadsheet/site';
import { demoTree } from '../helpers/demo-tree';
import type { TreePage } from '../../src/newsroom/issue-tree';

/** The pure parts of 更正 / 撤稿 (src/corrections/): notices in a page, the change rule, the view model. */

const place = (order: number, rect: [number, number, number, number] | null = null) => ({
  order,
  span: 2,
  lead: false,
  col: rect?.[0] ?? null,
  colSpan: rect?.[1] ?? null,
  row: rect?.[2] ?? null,
  rowSpan: rect?.[3] ?? null,
});

describe('withdrawal notices', () => {
  const withdrawn = { date: '2026-12-02', notice: '本文已撤稿。' };
  const page = (placements: TreePage['placements']): TreePage => ({
    number: 1,
    name: null,
    theme: null,
    credits: { editor: null, layout: null, proofreader: null },
    placements,
  });

  it('puts the notice at the block’s place, in order, and never twice', () => {
    const tree = demoTree();
    const kept = tree.pages[0].placements[1];
    const once = withNotices(page([kept]), [{ place: place(1, [1, 3, 1, 5]), withdrawn }]);
    expect(once.placements.map((p) => [p.order, p.article?.headline ?? null, p.withdrawn])).toEqual([
      [1, null, withdrawn],
      [kept.order, kept.article!.headline, null],
    ]);
    expect(once.placements[0]).toMatchObject({ col: 1, colSpan: 3, row: 1, rowSpan: 5, span: 2, lead: false });
    expect(withNotices(once, [{ place: place(1, [1, 3, 1, 5]), withdrawn }])).toEqual(once);
  });

  it('says the default notice when none is given, and dates it in the newsroom’s time zone', () => {
    expect(noticeText('  ')).toBe(DEFAULT_NOTICE);
    expect(noticeText(undefined)).toBe('本文已撤稿。');
    expect(noticeText(' 本文因事实错误撤稿。 ')).toBe('本文因事实错误撤稿。');
    // 2026-12-01 20:30 UTC is already the 2nd in Ürümqi and Beijing.
    expect(newsroomDate(new Date('2026-12-01T20:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-02');
    expect(newsroomDate(new Date('2026-12-01T20:30:00Z'), 'UTC')).toBe('2026-12-01');
  });
});

describe('a correction is an edit', () => {
  const article: ArticleSnapshot = {
    kicker: null,
    headline: '主题',
    subtitle: null,
    body: '正文',
    source: null,
    suppliedBy: null,
    authorNote: null,
    column: null,
    bylines: [],
    photos: [],
    corrections: [],
  };
  it('sends a signed page back to be proofread again, naming 更正', () => {
    const after = { ...article, corrections: [{ kind: '更正', text: '本报7月5日第3版…应为…', date: '2026-12-02' }] };
    expect(judgeArticleChange(article, after)).toEqual({ stage: 'laid_out', fields: ['更正'] });
    // A snapshot from before corrections existed is the same as one without any.
    const { corrections: _c, ...old } = article;
    expect(judgeArticleChange(old, article)).toBeNull();
  });
});

describe('the sheet', () => {
  it('prints a correction with its article and a notice in a withdrawn block’s rectangle', () => {
    const tree = demoTree();
    const [first, second] = tree.pages[0].placements;
    first.article!.corrections = [{ kind: '更正', text: '文中“三百人”应为“三千人”。', date: '2026-12-02' }];
    tree.pages[0].placements[1] = {
      ...second,
      col: 1,
      colSpan: 2,
      row: 10,
      rowSpan: 4,
      article: null,
      withdrawn: { date: '2026-12-02', notice: '本文已撤稿。' },
    };
    const page = siteView(tree, new Map()).pages[0];
    expect(page.placements.map((p) => p.article.documentId)).not.toContain(second.article!.documentId);
    expect(page.placements[0].article.corrections).toEqual([{ kind: '更正', text: '文中“三百人”应为“三千人”。', date: '2026年12月2日' }]);
    expect(page.withdrawn).toEqual([
      expect.objectContaining({ notice: '本文已撤稿。', date: '2026年12月2日', rect: { col: 1, colSpan: 2, row: 10, rowSpan: 4 } }),
    ]);
    // Its modules are covered: no hole where the withdrawn block stands.
    for (const h of page.holes) expect(h.rect.row >= 10 && h.rect.row < 14 && h.rect.col < 3).toBe(false);

    const files = buildSiteFiles(tree, new Map());
    const sheet = String(files.get(`pages/${tree.pages[0].number}.html`));
    expect(sheet).toContain('<p class="withdrawn-notice">本文已撤稿。</p>');
    expect(sheet).not.toContain(second.article!.headline);
    expect(files.has(articleFile(second.article!))).toBe(false);
    expect(String(files.get('index.html'))).toContain('<li class="toc-withdrawn">本文已撤稿。</li>');
    expect(String(files.get(articleFile(first.article!)))).toContain(
      '<p class="correction"><span class="correction-kind">更正</span>文中“三百人”应为“三千人”。<span class="correction-date">（2026年12月2日）</span></p>',
    );
  });
});
