/** The business calendar's pure logic: working time, deadlines, explanations and the shipped official data. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WeeklyTemplate, type ExplanationStep, type WorkingPeriod } from '@henji/contracts';
import { CHINA_ARRANGEMENTS, daysOfNotice, SHIPPED_YEARS, shippedDaysIn } from './china-holidays.ts';
import { DEFAULT_WEEKLY } from './defaults.ts';
import { explain } from './explain.ts';
import {
  addWorkingTime,
  isWorkingTime,
  nextWorkingInstant,
  usualDayMinutes,
  workingMinutesBetween,
  type CalendarOverride,
  type CalendarSpec,
} from './working-time.ts';

const officialDays = new Map<string, CalendarOverride>(SHIPPED_YEARS.flatMap(daysOfNotice).map((d) => [d.date, { kind: d.kind, name: d.name }]));

/** The shipped mainland calendar: Mon–Fri 09:00–12:00 and 13:00–18:00, with every official holiday and 调休. */
const china: CalendarSpec = { timezone: 'Asia/Shanghai', weekly: DEFAULT_WEEKLY, days: officialDays };
const plainWeek: CalendarSpec = { timezone: 'Asia/Shanghai', weekly: DEFAULT_WEEKLY, days: new Map() };

/** A wall-clock moment in Shanghai. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const days = (amount: number) => ({ amount, unit: 'days' as const });

describe('working time', () => {
  it('knows the working periods, the lunch break and the ends of periods (half-open)', () => {
    expect(isWorkingTime(china, sh('2026-03-02 09:00'))).toBe(true); // Monday
    expect(isWorkingTime(china, sh('2026-03-02 08:59'))).toBe(false);
    expect(isWorkingTime(china, sh('2026-03-02 11:59'))).toBe(true);
    expect(isWorkingTime(china, sh('2026-03-02 12:00'))).toBe(false);
    expect(isWorkingTime(china, sh('2026-03-02 13:00'))).toBe(true);
    expect(isWorkingTime(china, sh('2026-03-02 18:00'))).toBe(false);
    expect(isWorkingTime(china, sh('2026-03-07 10:00'))).toBe(false); // Saturday
    expect(isWorkingTime(china, sh('2026-10-02 10:00'))).toBe(false); // 国庆节
    expect(isWorkingTime(china, sh('2026-10-10 10:00'))).toBe(true); // Saturday, 调休上班
  });

  it('finds the next working moment across lunch, nights, weekends and holidays', () => {
    expect(nextWorkingInstant(china, sh('2026-03-02 10:15'))).toEqual(sh('2026-03-02 10:15'));
    expect(nextWorkingInstant(china, sh('2026-03-02 12:30'))).toEqual(sh('2026-03-02 13:00'));
    expect(nextWorkingInstant(china, sh('2026-03-02 07:00'))).toEqual(sh('2026-03-02 09:00'));
    expect(nextWorkingInstant(china, sh('2026-03-06 18:00'))).toEqual(sh('2026-03-09 09:00')); // Fri → Mon
    expect(nextWorkingInstant(china, sh('2026-09-30 18:30'))).toEqual(sh('2026-10-08 09:00')); // 国庆节
    expect(nextWorkingInstant(china, sh('2026-02-13 19:00'))).toEqual(sh('2026-02-14 09:00')); // Sat 调休
  });

  it('counts working minutes between two instants, lunch and nights excluded, and 0 backwards', () => {
    expect(workingMinutesBetween(china, sh('2026-03-06 16:00'), sh('2026-03-09 10:00'))).toBe(180);
    expect(workingMinutesBetween(china, sh('2026-03-02 11:00'), sh('2026-03-02 14:00'))).toBe(120);
    expect(workingMinutesBetween(china, sh('2026-03-02 09:00'), sh('2026-03-07 09:00'))).toBe(5 * 8 * 60);
    expect(workingMinutesBetween(china, sh('2026-09-30 17:00'), sh('2026-10-08 10:00'))).toBe(120);
    expect(workingMinutesBetween(china, sh('2026-03-02 14:00'), sh('2026-03-02 11:00'))).toBe(0);
    expect(workingMinutesBetween(china, sh('2026-03-02 14:00'), sh('2026-03-02 14:00'))).toBe(0);
  });

  it('refuses to search forever in a calendar without working time', () => {
    const allHolidays: CalendarSpec = { ...plainWeek, weekly: [[], [], [], [], [], [], []] };
    expect(() => nextWorkingInstant(allHolidays, sh('2026-03-02 10:00'))).toThrow(/no working time/);
    expect(() => addWorkingTime(allHolidays, sh('2026-03-02 10:00'), hours(1))).toThrow(/no working time/);
  });
});

describe('the usual working day', () => {
  const p = (start: string, end: string): WorkingPeriod => ({ start, end });
  it('is the most common daily length among the days with working time', () => {
    expect(usualDayMinutes(DEFAULT_WEEKLY)).toBe(480);
    // Mon–Fri 09:00–12:00 and 13:30–18:00 (7.5 h), Saturday morning only: 7.5 h is the usual day.
    const short = [[], ...Array.from({ length: 5 }, () => [p('09:00', '12:00'), p('13:30', '18:00')]), [p('09:00', '12:00')]];
    expect(usualDayMinutes(short)).toBe(450);
  });
  it('takes the longer length on a tie and 8 hours when no day has working time', () => {
    const tie = [[], [p('09:00', '17:00')], [p('09:00', '18:00')], [], [], [], []];
    expect(usualDayMinutes(tie)).toBe(540);
    expect(usualDayMinutes([[], [], [], [], [], [], []])).toBe(480);
  });
});

describe('deadlines in working hours', () => {
  it('counts within a day, across the lunch break, and ends at the end of a period rather than after lunch', () => {
    expect(addWorkingTime(china, sh('2026-03-02 09:00'), hours(8)).deadline).toEqual(sh('2026-03-02 18:00'));
    expect(addWorkingTime(china, sh('2026-03-02 10:00'), hours(3)).deadline).toEqual(sh('2026-03-02 14:00'));
    expect(addWorkingTime(china, sh('2026-03-02 09:00'), hours(3)).deadline).toEqual(sh('2026-03-02 12:00'));
    expect(addWorkingTime(china, sh('2026-03-02 09:00'), hours(0.5)).deadline).toEqual(sh('2026-03-02 09:30'));
  });

  it('skips the weekend, as one merged step', () => {
    const { deadline, explanation } = addWorkingTime(china, sh('2026-03-06 16:00'), hours(8));
    expect(deadline).toEqual(sh('2026-03-09 16:00'));
    expect(explanation).toEqual<ExplanationStep[]>([
      { kind: 'start', at: sh('2026-03-06 16:00').toISOString(), date: '2026-03-06', time: '16:00' },
      { kind: 'counted', from: '2026-03-06', to: '2026-03-06', minutes: 120 },
      { kind: 'skip', from: '2026-03-07', to: '2026-03-08', reason: 'weekend' },
      { kind: 'counted', from: '2026-03-09', to: '2026-03-09', minutes: 360 },
      { kind: 'deadline', at: sh('2026-03-09 16:00').toISOString(), date: '2026-03-09', time: '16:00' },
    ]);
  });

  it('a start outside working hours counts from the next working period, and says so', () => {
    const { deadline, explanation } = addWorkingTime(china, sh('2026-03-07 10:00'), hours(2)); // Saturday
    expect(deadline).toEqual(sh('2026-03-09 11:00'));
    expect(explanation.map((s) => s.kind)).toEqual(['start', 'outside_hours', 'skip', 'counted', 'deadline']);
    expect(explanation[1]).toMatchObject({ kind: 'outside_hours', date: '2026-03-09', time: '09:00' });
    expect(explanation[2]).toEqual({ kind: 'skip', from: '2026-03-07', to: '2026-03-08', reason: 'weekend' });

    expect(addWorkingTime(china, sh('2026-03-02 12:15'), hours(1)).deadline).toEqual(sh('2026-03-02 14:00'));
    expect(addWorkingTime(china, sh('2026-03-02 06:00'), hours(1)).deadline).toEqual(sh('2026-03-02 10:00'));
    expect(addWorkingTime(china, sh('2026-03-02 20:00'), hours(1)).deadline).toEqual(sh('2026-03-03 10:00'));
  });

  it('skips the whole National Day break and counts the Saturday make-up workday (国庆 2026)', () => {
    const { deadline, explanation } = addWorkingTime(china, sh('2026-09-30 16:00'), hours(8 + 8 + 8 + 2));
    // Wed 2 h; Oct 1–7 off; Thu 8 h and Fri 8 h; Saturday Oct 10 is a 调休 workday: its 8 h complete the 26.
    expect(deadline).toEqual(sh('2026-10-10 18:00'));
    expect(explanation.slice(1, -1)).toEqual([
      { kind: 'counted', from: '2026-09-30', to: '2026-09-30', minutes: 120 },
      { kind: 'skip', from: '2026-10-01', to: '2026-10-07', reason: 'holiday', name: '国庆节' },
      { kind: 'counted', from: '2026-10-08', to: '2026-10-09', minutes: 960 },
      { kind: 'makeup_workday', date: '2026-10-10', name: '国庆节' },
      { kind: 'counted', from: '2026-10-10', to: '2026-10-10', minutes: 480 },
    ]);
  });

  it('skips 春节 2026 (nine days) between two Saturday make-up workdays', () => {
    const { deadline, explanation } = addWorkingTime(china, sh('2026-02-13 10:00'), hours(16));
    expect(deadline).toEqual(sh('2026-02-24 10:00'));
    expect(explanation.slice(1, -1)).toEqual([
      { kind: 'counted', from: '2026-02-13', to: '2026-02-13', minutes: 7 * 60 },
      { kind: 'makeup_workday', date: '2026-02-14', name: '春节' },
      { kind: 'counted', from: '2026-02-14', to: '2026-02-14', minutes: 8 * 60 },
      { kind: 'skip', from: '2026-02-15', to: '2026-02-23', reason: 'holiday', name: '春节' },
      { kind: 'counted', from: '2026-02-24', to: '2026-02-24', minutes: 60 },
    ]);
  });

  it('crosses the year boundary: 元旦 2026 and its Sunday make-up workday', () => {
    const { deadline, explanation } = addWorkingTime(china, sh('2025-12-31 17:00'), hours(2));
    expect(deadline).toEqual(sh('2026-01-04 10:00'));
    expect(explanation.slice(1, -1)).toEqual([
      { kind: 'counted', from: '2025-12-31', to: '2025-12-31', minutes: 60 },
      { kind: 'skip', from: '2026-01-01', to: '2026-01-03', reason: 'holiday', name: '元旦' },
      { kind: 'makeup_workday', date: '2026-01-04', name: '元旦' },
      { kind: 'counted', from: '2026-01-04', to: '2026-01-04', minutes: 60 },
    ]);
  });

  it('keeps holiday and weekend runs apart when they touch (端午 2024: Mon only, joined to the weekend)', () => {
    const { explanation } = addWorkingTime(china, sh('2024-06-07 17:00'), hours(2));
    expect(explanation.filter((s) => s.kind === 'skip')).toEqual([
      { kind: 'skip', from: '2024-06-08', to: '2024-06-09', reason: 'weekend' },
      { kind: 'skip', from: '2024-06-10', to: '2024-06-10', reason: 'holiday', name: '端午节' },
    ]);
  });
});

describe('deadlines in working days', () => {
  it('is the same wall-clock time N working days later', () => {
    expect(addWorkingTime(china, sh('2026-03-02 10:30'), days(1)).deadline).toEqual(sh('2026-03-03 10:30'));
    expect(addWorkingTime(china, sh('2026-03-06 16:00'), days(1)).deadline).toEqual(sh('2026-03-09 16:00'));
    expect(addWorkingTime(china, sh('2026-03-02 10:30'), days(5)).deadline).toEqual(sh('2026-03-09 10:30'));
  });

  it('a start outside working time first moves to the next working moment (Fri 19:00 → Mon 09:00 → Tue 09:00)', () => {
    expect(addWorkingTime(china, sh('2026-03-06 19:00'), days(1)).deadline).toEqual(sh('2026-03-10 09:00'));
    expect(addWorkingTime(china, sh('2026-03-03 12:30'), days(1)).deadline).toEqual(sh('2026-03-04 13:00'));
    const { explanation } = addWorkingTime(china, sh('2026-03-07 11:00'), days(1));
    expect(explanation.map((s) => s.kind)).toEqual(['start', 'outside_hours', 'skip', 'days_counted', 'deadline']);
  });

  it('counts make-up workdays and skips holidays', () => {
    const { deadline, explanation } = addWorkingTime(china, sh('2026-09-30 10:00'), days(3));
    expect(deadline).toEqual(sh('2026-10-10 10:00'));
    expect(explanation.slice(1, -1)).toEqual([
      { kind: 'skip', from: '2026-10-01', to: '2026-10-07', reason: 'holiday', name: '国庆节' },
      { kind: 'days_counted', from: '2026-10-08', to: '2026-10-09', days: 2 },
      { kind: 'makeup_workday', date: '2026-10-10', name: '国庆节' },
      { kind: 'days_counted', from: '2026-10-10', to: '2026-10-10', days: 1 },
    ]);
  });

  it('a deadline never falls after the last period of a shorter day', () => {
    // Fridays end at 16:00 in this template: 17:00 on Thursday plus one day is Friday 16:00.
    const friday = [{ start: '09:00', end: '16:00' }];
    const short: CalendarSpec = { ...plainWeek, weekly: [[], ...DEFAULT_WEEKLY.slice(1, 5), friday, []] };
    expect(addWorkingTime(short, sh('2026-03-05 17:00'), days(1)).deadline).toEqual(sh('2026-03-06 16:00'));
  });
});

describe('time zones', () => {
  it('counts wall-clock hours across a daylight saving change (Europe/Berlin, 29 March 2026)', () => {
    const berlin: CalendarSpec = { timezone: 'Europe/Berlin', weekly: DEFAULT_WEEKLY, days: new Map() };
    // Friday 17:00 CET = 16:00Z; two working hours later is Monday 10:00 CEST = 08:00Z.
    const { deadline, explanation } = addWorkingTime(berlin, new Date('2026-03-27T16:00:00Z'), hours(2));
    expect(deadline).toEqual(new Date('2026-03-30T08:00:00Z'));
    expect(explanation.at(-1)).toMatchObject({ date: '2026-03-30', time: '10:00' });
    expect(workingMinutesBetween(berlin, new Date('2026-03-27T16:00:00Z'), deadline)).toBe(120);
  });

  it('reads instants in the calendar’s zone, not the server’s', () => {
    const utc: CalendarSpec = { ...plainWeek, timezone: 'UTC' };
    expect(isWorkingTime(utc, new Date('2026-03-02T10:30:00Z'))).toBe(true);
    expect(isWorkingTime(plainWeek, new Date('2026-03-02T10:30:00Z'))).toBe(false); // 18:30 in Shanghai
    expect(isWorkingTime(plainWeek, new Date('2026-03-02T01:30:00Z'))).toBe(true); // 09:30 in Shanghai
    expect(isWorkingTime(utc, new Date('2026-03-02T01:30:00Z'))).toBe(false);
  });
});

describe('explanations', () => {
  const example = () => addWorkingTime(china, sh('2026-10-09 16:00'), hours(16)).explanation;

  it('read as sentences in Chinese', () => {
    expect(explain('zh-CN', example())).toEqual([
      '起算时间：10月9日（周五）16:00',
      '10月9日（周五）计 2 小时',
      '10月10日（周六）为国庆节调休上班日',
      '10月10日（周六）计 8 小时',
      '10月11日（周日）为休息日，不计',
      '10月12日（周一）计 6 小时',
      '截止时间：10月12日（周一）16:00',
    ]);
  });

  it('read as sentences in English', () => {
    expect(explain('en-US', example())).toEqual([
      'Starts Fri 9 Oct, 16:00',
      'Fri 9 Oct: 2 h counted',
      'Sat 10 Oct is a make-up workday (国庆节)',
      'Sat 10 Oct: 8 h counted',
      'Sun 11 Oct: weekend, not counted',
      'Mon 12 Oct: 6 h counted',
      'Deadline Mon 12 Oct, 16:00',
    ]);
  });

  it('name ranges, holidays, minutes and the year when it changes', () => {
    const { explanation } = addWorkingTime(china, sh('2025-12-31 17:30'), hours(1.25));
    expect(explain('zh-CN', explanation)).toEqual([
      '起算时间：12月31日（周三）17:30',
      '12月31日（周三）计 30 分钟',
      '2026年1月1日（周四）至2026年1月3日（周六）为元旦假期，不计',
      '2026年1月4日（周日）为元旦调休上班日',
      '2026年1月4日（周日）计 45 分钟',
      '截止时间：2026年1月4日（周日）09:45',
    ]);
    expect(explain('en-US', addWorkingTime(china, sh('2026-03-06 16:00'), hours(9.5)).explanation)).toEqual([
      'Starts Fri 6 Mar, 16:00',
      'Fri 6 Mar: 2 h counted',
      'Sat 7 Mar to Sun 8 Mar: weekend, not counted',
      'Mon 9 Mar: 7 h 30 min counted',
      'Deadline Mon 9 Mar, 17:30',
    ]);
  });

  it('explain working days and out-of-hours starts', () => {
    const { explanation } = addWorkingTime(china, sh('2026-03-06 19:00'), days(2));
    expect(explain('zh-CN', explanation)).toEqual([
      '起算时间：3月6日（周五）19:00',
      '起算时不在工作时间内，自 3月9日（周一）09:00 起计算',
      '3月7日（周六）至3月8日（周日）为休息日，不计',
      '3月10日（周二）至3月11日（周三）计 2 个工作日',
      '截止时间：3月11日（周三）09:00',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties

const MIN = Date.parse('2019-06-01T00:00:00Z');
const MAX = Date.parse('2027-06-01T00:00:00Z');
/** Instants over the shipped years, to the second, so starts land anywhere: nights, lunch, holidays. */
const instant = fc.integer({ min: MIN / 1000, max: MAX / 1000 }).map((s) => new Date(s * 1000));
const quarterHours = fc.integer({ min: 1, max: 400 }).map((q) => q / 4);

