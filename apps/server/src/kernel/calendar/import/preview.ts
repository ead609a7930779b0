/**
 * What importing a year's days would do to a calendar, without a database: which days are added, which change (and
 * which of those are conflicts — a day whose kind flips, or an administrator's own setting), which of the year's
 * official or imported days the import no longer has and so are removed, and what could not be used. The preview
 * route shows it; the import command computes it again inside its transaction and applies exactly that.
 */
import type { CalendarDaySource } from '@henji/contracts';
import { msg } from '../../messages.ts';
import type { ImportedDay, ImportProblem } from './types.ts';

export interface ExistingDay extends ImportedDay {
  source: CalendarDaySource;
}

export type DayChange = 'add' | 'change' | 'same';

export interface PlannedDay extends ImportedDay {
  change: DayChange;
  before: ExistingDay | null;
  /** The import turns a day off into a working day or back, or replaces an administrator's own setting. */
  conflict: boolean;
}

export interface ImportPlan {
  year: number;
  items: PlannedDay[];
  removals: ExistingDay[];
  problems: ImportProblem[];
}

/**
 * A year's days: those dated in it, and days off in the last week of the year before (元旦 2023 began on 31 December
 * 2022). Other dates are reported when `strict` (a notice or a sheet is about one year) and left out silently
 * otherwise (an ICS feed spans many years).
 */
export function inYear(year: number, day: ImportedDay): boolean {
  return day.date.startsWith(`${year}-`) || (day.kind === 'holiday' && day.date >= `${year - 1}-12-25` && day.date <= `${year - 1}-12-31`);
}

const dayText = (d: ImportedDay) => `${d.date} ${d.kind === 'holiday' ? '休' : '班'} ${d.name}`.trim();

export function planImport(year: number, imported: readonly ImportedDay[], existing: readonly ExistingDay[], strict: boolean): ImportPlan {
  const problems: ImportProblem[] = [];
  const byDate = new Map<string, ImportedDay>();
  for (const day of imported) {
    if (!inYear(year, day)) {
      if (strict) problems.push({ line: null, text: dayText(day), problem: msg('calendar.import.other_year', { date: day.date, year }) });
      continue;
    }
    const first = byDate.get(day.date);
    if (!first) byDate.set(day.date, { ...day, name: day.name.trim().slice(0, 50) });
    else if (first.kind !== day.kind) {
      problems.push({ line: null, text: dayText(day), problem: msg('calendar.import.duplicate', { date: day.date }) });
    }
  }
  const current = new Map(existing.map((d) => [d.date, d]));
  const items = [...byDate.values()]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((day): PlannedDay => {
      const before = current.get(day.date) ?? null;
      const same = before !== null && before.kind === day.kind && before.name === day.name;
      return {
        ...day,
        change: before === null ? 'add' : same ? 'same' : 'change',
        before,
        conflict: before !== null && !same && (before.kind !== day.kind || before.source === 'manual'),
      };
    });
  // An administrator's own days stay; official or imported days of the year that the import no longer has go.
  const removals = existing
    .filter((d) => d.date.startsWith(`${year}-`) && d.source !== 'manual' && !byDate.has(d.date))
    .sort((a, b) => a.date.localeCompare(b.date));
  return { year, items, removals, problems };
}
