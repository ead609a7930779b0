/**
 * Wall-clock time in a calendar's time zone. Working periods are wall-clock times ('09:00'), so instants are turned
 * into (local day, milliseconds since local midnight) and back. The offsets come from Intl, so any IANA zone works,
 * including zones with daylight saving time (Asia/Shanghai has none today, but the code does not rely on that).
 *
 * A local day is a whole number: days since 1970-01-01 of the wall-clock calendar, which makes "the next day" plain
 * arithmetic and keeps weekday and date computations free of any zone.
 */
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

export interface LocalMoment {
  /** Days since 1970-01-01 in the zone's wall-clock calendar. */
  day: number;
  /** Milliseconds since the local midnight of that day. */
  ms: number;
}

const mod = (n: number, m: number) => ((n % m) + m) % m;

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

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export function offsetAt(zone: string, instantMs: number): number {
  const parts = formatterOf(zone).formatToParts(new Date(instantMs));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wallClock = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return wallClock - (instantMs - mod(instantMs, 1000));
}

export function toLocal(zone: string, instant: Date): LocalMoment {
  const local = instant.getTime() + offsetAt(zone, instant.getTime());
  const day = Math.floor(local / DAY_MS);
  return { day, ms: local - day * DAY_MS };
}

/**
 * The instant a wall-clock moment names. Across a DST change the offset of the guess may differ from the offset at
 * the answer, so it is corrected once; a wall-clock time skipped by the change maps to the instant an hour later.
 */
export function toInstant(zone: string, moment: LocalMoment): Date {
  const local = moment.day * DAY_MS + moment.ms;
  const first = local - offsetAt(zone, local);
  const second = local - offsetAt(zone, first);
  return new Date(second);
}

export const weekdayOf = (day: number) => mod(day + 4, 7); // 1970-01-01 was a Thursday

export const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const dayOf = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

const pad = (n: number) => String(n).padStart(2, '0');

/** 'HH:MM' of a time of day (seconds are not shown). */
export function timeOf(ms: number): string {
  const minutes = Math.floor(ms / MINUTE_MS);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
