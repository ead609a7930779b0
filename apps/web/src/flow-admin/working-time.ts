/**
 * Waiting times and node durations come from the server in working minutes on the business calendar (K6). They are
 * shown in working days and hours, a day being the calendar's usual working day as the server reports it
 * (`minutesPerDay`; eight hours until it is known); the exact hours are always given next to it so nothing is lost in
 * the rounding.
 */

export const WORKING_MINUTES_PER_DAY = 8 * 60;

export interface WorkingTimeParts {
  days: number;
  /** Hours after the whole days, to one decimal. */
  hours: number;
  /** Set only below one hour, where hours would read as 0.3. */
  minutes: number;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

export function workingTimeParts(totalMinutes: number, minutesPerDay = WORKING_MINUTES_PER_DAY): WorkingTimeParts {
  const minutes = Math.max(0, Math.round(totalMinutes));
  if (minutes < 60) return { days: 0, hours: 0, minutes };
  let days = Math.floor(minutes / minutesPerDay);
  let hours = oneDecimal((minutes - days * minutesPerDay) / 60);
  // 479 minutes rounds to 8.0 hours: that is a whole day, not "0 days 8 hours".
  if (hours * 60 >= minutesPerDay) {
    days += 1;
    hours = 0;
  }
  return { days, hours, minutes: 0 };
}

export interface WorkingTimeUnits {
  days: (count: number) => string;
  hours: (count: number) => string;
  minutes: (count: number) => string;
  separator: string;
}

/** 570 → "1 天 1.5 小时", 45 → "45 分钟", 960 → "2 天" (with the zh-CN units). */
export function formatWorkingMinutes(totalMinutes: number, units: WorkingTimeUnits, minutesPerDay = WORKING_MINUTES_PER_DAY): string {
  const { days, hours, minutes } = workingTimeParts(totalMinutes, minutesPerDay);
  if (days === 0 && hours === 0) return units.minutes(minutes);
  const parts: string[] = [];
  if (days > 0) parts.push(units.days(days));
  if (hours > 0) parts.push(units.hours(hours));
  return parts.join(units.separator);
}

/** Working minutes as hours to one decimal, for charts and exact figures; null stays null (no data yet). */
export const workingHours = (minutes: number | null): number | null => (minutes === null ? null : oneDecimal(minutes / 60));
