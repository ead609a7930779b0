/**
 * The one clock of a Henji process. Nothing reads the wall clock directly: commands take `ctx.now` (one reading per
 * command), everything else — the job runner's "due", sessions, lockouts, the monitor's waiting times, checkpoint
 * times — calls `now()` here, and SQL compares against a parameter from it, never against PostgreSQL's `now()`.
 *
 * The server runs on the system clock. Tests install a `TestClock` that starts at a chosen instant (a working
 * afternoon, the lunch break, a 调休 Saturday, New Year's Eve…) and then runs at real speed, or stands still, and can
 * be moved; a `henji serve` started by a test gets the same through `HENJI_CLOCK_START` (see config.ts).
 */
import { sql, type SQL } from 'drizzle-orm';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at `start` and then runs with real elapsed time (or stands still when frozen). */
export class TestClock implements Clock {
  private base: number;
  private startedAt = performance.now();

  constructor(
    start: Date | string,
    private frozen = false,
  ) {
    this.base = new Date(start).getTime();
    if (Number.isNaN(this.base)) throw new RangeError(`not an instant: ${String(start)}`);
  }

  now(): Date {
    return new Date(this.frozen ? this.base : this.base + Math.floor(performance.now() - this.startedAt));
  }

  /** Jumps to `at`; the clock goes on running (or standing) from there. */
  set(at: Date | string): void {
    this.base = new Date(at).getTime();
    this.startedAt = performance.now();
  }

  advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms));
  }

  freeze(): void {
    this.set(this.now());
    this.frozen = true;
  }
}

let current: Clock = systemClock;

/** The current instant on the process's clock. */
export const now = (): Date => current.now();

/** Installs the process's clock (start-up and tests); returns the one it replaces. */
export function installClock(clock: Clock): Clock {
  const previous = current;
  current = clock;
  return previous;
}

/** Today's date (YYYY-MM-DD) in Asia/Shanghai, the policies' calendar, on the process's clock. */
export function todayInShanghai(at: Date = now()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

const beijingFormat = (withSeconds: boolean) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  });
const BEIJING_MINUTE = beijingFormat(false);
const BEIJING_SECOND = beijingFormat(true);
const instant = (value: Date | string) => (typeof value === 'string' ? new Date(value) : value);

/** "2026-12-02 14:30" in Beijing time, whatever the server's time zone: how pages, messages, exports and prints write times. */
export const beijingMinute = (value: Date | string): string => BEIJING_MINUTE.format(instant(value));
/** "2026-12-02 14:30:05" in Beijing time. */
export const beijingDateTime = (value: Date | string): string => BEIJING_SECOND.format(instant(value));

/** The clock's reading as an SQL `timestamptz`, for comparisons in queries (never PostgreSQL's own `now()`). */
export const sqlNow = (): SQL => sql`${now().toISOString()}::timestamptz`;
