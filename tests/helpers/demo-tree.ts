import fs from 'fs';
import path from 'path';
import type { IssueTree } from '../../src/newsroom/issue-tree';
import { normaliseName } from '../../src/newsroom/names';

/** The demo issue (data/demo/demo-issue.json) in the shape of the tree endpoint, without a database. */
export function demoTree(): IssueTree {
  const demo = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'demo', 'demo-issue.json'), 'utf8'));
  let n = 0;
  const id = () => `doc${(n += 1)}`;
  return {
    documentId: id(),
    locale: 'zh-Hans',
    number: demo.issue.number,
    date: demo.issue.date,
    title: demo.issue.title,
    publication: { name: demo.publication.name, slug: demo.publication.slug, email: demo.publication.email, pageFormat: { key: 'broadsheet', custom: null } },
    pages: demo.issue.pages.map((p: any) => ({
      number: p.number,
      name: p.name,
      theme: p.theme,
      credits: {
        editor: { name: normaliseName(p.credits.editor) },
        layout: { name: normaliseName(p.credits.layout) },
        proofreader: { name: normaliseName(p.credits.proofreader) },
      },
      placements: p.articles.map((a: any, i: number) => ({
        order: i + 1,
        span: a.span ?? 2,
        lead: Boolean(a.lead),
        col: null,
        colSpan: null,
        row: null,
        rowSpan: null,
        article: {
          documentId: id(),
          locale: 'zh-Hans',
          slug: `article-${i + 1}`,
          kicker: a.kicker ?? null,
          headline: a.headline,
          subtitle: a.subtitle ?? null,
          column: a.column ? { name: a.column, slug: null } : null,
          bylines: a.bylines.map((b: any) => ({ role: b.role, contributors: b.names.map((name: string) => ({ name: normaliseName(name), kind: 'person' })) })),
          body: a.body,
          photos: (a.photos ?? []).map((ph: any, k: number) => ({
            image: { url: `/uploads/photo-${i}-${k}.jpg`, width: 1800, height: 1200, formats: null, alternativeText: null },
            caption: ph.caption,
            credit: { name: ph.credit },
            creditRole: ph.creditRole,
            creditKind: ph.creditKind,
            position: ph.position,
          })),
          source: a.source ?? null,
          suppliedBy: a.suppliedBy ?? null,
          authorNote: a.authorNote ?? null,
          corrections: [],
        },
        withdrawn: null,
      })),
    })),
  };
}
