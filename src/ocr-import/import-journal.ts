import { asSignoffService } from '../signoff/context';
import type { Core } from '@strapi/strapi';
import { entryStates } from './entry-state';
import { entryKey, planUndo, type JournalEntries, type Kept, type Kind, type UndoFacts } from './undo-plan';

/**
 * The importer writes a file in short transactions (one per printed page), so
 * that readers are never held up by a long one: SQLite gives a process a single
 * connection, and a transaction holds it. What makes the file all-or-nothing
 * anyway is this journal: every short transaction records, together with its
 * writes, what it created, what it changed (a page it added to, as it was
 * before), and the state it left each of those entries in (entry-state.ts).
 * When a later step fails the journal is undone, and a journal left behind by a
 * process that died is undone by the next import of the same file. The undo
 * removes or puts back only what is still as the import left it; what editors
 * have worked on since is kept, with what it needs (undo-plan.ts), and reported.
 * Imported content is draft content, so readers of the public API see none of
 * it, finished or not.
 */

export type { PageBefore } from './undo-plan';
export type Journal = JournalEntries & {
  file: string;
  startedAt: string;
  /** Refreshed by every step: a journal untouched for STALE_MS belongs to an import that died. */
  touchedAt: string;
  left: Record<string, string>;
};
/** An entry an undo kept, named for the report. */
export type KeptEntry = Kept & { label: string };

export const STALE_MS = 2 * 60 * 1000;
const store = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'banmian-import' });
/** Set when an undo kept articles of the file: they carry its importHash, but the file is not imported whole. */
const keptKey = (hash: string) => `${hash}:kept`;

const UID: Record<Kind, string> = {
  issue: 'api::issue.issue',
  page: 'api::page.page',
  article: 'api::article.article',
  contributor: 'api::contributor.contributor',
  column: 'api::column.column',
};

export async function readJournal(strapi: Core.Strapi, hash: string): Promise<Journal | null> {
  return ((await store(strapi).get({ key: hash })) as Journal | null) ?? null;
}

export function newJournal(file: string): Journal {
  const now = new Date().toISOString();
  return { file, startedAt: now, touchedAt: now, issue: null, pages: [], articles: [], contributors: [], columns: [], changedPages: [], left: {} };
}

/** Saves the journal; call it inside the step's transaction so it commits with the step's writes. */
export async function saveJournal(strapi: Core.Strapi, hash: string, journal: Journal) {
  journal.touchedAt = new Date().toISOString();
  await store(strapi).set({ key: hash, value: journal });
}

export async function dropJournal(strapi: Core.Strapi, hash: string) {
  await store(strapi).delete({ key: hash });
}

/** The file is imported whole: no journal, and no articles kept from an undone import standing in for part of it. */
export async function finishJournal(strapi: Core.Strapi, hash: string) {
  await strapi.db.transaction(async () => {
    await dropJournal(strapi, hash);
    await store(strapi).delete({ key: keptKey(hash) });
  });
}

/** Whether an undo kept articles of this file (so the articles found with its hash are not a finished import). */
export async function hasKeptArticles(strapi: Core.Strapi, hash: string) {
  return (await store(strapi).get({ key: keptKey(hash) })) != null;
}

export const isStale = (journal: Journal, now = Date.now()) => now - new Date(journal.touchedAt).getTime() > STALE_MS;

/** Where a step starts in the journal's lists: what it adds after this is its own. */
export type JournalMark = Record<'pages' | 'articles' | 'contributors' | 'columns', number>;
export const journalMark = (j: Journal): JournalMark => ({
  pages: j.pages.length,
  articles: j.articles.length,
  contributors: j.contributors.length,
  columns: j.columns.length,
});

/** Records the state the step leaves its entries in: those it created since `mark`, the issue it created, and the pages it wrote. */
export async function recordLeft(strapi: Core.Strapi, journal: Journal, mark: JournalMark, touched: { pages?: string[]; issue?: boolean } = {}) {
  const entries: Array<[Kind, string[]]> = [
    ['issue', touched.issue && journal.issue ? [journal.issue] : []],
    ['page', [...new Set([...journal.pages.slice(mark.pages), ...(touched.pages ?? [])])]],
    ['article', journal.articles.slice(mark.articles)],
    ['contributor', journal.contributors.slice(mark.contributors)],
    ['column', journal.columns.slice(mark.columns)],
  ];
  for (const [kind, ids] of entries) {
    if (!ids.length) continue;
    const states = await entryStates(strapi, UID[kind], ids);
    for (const [id, state] of states) journal.left[entryKey(kind, id)] = state;
  }
}

