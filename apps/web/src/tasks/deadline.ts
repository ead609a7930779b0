/**
 * A tracked task's deadline as people enter it. A deadline given as a day falls due at the end of that working day
 * (18:00, as the shipped calendar's day ends), never at the midnight that starts it; what is typed into the field is
 * read here so that pressing Enter keeps it (the picker alone would drop anything it did not confirm). Pure: tested.
 */
import dayjs, { type Dayjs } from 'dayjs';

/** When a deadline given without a time falls due: the end of the working day. */
export const END_OF_WORKING_DAY = { hour: 18, minute: 0 } as const;

/** The same day at the end of the working day. */
export const atEndOfWorkingDay = (day: Dayjs): Dayjs => day.hour(END_OF_WORKING_DAY.hour).minute(END_OF_WORKING_DAY.minute).second(0).millisecond(0);

const TYPED = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(?:[T\s])\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*分?)?\s*$/;

/**
 * Reads a typed deadline: `2026-06-30`, `2026/6/30`, `2026年6月30日` (the end of that working day), or with a time,
 * `2026-06-30 17:30`. Null for anything else, including dates that do not exist (2026-02-30) and times past 23:59.
 */
export function parseDeadlineText(text: string): Dayjs | null {
  const match = TYPED.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  const date = dayjs(new Date(year!, month! - 1, day!));
  // new Date rolls 2026-02-30 over into March: a date that does not exist is not read as another one.
  if (date.year() !== year || date.month() !== month! - 1 || date.date() !== day) return null;
  if (hour === undefined || minute === undefined) return atEndOfWorkingDay(date);
  if (hour > 23 || minute > 59) return null;
  return date.hour(hour).minute(minute).second(0).millisecond(0);
}
