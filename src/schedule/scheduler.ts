import type { Core } from '@strapi/strapi';
import { fireDue } from './service';

/**
 * Each instance looks for due schedules about once a second; the firing itself
 * is claimed in the database (service.ts), so however many instances poll, one
 * publishes. BANMIAN_SCHEDULER=false turns the poll off in this process (the
 * command-line scripts do: they are not servers); BANMIAN_SCHEDULE_POLL_MS sets its period.
 */

export type Scheduler = { stop: () => Promise<void> };

export function startScheduler(strapi: Core.Strapi): Scheduler | null {
  if (process.env.BANMIAN_SCHEDULER === 'false') return null;
  const every = Math.max(100, Number(process.env.BANMIAN_SCHEDULE_POLL_MS) || 1000);
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return; // one tick at a time: a slow publish is not started twice here
    running = fireDue(strapi)
      .then(() => undefined)
      .catch((error) => strapi.log.error(`[schedule] ${error?.stack ?? error}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, every);
  timer.unref(); // never what keeps a process alive
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running; // a firing in flight finishes before the database closes
    },
  };
}
