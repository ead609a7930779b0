/** Deadlines that reach a year whose holidays the calendar does not know are flagged (K6: the known range). */
import { describe, expect, it } from 'vitest';
import { daysOfNotice, SHIPPED_YEARS } from './china-holidays.ts';
import { DEFAULT_WEEKLY } from './defaults.ts';
import { explain } from './explain.ts';
import { knownYears } from './queries.ts';
import { addWorkingTime, isBeyondKnownRange, yearsBeyondKnownRange, type CalendarOverride, type CalendarSpec } from './working-time.ts';

const days = new Map<string, CalendarOverride>(SHIPPED_YEARS.flatMap(daysOfNotice).map((d) => [d.date, { kind: d.kind, name: d.name }]));
/** The shipped calendar as loaded at the end of 2026: it knows 2020–2026 and nothing of 2027. */
const shipped: CalendarSpec = { timezone: 'Asia/Shanghai', weekly: DEFAULT_WEEKLY, days, knownYears: new Set(SHIPPED_YEARS) };
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('the known range of a calendar', () => {
  it('is its official years, or the years it has days in when it has none, or nothing', () => {
    expect([...knownYears([2025, 2026], [{ date: '2027-03-09' }])]).toEqual([2025, 2026]);
    expect([...knownYears([], [{ date: '2026-03-09' }, { date: '2026-05-01' }])]).toEqual([2026]);
    expect(knownYears([], []).size).toBe(0);
  });

  it('flags a deadline in hours that crosses into an unknown year, at the first day counted there', () => {
    // Thu 31 Dec 2026 17:00 + 3 h: one hour in 2026, then Fri 1 Jan 2027 — 元旦, but the calendar does not know it.
    const { deadline, explanation } = addWorkingTime(shipped, sh('2026-12-31 17:00'), { amount: 3, unit: 'hours' });
    expect(deadline).toEqual(sh('2027-01-01 11:00'));
    expect(explanation.map((s) => s.kind)).toEqual(['start', 'counted', 'beyond_known_range', 'counted', 'deadline']);
    expect(yearsBeyondKnownRange(explanation)).toEqual([2027]);
    expect(explain('zh-CN', explanation)[2]).toBe('日历中尚无 2027 年的节假日与调休安排，该年按每周工作时间计算，截止时间可能不准确');
    expect(explain('en-US', explanation)[2]).toMatch(/no holidays or make-up workdays for 2027/);
  });

  it('flags a deadline in days, and splits a weekend run at the edge of the known range', () => {
    // Sat 2 Jan 2027 is not reached through a known year: Fri 1 Jan is counted as a plain working day.
    const { explanation } = addWorkingTime(shipped, sh('2026-12-31 10:00'), { amount: 2, unit: 'days' });
    expect(explanation).toContainEqual({ kind: 'beyond_known_range', year: 2027 });
    expect(explanation.filter((s) => s.kind === 'beyond_known_range')).toHaveLength(1);
    const counted = explanation.filter((s) => s.kind === 'days_counted');
    expect(counted.every((s) => s.from.slice(0, 4) === s.to.slice(0, 4))).toBe(true);
  });

  it('does not flag a deadline inside the known range, nor on a calendar without any holidays', () => {
    expect(yearsBeyondKnownRange(addWorkingTime(shipped, sh('2026-12-30 10:00'), { amount: 8, unit: 'hours' }).explanation)).toEqual([]);
    const plain: CalendarSpec = { timezone: 'Asia/Shanghai', weekly: DEFAULT_WEEKLY, days: new Map(), knownYears: new Set() };
    expect(yearsBeyondKnownRange(addWorkingTime(plain, sh('2026-12-31 17:00'), { amount: 30, unit: 'days' }).explanation)).toEqual([]);
  });

  it('names each unknown year once, and a start inside an unknown year is flagged too', () => {
    const { explanation } = addWorkingTime(shipped, sh('2026-12-31 17:00'), { amount: 300, unit: 'days' });
    expect(yearsBeyondKnownRange(explanation)).toEqual([2027, 2028]);
    expect(yearsBeyondKnownRange(addWorkingTime(shipped, sh('2027-03-03 10:00'), { amount: 1, unit: 'hours' }).explanation)).toEqual([2027]);
  });

  it('knows whether an instant set by hand lies beyond it, in the calendar’s zone', () => {
    expect(isBeyondKnownRange(shipped, sh('2026-12-31 23:59'))).toBe(false);
    expect(isBeyondKnownRange(shipped, new Date('2026-12-31T16:00:00.000Z'))).toBe(true); // 1 Jan 2027 00:00 in Shanghai
    expect(isBeyondKnownRange({ ...shipped, knownYears: undefined }, sh('2030-01-01 10:00'))).toBe(false);
  });
});
