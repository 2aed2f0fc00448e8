import type { Core } from '@strapi/strapi';

/**
 * The importer writes a file in short transactions (one per printed page), so
 * that readers are never held up by a long one: SQLite gives a process a single
 * connection, and a transaction holds it. What makes the file all-or-nothing
 * anyway is this journal: every short transaction records, together with its
 * writes, what it created and what it changed. When a later step fails the
 * journal is undone (created entries deleted, changed pages put back), and a
 * journal left behind by a process that died is undone by the next import of
 * the same file. Imported content is draft content, so readers of the public
 * API see none of it, finished or not.
 */

export type PageBefore = { documentId: string; locale: string; placements: any[]; credits: Record<string, string | null> | null };
export type Journal = {
  file: string;
  startedAt: string;
  /** Refreshed by every step: a journal untouched for STALE_MS belongs to an import that died. */
  touchedAt: string;
  issue: string | null;
  pages: string[];
  articles: string[];
  contributors: string[];
  columns: string[];
  changedPages: PageBefore[];
};

export const STALE_MS = 2 * 60 * 1000;
const store = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'banmian-import' });

export async function readJournal(strapi: Core.Strapi, hash: string): Promise<Journal | null> {
  return ((await store(strapi).get({ key: hash })) as Journal | null) ?? null;
}

export function newJournal(file: string): Journal {
  const now = new Date().toISOString();
  return { file, startedAt: now, touchedAt: now, issue: null, pages: [], articles: [], contributors: [], columns: [], changedPages: [] };
}

/** Saves the journal; call it inside the step's transaction so it commits with the step's writes. */
export async function saveJournal(strapi: Core.Strapi, hash: string, journal: Journal) {
  journal.touchedAt = new Date().toISOString();
  await store(strapi).set({ key: hash, value: journal });
}

export async function dropJournal(strapi: Core.Strapi, hash: string) {
  await store(strapi).delete({ key: hash });
}

export const isStale = (journal: Journal, now = Date.now()) => now - new Date(journal.touchedAt).getTime() > STALE_MS;

/** Undoes everything a journal recorded, newest first, in one transaction, and drops it. */
export async function undoJournal(strapi: Core.Strapi, hash: string, journal: Journal, locale: string) {
  await strapi.db.transaction(async () => {
    const docs = (uid: string) => strapi.documents(uid as any);
    for (const page of [...journal.changedPages].reverse()) {
      await docs('api::page.page').update({
        documentId: page.documentId,
        locale: page.locale,
        data: { placements: page.placements, credits: page.credits } as any,
      });
    }
    for (const documentId of journal.pages) await docs('api::page.page').delete({ documentId, locale: '*' });
    for (const documentId of journal.articles) await docs('api::article.article').delete({ documentId, locale: '*' });
    // A column or contributor someone else has used since stays: it is theirs now too.
    const unused = async (uid: string, documentId: string, remove: () => Promise<unknown>) => {
      const used =
        uid === 'api::column.column'
          ? await strapi.db.query('api::article.article').count({ where: { column: { documentId } } })
          : (await strapi.db
              .query('api::article.article')
              .count({ where: { $or: [{ bylines: { contributors: { documentId } } }, { photos: { credit: { documentId } } }] } })) +
            (await strapi.db
              .query('api::page.page')
              .count({ where: { $or: ['editor', 'layout', 'proofreader'].map((r) => ({ credits: { [r]: { documentId } } })) } }));
      if (!used) await remove();
    };
    for (const documentId of journal.columns) await unused('api::column.column', documentId, () => docs('api::column.column').delete({ documentId, locale }));
    for (const documentId of journal.contributors)
      await unused('api::contributor.contributor', documentId, () => docs('api::contributor.contributor').delete({ documentId }));
    if (journal.issue) await docs('api::issue.issue').delete({ documentId: journal.issue, locale: '*' });
    // The pages' history rows (新建) go with them.
    if (journal.pages.length) await strapi.db.query('api::signoff.signoff').deleteMany({ where: { pageDocumentId: { $in: journal.pages } } });
    await dropJournal(strapi, hash);
  });
}
