/**
 * Expanding an RRULE into occurrence starts, as RFC 5545 §3.3.10 says: each period of the frequency (a day, a week
 * starting on WKST, a month, a year), every INTERVAL-th one from the first occurrence's, yields the dates its BY*
 * parts select (BYMONTH, BYMONTHDAY, BYDAY expand or limit depending on FREQ), then BYSETPOS picks among them.
 * Dates that do not exist are skipped, never moved: BYMONTHDAY=31 skips the months without a 31st, a monthly rule
 * from 31 January skips February, a yearly rule from 29 February lands only on leap years.
 *
 * The work is done on local calendar days of the time zone (days since 1970-01-01), and every occurrence keeps the
 * wall time of the first one (09:00 stays 09:00). The zone's offset comes from Intl at each instant, so a zone with
 * daylight saving time keeps its wall time too; Asia/Shanghai has none today, but nothing relies on that.
 */
import {
  RRULE_MAX_OCCURRENCES,
  RRULE_MAX_YEARS,
  RRULE_WEEKDAYS,
  rruleEnds,
  type RRule,
  type RRuleDay,
  type RRuleError,
} from './recurrence-rule.ts';

const DAY_MS = 86_400_000;
const mod = (n: number, m: number) => ((n % m) + m) % m;

// ---- Local calendar days ----------------------------------------------------------------------------------------

/** Days since 1970-01-01 of a calendar date (month 1…12). */
export const dayOfDate = (year: number, month: number, date: number): number => Date.UTC(year, month - 1, date) / DAY_MS;

export function dateOfDay(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** 0 = Monday … 6 = Sunday, RFC 5545's order (1970-01-01 was a Thursday). */
export const weekdayOfDay = (day: number): number => mod(day + 3, 7);

// ---- Wall time in a zone ----------------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatterOf(zone);
    return true;
  } catch {
    return false;
  }
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(zone: string, instantMs: number): number {
  const parts = formatterOf(zone).formatToParts(new Date(instantMs));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return wall - (instantMs - mod(instantMs, 1000));
}

/** An instant as (local day, milliseconds since local midnight) in a zone. */
export function localMoment(zone: string, instant: Date): { day: number; ms: number } {
  const local = instant.getTime() + offsetAt(zone, instant.getTime());
  const day = Math.floor(local / DAY_MS);
  return { day, ms: local - day * DAY_MS };
}

/**
 * The instant of a local wall time, as RFC 5545 §3.3.5 reads one: a time that occurs twice (clocks set back) is its
 * first occurrence; a time skipped when clocks go forward is read with the offset from before the change (02:30 → 03:30).
 */
export function instantOf(zone: string, day: number, ms: number): Date {
  const local = day * DAY_MS + ms;
  const before = local - offsetAt(zone, local - DAY_MS);
  const after = local - offsetAt(zone, local + DAY_MS);
  const fits = [before, after].filter((t) => t + offsetAt(zone, t) === local);
  return new Date(fits.length > 0 ? Math.min(...fits) : before);
}

// ---- Which days a period yields ---------------------------------------------------------------------------------

const weekdayIndex = (d: RRuleDay) => RRULE_WEEKDAYS.indexOf(d.weekday);

/** The days of [first, last] a BYDAY list names; ordinals count within that span (the month or the year). */
function daysOfWeekdays(byDay: RRuleDay[], first: number, last: number): number[] {
  const days: number[] = [];
  for (const entry of byDay) {
    const weekday = weekdayIndex(entry);
    const firstOne = first + mod(weekday - weekdayOfDay(first), 7);
    const lastOne = last - mod(weekdayOfDay(last) - weekday, 7);
    if (entry.ordinal === undefined) {
      for (let day = firstOne; day <= last; day += 7) days.push(day);
    } else {
      const day = entry.ordinal > 0 ? firstOne + (entry.ordinal - 1) * 7 : lastOne + (entry.ordinal + 1) * 7;
      if (day >= first && day <= last) days.push(day);
    }
  }
  return days;
}

/** The days of a month BYMONTHDAY names (negative: from the end); a day the month does not have is skipped. */
function daysOfMonthDays(byMonthDay: number[], year: number, month: number): number[] {
  const length = daysInMonth(year, month);
  return byMonthDay
    .map((n) => (n > 0 ? n : length + 1 + n))
    .filter((date) => date >= 1 && date <= length)
    .map((date) => dayOfDate(year, month, date));
}

