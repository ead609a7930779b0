/**
 * Working time on a business calendar (K6), without a database: which moments are working time, the next working
 * moment, the working minutes between two instants, and SLA deadlines with the steps that explain them.
 *
 * Rules:
 * - A day's working periods come from the weekly template by weekday, unless the day has an override: a holiday has
 *   none; a make-up workday (调休) has the template's Monday periods (or, if Monday has none, the first weekday that
 *   has some).
 * - Periods are half-open [start, end) in wall-clock time; working time is counted in wall-clock minutes.
 * - Hours: count working minutes forward from the start; a start outside working time counts from the next working
 *   period. The deadline is the moment the last minute is counted, so 3 h from Mon 09:00 is Mon 12:00, not 13:00.
 * - Days: N working days after a start is the same wall-clock time on the N-th working day after the start's day.
 *   A start outside working time is first moved to the next working moment (Fri 19:00 → Mon 09:00, so one working
 *   day later is Tue 09:00). When that wall-clock time lies after the last period of the deadline's day it is that
 *   period's end (before the first period: its start), so a deadline never falls in the night.
 */
import type { CalendarDayKind, DurationUnit, ExplanationStep, WeeklyTemplate } from '@henji/contracts';
import { minutesOfDay } from '@henji/contracts';
import { conflict } from '../errors.ts';
import { msg } from '../messages.ts';
import { dateOf, MINUTE_MS, timeOf, toInstant, toLocal, weekdayOf, type LocalMoment } from './zone.ts';

export interface CalendarOverride {
  kind: CalendarDayKind;
  name: string;
}

/** Everything the computations need: a pure value, loaded once per transaction by loadCalendar (index.ts). */
export interface CalendarSpec {
  timezone: string;
  weekly: WeeklyTemplate;
  /** Overrides by date 'YYYY-MM-DD'. */
  days: ReadonlyMap<string, CalendarOverride>;
  /**
   * The years whose holidays and make-up days the calendar knows (knownYears in queries.ts). A deadline whose count
   * reaches a day of another year carries a `beyond_known_range` step for that year: there it was counted by the
   * weekly template alone. Absent or empty: the calendar has no holidays at all on purpose, and nothing is flagged.
   */
  knownYears?: ReadonlySet<number>;
}

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

export interface Deadline {
  deadline: Date;
  explanation: ExplanationStep[];
}

/** A search for working time gives up after this many days without any (a calendar made only of holidays). */
const MAX_IDLE_DAYS = 3660;

type Period = readonly [start: number, end: number];

interface DayPlan {
  day: number;
  date: string;
  kind: 'workday' | 'makeup' | 'weekend' | 'holiday';
  name: string;
  /** Milliseconds since local midnight, sorted. */
  periods: readonly Period[];
}

const periodsOf = (weekly: WeeklyTemplate, weekday: number): Period[] =>
  (weekly[weekday] ?? [])
    .map((p): Period => [minutesOfDay(p.start) * MINUTE_MS, minutesOfDay(p.end) * MINUTE_MS])
    .sort((a, b) => a[0] - b[0]);

/**
 * How long a usual working day of this template is, in minutes: the most common length among the weekdays that have
 * working time (the longest on a tie), 480 when none has. Waiting times shown "in working days" divide by it.
 */
export function usualDayMinutes(weekly: WeeklyTemplate): number {
  const lengths = new Map<number, number>();
  for (let weekday = 0; weekday < 7; weekday++) {
    const minutes = periodsOf(weekly, weekday).reduce((sum, [start, end]) => sum + (end - start) / MINUTE_MS, 0);
    if (minutes > 0) lengths.set(minutes, (lengths.get(minutes) ?? 0) + 1);
  }
  const [best] = [...lengths].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  return best ? best[0] : 480;
}

/** Monday's periods, or those of the first weekday that has any. */
function makeupPeriods(weekly: WeeklyTemplate): Period[] {
  for (const weekday of [1, 2, 3, 4, 5, 6, 0]) {
    const periods = periodsOf(weekly, weekday);
    if (periods.length > 0) return periods;
  }
  return [];
}

function planOf(cal: CalendarSpec, day: number): DayPlan {
  const date = dateOf(day);
  const override = cal.days.get(date);
  if (override?.kind === 'holiday') return { day, date, kind: 'holiday', name: override.name, periods: [] };
  if (override?.kind === 'workday') {
    const periods = makeupPeriods(cal.weekly);
    return { day, date, kind: periods.length > 0 ? 'makeup' : 'weekend', name: override.name, periods };
  }
  const periods = periodsOf(cal.weekly, weekdayOf(day));
  return { day, date, kind: periods.length > 0 ? 'workday' : 'weekend', name: '', periods };
}

