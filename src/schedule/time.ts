/**
 * The time an issue is scheduled for, read and shown in the newsroom's time zone
 * (TZ, default Asia/Shanghai, as the admin shows dates: src/admin/time-zone.ts),
 * whatever zone the server's clock is in. Pure: Intl only.
 */

export const newsroomTimeZone = () => process.env.TZ || 'Asia/Shanghai';

/** `2026-12-02 18:30`, `2026-12-02T18:30`, with optional seconds: a wall-clock time, no zone. */
const WALL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
/** An ISO time with its zone (`Z`, `+08:00`): an instant already. */
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** The zone's offset from UTC at this instant, in ms (Asia/Shanghai: +8 h). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a schedule's `at` names, or null if it is not a time: an ISO time
 * with a zone as given, a wall-clock time (`YYYY-MM-DD HH:mm`) in `timeZone`.
 */
export function parseScheduleTime(value: unknown, timeZone = newsroomTimeZone()): Date | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (ZONED.test(text)) {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const m = WALL.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  // 2026-02-30 is not a day: Date.UTC would roll it over to March.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  // Twice: the offset at the guess may differ from the one at the answer across a DST change.
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant);
}

/** `2026-12-02 18:30` (seconds only when set) in the newsroom's zone: how the admin and the refusals show a schedule. */
export function formatScheduleTime(instant: Date | string, timeZone = newsroomTimeZone()): string {
  const d = new Date(instant);
  const local = new Date(d.getTime() + offsetAt(d.getTime(), timeZone));
  return local.toISOString().slice(0, 19).replace('T', ' ').replace(/:00$/, '');
}
