import { diffText, diffVersions, type VersionSnapshot } from '../../src/changes/diff';
import { versionHash } from '../../src/signoff/snapshots';
import type { ArticleSnapshot, PageSnapshot } from '../../src/signoff/changes';

/** The pure diff core of src/changes/: Chinese by word, blocks moved or resized named, articles in and out, credits. */

const BODY = '全市党员干部认真学习党的二十大精神，推动基层党建工作高质量发展。';

const article = (over: Partial<ArticleSnapshot> = {}): ArticleSnapshot => ({
  kicker: '引题',
  headline: '党旗领航争当先锋',
  subtitle: null,
  body: BODY,
  source: null,
  suppliedBy: null,
  authorNote: null,
  column: 'col1',
  bylines: [{ role: '本报记者', contributors: ['c1'] }],
  photos: [{ image: 7, position: 'top', caption: '党员志愿者在社区服务', credit: 'c2', creditRole: '本报记者', creditKind: '摄' }],
  ...over,
});

const page = (over: Partial<PageSnapshot> = {}): PageSnapshot => ({
  number: 3,
  issue: 'i8',
  name: '党建',
  theme: null,
  placements: [
    { article: 'a1', order: 1, span: 2, lead: true, rect: [1, 4, 1, 10] },
    { article: 'a2', order: 2, span: 2, lead: false, rect: [5, 2, 1, 10] },
  ],
  credits: { editor: 'c1', layout: 'c3', proofreader: null },
  ...over,
});

const names = {
  contributors: { c1: '王芳', c2: '陶维明', c3: '任宝红', c4: '刘军' },
  columns: { col1: '争先创优' },
  issues: { i8: 8 },
  files: { '7': 'photo.jpg' },
};

const version = (p: PageSnapshot, a1: ArticleSnapshot, a2: ArticleSnapshot = article({ headline: '支部建在网格上' })): VersionSnapshot => ({
  parts: [{ locale: 'zh-Hans', stage: 'proofread', page: p, articles: p.placements.map((pl) => (pl.article === 'a1' ? a1 : a2)) }],
  names,
});

describe('diffText', () => {
  it('marks the changed Chinese word, not the sentence', () => {
    expect(diffText(BODY, BODY.replace('认真', '深入'))).toEqual([
      { op: 'equal', text: '全市党员干部' },
      { op: 'delete', text: '认真' },
      { op: 'insert', text: '深入' },
      { op: 'equal', text: '学习党的二十大精神，推动基层党建工作高质量发展。' },
    ]);
  });

  it('treats a missing text as empty', () => {
    expect(diffText(null, '新增')).toEqual([{ op: 'insert', text: '新增' }]);
    expect(diffText('同', '同')).toEqual([{ op: 'equal', text: '同' }]);
  });
});

describe('diffVersions', () => {
  it('finds nothing between a version and itself', () => {
    expect(diffVersions(version(page(), article()), version(page(), article()))).toEqual([]);
  });

  it('ignores the stage: it follows signatures', () => {
    const after = version(page(), article());
    after.parts[0].stage = 'laid_out';
    expect(diffVersions(version(page(), article()), after)).toEqual([]);
  });

  it('names the edited words of an article’s body and the block moved', () => {
    const moved = page({
      placements: [
        { article: 'a1', order: 1, span: 2, lead: true, rect: [1, 4, 1, 10] },
        { article: 'a2', order: 2, span: 2, lead: false, rect: [5, 2, 11, 10] },
      ],
    });
    const changes = diffVersions(version(page(), article()), version(moved, article({ body: BODY.replace('认真', '深入') })));
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'text',
        field: 'body',
        label: '正文',
        article: { documentId: 'a1', headline: '党旗领航争当先锋' },
        pieces: [
          { op: 'equal', text: '全市党员干部' },
          { op: 'delete', text: '认真' },
          { op: 'insert', text: '深入' },
          { op: 'equal', text: '学习党的二十大精神，推动基层党建工作高质量发展。' },
        ],
      }),
      {
        kind: 'block',
        locale: 'zh-Hans',
        article: { documentId: 'a2', headline: '支部建在网格上' },
        field: 'placement.rect',
        label: '移动',
        moved: true,
        resized: false,
        from: { col: 5, colSpan: 2, row: 1, rowSpan: 10 },
        to: { col: 5, colSpan: 2, row: 11, rowSpan: 10 },
      },
    ]);
  });

  it('tells a resized block from a moved one, and both', () => {
    const grown = page({ placements: [{ ...page().placements[0], rect: [1, 6, 1, 10] }, page().placements[1]] });
    const both = page({ placements: [{ ...page().placements[0], rect: [2, 3, 1, 10] }, page().placements[1]] });
    expect(diffVersions(version(page(), article()), version(grown, article()))).toEqual([
      expect.objectContaining({ kind: 'block', label: '改变大小', moved: false, resized: true }),
    ]);
    expect(diffVersions(version(page(), article()), version(both, article()))).toEqual([
      expect.objectContaining({ kind: 'block', label: '移动并改变大小', moved: true, resized: true }),
    ]);
  });

  it('lists articles put on or taken off the page', () => {
    const one = page({ placements: [page().placements[0]] });
    const before = version(page(), article());
    const after = version(one, article());
    expect(diffVersions(before, after)).toEqual([
      expect.objectContaining({ kind: 'removed', label: '撤下稿件', article: { documentId: 'a2', headline: '支部建在网格上' } }),
    ]);
    expect(diffVersions(after, before)).toEqual([
      expect.objectContaining({ kind: 'added', label: '新增稿件', article: { documentId: 'a2', headline: '支部建在网格上' } }),
    ]);
  });

  it('shows credits, bylines and photo captions with the names they print', () => {
    const after = version(
      page({ credits: { editor: 'c1', layout: 'c3', proofreader: 'c4' } }),
      article({
        bylines: [{ role: '本报记者', contributors: ['c1', 'c4'] }],
        photos: [{ ...article().photos[0], caption: '党员志愿者在社区义诊' }],
      }),
    );
    const changes = diffVersions(version(page(), article()), after);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'credit', role: 'proofreader', label: '审校署名', from: null, to: '刘军' }),
        expect.objectContaining({
          kind: 'text',
          field: 'bylines',
          pieces: [
            { op: 'equal', text: '本报记者 王芳' },
            { op: 'insert', text: '、刘军' },
          ],
        }),
        expect.objectContaining({ kind: 'text', field: 'photos.0.caption', label: '图片1说明' }),
      ]),
    );
    expect(changes).toHaveLength(3);
  });
});

describe('versionHash', () => {
  it('is the same however the keys of a stored snapshot were ordered (jsonb)', () => {
    const parts = version(page(), article()).parts;
    const reordered = JSON.parse(JSON.stringify(parts), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    expect(Object.keys(reordered[0])).not.toEqual(Object.keys(parts[0]));
    expect(versionHash(reordered)).toBe(versionHash(parts));
    expect(versionHash(version(page({ name: '要闻' }), article()).parts)).not.toBe(versionHash(parts));
  });
});
