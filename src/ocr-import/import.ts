import { asSignoffService } from '../signoff/context';
import type { Core } from '@strapi/strapi';
import crypto from 'crypto';
import { findOrCreateContributor } from '../newsroom/contributors';
import { guessContributorKind } from '../newsroom/names';
import { DEFAULT_LOCALE, articleText } from '../newsroom/glossary';
import {
  finishJournal,
  hasKeptArticles,
  isStale,
  journalMark,
  newJournal,
  readJournal,
  recordLeft,
  saveJournal,
  undoJournal,
  type Journal,
  type KeptEntry,
} from './import-journal';
import { InputError } from './decode';
import type { OcrResult } from './parse';
import type { ArticleEdit } from './edits';
import { parseOffThread } from './parse-pool';
import { pageChoicesFor, type ImportTarget, type PageChoice } from './target';

export { parseOcrFile } from './read-file';

/**
 * The importer's edge: one OCR file → draft content, written through the
 * Document Service. The text is parsed before anything is written; the writes go
 * in short transactions, one per printed page, held together by a journal
 * (import-journal.ts), so a failure leaves nothing of the file behind that nobody
 * has worked on since, and readers are never kept waiting. Each article stores
 * `importHash` (the file's SHA-256 and the article's place in it); a file already
 * imported is skipped whole, and articles an undo kept stand in for their place.
 */

export type ImportOptions = {
  publication?: string;
  issue?: number;
  date?: string;
  encoding?: string;
  locale?: string;
  /** Splits and merges of articles an editor made in the admin's preview (edits.ts). */
  edits?: ArticleEdit[];
  /** Called with an existing issue before anything is written into it; throws to refuse (the admin route checks the user's permissions). */
  authorizeIssue?: (documentId: string) => Promise<void>;
  /**
   * Where the file goes, chosen by the editor (the admin's form, target.ts): it replaces
   * `publication`/`issue`/`date`, and the text's 第N期 is not used. Without it (the
   * command line) the issue is `issue` or the text's 第N期, found or created with `date`.
   */
  target?: ImportTarget;
  /** With a target: each printed page's number and name as the editor confirmed them (a null number: the next free one). */
  pages?: PageChoice[];
};
export type ImportSummary = {
  file: string;
  status: 'imported' | 'already imported';
  issue: number;
  pages: number;
  articles: number;
  contributors: number;
  warnings: number;
  hash: string;
  /** What undoing an earlier import of this file that died kept, because editors had worked on it since. */
  kept: KeptEntry[];
  /** The issue the file went into (for an already imported file: where its articles are), and its pages. */
  issueDocumentId: string | null;
  issueDate: string | null;
  pagesWritten: PageRef[];
};
export type PageRef = { documentId: string; number: number; name: string | null };

async function resolvePublication(strapi: Core.Strapi, slug: string | undefined, file: string) {
  const docs = strapi.documents('api::publication.publication');
  if (slug) {
    const found = await docs.findFirst({ filters: { slug } });
    if (!found) throw new InputError('import.noPublication', { file, slug });
    return found;
  }
  const all = await docs.findMany({ limit: 2 });
  if (all.length === 1) return all[0];
  throw new InputError('import.choosePublication', { file, count: all.length });
}

/**
 * The editor's target, checked before anything is written: the publication, and the
 * existing issue of that publication or a new issue's number that is still free.
 * Returns the existing issue, or null when a new one is to be created.
 */
async function checkTarget(strapi: Core.Strapi, target: ImportTarget, locale: string) {
  const publication: any = await strapi.db
    .query('api::publication.publication')
    .findOne({ where: { documentId: target.publication }, select: ['documentId', 'name'] });
  if (!publication) throw new InputError('entry.notFound', { type: 'publication', documentId: target.publication });
  if ('issue' in target) {
    const issue: any = await strapi
      .documents('api::issue.issue')
      .findOne({ documentId: target.issue, locale, status: 'draft', populate: { publication: { fields: ['name'] } } as any });
    if (!issue) throw new InputError('entry.notFound', { type: 'issue', documentId: target.issue });
    if (issue.publication?.documentId !== publication.documentId)
      throw new InputError('import.issueOtherPublication', { number: issue.number, publication: issue.publication?.name ?? '—', chosen: publication.name });
    return { publication, issue };
  }
  const { number } = target.newIssue;
  // Any locale, draft or published: the number is the issue's, whatever the language.
  const taken: any = await strapi.db
    .query('api::issue.issue')
    .findOne({ where: { number, publication: { documentId: publication.documentId } }, select: ['documentId', 'number', 'date'] });
  if (taken) throw new InputError('import.issueExists', { number, date: taken.date ?? null, existing: taken.documentId, publication: publication.name });
  return { publication, issue: null };
}

