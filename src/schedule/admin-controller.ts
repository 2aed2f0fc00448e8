import type { Core } from '@strapi/strapi';
import { refusal } from '../newsroom/refusals';
import { actorOfUser } from '../signoff/service';
import { entriesAdminCan } from '../newsroom/admin-ability';
import { newsroomTimeZone } from './time';
import { deskSchedules, scheduleIssue, scheduleView, unscheduleIssue, type ScheduleRecord } from './service';

/**
 * The admin routes of timed publication (permission checks: src/admin-api/routes.ts):
 *   view        GET    /banmian/issues/:documentId/schedule              the waiting schedule and every earlier one
 *   schedule    POST   /banmian/issues/:documentId/schedule              { at: ISO time, or 'YYYY-MM-DD HH:mm' in TZ; locale? }
 *   unschedule  DELETE /banmian/issues/:documentId/schedule  (or POST …/unschedule)
 *   desk        GET    /banmian/home/schedules                           waiting and recently failed, for the home page
 * Setting and taking back a schedule needs what the 发布 button needs: publish on issues.
 */

const ISSUE = 'api::issue.issue';

/** What GET /banmian/home/schedules answers (the home page's widget imports this type). */
export type HomeSchedulesView = { timeZone: string; schedules: Array<ScheduleRecord & { issueDocumentId: string; issueNumber: number | null }> };

function assertMayPublish(ctx: any) {
  if (!ctx.state.userAbility?.can('plugin::content-manager.explorer.publish', ISSUE)) throw refusal('admin.notAllowed', { action: 'publish', type: 'issue' });
}

export const scheduleAdminController = (strapi: Core.Strapi) => ({
  async view(ctx: any) {
    ctx.body = await scheduleView(strapi, ctx.params.documentId);
  },

  async schedule(ctx: any) {
    assertMayPublish(ctx);
    const body = ctx.request.body ?? {};
    ctx.body = await scheduleIssue(strapi, { issueDocumentId: ctx.params.documentId, at: body.at, locale: body.locale, actor: actorOfUser(ctx.state.user) });
  },

  async unschedule(ctx: any) {
    assertMayPublish(ctx);
    ctx.body = await unscheduleIssue(strapi, { issueDocumentId: ctx.params.documentId, actor: actorOfUser(ctx.state.user) });
  },

  async desk(ctx: any) {
    const all = await deskSchedules(strapi);
    // Only the issues this role may read (its conditions), as every home widget does.
    const readable = await entriesAdminCan(strapi, ctx, 'read', ISSUE, [...new Set(all.map((s) => s.issueDocumentId))]);
    const view: HomeSchedulesView = { timeZone: newsroomTimeZone(), schedules: all.filter((s) => readable.has(s.issueDocumentId)) };
    ctx.body = view;
  },
});
