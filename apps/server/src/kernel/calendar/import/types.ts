/** What every import source (the State Council notice, an ICS feed, an xlsx sheet) turns into, before the preview. */
import type { CalendarDayKind } from '@henji/contracts';
import type { Message } from '../../messages.ts';

export interface ImportedDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

/** Something in the source that was not understood or does not add up, with where it is (1-based line or row). */
export interface ImportProblem {
  line: number | null;
  text: string;
  problem: Message;
}

export interface ParsedImport {
  /** The year the source is about: named by it (the notice's title) or the year most of its days fall in. */
  year: number | null;
  days: ImportedDay[];
  problems: ImportProblem[];
}

const DAY_MS = 86_400_000;

/** Whether y-m-d is a real date of the proleptic Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const t = new Date(Date.UTC(year, month - 1, day));
  return t.getUTCFullYear() === year && t.getUTCMonth() === month - 1 && t.getUTCDate() === day;
}

export const isoDate = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Every date from `from` to `to` inclusive (ISO dates); empty when `to` is before `from`. */
export function datesFromTo(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOfDate = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The year most of the days fall in (the later one on a tie: 元旦 may begin on 31 December of the year before). */
export function mainYear(days: readonly ImportedDay[]): number | null {
  const counts = new Map<number, number>();
  for (const d of days) counts.set(Number(d.date.slice(0, 4)), (counts.get(Number(d.date.slice(0, 4))) ?? 0) + 1);
  const [best] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  return best ? best[0] : null;
}