/** Pages matching `filters`, as the summary names them (number order), with the issue of the first. */
async function pagesWhere(strapi: Core.Strapi, filters: object, locale: string) {
  const pages: any[] = await strapi.documents('api::page.page').findMany({
    filters: filters as any,
    locale,
    status: 'draft',
    fields: ['number', 'name'],
    populate: { issue: { fields: ['number', 'date'] } } as any,
    sort: 'number',
  });
  const issue = pages.find((p) => p.issue)?.issue ?? null;
  return { issue, pages: pages.map((p): PageRef => ({ documentId: p.documentId, number: p.number, name: p.name ?? null })) };
}
/** Where the articles of an imported file are. */
const placedAt = (strapi: Core.Strapi, hash: string, locale: string) =>
  pagesWhere(strapi, { placements: { article: { importHash: { $startsWith: `${hash}:` } } } }, locale);

/** Imports of the same file within this process wait for each other (SQLite has no advisory locks). */
const running = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = running.get(key) ?? Promise.resolve();
  const mine = previous.catch(() => undefined).then(fn);
  running.set(key, mine);
  try {
    return await mine;
  } finally {
    if (running.get(key) === mine) running.delete(key);
  }
}

type Context = {
  strapi: Core.Strapi;
  hash: string;
  locale: string;
  journal: Journal;
  /** The importHash of articles of this file already there (kept by an undo): they stand in for their place in it. */
  present: Set<string>;
};

/** A contributor by name; a new one's kind comes from the name and the role printed with it (evidence, names.ts). */
async function contributorFor(c: Context, rawName: string, evidence: { role?: string | null; kind?: 'person' | 'organisation' } = {}) {
  const kind = evidence.kind ?? guessContributorKind(rawName, { role: evidence.role });
  const contributor = await findOrCreateContributor(c.strapi, rawName, { kind, onCreate: (id) => c.journal.contributors.push(id) });
  return contributor.documentId as string;
}

async function columnFor(c: Context, name: string) {
  const columns = c.strapi.documents('api::column.column');
  const existing = await columns.findFirst({ filters: { name }, locale: c.locale });
  if (existing) return existing.documentId;
  const created = await columns.create({ data: { name } as any, locale: c.locale });
  c.journal.columns.push(created.documentId);
  return created.documentId;
}

/** A placement already on the page, as it is written back: its article, order and its rectangle on the grid. */
const keptPlacement = (pl: any) => ({
  article: pl.article?.documentId,
  order: pl.order,
  span: pl.span,
  lead: pl.lead,
  col: pl.col ?? null,
  colSpan: pl.colSpan ?? null,
  row: pl.row ?? null,
  rowSpan: pl.rowSpan ?? null,
});

/**
 * One printed page: its articles, then the page (new, or an existing one of that number with the articles added).
 * Returns the page written, or null when there was nothing to write (its articles were all kept by an undo).
 */