const noWorkingTime = () => conflict(msg('calendar.no_working_time'));

export function isWorkingTime(cal: CalendarSpec, at: Date): boolean {
  const { day, ms } = toLocal(cal.timezone, at);
  return planOf(cal, day).periods.some(([start, end]) => ms >= start && ms < end);
}

/** The first local moment at or after `from` that is working time. */
function nextWorkingLocal(cal: CalendarSpec, from: LocalMoment): LocalMoment {
  for (let day = from.day; day <= from.day + MAX_IDLE_DAYS; day++) {
    for (const [start, end] of planOf(cal, day).periods) {
      if (day > from.day) return { day, ms: start };
      if (from.ms < end) return { day, ms: Math.max(start, from.ms) };
    }
  }
  throw noWorkingTime();
}

/** `at` itself when it is working time, else the start of the next working period. */
export function nextWorkingInstant(cal: CalendarSpec, at: Date): Date {
  const local = toLocal(cal.timezone, at);
  const next = nextWorkingLocal(cal, local);
  return next.day === local.day && next.ms === local.ms ? new Date(at) : toInstant(cal.timezone, next);
}

/**
 * Whole working minutes elapsed in [from, to), rounded down; 0 when `to` is not after `from`. Always an integer, since
 * every column and response field that receives it is one: instants carry seconds and milliseconds, minutes do not.
 */
export function workingMinutesBetween(cal: CalendarSpec, from: Date, to: Date): number {
  return Math.floor(workingMsBetween(cal, from, to) / MINUTE_MS);
}

