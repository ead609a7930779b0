/**
 * Importing a year's holidays and make-up workdays into a calendar: the source is read and previewed (nothing
 * written), then the previewed days are applied by ONE command, `calendars.importYear`, with one trace
 * `calendar.import_year`: every day of the year written in one transaction and the year recorded as known
 * (`official_years`), so deadlines that reach it are no longer flagged and the next-year warning stops.
 */
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { CalendarImportFormat, CalendarImportPreview, CalendarImportSource } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../access/policy.ts';
import { defineCommand } from '../command.ts';
import { invalid, notFound } from '../errors.ts';
import { msg, render, type Locale } from '../messages.ts';
import { parseIcs } from './import/ics.ts';
import { parseNotice } from './import/notice.ts';
import { planImport, type ExistingDay } from './import/preview.ts';
import type { ImportedDay, ParsedImport } from './import/types.ts';
import { parseXlsx } from './import/xlsx.ts';
import { calendarDays, calendars } from './schema.ts';

/** The days that may belong to a year's import: the year and the last week of the one before (see inYear). */
const aroundYear = (calendarId: string, year: number) =>
  and(eq(calendarDays.calendarId, calendarId), gte(calendarDays.date, `${year - 1}-12-25`), lte(calendarDays.date, `${year}-12-31`));

async function existingDays(q: Queryable, calendarId: string, year: number): Promise<ExistingDay[]> {
  return q
    .select({ date: calendarDays.date, kind: calendarDays.kind, name: calendarDays.name, source: calendarDays.source })
    .from(calendarDays)
    .where(aroundYear(calendarId, year));
}

async function parse(source: CalendarImportSource): Promise<ParsedImport> {
  switch (source.format) {
    case 'notice':
      return parseNotice(source.text, source.year);
    case 'ics':
      return parseIcs(source.text);
    case 'xlsx':
      return parseXlsx(Buffer.from(source.file, 'base64'));
  }
}

/** Reads the source and says what importing it would change; writes nothing. Needs the right to edit the days. */
export async function previewImport(q: Queryable, actor: Actor, id: string, source: CalendarImportSource, locale: Locale): Promise<CalendarImportPreview> {
  const [calendar] = await q.select().from(calendars).where(eq(calendars.id, id));
  if (!calendar) throw notFound('calendar');
  authorize(actor, 'edit_days', 'calendar', calendar);
  const parsed = await parse(source);
  // A notice names its year in its title, which wins over the year asked for (that one only fills in a missing
  // title); a feed or a sheet imports the year asked for, else the one its days fall in.
  const year = source.format === 'notice' ? parsed.year : (source.year ?? parsed.year);
  if (year === null) throw invalid({ year: msg('calendar.import.no_year_found') });
  const plan = planImport(year, parsed.days, await existingDays(q, id, year), source.format !== 'ics');
  return {
    year,
    format: source.format,
    items: plan.items,
    removals: plan.removals,
    problems: [...parsed.problems, ...plan.problems].map((p) => ({ line: p.line, text: p.text, message: render(locale, p.problem) })),
    known: calendar.officialYears.includes(year),
  };
}

export interface ImportYearInput {
  id: string;
  year: number;
  format: CalendarImportFormat;
  days: ImportedDay[];
}

export interface ImportYearResult {
  year: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

const entry = (d: ImportedDay & { source?: string }) => ({ date: d.date, kind: d.kind, name: d.name, ...(d.source ? { source: d.source } : {}) });

export const importCalendarYear = defineCommand('calendars.importYear', async (ctx, input: ImportYearInput): Promise<ImportYearResult> => {
  const [calendar] = await ctx.tx.select().from(calendars).where(eq(calendars.id, input.id)).for('update');
  if (!calendar) throw notFound('calendar');
  authorize(ctx.actor, 'edit_days', 'calendar', calendar);
  // Planned again against the days as they are now (the preview may be minutes old), and applied exactly.
  const plan = planImport(input.year, input.days, await existingDays(ctx.tx, input.id, input.year), true);
  const [refused] = plan.problems;
  if (refused) throw invalid({ days: refused.problem });
  const writes = plan.items.filter((d) => d.change !== 'same');
  const officialYears = calendar.officialYears.includes(input.year)
    ? calendar.officialYears
    : [...calendar.officialYears, input.year].sort((a, b) => a - b);
  const result: ImportYearResult = {
    year: input.year,
    added: writes.filter((d) => d.change === 'add').length,
    changed: writes.filter((d) => d.change === 'change').length,
    removed: plan.removals.length,
    unchanged: plan.items.length - writes.length,
  };
  if (writes.length === 0 && plan.removals.length === 0 && officialYears === calendar.officialYears) return result;

  if (plan.removals.length > 0) {
    await ctx.tx.delete(calendarDays).where(and(eq(calendarDays.calendarId, input.id), inArray(calendarDays.date, plan.removals.map((d) => d.date))));
  }
  if (writes.length > 0) {
    const rows = writes.map((d) => ({ calendarId: input.id, date: d.date, kind: d.kind, name: d.name, source: 'imported' as const }));
    await ctx.tx
      .insert(calendarDays)
      .values(rows)
      .onConflictDoUpdate({ target: [calendarDays.calendarId, calendarDays.date], set: { kind: sql`excluded.kind`, name: sql`excluded.name`, source: 'imported' } });
  }
  await ctx.tx.update(calendars).set({ officialYears, updatedAt: ctx.now }).where(eq(calendars.id, input.id));
  await ctx.trace({
    action: 'calendar.import_year',
    subjectType: 'calendar',
    subjectId: input.id,
    diff: {
      year: { after: input.year },
      format: { after: input.format },
      days: {
        before: [...writes.flatMap((d) => (d.before ? [entry(d.before)] : [])), ...plan.removals.map(entry)].sort((a, b) => a.date.localeCompare(b.date)),
        after: writes.map((d) => entry({ ...d, source: 'imported' })),
      },
      ...(officialYears !== calendar.officialYears ? { officialYears: { before: calendar.officialYears, after: officialYears } } : {}),
    },
  });
  return result;
});
