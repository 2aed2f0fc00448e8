import os from 'os';
import type { Core } from '@strapi/strapi';
import type { Message } from '../newsroom/messages';
import { isMessageCode } from '../newsroom/messages';
import { refusal } from '../newsroom/refusals';
import { issuePages } from '../signoff/service';
import { publishRefusal } from '../signoff/stages';
import { defaultLocale } from '../signoff/snapshots';
import { formatScheduleTime, newsroomTimeZone, parseScheduleTime } from './time';

/**
 * An issue that goes live at a set time. A schedule is a row of its own
 * (api::issue-schedule, hidden from the Content Manager; the issue's schema is
 * unchanged): scheduled → fired | failed | cancelled. Setting one is refused at
 * once with the publish button's refusal (publishRefusal) if the issue could not
 * be published now; firing checks again by publishing through the Document
 * Service exactly as the 发布 button does (document-rules.ts: the issue's
 * articles, pages and the issue in one transaction), so a page sent back in
 * between makes the publish refuse, nothing goes live, and the schedule keeps
 * the refusal (code + params) as its reason.
 *
 * Exactly once with several instances: the due row is claimed by an
 * `UPDATE … WHERE id = ? AND state = 'scheduled'` inside the publish's own
 * transaction. On PostgreSQL a second instance's claim waits on that row's lock
 * and then finds it `fired` (0 rows); if the publish refuses or the process dies,
 * the claim rolls back with it, so the schedule is never marked fired without
 * the issue being live, nor live twice.
 */

const UID = 'api::issue-schedule.issue-schedule';
const ISSUE = 'api::issue.issue';

export type ScheduleState = 'scheduled' | 'fired' | 'failed' | 'cancelled';

/** One schedule as the admin shows it (GET /banmian/issues/:documentId/schedule). */
export type ScheduleRecord = {
  id: number;
  state: ScheduleState;
  /** ISO instant, and the same as the newsroom reads it (`2026-12-02 18:30`, in `timeZone`). */
  at: string;
  atLocal: string;
  locale: string | null;
  scheduledBy: string | null;
  scheduledAt: string;
  firedAt: string | null;
  firedOn: string | null;
  failure: Message | null;
  cancelledBy: string | null;
  cancelledAt: string | null;
};
export type IssueScheduleView = {
  timeZone: string;
  /** The schedule waiting to fire, if any. */
  pending: ScheduleRecord | null;
  /** Every schedule of the issue, newest first: the issue's publication history. */
  history: ScheduleRecord[];
};

type Actor = { name: string; email: string | null };

/** Which process fired a schedule, for the record (host:pid). */
export const INSTANCE = `${os.hostname()}:${process.pid}`;

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

function toRecord(row: any): ScheduleRecord {
  const failure = row.failure && isMessageCode(row.failure.code) ? (row.failure as Message) : null;
  return {
    id: row.id,
    state: row.state,
    at: iso(row.at)!,
    atLocal: formatScheduleTime(row.at),
    locale: row.locale ?? null,
    scheduledBy: row.scheduledBy ?? null,
    scheduledAt: iso(row.createdAt)!,
    firedAt: iso(row.firedAt),
    firedOn: row.firedOn ?? null,
    failure,
    cancelledBy: row.cancelledBy ?? null,
    cancelledAt: iso(row.cancelledAt),
  };
}

async function issueRow(strapi: Core.Strapi, documentId: string) {
  const row: any = await strapi.db.query(ISSUE).findOne({ where: { documentId }, select: ['number'] });
  if (!row) throw refusal('entry.notFound', { type: 'issue', documentId });
  return row as { number: number | null };
}