const intersect = (a: number[], b: number[]) => a.filter((day) => b.includes(day));

/** A month's days: BYMONTHDAY and BYDAY (ordinals within the month) both expand, and limit each other. */
function daysInMonthPeriod(rule: RRule, year: number, month: number, start: { date: number }): number[] {
  const first = dayOfDate(year, month, 1);
  const last = first + daysInMonth(year, month) - 1;
  const byMonthDay = rule.byMonthDay.length > 0 ? daysOfMonthDays(rule.byMonthDay, year, month) : null;
  const byDay = rule.byDay.length > 0 ? daysOfWeekdays(rule.byDay, first, last) : null;
  if (byMonthDay && byDay) return intersect(byMonthDay, byDay);
  if (byMonthDay ?? byDay) return byMonthDay ?? byDay ?? [];
  return start.date <= daysInMonth(year, month) ? [dayOfDate(year, month, start.date)] : [];
}

function daysOfYear(rule: RRule, year: number, start: { month: number; date: number }): number[] {
  if (rule.byMonth.length > 0) return rule.byMonth.flatMap((month) => daysInMonthPeriod(rule, year, month, start));
  const first = dayOfDate(year, 1, 1);
  const last = dayOfDate(year, 12, 31);
  const months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const byMonthDay = rule.byMonthDay.length > 0 ? months.flatMap((m) => daysOfMonthDays(rule.byMonthDay, year, m)) : null;
  const byDay = rule.byDay.length > 0 ? daysOfWeekdays(rule.byDay, first, last) : null;
  if (byMonthDay && byDay) return intersect(byMonthDay, byDay);
  if (byMonthDay ?? byDay) return byMonthDay ?? byDay ?? [];
  return start.date <= daysInMonth(year, start.month) ? [dayOfDate(year, start.month, start.date)] : [];
}

/** BYMONTH, BYMONTHDAY and BYDAY as limits on a day (DAILY, and BYMONTH for WEEKLY and MONTHLY). */
function passesLimits(rule: RRule, day: number): boolean {
  const { year, month, date } = dateOfDay(day);
  if (rule.byMonth.length > 0 && !rule.byMonth.includes(month)) return false;
  if (rule.byMonthDay.length > 0 && rule.freq === 'DAILY') {
    const length = daysInMonth(year, month);
    if (!rule.byMonthDay.some((n) => (n > 0 ? n : length + 1 + n) === date)) return false;
  }
  if (rule.byDay.length > 0 && rule.freq === 'DAILY' && !rule.byDay.some((d) => weekdayIndex(d) === weekdayOfDay(day))) return false;
  return true;
}

/** BYSETPOS: the n-th (or, negative, n-th from the end) of a period's sorted days. */
function pickPositions(days: number[], positions: number[]): number[] {
  if (positions.length === 0) return days;
  const picked = positions.map((p) => (p > 0 ? days[p - 1] : days[days.length + p])).filter((d): d is number => d !== undefined);
  return [...new Set(picked)].sort((a, b) => a - b);
}

/**
 * The periods from the first occurrence's, every INTERVAL-th one, each as its sorted days; ends after `lastDay`.
 * Periods are counted from the start's period, so a rule's rhythm does not depend on where a window begins.
 */
function* periods(rule: RRule, startDay: number, lastDay: number): Generator<number[]> {
  const start = dateOfDay(startDay);
  for (let k = 0; ; k += 1) {
    let days: number[];
    let periodFirst: number;
    if (rule.freq === 'DAILY') {
      periodFirst = startDay + k * rule.interval;
      days = [periodFirst];
    } else if (rule.freq === 'WEEKLY') {
      const wkst = RRULE_WEEKDAYS.indexOf(rule.wkst);
      periodFirst = startDay - mod(weekdayOfDay(startDay) - wkst, 7) + k * 7 * rule.interval;
      const wanted = rule.byDay.length > 0 ? rule.byDay.map(weekdayIndex) : [weekdayOfDay(startDay)];
      days = [0, 1, 2, 3, 4, 5, 6].map((i) => periodFirst + i).filter((day) => wanted.includes(weekdayOfDay(day)));
    } else if (rule.freq === 'MONTHLY') {
      const index = start.year * 12 + (start.month - 1) + k * rule.interval;
      const [year, month] = [Math.floor(index / 12), mod(index, 12) + 1];
      periodFirst = dayOfDate(year, month, 1);
      days = daysInMonthPeriod(rule, year, month, start);
    } else {
      const year = start.year + k * rule.interval;
      periodFirst = dayOfDate(year, 1, 1);
      days = daysOfYear(rule, year, start);
    }
    if (periodFirst > lastDay) return;
    const limited = [...new Set(days)].sort((a, b) => a - b).filter((day) => passesLimits(rule, day));
    yield pickPositions(limited, rule.bySetPos);
  }
}

