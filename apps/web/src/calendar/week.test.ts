import { describe, expect, it } from 'vitest';
import type { WeeklyTemplate } from '@henji/contracts';
import { hasProblems, hoursOf, monthWeeks, templateProblems, weekdayOf, weeklyHours } from './week.ts';

const office = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const week: WeeklyTemplate = [[], office, office, office, office, office, []];

describe('weekly hours', () => {
  it('adds up periods per day and per week', () => {
    expect(hoursOf(office)).toBe(8);
    expect(hoursOf([{ start: '08:30', end: '12:00' }])).toBe(3.5);
    expect(hoursOf([{ start: '00:00', end: '24:00' }])).toBe(24);
    expect(hoursOf([{ start: '9:00', end: '12:00' }])).toBe(0);
    expect(weeklyHours(week)).toBe(40);
  });

  it('finds the same problems as the server, keyed like its field errors', () => {
    expect(hasProblems(templateProblems(week))).toBe(false);
    const edited: WeeklyTemplate = [[], [{ start: '9:00', end: '12:00' }], [{ start: '14:00', end: '13:00' }], [...office, { start: '17:00', end: '19:00' }], [], [], []];
    expect(templateProblems(edited)).toEqual({ fields: { '1.0.start': 'timeFormat', '2.0': 'order', '3.2': 'overlap' }, noWorkingTime: false });
    expect(templateProblems([[], [], [], [], [], [], []]).noWorkingTime).toBe(true);
  });
});

describe('month grid', () => {
  it('starts weeks on Monday and pads with the days of other months', () => {
    expect(weekdayOf('2026-10-01')).toBe(4);
    const october = monthWeeks(2026, 10);
    expect(october[0]).toEqual([null, null, null, '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
    expect(october.at(-1)).toEqual(['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31', null]);
    expect(monthWeeks(2024, 2).flat().filter(Boolean)).toHaveLength(29);
    expect(monthWeeks(2026, 6)[0]![0]).toBe('2026-06-01');
  });
});
