/**
 * Wall-clock time in a calendar's time zone. Working periods are wall-clock times ('09:00'), so instants are turned
 * into (local day, milliseconds since local midnight) and back. The offsets come from Intl, so any IANA zone works,
 * including zones with daylight saving time (Asia/Shanghai has none today, but the code does not rely on that).
 *
 * A local day is a whole number: days since 1970-01-01 of the wall-clock calendar, which makes "the next day" plain
 * arithmetic and keeps weekday and date computations free of any zone.
 */
import { instantOf, localMoment } from '@henji/contracts/recurrence';

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

export interface LocalMoment {
  /** Days since 1970-01-01 in the zone's wall-clock calendar. */
  day: number;
  /** Milliseconds since the local midnight of that day. */
  ms: number;
}

const mod = (n: number, m: number) => ((n % m) + m) % m;

/** The zone arithmetic (offsets from Intl) is the recurrence module's, which the web's series preview shares. */
export const toLocal = (zone: string, instant: Date): LocalMoment => localMoment(zone, instant);

/**
 * The instant a wall-clock moment names, as RFC 5545 §3.3.5 reads one: a time that occurs twice (clocks set back) is
 * its first occurrence; a time skipped when clocks go forward is read with the offset from before the change.
 */
export const toInstant = (zone: string, moment: LocalMoment): Date => instantOf(zone, moment.day, moment.ms);

export const weekdayOf = (day: number) => mod(day + 4, 7); // 1970-01-01 was a Thursday

export const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const dayOf = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

const pad = (n: number) => String(n).padStart(2, '0');

/** 'HH:MM' of a time of day (seconds are not shown). */
export function timeOf(ms: number): string {
  const minutes = Math.floor(ms / MINUTE_MS);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
