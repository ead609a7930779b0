/**
 * Pure helpers of the calendar page: working hours of a template, the weekday of a date, a month as weeks of dates,
 * and the problems of a weekly template edited in the browser (the same rules as the server's schema).
 */
import { minutesOfDay, periodProblems, TimeOfDay, type WeeklyTemplate, type WorkingPeriod } from '@henji/contracts';

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];
/** The i18n key of each weekday (`calendar.weekday.mon`), index 0 = Sunday like the template. */
export const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** Monday first, as Chinese calendars show the week. */
export const WEEK_ORDER: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 0];

/** Working hours of a day's periods; only valid periods count. */
export function hoursOf(periods: readonly WorkingPeriod[]): number {
  const minutes = periods
    .filter((p) => TimeOfDay.safeParse(p.start).success && TimeOfDay.safeParse(p.end).success)
    .reduce((sum, p) => sum + Math.max(0, minutesOfDay(p.end) - minutesOfDay(p.start)), 0);
  return Math.round((minutes / 60) * 100) / 100;
}

export const weeklyHours = (weekly: WeeklyTemplate) => weekly.reduce((sum, day) => sum + hoursOf(day), 0);

/** The weekday of an ISO date, independent of the browser's time zone. */
export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() as Weekday;

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDate = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** The dates of a month (1–12) as weeks starting on Monday; null fills the days of other months. */
export function monthWeeks(year: number, month: number): (string | null)[][] {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const leading = (weekdayOf(isoDate(year, month, 1)) + 6) % 7;
  const cells: (string | null)[] = [...Array<null>(leading).fill(null), ...Array.from({ length: days }, (_, i) => isoDate(year, month, i + 1))];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

export type PeriodProblem = 'timeFormat' | 'order' | 'overlap';

export interface TemplateProblems {
  /** `${weekday}.${index}.${'start' | 'end'}` or `${weekday}.${index}` → problem. */
  fields: Record<string, PeriodProblem>;
  noWorkingTime: boolean;
}

/** What the server would refuse in an edited template, keyed like its field errors (without the `weekly.` prefix). */
export function templateProblems(weekly: WeeklyTemplate): TemplateProblems {
  const fields: Record<string, PeriodProblem> = {};
  weekly.forEach((periods, weekday) => {
    let formatOk = true;
    periods.forEach((p, index) => {
      for (const side of ['start', 'end'] as const) {
        if (!TimeOfDay.safeParse(p[side]).success) {
          fields[`${weekday}.${index}.${side}`] = 'timeFormat';
          formatOk = false;
        }
      }
    });
    if (!formatOk) return;
    for (const { index, problem } of periodProblems(periods)) fields[`${weekday}.${index}`] = problem;
  });
  return { fields, noWorkingTime: weekly.every((periods) => periods.length === 0) };
}

export const hasProblems = (problems: TemplateProblems) => problems.noWorkingTime || Object.keys(problems.fields).length > 0;
