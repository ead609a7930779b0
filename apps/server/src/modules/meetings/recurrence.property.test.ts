/**
 * The expander against a brute-force reading of RFC 5545: for random rules, walk every day from before the first
 * occurrence to the five-year horizon, keep the days the rule's parts select (day by day, not period by period),
 * apply BYSETPOS per period, then COUNT, UNTIL and the cap — and require exactly the expander's answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RRULE_MAX_OCCURRENCES,
  RRULE_WEEKDAYS,
  expandRRule,
  formatRRule,
  localMoment,
  parseRRule,
  type RRule,
  type RRuleWeekday,
} from '@henji/contracts/recurrence';

const DAY_MS = 86_400_000;
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin'] as const;

const utc = (day: number) => new Date(day * DAY_MS);
/** 0 = Monday … 6 = Sunday. */
const weekday = (day: number) => (utc(day).getUTCDay() + 6) % 7;
const monthLength = (day: number) => new Date(Date.UTC(utc(day).getUTCFullYear(), utc(day).getUTCMonth() + 1, 0)).getUTCDate();

/** Which of the n-th (and n-th from last) `wd` of the span [first, last] `day` is. */
function nthOf(day: number, first: number, last: number): { fromStart: number; fromEnd: number } {
  return { fromStart: Math.floor((day - first) / 7) + 1, fromEnd: -(Math.floor((last - day) / 7) + 1) };
}

function monthSpan(day: number): [number, number] {
  const d = utc(day);
  const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
  return [first, first + monthLength(day) - 1];
}
function yearSpan(day: number): [number, number] {
  const y = utc(day).getUTCFullYear();
  return [Date.UTC(y, 0, 1) / DAY_MS, Date.UTC(y, 11, 31) / DAY_MS];
}

/** The period a day falls in, as a number that grows by one per period of the frequency. */
function periodOf(rule: RRule, day: number): number {
  const d = utc(day);
  if (rule.freq === 'DAILY') return day;
  if (rule.freq === 'WEEKLY') return (day - ((weekday(day) - RRULE_WEEKDAYS.indexOf(rule.wkst) + 7) % 7)) / 7;
  if (rule.freq === 'MONTHLY') return d.getUTCFullYear() * 12 + d.getUTCMonth();
  return d.getUTCFullYear();
}

/** Whether the rule's parts select a day, read day by day. */
function selects(rule: RRule, day: number, startDay: number): boolean {
  const d = utc(day);
  const start = utc(startDay);
  if ((periodOf(rule, day) - periodOf(rule, startDay)) % rule.interval !== 0) return false;
  if (rule.byMonth.length > 0 && !rule.byMonth.includes(d.getUTCMonth() + 1)) return false;
  if (rule.byMonthDay.length > 0 && !rule.byMonthDay.some((n) => (n > 0 ? n : monthLength(day) + 1 + n) === d.getUTCDate())) return false;
  if (rule.byDay.length > 0) {
    const [first, last] = rule.freq === 'YEARLY' && rule.byMonth.length === 0 ? yearSpan(day) : monthSpan(day);
    const nth = nthOf(day, first, last);
    const matches = rule.byDay.some(
      (entry) =>
        RRULE_WEEKDAYS.indexOf(entry.weekday) === weekday(day) &&
        (entry.ordinal === undefined || entry.ordinal === nth.fromStart || entry.ordinal === nth.fromEnd),
    );
    if (!matches) return false;
  }
  const noDays = rule.byDay.length === 0 && rule.byMonthDay.length === 0;
  if (rule.freq === 'WEEKLY' && rule.byDay.length === 0 && weekday(day) !== weekday(startDay)) return false;
  if (rule.freq === 'MONTHLY' && noDays && d.getUTCDate() !== start.getUTCDate()) return false;
  if (rule.freq === 'YEARLY' && noDays) {
    if (d.getUTCDate() !== start.getUTCDate()) return false;
    if (rule.byMonth.length === 0 && d.getUTCMonth() !== start.getUTCMonth()) return false;
  }
  return true;
}

function bruteForce(rule: RRule, dtstart: Date, zone: string): Date[] {
  const { day: startDay, ms } = localMoment(zone, dtstart);
  const s = utc(startDay);
  const horizon = Date.UTC(s.getUTCFullYear() + 5, s.getUTCMonth(), s.getUTCDate()) / DAY_MS;
  const byPeriod = new Map<number, number[]>();
  for (let day = startDay - 400; day < horizon + 400; day += 1) {
    if (!selects(rule, day, startDay)) continue;
    const key = periodOf(rule, day);
    byPeriod.set(key, [...(byPeriod.get(key) ?? []), day]);
  }
  let days = [...byPeriod.values()].flatMap((list) => {
    if (rule.bySetPos.length === 0) return list;
    return [...new Set(rule.bySetPos.map((p) => (p > 0 ? list[p - 1] : list[list.length + p])))].filter((x): x is number => x !== undefined);
  });
  days = days.sort((a, b) => a - b).filter((day) => day >= startDay && day < horizon);
  const untilDay = rule.until && 'date' in rule.until ? Date.parse(`${rule.until.date}T00:00:00Z`) / DAY_MS : Infinity;
  days = days.filter((day) => day <= untilDay);
  // Wall time is kept; zones here change offsets only at night, and starts are between 06:00 and 22:00.
  const offset = dtstart.getTime() - (startDay * DAY_MS + ms);
  let starts = days.map((day) => new Date(day * DAY_MS + ms + offset));
  starts = starts.map((at) => new Date(at.getTime() + (localMoment(zone, dtstart).ms - localMoment(zone, at).ms)));
  if (rule.count !== undefined) starts = starts.slice(0, rule.count);
  return starts.slice(0, RRULE_MAX_OCCURRENCES);
}