const time = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** A weekday's periods: sorted, non-overlapping, on a 15-minute grid, possibly none. */
const dayPeriods: fc.Arbitrary<WorkingPeriod[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 })
  .map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const periods: WorkingPeriod[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) periods.push({ start: time(sorted[i]! * 15), end: time(sorted[i + 1]! * 15) });
    return periods;
  });
const weekly = fc.array(dayPeriods, { minLength: 7, maxLength: 7 }).filter((w) => w.some((d) => d.length > 0));
const zone = fc.constantFrom('Asia/Shanghai', 'UTC', 'Asia/Tokyo', 'America/New_York');
const randomCalendar: fc.Arbitrary<CalendarSpec> = fc
  .record({ weekly, timezone: zone, holidays: fc.array(fc.tuple(fc.integer({ min: 0, max: 8 * 366 }), fc.boolean()), { maxLength: 80 }) })
  .map(({ weekly, timezone, holidays }) => ({
    timezone,
    weekly,
    days: new Map(
      holidays.map(([offset, off]): [string, CalendarOverride] => [
        new Date(MIN + offset * 86_400_000).toISOString().slice(0, 10),
        { kind: off ? 'holiday' : 'workday', name: off ? '假' : '班' },
      ]),
    ),
  }));

/** New York changes its clocks at 02:00, which the random templates may cover; wall-clock counting is exact elsewhere. */
const withoutDst = (cal: CalendarSpec) => cal.timezone !== 'America/New_York';