async function writePage(c: Context, issue: string, existingPages: any[], pi: number, parsed: OcrResult['pages'][number]): Promise<string | null> {
  const { strapi, hash, locale } = c;
  const pages = strapi.documents('api::page.page');
  const page: any = parsed.number ? existingPages.find((p: any) => p.number === parsed.number) : null;
  const fresh = parsed.articles.map((a, ai) => ({ a, ai })).filter(({ ai }) => !c.present.has(`${hash}:${pi}:${ai}`));
  // Resuming after an undo that kept editors' work: a page whose articles are all there already is left as they left it.
  if (c.present.size && !fresh.length && (page || parsed.articles.length)) return null;
  const placements: any[] = page ? (page.placements ?? []).map(keptPlacement) : [];
  for (const { a, ai } of fresh) {
    const bylines = [];
    for (const b of a.bylines) {
      const people = [];
      for (const n of b.names) people.push(await contributorFor(c, n, { role: b.role }));
      bylines.push({ role: b.role, contributors: people });
    }
    const photos = [];
    for (const ph of a.photos) {
      photos.push({
        caption: ph.caption,
        position: ph.position,
        credit: ph.credit ? await contributorFor(c, ph.credit, { role: ph.creditRole }) : null,
        creditRole: ph.creditRole,
        creditKind: ph.creditKind,
      });
    }
    const column = a.column ? await columnFor(c, a.column) : null;
    const created = await strapi.documents('api::article.article').create({
      data: {
        ...articleText(a),
        column,
        bylines,
        photos,
        importHash: `${hash}:${pi}:${ai}`,
      } as any,
      locale,
    });
    c.journal.articles.push(created.documentId);
    placements.push({ article: created.documentId, order: placements.length + 1, span: ai === 0 ? 4 : 2, lead: ai === 0 && placements.length === 0 });
  }
  const credits: Record<string, string | null> = {};
  const asList = (pl: any[]) => pl.map((p) => ({ ...p, article: { documentId: p.article } }));
  const row: any = page
    ? await strapi.db.query('api::page.page').findOne({
        where: { documentId: page.documentId, locale, publishedAt: null },
        populate: {
          credits: { populate: { editor: { select: ['documentId'] }, layout: { select: ['documentId'] }, proofreader: { select: ['documentId'] } } },
        },
      })
    : null;
  const before = Object.fromEntries(['editor', 'layout', 'proofreader'].map((r) => [r, row?.credits?.[r]?.documentId ?? null]));
  for (const role of ['editor', 'layout', 'proofreader'] as const) {
    const name = parsed.credits?.[role];
    // A page kept by an undo keeps the signatures on it: only empty credits are filled.
    if (c.present.size && before[role]) credits[role] = before[role];
    // 编辑/版式/审校 are people's signatures.
    else if (name) credits[role] = await contributorFor(c, name, { kind: 'person' });
  }
  if (page) {
    c.journal.changedPages.push({
      documentId: page.documentId,
      locale,
      placements: (page.placements ?? []).map(keptPlacement),
      credits: before,
    });
    await pages.update({ documentId: page.documentId, locale, data: { placements } as any });
    if (Object.keys(credits).length) await writePrintedCredits(strapi, page.documentId, locale, credits);
    page.placements = asList(placements);
    return page.documentId;
  }
  const used = existingPages.map((p: any) => p.number);
  const number = parsed.number ?? (used.length ? Math.max(...used) + 1 : 1);
  // A new page starts unsigned with no credits (document rules); the credits
  // printed on the old page are then recorded, at 采编 (nobody here has signed it).
  const created = await pages.create({ data: { number, name: parsed.name, theme: parsed.theme, issue, placements } as any, locale });
  c.journal.pages.push(created.documentId);
  existingPages.push({ documentId: created.documentId, number, placements: asList(placements) });
  if (Object.keys(credits).length) await writePrintedCredits(strapi, created.documentId, locale, credits);
  return created.documentId;
}

/**
 * The 编辑/版式/审校 names printed on the old page. Only the sign-off service writes
 * credits (src/signoff/document-rules.ts): the importer records these as the
 * system, beside a stage it leaves as it is (an imported page stays at 采编).
 */
async function writePrintedCredits(strapi: Core.Strapi, documentId: string, locale: string, credits: Record<string, string | null>) {
  await asSignoffService(() => strapi.documents('api::page.page').update({ documentId, locale, data: { credits } as any }));
}

