import { filterProblem, populateFilterProblem } from '../../src/newsroom/filter-shape';
import type { ModelInfo } from '../../src/newsroom/public-filters';

const MODELS: Record<string, ModelInfo> = {
  'api::page.page': { attributes: { name: { type: 'string' }, placements: { type: 'component', component: 'newsroom.placement' } } },
  'newsroom.placement': { attributes: { article: { type: 'relation', target: 'api::article.article' }, order: { type: 'integer' } } },
  'api::article.article': {
    attributes: { headline: { type: 'string' }, column: { type: 'relation', target: 'api::column.column' }, cover: { type: 'media' } },
  },
  'api::column.column': { attributes: { name: { type: 'string' } } },
};
const lookup = (uid: string) => MODELS[uid];
const A = 'api::article.article';

describe('filterProblem', () => {
  it.each([
    [{ $or: '1' }, 'filters[$or]', 'list'],
    [{ $and: ['1'] }, 'filters[$and][0]', 'condition'],
    [{ $not: 'x' }, 'filters[$not]', 'condition'],
    [{ $not: [{ headline: 'x' }] }, 'filters[$not]', 'condition'],
    [{ $or: [{ $and: '1' }] }, 'filters[$or][0][$and]', 'list'],
    [{ $eq: '1' }, 'filters[$eq]', 'operator'],
    [{ headline: { $eq: { $eq: '1' } } }, 'filters[headline][$eq]', 'value'],
    [{ headline: { $not: { $eq: { a: 1 } } } }, 'filters[headline][$not][$eq]', 'value'],
    [{ headline: { $or: ['a'] } }, 'filters[headline][$or]', 'operator'],
    [{ headline: { eq: 'a' } }, 'filters[headline][eq]', 'operator'],
    [{ headline: [{ $foo: 1 }] }, 'filters[headline][0][$foo]', 'operator'],
    [{ column: { $or: '1' } }, 'filters[column][$or]', 'list'],
    [{ column: { $eq: 1, name: 'x' } }, 'filters[column]', 'relation'],
    [{ column: { $eq: 1, $ne: 2 } }, 'filters[column]', 'relation'],
    [{ column: { $not: { name: 'x' } } }, 'filters[column][$not]', 'value'],
    [{ column: [{ name: 'x' }] }, 'filters[column]', 'value'],
    [{ cover: { $or: 1 } }, 'filters[cover][$or]', 'list'],
  ])('%j: %s (%s)', (filters, parameter, problem) => {
    expect(filterProblem(A, filters, lookup)).toEqual({ parameter, problem });
  });

  it('finds it through components and relations, naming the whole path', () => {
    expect(filterProblem('api::page.page', { placements: { article: { column: { name: { $in: [{}] } } } } }, lookup)).toEqual({
      parameter: 'filters[placements][article][column][name][$in]',
      problem: 'value',
    });
  });

  it('lets every shape the query builder reads through', () => {
    for (const filters of [
      undefined,
      {},
      { headline: 'x' },
      { headline: ['a', 'b'] },
      { headline: { $in: ['a', 'b'], $null: false } },
      { headline: { $not: { $eq: 'x' } } },
      { $or: [{ headline: 'x' }, { column: { name: { $startsWith: '党' } } }] },
      { $not: { headline: { $contains: 'x' } } },
      { $and: [{ $or: [{ headline: 'x' }] }] },
      { column: 3 },
      { column: [3, 4] },
      { column: { $in: [3, 4] } },
      { column: { $or: [{ name: 'x' }, { name: 'y' }] } },
      { column: { $null: true } },
      [{ headline: 'x' }],
    ]) {
      expect([filters, filterProblem(A, filters, lookup)]).toEqual([filters, null]);
    }
  });
});

describe('populateFilterProblem', () => {
  it('checks the filters of every populated relation, at any depth', () => {
    expect(populateFilterProblem(A, { column: { filters: { $or: 1 } } }, lookup)).toEqual({ parameter: 'populate[column][filters][$or]', problem: 'list' });
    expect(populateFilterProblem('api::page.page', { placements: { populate: { article: { filters: { $and: [1] } } } } }, lookup)).toEqual({
      parameter: 'populate[placements][populate][article][filters][$and][0]',
      problem: 'condition',
    });
    expect(populateFilterProblem(A, '*', lookup)).toBeNull();
    expect(populateFilterProblem(A, { column: { filters: { name: 'x' } } }, lookup)).toBeNull();
  });
});
