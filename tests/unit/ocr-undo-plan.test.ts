import { entryKey, planUndo, type JournalEntries, type UndoFacts } from '../../src/ocr-import/undo-plan';
import { documentState, type Models } from '../../src/ocr-import/entry-state';

/**
 * Undoing an import removes only what is still as the import left it, and keeps
 * whatever kept work needs: no kept entry is left pointing at a removed one.
 */

/** An import that made issue I with pages P1, P2 (articles A1, A2 / A3), added A4 to an existing page X, and made contributor C and column K. */
function journal(): JournalEntries & { left: Record<string, string> } {
  const left: Record<string, string> = {};
  for (const [kind, ids] of Object.entries({ issue: ['I'], page: ['P1', 'P2', 'X'], article: ['A1', 'A2', 'A3', 'A4'], contributor: ['C'], column: ['K'] }))
    for (const id of ids) left[entryKey(kind as any, id)] = `${id}@import`;
  return {
    issue: 'I',
    pages: ['P1', 'P2'],
    articles: ['A1', 'A2', 'A3', 'A4'],
    contributors: ['C'],
    columns: ['K'],
    changedPages: [{ documentId: 'X', locale: 'zh-Hans', placements: [{ article: 'OLD', order: 1 }], credits: null }],
    left,
  };
}
/** Everything as the import left it, unless `changes` says otherwise (`null`: gone). */
function facts(j: ReturnType<typeof journal>, changes: Record<string, string | null> = {}, extra: Partial<UndoFacts> = {}): UndoFacts {
  const now: Record<string, string> = {};
  for (const [key, state] of Object.entries({ ...j.left, ...changes })) if (state !== null) now[key] = state;
  return { now, carries: { P1: ['A1', 'A2'], P2: ['A3'], X: ['OLD', 'A4'], ...extra.carries }, issuePages: extra.issuePages ?? ['P1', 'P2'] };
}
const summary = (plan: ReturnType<typeof planUndo>) => ({
  restore: plan.restore.map((p) => p.documentId),
  pages: plan.pages,
  articles: plan.articles,
  issue: plan.issue,
  kept: plan.kept.map((k) => `${k.kind}:${k.documentId}:${k.reason}`).sort(),
});

it('undoes everything that is as the import left it', () => {
  const j = journal();
  expect(summary(planUndo(j, facts(j)))).toEqual({ restore: ['X'], pages: ['P1', 'P2'], articles: ['A1', 'A2', 'A3', 'A4'], issue: 'I', kept: [] });
  expect(planUndo(j, facts(j))).toMatchObject({ contributors: ['C'], columns: ['K'] });
});

it('keeps a rewritten article, the page carrying it, that page’s other articles and the issue', () => {
  const j = journal();
  expect(summary(planUndo(j, facts(j, { 'article:A1': 'rewritten' })))).toEqual({
    restore: ['X'],
    pages: ['P2'],
    articles: ['A3', 'A4'],
    issue: null,
    kept: ['article:A1:edited', 'article:A2:linked', 'issue:I:linked', 'page:P1:linked'],
  });
});

it('keeps a page that got content since, with the import’s articles on it', () => {
  const j = journal();
  const plan = planUndo(j, facts(j, { 'page:P2': 'signed' }, { carries: { P2: ['A3', 'EDITORS'] } }));
  expect(summary(plan)).toEqual({
    restore: ['X'],
    pages: ['P1'],
    articles: ['A1', 'A2', 'A4'],
    issue: null,
    kept: ['article:A3:linked', 'issue:I:linked', 'page:P2:edited'],
  });
});

it('does not put back a page the import added to once it has changed since, and keeps the import’s article on it', () => {
  const j = journal();
  const plan = planUndo(j, facts(j, { 'page:X': 'signed' }));
  expect(summary(plan)).toEqual({
    restore: [],
    pages: ['P1', 'P2'],
    articles: ['A1', 'A2', 'A3'],
    issue: 'I',
    kept: ['article:A4:linked', 'page:X:edited'],
  });
});

it('keeps an unchanged article an editor placed on a page of their own, and an issue with a page the import did not make', () => {
  const j = journal();
  const plan = planUndo(j, facts(j, {}, { carries: { MINE: ['A3'] }, issuePages: ['P1', 'P2', 'MINE'] }));
  expect(summary(plan)).toEqual({
    restore: ['X'],
    pages: ['P1'],
    articles: ['A1', 'A2', 'A4'],
    issue: null,
    kept: ['article:A3:linked', 'issue:I:linked', 'page:P2:linked'],
  });
});

it('leaves alone what is gone, keeps an edited contributor, and treats a journal without states as all changed', () => {
  const j = journal();
  const plan = planUndo(j, facts(j, { 'article:A2': null, 'contributor:C': 'renamed' }));
  expect(plan.articles).toEqual(['A1', 'A3', 'A4']);
  expect(plan.contributors).toEqual([]);
  expect(plan.kept.map((k) => k.documentId)).toEqual(['C']);
  const old = { ...journal(), left: undefined };
  const all = planUndo(old, facts(journal()));
  expect([all.pages, all.articles, all.restore, all.issue]).toEqual([[], [], [], null]);
});

describe('the state an undo compares', () => {
  const models: Models = (uid) =>
    ({
      article: {
        headline: { type: 'string' },
        label: { type: 'string' },
        updatedAt: { type: 'datetime' },
        column: { type: 'relation', relation: 'manyToOne' },
        bylines: { type: 'component', component: 'byline', repeatable: true },
      },
      byline: { role: { type: 'string' }, contributors: { type: 'relation', relation: 'manyToMany' } },
      issue: { number: { type: 'integer' }, pages: { type: 'relation', relation: 'oneToMany', mappedBy: 'issue' } },
    })[uid] as any;
  const row = {
    id: 1,
    documentId: 'A',
    locale: 'zh-Hans',
    publishedAt: null,
    headline: '标题',
    label: '标题',
    updatedAt: '2024-01-01',
    column: { id: 3, documentId: 'K' },
    bylines: [{ id: 9, role: '本报记者', contributors: [{ id: 4, documentId: 'C' }] }],
  };
  const state = (r: any, uid = 'article', extra: unknown = null) => documentState(models, uid, [r], extra);

  it('ignores ids, timestamps and the derived label; sees fields, related entries, components and history', () => {
    expect(state({ ...row, id: 2, updatedAt: '2025-01-01', label: '别的', bylines: [{ ...row.bylines[0], id: 10 }] })).toBe(state(row));
    expect(state({ ...row, headline: '改写' })).not.toBe(state(row));
    expect(state({ ...row, column: null })).not.toBe(state(row));
    expect(state({ ...row, bylines: [{ ...row.bylines[0], contributors: [{ documentId: 'D' }] }] })).not.toBe(state(row));
    expect(state({ ...row, publishedAt: '2025-01-01' })).not.toBe(state(row));
    expect(documentState(models, 'article', [row, { ...row, locale: 'en' }])).not.toBe(state(row));
    expect(state(row, 'article', [1, 2])).not.toBe(state(row, 'article', [1]));
  });

  it('leaves out the inverse side of a relation: an issue is not changed by a page added to it', () => {
    expect(state({ number: 1, pages: [{ documentId: 'P1' }, { documentId: 'P2' }] }, 'issue')).toBe(state({ number: 1, pages: [] }, 'issue'));
  });
});