/** A BY list is absent half the time, so the rules that lean on the first start's weekday or date come up often. */
const orNone = <T>(list: fc.Arbitrary<T[]>): fc.Arbitrary<T[]> => fc.oneof(fc.constant<T[]>([]), list);
const weekdayCode = fc.constantFrom<RRuleWeekday>(...RRULE_WEEKDAYS);
const ruleText = fc
  .record({
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
    interval: fc.integer({ min: 1, max: 4 }),
    end: fc.oneof(fc.record({ count: fc.integer({ min: 1, max: 80 }) }), fc.record({ untilDays: fc.integer({ min: 0, max: 2200 }) })),
    byDay: orNone(
      fc.uniqueArray(fc.tuple(fc.option(fc.integer({ min: -5, max: 5 }).filter((n) => n !== 0), { nil: undefined }), weekdayCode), {
        minLength: 1,
        maxLength: 3,
        selector: ([n, w]) => `${n ?? ''}${w}`,
      }),
    ),
    byMonthDay: orNone(fc.uniqueArray(fc.integer({ min: -31, max: 31 }).filter((n) => n !== 0), { minLength: 1, maxLength: 3 })),
    byMonth: orNone(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 })),
    bySetPos: orNone(fc.uniqueArray(fc.integer({ min: -3, max: 3 }).filter((n) => n !== 0), { minLength: 1, maxLength: 2 })),
    wkst: weekdayCode,
  })
  .map((r) => {
    const ordinals = r.freq === 'MONTHLY' || r.freq === 'YEARLY';
    const byDay = r.byDay.map(([n, w]) => `${ordinals ? (n ?? '') : ''}${w}`);
    const parts = [`FREQ=${r.freq}`, `INTERVAL=${r.interval}`, `WKST=${r.wkst}`];
    if (new Set(byDay).size > 0) parts.push(`BYDAY=${[...new Set(byDay)].join(',')}`);
    if (r.freq !== 'WEEKLY' && r.byMonthDay.length > 0) parts.push(`BYMONTHDAY=${r.byMonthDay.join(',')}`);
    if (r.byMonth.length > 0) parts.push(`BYMONTH=${r.byMonth.join(',')}`);
    if (parts.length > 3 && r.bySetPos.length > 0) parts.push(`BYSETPOS=${r.bySetPos.join(',')}`);
    return { parts, end: r.end };
  });

/** Any day, or often the end of a month (29–31 January, 29 February…), where months and years differ most. */
const startDay = fc.oneof(
  fc.integer({ min: Date.UTC(2020, 0, 1) / DAY_MS, max: Date.UTC(2030, 11, 31) / DAY_MS }),
  fc
    .record({ year: fc.integer({ min: 2020, max: 2030 }), month: fc.integer({ min: 0, max: 11 }), back: fc.integer({ min: 0, max: 3 }) })
    .map(({ year, month, back }) => Date.UTC(year, month + 1, 0) / DAY_MS - back),
);
const firstStart = fc.record({
  day: startDay,
  minutes: fc.integer({ min: 6 * 60, max: 22 * 60 }),
  zone: fc.constantFrom(...ZONES),
});

describe('expandRRule against a day-by-day reading of the rule', () => {
  it('gives exactly the selected days, in order, at the first start’s wall time', () => {
    fc.assert(
      fc.property(ruleText, firstStart, ({ parts, end }, { day, minutes, zone }) => {
        // The start as a wall time in the zone: guess with the offset at noon UTC that day (no zone changes at 06–22h).
        const noon = new Date(day * DAY_MS + 12 * 3_600_000);
        const dtstart = new Date(day * DAY_MS + minutes * 60_000 - (localMoment(zone, noon).day * DAY_MS + localMoment(zone, noon).ms - noon.getTime()));
        const untilDate = 'untilDays' in end ? utc(day + end.untilDays).toISOString().slice(0, 10).replaceAll('-', '') : null;
        const text = [...parts, untilDate ? `UNTIL=${untilDate}` : `COUNT=${'count' in end ? end.count : 1}`].join(';');
        const parsed = parseRRule(text);
        if (!parsed.ok) throw new Error(`${text}: ${parsed.error.reason}`);
        const again = parseRRule(formatRRule(parsed.rule));
        expect(again).toEqual(parsed);

        const result = expandRRule(parsed.rule, dtstart, zone);
        if (!result.ok) throw new Error(`${text}: ${result.error.reason}`);
        const expected = bruteForce(parsed.rule, dtstart, zone).map((d) => d.toISOString());
        expect(result.starts.map((d) => d.toISOString()), text).toEqual(expected);
        const wall = localMoment(zone, dtstart).ms;
        expect(result.starts.every((d) => localMoment(zone, d).ms === wall)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
