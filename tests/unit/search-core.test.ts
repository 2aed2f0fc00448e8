import { fold } from '../../src/search/fold';
import { wordListText } from '../../src/search/load-words';
import { parseSearchParams } from '../../src/search/params';
import { plainBody, rowsOf } from '../../src/search/rows';
import { makeSegmenter, wordList } from '../../src/search/segment';
import { escapeHtml, markAll, matchSpans, snippet } from '../../src/search/snippet';
import { ftsMatch, tsQuery, tsVector } from '../../src/search/syntax';
import { GAP, bigrams, gramStream, queryTerms, runs, wordStream } from '../../src/search/terms';

const seg = makeSegmenter(wordListText());

describe('fold', () => {
  it('folds zh-Hant to zh-Hans and Latin to lower case, keeping the length', () => {
    expect(fold('黨建引領 基層黨組織 CPC')).toBe('党建引领 基层党组织 cpc');
    expect(fold('黨建').length).toBe(2);
  });
});

describe('segmentation with the party-building list', () => {
  it.each(['新时代', '全面从严治党', '两个维护', '两个确立', '不忘初心', '主题教育', '基层党组织'])('keeps %s whole', (word) => {
    expect(seg.words(`坚持${word}，推动工作`)).toContain(word);
  });
  it('reads the list as data: comments and blank lines are not words', () => {
    expect(wordList('# 注释\n新时代\n\n 两个维护 # 行尾注释\n')).toEqual(['新时代', '两个维护']);
  });
});

describe('terms', () => {
  it('splits runs by script and punctuation, bigrams for Han runs', () => {
    expect(runs('2024年党建，Party工作')).toEqual(['2024', '年党建', 'Party', '工作']);
    expect(bigrams('袁雪英')).toEqual(['袁雪', '雪英']);
    expect(bigrams('党')).toEqual(['党']);
    expect(gramStream(fold('人才，袁雪英'))).toEqual(['人才', GAP, '袁雪', '雪英']);
  });
  it('word stream: jieba words, punctuation as gaps', () => {
    expect(wordStream(fold('全面从严治党，新时代'), seg)).toEqual(['全面从严治党', GAP, '新时代']);
  });
  it('a query is one term per run, all required', () => {
    const terms = queryTerms(fold('袁雪英 黨建'), seg)!;
    expect(terms.map((t) => t.text)).toEqual(['袁雪英', '党建']);
    expect(terms[0].grams).toEqual(['袁雪', '雪英']);
    expect(queryTerms('，。 ', seg)).toBeNull();
  });
  it('compiles to FTS5 and tsquery syntax', () => {
    const terms = queryTerms('人才 党', seg)!;
    expect(ftsMatch(terms)).toBe('(({tg mg bg} : "人才") OR ({tw mw bw} : "人才")) AND (({tg mg bg} : "党"*) OR ({tw mw bw} : "党"))');
    expect(tsQuery(terms)).toBe("(('人才') | ('人才')) & (('党':*) | ('党'))");
  });
  it('a tsvector literal: positions with weights, gaps skip a position', () => {
    const empty = { grams: [], words: [] };
    expect(tsVector({ title: { grams: ['袁雪', '雪英', GAP, '人才'], words: ['人才'] }, meta: empty, body: empty })).toBe("'袁雪':1A '雪英':2A '人才':4A,6A");
  });
});