export async function importOcrFile(strapi: Core.Strapi, bytes: Buffer, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  // In a worker thread: a big file must not hold up the requests this process answers.
  const result = await parseOffThread(bytes, file, options.encoding, options.edits);
  const hash = crypto.createHash('sha256').update(bytes).digest('hex');
  const locale = options.locale ?? DEFAULT_LOCALE;
  const { target } = options;
  // With a target the editor chose the issue; the text's 第N期 is what the old page printed.
  const number = target ? null : (options.issue ?? result.issue?.number ?? null);
  if (!target && !number) throw new InputError('import.noIssueNumber', { file });
  const articleCount = result.pages.reduce((n, p) => n + p.articles.length, 0);
  if (!articleCount) throw new InputError('import.noArticle', { file });
  const choices = target ? pageChoicesFor(options.pages, result.pages.length) : undefined;
  // With a target a page's number and name are the editor's (a page without a number takes the next free one).
  const pagesToWrite = target
    ? result.pages.map((p, i) => ({ ...p, number: choices?.[i]?.number ?? null, name: choices ? choices[i].name : p.name }))
    : result.pages;
  const base = { file, pages: result.pages.length, articles: articleCount, warnings: result.warnings.length, hash };

  return oneAtATime(hash, async () => {
    const c: Context = { strapi, hash, locale, journal: newJournal(file), present: new Set() };
    // Step 1: is it done, or under way elsewhere? Then the issue. Asked under a lock on the
    // file's hash (PostgreSQL), so two imports of one file at once write it once.
    const start = await strapi.db.transaction(async ({ trx }: any) => {
      if (strapi.db.dialect.client === 'postgres') await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`banmian-import:${hash}`]);
      const earlier = await readJournal(strapi, hash);
      if (earlier && !isStale(earlier)) throw new InputError('import.running', { file, since: earlier.startedAt });
      const kept = earlier ? await undoJournal(strapi, hash, earlier, locale) : []; // left by an import that died
      // The editor's target is checked first, so a wrong one is refused even for a file imported before.
      const chosen = target ? await checkTarget(strapi, target, locale) : null;
      const mine: any[] = await strapi.db
        .query('api::article.article')
        .findMany({ where: { importHash: { $startsWith: `${hash}:` }, locale, publishedAt: null }, select: ['importHash'] });
      if (mine.length && !(await hasKeptArticles(strapi, hash))) return null;
      c.present = new Set(mine.map((a) => a.importHash));
      const issues = strapi.documents('api::issue.issue');
      // The issue to write into, or the one to create: the editor's choice, else --issue (or 第N期) found or made with --date.
      let issue: any;
      let create: { number: number; date: string | undefined; publication: string };
      if (chosen && target) {
        issue = chosen.issue;
        const made = 'newIssue' in target ? target.newIssue : { number: 0, date: undefined };
        create = { ...made, publication: chosen.publication.documentId };
      } else {
        const publication = await resolvePublication(strapi, options.publication, file);
        issue = await issues.findFirst({ filters: { number, publication: { documentId: publication.documentId } }, locale, status: 'draft' });
        create = { number: number!, date: options.date, publication: publication.documentId };
      }
      if (issue && options.authorizeIssue) await options.authorizeIssue(issue.documentId);
      if (!issue) {
        if (!create.date) throw new InputError('import.issueMissing', { file, issue: create.number });
        issue = await issues.create({ data: { number: create.number, date: create.date, publication: create.publication } as any, locale });
        c.journal.issue = issue.documentId;
        await recordLeft(strapi, c.journal, journalMark(c.journal), { issue: true });
      }
      await saveJournal(strapi, hash, c.journal);
      return { issue: issue.documentId as string, number: issue.number as number, date: (issue.date as string) ?? null, kept };
    });
    if (!start) {
      const where = await placedAt(strapi, hash, locale);
      return {
        ...base,
        issue: where.issue?.number ?? number ?? (target && 'newIssue' in target ? target.newIssue.number : 0),
        issueDocumentId: where.issue?.documentId ?? null,
        issueDate: where.issue?.date ?? null,
        pagesWritten: where.pages,
        status: 'already imported' as const,
        contributors: 0,
        kept: [],
      };
    }

    const before = await strapi.db.query('api::contributor.contributor').count();
    const written: string[] = [];
    try {
      // The issue's pages are read once; pages made below are added to the list.
      const existingPages: any[] = await strapi.documents('api::page.page').findMany({
        filters: { issue: { documentId: start.issue } },
        locale,
        populate: { placements: { populate: { article: { fields: ['documentId'] } } } } as any,
      });
      for (const [pi, parsed] of pagesToWrite.entries()) {
        // Step 2…n: one short transaction per printed page, the journal saved with it.
        // It records the state it leaves its entries in, for an undo to tell what editors changed since.
        await strapi.db.transaction(async () => {
          const mark = journalMark(c.journal);
          const page = await writePage(c, start.issue, existingPages, pi, parsed);
          if (page && !written.includes(page)) written.push(page);
          await recordLeft(strapi, c.journal, mark, { pages: page ? [page] : [] });
          await saveJournal(strapi, hash, c.journal);
        });
        // Let the event loop serve others between steps: the database driver answers
        // synchronously, so without this the whole import would run in one go.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await finishJournal(strapi, hash);
    } catch (error) {
      // The failed step rolled itself back; the journal undoes the steps before it.
      const saved = await readJournal(strapi, hash);
      if (saved) await undoJournal(strapi, hash, saved, locale);
      throw error;
    }
    const after = await strapi.db.query('api::contributor.contributor').count();
    return {
      ...base,
      issue: start.number,
      issueDocumentId: start.issue,
      issueDate: start.date,
      pagesWritten: (await pagesWhere(strapi, { documentId: { $in: written } }, locale)).pages,
      status: 'imported' as const,
      contributors: after - before,
      kept: start.kept,
    };
  });
}