const CHUNK = 400;
const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** What the journal's entries are like now (undo-plan.ts's facts). */
async function factsNow(strapi: Core.Strapi, journal: Journal): Promise<UndoFacts> {
  const pageIds = [...new Set([...journal.pages, ...journal.changedPages.map((p) => p.documentId)])];
  const lists: Array<[Kind, string[]]> = [
    ['issue', journal.issue ? [journal.issue] : []],
    ['page', pageIds],
    ['article', journal.articles],
    ['contributor', journal.contributors],
    ['column', journal.columns],
  ];
  const now: Record<string, string> = {};
  for (const [kind, ids] of lists) for (const [id, state] of await entryStates(strapi, UID[kind], ids)) now[entryKey(kind, id)] = state;

  const carries: Record<string, string[]> = {};
  const note = (rows: any[]) => {
    for (const row of rows) {
      const list = (carries[row.documentId] ??= []);
      for (const pl of row.placements ?? []) if (pl.article?.documentId && !list.includes(pl.article.documentId)) list.push(pl.article.documentId);
    }
  };
  const pageQuery = (where: any) =>
    strapi.db
      .query(UID.page as any)
      .findMany({ where, select: ['documentId'], populate: { placements: { populate: { article: { select: ['documentId'] } } } } });
  for (const ids of chunks(pageIds)) note(await pageQuery({ documentId: { $in: ids } }));
  for (const ids of chunks(journal.articles)) note(await pageQuery({ placements: { article: { documentId: { $in: ids } } } }));

  const issuePages: any[] = journal.issue
    ? await strapi.db.query(UID.page as any).findMany({ where: { issue: { documentId: journal.issue } }, select: ['documentId'] })
    : [];
  return { now, carries, issuePages: [...new Set(issuePages.map((p) => p.documentId as string))] };
}

/** What the report calls a kept entry: 稿件「…」, 第N期第M版, 第N期, or the name. */
async function labelled(strapi: Core.Strapi, kept: Kept[]): Promise<KeptEntry[]> {
  const out: KeptEntry[] = [];
  for (const k of kept) {
    const row: any = await strapi.db.query(UID[k.kind] as any).findOne({
      where: { documentId: k.documentId },
      populate: k.kind === 'page' ? { issue: { select: ['number'] } } : undefined,
    });
    const label =
      k.kind === 'article'
        ? `稿件「${row?.headline ?? k.documentId}」`
        : k.kind === 'page'
          ? `第${row?.issue?.number ?? '?'}期第${row?.number ?? '?'}版`
          : k.kind === 'issue'
            ? `第${row?.number ?? '?'}期`
            : `${k.kind === 'column' ? '栏目' : '人员/单位'}「${row?.name ?? k.documentId}」`;
    out.push({ ...k, label });
  }
  return out;
}

/**
 * Undoes what a journal recorded and is still as the import left it, in one
 * transaction, and closes the journal (it is not undone again). Returns what
 * it kept because editors have worked on it (or on what it holds) since.
 */
export async function undoJournal(strapi: Core.Strapi, hash: string, journal: Journal, locale: string): Promise<KeptEntry[]> {
  const kept = await strapi.db.transaction(async () => {
    const plan = planUndo(journal, await factsNow(strapi, journal));
    const docs = (uid: string) => strapi.documents(uid as any);
    for (const page of plan.restore) {
      await docs(UID.page).update({ documentId: page.documentId, locale: page.locale, data: { placements: page.placements } as any });
      // Credits are the sign-off service's to write: the undo puts back what they were, as the system.
      await asSignoffService(() => docs(UID.page).update({ documentId: page.documentId, locale: page.locale, data: { credits: page.credits } as any }));
    }
    for (const documentId of plan.pages) await docs(UID.page).delete({ documentId, locale: '*' });
    for (const documentId of plan.articles) await docs(UID.article).delete({ documentId, locale: '*' });
    // A column or contributor someone else has used since stays: it is theirs now too.
    const unused = async (uid: string, documentId: string, remove: () => Promise<unknown>) => {
      const who = { documentId };
      const used =
        uid === UID.column
          ? await strapi.db.query(UID.article as any).count({ where: { column: who } })
          : (await strapi.db.query(UID.article as any).count({ where: { $or: [{ bylines: { contributors: who } }, { photos: { credit: who } }] } })) +
            (await strapi.db.query(UID.page as any).count({ where: { $or: ['editor', 'layout', 'proofreader'].map((r) => ({ credits: { [r]: who } })) } })) +
            (await strapi.db.query('api::signoff.signoff').count({ where: { contributor: who } }));
      if (!used) await remove();
    };
    for (const documentId of plan.columns) await unused(UID.column, documentId, () => docs(UID.column).delete({ documentId, locale }));
    for (const documentId of plan.contributors) await unused(UID.contributor, documentId, () => docs(UID.contributor).delete({ documentId }));
    if (plan.issue) await docs(UID.issue).delete({ documentId: plan.issue, locale: '*' });
    // The removed pages' history rows (新建) go with them.
    for (const ids of chunks(plan.pages)) await strapi.db.query('api::signoff.signoff').deleteMany({ where: { pageDocumentId: { $in: ids } } });
    await dropJournal(strapi, hash);
    if (plan.kept.some((k) => k.kind === 'article'))
      await store(strapi).set({ key: keptKey(hash), value: { at: new Date().toISOString(), file: journal.file } });
    return labelled(strapi, plan.kept);
  });
  if (kept.length) {
    const list = kept.map((k) => `${k.label} (${k.reason === 'edited' ? 'edited since' : 'holds or is held by kept work'})`).join('; ');
    strapi.log.warn(`import of ${journal.file} undone; kept because editors worked on it since: ${list}`);
  }
  return kept;
}