describe('rows', () => {
  it('strips Markdown from the body; one row per placement, or one when unplaced', () => {
    expect(plainBody('## 小标题\n\n**加粗**的[链接](https://x.cn)')).toBe('小标题\n加粗的链接');
    const version = {
      documentId: 'd1',
      locale: 'zh-Hans',
      status: 'published' as const,
      headline: '木垒县人才工作',
      body: '正文',
      column: { name: '基层党建', slug: 'jiceng' },
      contributors: [{ name: '袁雪英', slug: 'yuan' }],
      at: '2024-07-05T08:00:00.000Z',
    };
    const unplaced = rowsOf(version, [], seg);
    expect(unplaced).toHaveLength(1);
    expect(unplaced[0]).toMatchObject({ contributors: '|袁雪英|', issue_number: null, day: '2024-07-05' });
    const placed = rowsOf(
      version,
      [
        { publication: { slug: 'p', name: '报' }, issue: { number: 3, date: '2024-05-01' }, page: { number: 2, name: '党建' } },
        { publication: { slug: 'p', name: '报' }, issue: { number: 4, date: '2024-05-08' }, page: { number: 1, name: null } },
      ],
      seg,
    );
    expect(placed.map((r) => [r.issue_number, r.page_number, r.day])).toEqual([
      [3, 2, '2024-05-01'],
      [4, 1, '2024-05-08'],
    ]);
    expect(placed[0].terms.meta.grams).toContain('袁雪');
  });
});

describe('highlights', () => {
  it('marks every match, escapes everything else', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(markAll('<b>人才</b>强县，人才兴', ['人才'])).toBe('&lt;b&gt;<mark>人才</mark>&lt;/b&gt;强县，<mark>人才</mark>兴');
    expect(markAll('无关', ['人才'])).toBeNull();
  });
  it('marks zh-Hant text for a zh-Hans query, showing the original characters', () => {
    expect(markAll('加強黨建工作', ['党建'])).toBe('加強<mark>黨建</mark>工作');
  });
  it('merges overlapping matches', () => {
    expect(matchSpans('新时代新征程', ['新时', '时代'])).toEqual([[0, 3]]);
  });
  it('a snippet is a window around the first match, cut with …', () => {
    const body = '前'.repeat(100) + '人才' + '后'.repeat(100);
    const s = snippet(body, ['人才'], 40)!;
    expect(s.startsWith('…') && s.endsWith('…')).toBe(true);
    expect(s).toContain('<mark>人才</mark>');
    expect(s.replace(/<\/?mark>|…/g, '')).toHaveLength(40);
  });
});

describe('parameters', () => {
  const problem = (q: Record<string, unknown>) => {
    const r = parseSearchParams(q);
    return 'problem' in r ? r.problem.parameter : null;
  };
  it('reads filters and pagination', () => {
    const r = parseSearchParams({
      q: ' 人才 ',
      issueFrom: '2',
      issueTo: '5',
      from: '2024-01-01',
      to: '2024-12-31',
      page: '3',
      pagination: { page: '2', pageSize: '5' },
    });
    expect(r).toEqual({
      params: { q: '人才', status: 'published', issueFrom: 2, issueTo: 5, from: '2024-01-01', to: '2024-12-31', page: 3, pageNumber: 2, pageSize: 5 },
    });
  });
  it.each([
    [{}, 'q'],
    [{ q: '' }, 'q'],
    [{ q: '，。' }, 'q'],
    [{ q: '字'.repeat(101) }, 'q'],
    [{ q: ['a', 'b'] }, 'q'],
    [{ q: 'a', issueFrom: 'x' }, 'issueFrom'],
    [{ q: 'a', issueFrom: '0' }, 'issueFrom'],
    [{ q: 'a', issueFrom: '5', issueTo: '2' }, 'issueFrom'],
    [{ q: 'a', from: '2024-02-30' }, 'from'],
    [{ q: 'a', to: '2024/01/01' }, 'to'],
    [{ q: 'a', page: '1.5' }, 'page'],
    [{ q: 'a', status: 'all' }, 'status'],
    [{ q: 'a', pagination: { pageSize: '101' } }, 'pagination[pageSize]'],
    [{ q: 'a', pagination: { start: '1' } }, 'pagination[start]'],
    [{ q: 'a', column: '' }, 'column'],
    [{ q: 'a', sort: 'date' }, 'sort'],
  ])('%j is refused, naming %s', (query, parameter) => {
    expect(problem(query)).toBe(parameter);
  });
});
