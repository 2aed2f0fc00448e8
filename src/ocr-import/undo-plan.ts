/**
 * What undoing an import's journal may remove, decided from what the entries are
 * like now (pure: facts in, the plan out). An entry is undone only when it is
 * still exactly as the import left it (entry-state.ts); one an editor has changed
 * since is kept, and so is what keeps it whole, so nothing kept points at
 * something removed:
 *  - a page that stays (kept, or not the import's) keeps every article of the
 *    import it carries;
 *  - a kept article keeps every page of the import that carries it (a page the
 *    import only added to keeps what it has now, the import's placements too);
 *  - the import's issue stays while it has any page that stays;
 *  - a contributor or column stays when edited, or while anything still uses it
 *    (checked as it is removed, after the pages and articles).
 */

export type Kind = 'issue' | 'page' | 'article' | 'contributor' | 'column';
/** How a journal names an entry in its `left` states. */
export const entryKey = (kind: Kind, documentId: string) => `${kind}:${documentId}`;

/** A page the import added to (it existed before), with what it was like before. */
export type PageBefore = { documentId: string; locale: string; placements: any[]; credits: Record<string, string | null> | null };
export type JournalEntries = {
  issue: string | null;
  pages: string[];
  articles: string[];
  contributors: string[];
  columns: string[];
  changedPages: PageBefore[];
  /** Each entry's state when the import left it, by entryKey. Missing (a journal from before states were kept): treated as changed. */
  left?: Record<string, string>;
};

export type UndoFacts = {
  /** The state of each of the journal's entries now, by entryKey; absent when the entry is gone. */
  now: Record<string, string>;
  /** The articles each page carries now: every page of the journal, and every other page carrying an article of the journal. */
  carries: Record<string, string[]>;
  /** The pages of the journal's issue now. */
  issuePages: string[];
};

/** `edited`: changed since the import left it; `linked`: unchanged, but kept work points at it or it at kept work. */
export type Kept = { kind: Kind; documentId: string; reason: 'edited' | 'linked' };

export type UndoPlan = {
  /** Pages to put back as they were before the import, newest change first. */
  restore: PageBefore[];
  pages: string[];
  articles: string[];
  /** Removed unless something still uses them. */
  columns: string[];
  contributors: string[];
  issue: string | null;
  kept: Kept[];
};

export function planUndo(journal: JournalEntries, facts: UndoFacts): UndoPlan {
  const left = journal.left ?? {};
  const kept = new Map<string, Kept>();
  const gone = (kind: Kind, id: string) => facts.now[entryKey(kind, id)] === undefined;
  const isKept = (kind: Kind, id: string) => kept.has(entryKey(kind, id));
  const keep = (kind: Kind, documentId: string, reason: Kept['reason']) => {
    if (gone(kind, documentId) || isKept(kind, documentId)) return false;
    kept.set(entryKey(kind, documentId), { kind, documentId, reason });
    return true;
  };
  const changedPages = [...new Set(journal.changedPages.map((p) => p.documentId))];
  const lists: Array<[Kind, string[]]> = [
    ['issue', journal.issue ? [journal.issue] : []],
    ['page', [...new Set([...journal.pages, ...changedPages])]],
    ['article', journal.articles],
    ['contributor', journal.contributors],
    ['column', journal.columns],
  ];
  for (const [kind, ids] of lists)
    for (const id of ids) if (!gone(kind, id) && left[entryKey(kind, id)] !== facts.now[entryKey(kind, id)]) keep(kind, id, 'edited');

  const ofImport = new Set(lists[1][1]);
  const articles = new Set(journal.articles);
  const stays = (page: string) => !ofImport.has(page) || isKept('page', page);
  for (let grew = true; grew;) {
    grew = false;
    for (const [page, carried] of Object.entries(facts.carries)) {
      if (stays(page)) {
        for (const a of carried) if (articles.has(a) && keep('article', a, 'linked')) grew = true;
      } else if (carried.some((a) => isKept('article', a)) && keep('page', page, 'linked')) grew = true;
    }
  }
  const created = new Set(journal.pages);
  if (journal.issue && facts.issuePages.some((p) => !created.has(p) || isKept('page', p))) keep('issue', journal.issue, 'linked');

  const undone = (kind: Kind) => (id: string) => !gone(kind, id) && !isKept(kind, id);
  return {
    restore: [...journal.changedPages].reverse().filter((p) => undone('page')(p.documentId)),
    pages: journal.pages.filter(undone('page')),
    articles: journal.articles.filter(undone('article')),
    columns: journal.columns.filter(undone('column')),
    contributors: journal.contributors.filter(undone('contributor')),
    issue: journal.issue && undone('issue')(journal.issue) ? journal.issue : null,
    kept: [...kept.values()],
  };
}