/** Working milliseconds in [from, to); 0 when `to` is not after `from`. */
export function workingMsBetween(cal: CalendarSpec, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  const a = toLocal(cal.timezone, from);
  const b = toLocal(cal.timezone, to);
  let total = 0;
  for (let day = a.day; day <= b.day; day++) {
    const lower = day === a.day ? a.ms : 0;
    const upper = day === b.day ? b.ms : Infinity;
    for (const [start, end] of planOf(cal, day).periods) {
      total += Math.max(0, Math.min(end, upper) - Math.max(start, lower));
    }
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------------------
// Explained deadlines

/** Collects explanation steps, merging consecutive skipped days of one reason and consecutive plain counted days. */
class Steps {
  readonly list: ExplanationStep[] = [];
  /** The day of the last counted step, when the next plain day may extend it. */
  private countedUntil: number | null = null;
  private skippedUntil: number | null = null;
  private readonly flagged = new Set<number>();

  constructor(
    private readonly zone: string,
    private readonly knownYears: ReadonlySet<number> | undefined,
  ) {}

  /**
   * The count reaches `plan`'s day: the first day of a year the calendar does not know opens a `beyond_known_range`
   * step (which also ends the runs before it, so no skipped or counted run spans the edge of the known range).
   */
  reach(plan: DayPlan) {
    if (!this.knownYears || this.knownYears.size === 0) return;
    const year = Number(plan.date.slice(0, 4));
    if (this.knownYears.has(year) || this.flagged.has(year)) return;
    this.flagged.add(year);
    this.list.push({ kind: 'beyond_known_range', year });
    this.countedUntil = null;
    this.skippedUntil = null;
  }

  moment(kind: 'start' | 'outside_hours' | 'deadline', at: Date, local: LocalMoment = toLocal(this.zone, at)) {
    this.list.push({ kind, at: at.toISOString(), date: dateOf(local.day), time: timeOf(local.ms) });
  }

  skip(plan: DayPlan) {
    const reason = plan.kind === 'holiday' ? 'holiday' : 'weekend';
    const name = reason === 'holiday' && plan.name ? plan.name : undefined;
    const last = this.list.at(-1);
    if (last?.kind === 'skip' && this.skippedUntil === plan.day - 1 && last.reason === reason && last.name === name) {
      last.to = plan.date;
    } else {
      this.list.push({ kind: 'skip', from: plan.date, to: plan.date, reason, ...(name ? { name } : {}) });
    }
    this.skippedUntil = plan.day;
    this.countedUntil = null;
  }

  /** One working day's contribution: minutes for hours, one day for days. */
  count(plan: DayPlan, unit: DurationUnit, minutes: number) {
    const last = this.list.at(-1);
    const extend = plan.kind === 'workday' && this.countedUntil === plan.day - 1;
    if (plan.kind === 'makeup') this.list.push({ kind: 'makeup_workday', date: plan.date, name: plan.name });
    if (extend && last?.kind === 'counted' && unit === 'hours') {
      last.to = plan.date;
      last.minutes += minutes;
    } else if (extend && last?.kind === 'days_counted' && unit === 'days') {
      last.to = plan.date;
      last.days += 1;
    } else if (unit === 'hours') {
      this.list.push({ kind: 'counted', from: plan.date, to: plan.date, minutes });
    } else {
      this.list.push({ kind: 'days_counted', from: plan.date, to: plan.date, days: 1 });
    }
    // A make-up day stands alone, so the sentence after "… is a make-up workday" is about that day only.
    this.countedUntil = plan.kind === 'workday' ? plan.day : null;
    this.skippedUntil = null;
  }
}

/** Adds a duration of working time to `start`; see the rules at the top of this file. */
export function addWorkingTime(cal: CalendarSpec, start: Date, duration: Duration): Deadline {
  return duration.unit === 'hours' ? addHours(cal, start, duration.amount) : addDays(cal, start, duration.amount);
}

/** Whether `at` falls on a day of a year whose holidays the calendar does not know (a deadline set by hand there). */
export function isBeyondKnownRange(cal: CalendarSpec, at: Date): boolean {
  if (!cal.knownYears || cal.knownYears.size === 0) return false;
  return !cal.knownYears.has(Number(dateOf(toLocal(cal.timezone, at).day).slice(0, 4)));
}

/** The years a deadline was counted in without knowing their holidays (its `beyond_known_range` steps). */
export const yearsBeyondKnownRange = (steps: readonly ExplanationStep[]): number[] =>
  steps.flatMap((s) => (s.kind === 'beyond_known_range' ? [s.year] : []));

function addHours(cal: CalendarSpec, start: Date, hours: number): Deadline {
  const steps = new Steps(cal.timezone, cal.knownYears);
  steps.moment('start', start);
  const local = toLocal(cal.timezone, start);
  let remaining = Math.round(hours * 60) * MINUTE_MS;
  if (remaining <= 0) {
    steps.moment('deadline', start, local);
    return { deadline: new Date(start), explanation: steps.list };
  }
  const resume = nextWorkingLocal(cal, local);
  if (resume.day !== local.day || resume.ms !== local.ms) steps.moment('outside_hours', toInstant(cal.timezone, resume), resume);

  let idle = 0;
  for (let day = local.day; ; day++) {
    const plan = planOf(cal, day);
    steps.reach(plan);
    if (plan.periods.length === 0) {
      steps.skip(plan);
      if (++idle > MAX_IDLE_DAYS) throw noWorkingTime();
      continue;
    }
    idle = 0;
    let counted = 0;
    let end: number | null = null;
    for (const [periodStart, periodEnd] of plan.periods) {
      const from = Math.max(periodStart, day === local.day ? local.ms : 0);
      if (from >= periodEnd) continue;
      const take = Math.min(periodEnd - from, remaining);
      counted += take;
      remaining -= take;
      if (remaining === 0) {
        end = from + take;
        break;
      }
    }
    if (counted > 0) steps.count(plan, 'hours', counted / MINUTE_MS);
    if (end !== null) {
      const moment = { day, ms: end };
      const deadline = toInstant(cal.timezone, moment);
      steps.moment('deadline', deadline, moment);
      return { deadline, explanation: steps.list };
    }
  }
}

function addDays(cal: CalendarSpec, start: Date, days: number): Deadline {
  const steps = new Steps(cal.timezone, cal.knownYears);
  steps.moment('start', start);
  const local = toLocal(cal.timezone, start);
  if (days <= 0) {
    steps.moment('deadline', start, local);
    return { deadline: new Date(start), explanation: steps.list };
  }
  const begin = nextWorkingLocal(cal, local);
  if (begin.day !== local.day || begin.ms !== local.ms) steps.moment('outside_hours', toInstant(cal.timezone, begin), begin);
  // The rest days between an out-of-hours start and the day counting begins.
  for (let day = local.day; day <= begin.day; day++) {
    const plan = planOf(cal, day);
    steps.reach(plan);
    if (day < begin.day && plan.periods.length === 0) steps.skip(plan);
  }

  let counted = 0;
  let idle = 0;
  for (let day = begin.day + 1; ; day++) {
    const plan = planOf(cal, day);
    steps.reach(plan);
    if (plan.periods.length === 0) {
      steps.skip(plan);
      if (++idle > MAX_IDLE_DAYS) throw noWorkingTime();
      continue;
    }
    idle = 0;
    steps.count(plan, 'days', 0);
    if (++counted < days) continue;
    const first = plan.periods[0]![0];
    const last = plan.periods.at(-1)![1];
    const moment = { day, ms: Math.min(Math.max(begin.ms, first), last) };
    const deadline = toInstant(cal.timezone, moment);
    steps.moment('deadline', deadline, moment);
    return { deadline, explanation: steps.list };
  }
}
