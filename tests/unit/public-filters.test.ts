import { publicFilters, publicPopulate, publishedOnly, relationSortPath, restrictFilters, type ModelInfo } from '../../src/newsroom/public-filters';

// A small schema of the same shape as banmian's: a D&P article placed through a page's component.
const MODELS: Record<string, ModelInfo> = {
  'api::page.page': {
    options: { draftAndPublish: true },
    attributes: {
      name: { type: 'string' },
      issue: { type: 'relation', target: 'api::issue.issue' },
      placements: { type: 'component', component: 'newsroom.placement' },
    },
  },
  'api::issue.issue': { options: { draftAndPublish: true }, attributes: { title: { type: 'string' }, pages: { type: 'relation', target: 'api::page.page' } } },
  'api::column.column': { options: { draftAndPublish: false }, attributes: { name: { type: 'string' } } },
  'api::article.article': {
    options: { draftAndPublish: true },
    attributes: { headline: { type: 'string' }, column: { type: 'relation', target: 'api::column.column' }, cover: { type: 'media' } },
  },
  'newsroom.placement': { attributes: { article: { type: 'relation', target: 'api::article.article' }, order: { type: 'integer' } } },
};
const lookup = (uid: string) => MODELS[uid];
const visible = publishedOnly(lookup);
const P = { publishedAt: { $notNull: true } };

describe('restrictFilters', () => {
  it('guards every relation step into a Draft & Publish type, through components and logic', () => {
    expect(restrictFilters('api::page.page', { placements: { article: { headline: { $lt: '密' } } } }, lookup, visible)).toEqual({
      placements: { article: { $and: [P, { headline: { $lt: '密' } }] } },
    });
    expect(
      restrictFilters('api::issue.issue', { $not: { pages: { name: 'x' } }, $or: [{ title: 'a' }, { pages: { issue: { title: 'b' } } }] }, lookup, visible),
    ).toEqual({
      $not: { pages: { $and: [P, { name: 'x' }] } },
      $or: [{ title: 'a' }, { pages: { $and: [P, { issue: { $and: [P, { title: 'b' }] } }] } }],
    });
  });

  it('treats a scalar on a relation as its id, leaves non-D&P targets and media alone', () => {
    expect(restrictFilters('newsroom.placement', { article: 5 }, lookup, visible)).toEqual({ article: { $and: [P, { id: { $eq: 5 } }] } });
    expect(restrictFilters('api::article.article', { column: { name: '密' }, cover: { name: 'x' } }, lookup, visible)).toEqual({
      column: { name: '密' },
      cover: { name: 'x' },
    });
  });
});

describe('publicFilters and publicPopulate', () => {
  it('adds a type’s own rule at the top level', () => {
    const own = { id: { $in: [1, 2] } };
    expect(publicFilters('api::column.column', undefined, lookup, visible, own)).toEqual(own);
    expect(publicFilters('api::column.column', { name: 'x' }, lookup, visible, own)).toEqual({ $and: [own, { name: 'x' }] });
    expect(publicFilters('api::article.article', { headline: 'x' }, lookup, visible)).toEqual({ headline: 'x' });
  });

  it('limits populated relations to published rows, also for *, lists and nested filters', () => {
    expect(publicPopulate('api::issue.issue', '*', lookup, visible)).toEqual({ pages: { filters: P } });
    expect(publicPopulate('api::page.page', { placements: { populate: { article: true } }, issue: { filters: { title: '密' } } }, lookup, visible)).toEqual({
      placements: { populate: { article: { filters: P } } },
      issue: { filters: { $and: [P, { title: '密' }] } },
    });
    expect(publicPopulate('api::page.page', ['issue'], lookup, visible)).toEqual({ issue: { filters: P } });
  });
});

describe('relationSortPath', () => {
  it('finds sorts that walk a relation or a component', () => {
    expect(relationSortPath('api::article.article', 'column.name:asc', lookup)).toBe('column.name');
    expect(relationSortPath('api::article.article', ['headline:desc', 'createdAt'], lookup)).toBeNull();
    expect(relationSortPath('api::page.page', { placements: { order: 'asc' } }, lookup)).toBe('placements.order');
    expect(relationSortPath('api::page.page', [{ name: 'asc' }], lookup)).toBeNull();
  });
});
