/**
 * The business calendar (K6): working hours, holidays and 调休 make-up workdays, and SLA deadlines explained step by
 * step. Other areas compute with these; they never read the calendar tables.
 */
import './actions.ts';
import './policies.ts';
// Registers the next-year check's job handler and notification template.
import './next-year.ts';
import type { Queryable } from '../../db/client.ts';
import { loadCalendar } from './queries.ts';
import { addWorkingTime, type Deadline, type Duration } from './working-time.ts';

export { calendarRoutes } from './routes.ts';
export { bootstrapCalendars } from './commands.ts';
export { checkNextYear } from './next-year.ts';
export { BUILTIN_CALENDAR, DEFAULT_WEEKLY } from './defaults.ts';
export { calendarCodes, calendarStampsSql, loadCalendar, loadCalendarByCode, type CalendarStamp } from './queries.ts';
export { explain, explanationMessages } from './explain.ts';
export {
  addWorkingTime,
  isBeyondKnownRange,
  isWorkingTime,
  nextWorkingInstant,
  usualDayMinutes,
  workingMinutesBetween,
  workingMsBetween,
  yearsBeyondKnownRange,
  type CalendarSpec,
  type Deadline,
  type Duration,
} from './working-time.ts';

/** The deadline `duration` of working time after `start` on a calendar (null: the default), with its explanation. */
export async function computeDeadline(q: Queryable, calendarId: string | null, start: Date, duration: Duration): Promise<Deadline> {
  return addWorkingTime(await loadCalendar(q, calendarId), start, duration);
}
