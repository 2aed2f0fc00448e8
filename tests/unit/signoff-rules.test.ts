import { missingSignatures, nextRole, signRefusal, stageBefore } from '../../src/signoff/stages';
import { phrase } from '../../src/newsroom/messages';
import { judgeArticleChange, judgePageChange, type ArticleSnapshot, type PageSnapshot } from '../../src/signoff/changes';

const page: PageSnapshot = {
  number: 1,
  issue: 'i1',
  name: '要闻',
  theme: '主题',
  placements: [{ article: 'a1', order: 1, span: 2, lead: true }],
  credits: { editor: 'c1', layout: 'c2', proofreader: 'c3' },
};
const article: ArticleSnapshot = {
  kicker: '引题',
  headline: '主题',
  subtitle: null,
  body: '正文',
  source: null,
  suppliedBy: null,
  authorNote: null,
  column: 'col',
  bylines: [{ role: '本报记者', contributors: ['c1'] }],
  photos: [{ image: 1, position: 'top', caption: '说明', credit: 'c4', creditRole: '本报记者', creditKind: '摄' }],
};

describe('sign-off order', () => {
  it('goes 编辑 → 版式 → 审校 and then nothing', () => {
    expect([nextRole('collecting'), nextRole('edited'), nextRole('laid_out'), nextRole('proofread')]).toEqual(['editor', 'layout', 'proofreader', null]);
    expect(stageBefore('proofreader')).toBe('laid_out');
  });

  it('refuses the wrong role before the wrong order, and lets a Super Admin sign any role in order', () => {
    const page = { issue: 8, number: 1 };
    expect(signRefusal('collecting', 'layout', ['banmian-editor'], page)).toEqual({ code: 'sign.roleNotHeld', params: { role: 'layout' } });
    const early = signRefusal('collecting', 'layout', ['banmian-layout'], page)!;
    expect(early).toEqual({ code: 'sign.outOfOrder', params: { page, stage: 'collecting', role: 'layout', next: 'editor' } });
    expect(phrase(early.code, early.params, 'zh-Hans')).toBe('第8期第1版当前为「采编」，须先由编辑签字（编辑签字），才能版式签字');
    expect(signRefusal('edited', 'layout', ['strapi-super-admin'], page)).toBeNull();
    expect(signRefusal('laid_out', 'editor', ['banmian-editor'], page)).toMatchObject({ code: 'sign.alreadySigned', params: { next: 'proofreader' } });
    expect(signRefusal('proofread', 'proofreader', ['banmian-proofreader'], page)).toEqual({ code: 'sign.complete', params: { page } });
  });

  it('names what is missing: unsigned stages and empty credits', () => {
    expect(missingSignatures('edited', { editor: 'x' })).toEqual(['layout', 'proofreader']);
    expect(missingSignatures('proofread', { editor: 'x', layout: null, proofreader: 'y' })).toEqual(['layout']);
    expect(missingSignatures('proofread', { editor: 'x', layout: 'z', proofreader: 'y' })).toEqual([]);
  });
});

describe('how far a change sends a page back', () => {
  const withPage = (patch: Partial<PageSnapshot>) => judgePageChange(page, { ...page, ...patch });
  const withArticle = (patch: Partial<ArticleSnapshot>) => judgeArticleChange(article, { ...article, ...patch });

  it('ignores saves that change nothing, and placement order as stored', () => {
    expect(withPage({})).toBeNull();
    expect(withArticle({ photos: article.photos.map((p) => ({ ...p })) })).toBeNull();
  });

  it('text → 已排版, layout → 已编辑, editorial → 采编, the lowest one wins', () => {
    expect(withPage({ theme: '新主题' })).toEqual({ stage: 'laid_out', fields: ['主题带'] });
    expect(withPage({ placements: [{ article: 'a1', order: 1, span: 3, lead: true }] })?.stage).toBe('edited');
    expect(withPage({ number: 2, theme: 'x' })).toEqual({ stage: 'collecting', fields: ['版号', '主题带'] });
    expect(withArticle({ headline: '改' })).toEqual({ stage: 'laid_out', fields: ['主题'] });
    expect(withArticle({ photos: [{ ...article.photos[0], caption: '新说明' }] })).toEqual({ stage: 'laid_out', fields: ['图片说明/摄影署名'] });
    expect(withArticle({ photos: [{ ...article.photos[0], image: 2 }] })?.stage).toBe('edited');
    expect(withArticle({ column: 'other', body: 'x' })?.stage).toBe('collecting');
  });

  it('a credit changed by hand undoes that signature', () => {
    expect(withPage({ credits: { ...page.credits, layout: 'c9' } })?.stage).toBe('edited');
    expect(withPage({ credits: { ...page.credits, editor: null } })?.stage).toBe('collecting');
  });
});
