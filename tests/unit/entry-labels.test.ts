import { articleLabel, issueLabel, pageLabelText, placementLabel } from '../../src/newsroom/entry-labels';

describe('entry labels: what the admin calls an entry', () => {
  it('names issues, pages and articles the way a newsroom says them', () => {
    expect(issueLabel({ number: 12, date: '2024-07-05' })).toBe('第12期（2024-07-05）');
    expect(issueLabel({ number: 12, date: null })).toBe('第12期');
    expect(pageLabelText({ number: 3, name: '党建' })).toBe('第3版 党建');
    expect(pageLabelText({ number: 3, name: null })).toBe('第3版');
    expect(articleLabel({ headline: '党建引领 做强“福禄”产业链', column: { name: '争先创优' } })).toBe('党建引领 做强“福禄”产业链（争先创优）');
    expect(articleLabel({ headline: '评论', column: null })).toBe('评论');
  });

  it('says where an article sits: order, lead, headline, its size on the grid', () => {
    expect(placementLabel({ order: 1, lead: true, colSpan: 4, rowSpan: 7, headline: '党建引领 做强“福禄”产业链' })).toBe(
      '①　头条　党建引领 做强“福禄”产业链（4栏×7行）',
    );
    expect(placementLabel({ order: 2, lead: false, colSpan: null, rowSpan: null, headline: '以高质量党建推动司法行政工作高质量发展' })).toBe(
      '②　以高质量党建推动司法行政工作高质…（自动排版）',
    );
    expect(placementLabel({ order: 25, lead: false, headline: null })).toBe('(25)　（未选稿件）');
  });
});