describe('properties', () => {
  it('the working minutes up to a deadline are the hours asked for (shipped calendar)', () => {
    fc.assert(
      fc.property(instant, quarterHours, (start, h) => {
        const { deadline } = addWorkingTime(china, start, hours(h));
        expect(workingMinutesBetween(china, start, deadline)).toBe(h * 60);
      }),
      { numRuns: 300 },
    );
  });

  it('the working minutes up to a deadline are the hours asked for (any valid calendar)', () => {
    fc.assert(
      fc.property(randomCalendar.filter(withoutDst), instant, quarterHours, (cal, start, h) => {
        const { deadline } = addWorkingTime(cal, start, hours(h));
        expect(workingMinutesBetween(cal, start, deadline)).toBe(h * 60);
      }),
      { numRuns: 150 },
    );
  });

  it('a deadline ends working time: the moment before it is working time', () => {
    fc.assert(
      fc.property(instant, quarterHours, (start, h) => {
        const { deadline } = addWorkingTime(china, start, hours(h));
        expect(deadline.getTime()).toBeGreaterThan(start.getTime());
        expect(isWorkingTime(china, new Date(deadline.getTime() - 1))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('adding a then b is adding a + b, and more time never gives an earlier deadline', () => {
    fc.assert(
      fc.property(instant, quarterHours, quarterHours, (start, a, b) => {
        const first = addWorkingTime(china, start, hours(a)).deadline;
        const whole = addWorkingTime(china, start, hours(a + b)).deadline;
        expect(addWorkingTime(china, first, hours(b)).deadline).toEqual(whole);
        expect(whole.getTime()).toBeGreaterThan(first.getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('the explanation accounts for every minute and every day, in order, from start to deadline', () => {
    fc.assert(
      fc.property(instant, quarterHours, fc.integer({ min: 1, max: 60 }), (start, h, n) => {
        const byHours = addWorkingTime(china, start, hours(h));
        const minutes = byHours.explanation.flatMap((s) => (s.kind === 'counted' ? [s.minutes] : []));
        // Fractional when the start has seconds: the parts add up to the whole but for rounding.
        expect(minutes.reduce((x, y) => x + y, 0)).toBeCloseTo(h * 60, 6);
        const byDays = addWorkingTime(china, start, days(n));
        expect(byDays.explanation.flatMap((s) => (s.kind === 'days_counted' ? [s.days] : [])).reduce((x, y) => x + y, 0)).toBe(n);
        for (const { explanation, deadline } of [byHours, byDays]) {
          expect(explanation[0]).toMatchObject({ kind: 'start', at: start.toISOString() });
          expect(explanation.at(-1)).toMatchObject({ kind: 'deadline', at: deadline.toISOString() });
          // Skipped and counted ranges follow each other without overlapping.
          const ranges = explanation.flatMap((s) => ('from' in s ? [[s.from, s.to] as const] : []));
          for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0] > ranges[i - 1]![1]).toBe(true);
          expect(explain('zh-CN', explanation)).toHaveLength(explanation.length);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('N working days keep the wall-clock time of the first working moment (uniform office week)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (start, n) => {
        const begin = nextWorkingInstant(china, start);
        const { deadline } = addWorkingTime(china, start, days(n));
        const clock = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 19);
        expect(clock(deadline)).toBe(clock(begin));
        expect(workingMinutesBetween(china, begin, deadline)).toBe(n * 8 * 60);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the shipped official arrangements', () => {
  const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

  it('cover 2020–2026', () => {
    expect(SHIPPED_YEARS).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('put every make-up workday on a Saturday or Sunday, never on a holiday', () => {
    const all = SHIPPED_YEARS.flatMap(daysOfNotice);
    expect(new Set(all.map((d) => d.date)).size).toBe(all.length);
    for (const day of all.filter((d) => d.kind === 'workday')) expect([0, 6], day.date).toContain(weekday(day.date));
  });

  it('name the seven holidays of each year', () => {
    for (const year of SHIPPED_YEARS) {
      const names = CHINA_ARRANGEMENTS[year]!.map((a) => a.name).join('、');
      for (const holiday of ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']) expect(names, `${year}`).toContain(holiday);
    }
  });

  it('hold the 2026 notice as published', () => {
    const of2026 = daysOfNotice(2026);
    const range = (kind: string, name: string) => of2026.filter((d) => d.kind === kind && d.name === name).map((d) => d.date);
    expect(range('holiday', '元旦')).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(range('workday', '元旦')).toEqual(['2026-01-04']);
    expect(range('holiday', '春节')).toHaveLength(9);
    expect(range('workday', '春节')).toEqual(['2026-02-14', '2026-02-28']);
    expect(range('holiday', '劳动节')).toEqual(['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05']);
    expect(range('workday', '劳动节')).toEqual(['2026-05-09']);
    expect(range('holiday', '国庆节')).toHaveLength(7);
    expect(range('workday', '国庆节')).toEqual(['2026-09-20', '2026-10-10']);
  });

  it('group days by the year they fall in: 2022 includes the 2023 notice’s 31 December', () => {
    expect(shippedDaysIn(2022).at(-1)).toEqual({ date: '2022-12-31', kind: 'holiday', name: '元旦' });
    expect(shippedDaysIn(2023).some((d) => d.date === '2022-12-31')).toBe(false);
    expect(shippedDaysIn(2019)).toEqual([]);
  });
});

describe('the weekly template schema', () => {
  const office = DEFAULT_WEEKLY;
  const paths = (value: unknown) => {
    const result = WeeklyTemplate.safeParse(value);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
  };

  it('accepts the office week and periods ending at 24:00', () => {
    expect(paths(office)).toEqual([]);
    expect(paths([[{ start: '00:00', end: '24:00' }], [], [], [], [], [], []])).toEqual([]);
  });

  it('rejects reversed and overlapping periods, bad times and a week without working time, at the field', () => {
    const bad = [...office];
    bad[2] = [{ start: '13:00', end: '12:00' }];
    bad[3] = [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '14:00' }];
    expect(paths(bad)).toEqual(['2.0:calendar.contract_period_order', '3.1:calendar.contract_period_overlap']);
    expect(paths([[{ start: '9:00', end: '10:00' }], [], [], [], [], [], []])[0]).toMatch(/^0\.0\.start:calendar\.contract_time/);
    expect(paths([[{ start: '09:00', end: '24:30' }], [], [], [], [], [], []])[0]).toMatch(/^0\.0\.end:/);
    expect(paths([[], [], [], [], [], [], []])).toEqual([':calendar.contract_no_working_time']);
    expect(paths([[], [], []])).not.toEqual([]);
  });
});
