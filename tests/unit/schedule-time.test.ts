import { formatScheduleTime, parseScheduleTime } from '../../src/schedule/time';

/** The time an issue is scheduled for, read and shown in the newsroom's zone whatever the server's. */
describe('schedule times', () => {
  it('reads a wall-clock time in the zone given, with or without seconds', () => {
    expect(parseScheduleTime('2026-12-02 18:30', 'Asia/Shanghai')?.toISOString()).toBe('2026-12-02T10:30:00.000Z');
    expect(parseScheduleTime('2026-12-02T18:30:15', 'Asia/Shanghai')?.toISOString()).toBe('2026-12-02T10:30:15.000Z');
    expect(parseScheduleTime(' 2026-12-02 00:05 ', 'Asia/Shanghai')?.toISOString()).toBe('2026-12-01T16:05:00.000Z');
  });

  it('follows a zone across its summer time', () => {
    expect(parseScheduleTime('2026-07-01 09:00', 'America/New_York')?.toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(parseScheduleTime('2026-12-01 09:00', 'America/New_York')?.toISOString()).toBe('2026-12-01T14:00:00.000Z');
  });

  it('takes an ISO time with its zone as the instant it names', () => {
    expect(parseScheduleTime('2026-12-02T10:30:00Z', 'Asia/Shanghai')?.toISOString()).toBe('2026-12-02T10:30:00.000Z');
    expect(parseScheduleTime('2026-12-02T18:30:00+08:00', 'America/New_York')?.toISOString()).toBe('2026-12-02T10:30:00.000Z');
    expect(parseScheduleTime('2026-12-02T10:30:00.250Z')?.toISOString()).toBe('2026-12-02T10:30:00.250Z');
  });

  it('refuses what is not a time', () => {
    for (const bad of ['', '明天', '2026-02-30 08:00', '2026-12-02 24:00', '2026-12-02', 1733135400000, null, undefined]) {
      expect([bad, parseScheduleTime(bad, 'Asia/Shanghai')]).toEqual([bad, null]);
    }
  });

  it('shows an instant in the zone, seconds only when there are some', () => {
    expect(formatScheduleTime('2026-12-02T10:30:00.000Z', 'Asia/Shanghai')).toBe('2026-12-02 18:30');
    expect(formatScheduleTime(new Date('2026-12-02T10:30:15.000Z'), 'Asia/Shanghai')).toBe('2026-12-02 18:30:15');
    expect(formatScheduleTime('2026-12-01T16:05:00.000Z', 'Asia/Shanghai')).toBe('2026-12-02 00:05');
    expect(formatScheduleTime('2026-07-01T13:00:00.000Z', 'America/New_York')).toBe('2026-07-01 09:00');
  });
});
