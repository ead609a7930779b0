/**
 * Quiet hours (免打扰) on the Asia/Shanghai wall clock. China keeps one offset all year (UTC+8, no daylight saving),
 * so a fixed offset is exact and needs no time-zone database.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86400_000;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When the quiet period that `now` falls in ends, or null when `now` is outside it (or no period is set). A period
 * whose start is after its end wraps midnight: 22:00–07:00 is quiet from 22:00 until 07:00 the next morning.
 */
export function quietUntil(now: Date, start: string | null, end: string | null): Date | null {
  if (!start || !end) return null;
  const from = minutesOf(start) * 60_000;
  const to = minutesOf(end) * 60_000;
  if (from === to) return null;
  const wall = now.getTime() + SHANGHAI_OFFSET_MS; // the wall-clock time, counted as if it were UTC
  const midnight = Math.floor(wall / DAY_MS) * DAY_MS;
  const sinceMidnight = wall - midnight;
  const quiet = from < to ? sinceMidnight >= from && sinceMidnight < to : sinceMidnight >= from || sinceMidnight < to;
  if (!quiet) return null;
  const endToday = midnight + to;
  const endWall = endToday > wall ? endToday : endToday + DAY_MS;
  return new Date(endWall - SHANGHAI_OFFSET_MS);
}