// ---- Expansion --------------------------------------------------------------------------------------------------

export interface ExpandOptions {
  /** Starts taken out of the series (EXDATE); they still count towards COUNT, as in RFC 5545. */
  exdates?: readonly (Date | string)[];
  /** At most this many starts are returned; required for a rule with neither COUNT nor UNTIL. */
  limit?: number;
  /** Only starts at or after this instant are returned (COUNT still counts from the first occurrence). */
  from?: Date;
  /** Only starts before this instant are returned. */
  to?: Date;
}

export type ExpandResult =
  | {
      ok: true;
      starts: Date[];
      /** True when the hard cap (RRULE_MAX_OCCURRENCES occurrences, RRULE_MAX_YEARS years) cut the rule short. */
      capped: boolean;
    }
  | { ok: false; error: RRuleError };

/**
 * The occurrence starts of a rule whose first occurrence is `dtstart`, in time zone `zone`. The start itself is the
 * first occurrence when the rule selects its day (RFC 5545 §3.8.5.3); days before it never are.
 */
export function expandRRule(rule: RRule, dtstart: Date, zone: string, options: ExpandOptions = {}): ExpandResult {
  if (Number.isNaN(dtstart.getTime())) return { ok: false, error: { reason: 'bad_start' } };
  if (!isTimeZone(zone)) return { ok: false, error: { reason: 'bad_time_zone', value: zone } };
  if (!rruleEnds(rule) && options.limit === undefined) return { ok: false, error: { reason: 'unbounded' } };
  if (rule.until && 'instant' in rule.until && rule.until.instant.getTime() < dtstart.getTime()) {
    return { ok: false, error: { reason: 'until_before_start', part: 'UNTIL' } };
  }
  const { day: startDay, ms } = localMoment(zone, dtstart);
  if (rule.until && 'date' in rule.until && rule.until.date < new Date(startDay * DAY_MS).toISOString().slice(0, 10)) {
    return { ok: false, error: { reason: 'until_before_start', part: 'UNTIL' } };
  }

  const start = dateOfDay(startDay);
  const horizon = dayOfDate(start.year + RRULE_MAX_YEARS, start.month, start.date); // first day past the cap
  const until = rule.until;
  const untilMs = until && 'instant' in until ? until.instant.getTime() : Infinity;
  const untilDay = !until ? Infinity : 'date' in until ? Date.parse(`${until.date}T00:00:00Z`) / DAY_MS : localMoment(zone, until.instant).day;
  const excluded = new Set((options.exdates ?? []).map((d) => new Date(d).getTime()));
  const starts: Date[] = [];
  const done = (capped: boolean): ExpandResult => ({ ok: true, starts, capped });
  if (options.limit !== undefined && options.limit < 1) return done(false);

  let counted = 0;
  for (const days of periods(rule, startDay, Math.min(horizon - 1, untilDay))) {
    for (const day of days) {
      if (day < startDay) continue;
      if (day > untilDay) return done(false);
      if (day >= horizon) return done(true);
      const at = instantOf(zone, day, ms);
      if (at.getTime() > untilMs) return done(false);
      if (options.to && at.getTime() >= options.to.getTime()) return done(false);
      counted += 1;
      if (!excluded.has(at.getTime()) && !(options.from && at.getTime() < options.from.getTime())) starts.push(at);
      if (rule.count !== undefined && counted >= rule.count) return done(false);
      if (counted >= RRULE_MAX_OCCURRENCES) return done(true);
      if (options.limit !== undefined && starts.length >= options.limit) return done(false);
    }
  }
  // The periods ran out: past the UNTIL day, or past the horizon with the rule not yet at its end.
  return done(untilDay >= horizon);
}