export async function scheduleView(strapi: Core.Strapi, issueDocumentId: string): Promise<IssueScheduleView> {
  const rows: any[] = await strapi.db.query(UID).findMany({ where: { issueDocumentId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  const history = rows.map(toRecord);
  return { timeZone: newsroomTimeZone(), pending: history.find((r) => r.state === 'scheduled') ?? null, history };
}

/** Why this issue could not be published now (the publish button's refusal), thrown as it is. */
async function assertPublishable(strapi: Core.Strapi, issueDocumentId: string, number: number | null) {
  const why = publishRefusal(await issuePages(strapi, issueDocumentId), number);
  if (why) throw refusal(why.code, why.params, { unsignedPages: why.pages });
}

/**
 * Sets the issue to go live at `at` (see time.ts for what it accepts). Refused for
 * a time that is not one or is past, and, like the 发布 button, while a page is
 * unsigned. A schedule already waiting is replaced (cancelled, by whom, kept in the history).
 */
export async function scheduleIssue(
  strapi: Core.Strapi,
  input: { issueDocumentId: string; at: unknown; locale?: unknown; actor: Actor; now?: Date },
): Promise<IssueScheduleView> {
  const now = input.now ?? new Date();
  const at = parseScheduleTime(input.at);
  if (!at) throw refusal('schedule.badTime', { value: String(input.at ?? ''), timeZone: newsroomTimeZone() });
  if (at.getTime() <= now.getTime()) throw refusal('schedule.past', { at: formatScheduleTime(at), now: formatScheduleTime(now), timeZone: newsroomTimeZone() });
  const issue = await issueRow(strapi, input.issueDocumentId);
  await assertPublishable(strapi, input.issueDocumentId, issue.number);
  const locale = typeof input.locale === 'string' && input.locale ? input.locale : await defaultLocale(strapi);
  await strapi.db.transaction(async () => {
    await cancelPending(strapi, input.issueDocumentId, input.actor, now);
    await strapi.db.query(UID).create({
      data: {
        issueDocumentId: input.issueDocumentId,
        issueNumber: issue.number,
        locale,
        at,
        state: 'scheduled',
        scheduledBy: input.actor.name,
        scheduledByEmail: input.actor.email,
      },
    });
  });
  return scheduleView(strapi, input.issueDocumentId);
}

async function cancelPending(strapi: Core.Strapi, issueDocumentId: string, actor: Actor, now: Date) {
  const { count } = await strapi.db
    .query(UID)
    .updateMany({ where: { issueDocumentId, state: 'scheduled' }, data: { state: 'cancelled', cancelledBy: actor.name, cancelledAt: now } });
  return count as number;
}

/** Takes back the issue's waiting schedule; refused when there is none (it fired, failed, or was never set). */
export async function unscheduleIssue(strapi: Core.Strapi, input: { issueDocumentId: string; actor: Actor }): Promise<IssueScheduleView> {
  const issue = await issueRow(strapi, input.issueDocumentId);
  if (!(await cancelPending(strapi, input.issueDocumentId, input.actor, new Date()))) throw refusal('schedule.none', { issue: issue.number });
  return scheduleView(strapi, input.issueDocumentId);
}

/** The refusal (or error) a firing met, as the reason the schedule keeps. */
function reasonOf(error: any): Message {
  const details = error?.details;
  if (details && isMessageCode(details.code)) return { code: details.code, params: details.params ?? {} } as Message;
  return { code: 'schedule.fireFailed', params: { why: String(error?.message ?? error) } };
}

export type FireOutcome = 'fired' | 'failed' | 'taken';

/**
 * Fires one due schedule: claims it and publishes the issue in one transaction,
 * or records why not. 'taken' when another instance (or tick) had it.
 */
export async function fireSchedule(strapi: Core.Strapi, row: { id: number; issueDocumentId: string; locale: string | null }): Promise<FireOutcome> {
  const firedAt = new Date();
  let claimed = false;
  try {
    await strapi.db.transaction(async () => {
      const { count } = await strapi.db
        .query(UID)
        .updateMany({ where: { id: row.id, state: 'scheduled' }, data: { state: 'fired', firedAt, firedOn: INSTANCE } });
      if (count !== 1) return;
      claimed = true;
      const issue = await issueRow(strapi, row.issueDocumentId);
      // Checked again before Strapi's publish: the same refusal the button gives (also checked by the publish itself).
      await assertPublishable(strapi, row.issueDocumentId, issue.number);
      await strapi.documents(ISSUE as any).publish({ documentId: row.issueDocumentId, locale: row.locale ?? (await defaultLocale(strapi)) });
    });
    return claimed ? 'fired' : 'taken';
  } catch (error) {
    // The claim rolled back with the publish: whoever records the failure first keeps it, once.
    const failure = reasonOf(error);
    const { count } = await strapi.db
      .query(UID)
      .updateMany({ where: { id: row.id, state: 'scheduled' }, data: { state: 'failed', firedAt, firedOn: INSTANCE, failure } });
    if (count === 1) strapi.log.warn(`[schedule] issue ${row.issueDocumentId} did not go live: ${failure.code} ${JSON.stringify(failure.params)}`);
    return count === 1 ? 'failed' : 'taken';
  }
}

/** Fires every schedule due by `now`, oldest first. */
export async function fireDue(strapi: Core.Strapi, now = new Date()): Promise<Array<{ id: number; outcome: FireOutcome }>> {
  const due: any[] = await strapi.db.query(UID).findMany({
    where: { state: 'scheduled', at: { $lte: now } },
    select: ['id', 'issueDocumentId', 'locale'],
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    limit: 20,
  });
  const out = [];
  for (const row of due) out.push({ id: row.id as number, outcome: await fireSchedule(strapi, row) });
  return out;
}

/** The schedules the 值班总编's home page lists: those waiting, and those that failed in the last week. */
export async function deskSchedules(strapi: Core.Strapi, now = new Date()) {
  const since = new Date(now.getTime() - 7 * 24 * 3600 * 1000);
  const rows: any[] = await strapi.db.query(UID).findMany({
    where: { $or: [{ state: 'scheduled' }, { state: 'failed', firedAt: { $gte: since } }] },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    limit: 50,
  });
  return rows.map((r) => ({ ...toRecord(r), issueDocumentId: r.issueDocumentId as string, issueNumber: (r.issueNumber ?? null) as number | null }));
}
