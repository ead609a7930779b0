/** Managing business calendars: each change is traced on the calendar it changes. */
import { randomUUID } from 'node:crypto';
import { and, eq, gte, lte } from 'drizzle-orm';
import type { CalendarDayKind, CreateCalendarInput, UpdateCalendarInput } from '@henji/contracts';
import { authorize } from '../access/policy.ts';
import { defineCommand, type Ctx } from '../command.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { diffOf } from '../ledger/append.ts';
import { msg } from '../messages.ts';
import { daysOfNotice, SHIPPED_YEARS, shippedDaysIn } from './china-holidays.ts';
import { BUILTIN_CALENDAR, DEFAULT_WEEKLY } from './defaults.ts';
import { requireCalendarManager } from './policies.ts';
import { calendarDays, calendars } from './schema.ts';

const FIELDS = ['code', 'name', 'timezone', 'weekly', 'isDefault', 'followsOfficial', 'officialYears'] as const;

type DayRow = typeof calendarDays.$inferSelect;
type CalendarRow = typeof calendars.$inferSelect;

/** A day as the ledger shows it. */
const dayEntry = (d: Pick<DayRow, 'date' | 'kind' | 'name'> & { source?: DayRow['source'] }) => ({
  date: d.date,
  kind: d.kind,
  name: d.name,
  ...(d.source ? { source: d.source } : {}),
});

const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);

async function lockCalendar(ctx: Ctx, id: string, action: string): Promise<CalendarRow> {
  const [row] = await ctx.tx.select().from(calendars).where(eq(calendars.id, id)).for('update');
  if (!row) throw notFound('calendar');
  authorize(ctx.actor, action, 'calendar', row);
  return row;
}

async function insertDays(ctx: Ctx, calendarId: string, days: readonly Omit<DayRow, 'calendarId'>[]): Promise<DayRow[]> {
  if (days.length === 0) return [];
  // Never overwrite a day that is already there: it may be an administrator's edit.
  return ctx.tx
    .insert(calendarDays)
    .values(days.map((d) => ({ ...d, calendarId })))
    .onConflictDoNothing()
    .returning();
}

async function assertCodeFree(ctx: Ctx, code: string): Promise<void> {
  const [taken] = await ctx.tx.select({ id: calendars.id }).from(calendars).where(eq(calendars.code, code));
  if (taken) throw conflict(msg('calendar.code_taken', { code }));
}

/** The days of the given notice years (a notice may reach into the year before: 元旦 2023 began 2022-12-31). */
const shippedDaysOfYears = (years: readonly number[]) => [...new Map(years.flatMap(daysOfNotice).map((d) => [d.date, d])).values()];

export interface CalendarBootstrapResult {
  created: boolean;
  /** Calendar id → the notice years added to it now. */
  yearsAdded: Record<string, number[]>;
}

/**
 * At every start: the built-in calendar cn-mainland with every shipped year, and, on later starts, the days of newly
 * shipped years added to every calendar that follows the official arrangements. Days already present (edited by an
 * administrator) are kept. Idempotent; a start with nothing new changes nothing and traces nothing.
 */
export const bootstrapCalendars = defineCommand('calendars.bootstrap', async (ctx, _input: Record<string, never>): Promise<CalendarBootstrapResult> => {
  const result: CalendarBootstrapResult = { created: false, yearsAdded: {} };
  const [builtin] = await ctx.tx.select({ id: calendars.id }).from(calendars).where(eq(calendars.code, BUILTIN_CALENDAR.code));
  if (!builtin) {
    const [existingDefault] = await ctx.tx.select({ id: calendars.id }).from(calendars).where(eq(calendars.isDefault, true));
    const [row] = await ctx.tx
      .insert(calendars)
      .values({
        id: randomUUID(),
        ...BUILTIN_CALENDAR,
        weekly: DEFAULT_WEEKLY,
        isDefault: !existingDefault,
        followsOfficial: true,
        officialYears: [...SHIPPED_YEARS],
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    const days = await insertDays(ctx, row!.id, shippedDaysOfYears(SHIPPED_YEARS).map((d) => ({ ...d, source: 'builtin' as const })));
    await ctx.trace({
      action: 'calendar.create',
      subjectType: 'calendar',
      subjectId: row!.id,
      diff: { ...diffOf(null, row!, FIELDS), days: { after: days.sort(byDate).map(dayEntry) } },
    });
    result.created = true;
  }

  const following = await ctx.tx.select().from(calendars).where(eq(calendars.followsOfficial, true)).for('update');
  for (const calendar of following) {
    const missing = SHIPPED_YEARS.filter((y) => !calendar.officialYears.includes(y));
    if (missing.length === 0) continue;
    const days = await insertDays(ctx, calendar.id, shippedDaysOfYears(missing).map((d) => ({ ...d, source: 'builtin' as const })));
    const officialYears = [...calendar.officialYears, ...missing].sort((a, b) => a - b);
    await ctx.tx.update(calendars).set({ officialYears, updatedAt: ctx.now }).where(eq(calendars.id, calendar.id));
    await ctx.trace({
      action: 'calendar.official_years_add',
      subjectType: 'calendar',
      subjectId: calendar.id,
      diff: { officialYears: { before: calendar.officialYears, after: officialYears }, days: { after: days.sort(byDate).map(dayEntry) } },
    });
    result.yearsAdded[calendar.id] = missing;
  }
  return result;
});

/** A new calendar, starting from the default's template and (if asked) a copy of its holidays and make-up days. */
export const createCalendar = defineCommand('calendars.create', async (ctx, input: CreateCalendarInput) => {
  requireCalendarManager(ctx.actor);
  await assertCodeFree(ctx, input.code);
  const [base] = await ctx.tx.select().from(calendars).where(eq(calendars.isDefault, true)).for('update');
  const copy = input.copyDefaultDays && base !== undefined;
  const [row] = await ctx.tx
    .insert(calendars)
    .values({
      id: randomUUID(),
      code: input.code,
      name: input.name,
      timezone: input.timezone ?? base?.timezone ?? BUILTIN_CALENDAR.timezone,
      weekly: input.weekly ?? base?.weekly ?? DEFAULT_WEEKLY,
      isDefault: base === undefined,
      followsOfficial: copy ? base.followsOfficial : false,
      officialYears: copy ? base.officialYears : [],
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  const copied = copy ? await ctx.tx.select().from(calendarDays).where(eq(calendarDays.calendarId, base.id)) : [];
  const days = await insertDays(ctx, row!.id, copied.map(({ calendarId: _, ...d }) => d));
  await ctx.trace({
    action: 'calendar.create',
    subjectType: 'calendar',
    subjectId: row!.id,
    diff: {
      ...diffOf(null, row!, FIELDS),
      ...(copy ? { copiedFrom: { after: base.id } } : {}),
      days: { after: days.sort(byDate).map(dayEntry) },
    },
  });
  return row!;
});

export const updateCalendar = defineCommand(
  'calendars.update',
  async (ctx, { id, changes }: { id: string; changes: UpdateCalendarInput }) => {
    const before = await lockCalendar(ctx, id, 'update');
    const diff = diffOf(before, changes, ['name', 'timezone', 'weekly']);
    if (Object.keys(diff).length === 0) return before;
    const [after] = await ctx.tx
      .update(calendars)
      .set({ ...changes, updatedAt: ctx.now })
      .where(eq(calendars.id, id))
      .returning();
    await ctx.trace({ action: 'calendar.update', subjectType: 'calendar', subjectId: id, diff });
    return after!;
  },
);

/** Makes a calendar the default (used wherever none is named); the former default stops being it, traced too. */
export const setDefaultCalendar = defineCommand('calendars.setDefault', async (ctx, { id }: { id: string }) => {
  const target = await lockCalendar(ctx, id, 'update');
  if (target.isDefault) return target;
  authorize(ctx.actor, 'set_default', 'calendar', target);
  const former = await ctx.tx.select().from(calendars).where(eq(calendars.isDefault, true)).for('update');
  for (const old of former) {
    await ctx.tx.update(calendars).set({ isDefault: false, updatedAt: ctx.now }).where(eq(calendars.id, old.id));
    await ctx.trace({
      action: 'calendar.update',
      subjectType: 'calendar',
      subjectId: old.id,
      diff: { isDefault: { before: true, after: false } },
    });
  }
  const [row] = await ctx.tx.update(calendars).set({ isDefault: true, updatedAt: ctx.now }).where(eq(calendars.id, id)).returning();
  await ctx.trace({ action: 'calendar.set_default', subjectType: 'calendar', subjectId: id, diff: { isDefault: { before: false, after: true } } });
  return row!;
});

export interface SetCalendarDay {
  id: string;
  date: string;
  kind: CalendarDayKind;
  name: string;
}

/** Marks a date as a holiday or a make-up workday; the override is the administrator's (source manual). */
export const setCalendarDay = defineCommand('calendars.setDay', async (ctx, { id, date, kind, name }: SetCalendarDay) => {
  await lockCalendar(ctx, id, 'edit_days');
  const [before] = await ctx.tx.select().from(calendarDays).where(and(eq(calendarDays.calendarId, id), eq(calendarDays.date, date)));
  const after = { date, kind, name, source: 'manual' as const };
  if (before && before.kind === kind && before.name === name && before.source === 'manual') return before;
  const [row] = await ctx.tx
    .insert(calendarDays)
    .values({ calendarId: id, ...after })
    .onConflictDoUpdate({ target: [calendarDays.calendarId, calendarDays.date], set: { kind, name, source: 'manual' } })
    .returning();
  await ctx.tx.update(calendars).set({ updatedAt: ctx.now }).where(eq(calendars.id, id));
  await ctx.trace({
    action: 'calendar.day_set',
    subjectType: 'calendar',
    subjectId: id,
    diff: { [date]: { before: before ? dayEntry(before) : null, after: dayEntry(after) } },
  });
  return row!;
});

/** Removes a date's override: the day follows the weekly template again. */
export const removeCalendarDay = defineCommand('calendars.removeDay', async (ctx, { id, date }: { id: string; date: string }) => {
  await lockCalendar(ctx, id, 'edit_days');
  const [removed] = await ctx.tx
    .delete(calendarDays)
    .where(and(eq(calendarDays.calendarId, id), eq(calendarDays.date, date)))
    .returning();
  if (!removed) throw notFound('calendar_day');
  await ctx.tx.update(calendars).set({ updatedAt: ctx.now }).where(eq(calendars.id, id));
  await ctx.trace({ action: 'calendar.day_remove', subjectType: 'calendar', subjectId: id, diff: { [date]: { before: dayEntry(removed), after: null } } });
});

/**
 * Replaces every override dated in `year` by the shipped official arrangements of that year, discarding manual
 * edits of that year. A reset that would change nothing traces nothing.
 */
export const resetCalendarYear = defineCommand('calendars.resetYear', async (ctx, { id, year }: { id: string; year: number }) => {
  const calendar = await lockCalendar(ctx, id, 'edit_days');
  if (!SHIPPED_YEARS.includes(year)) {
    throw invalid({ year: msg('calendar.year_not_shipped', { year, years: SHIPPED_YEARS.map(String) }) });
  }
  const inYear = and(eq(calendarDays.calendarId, id), gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`));
  const before = (await ctx.tx.select().from(calendarDays).where(inYear)).sort(byDate);
  const shipped = shippedDaysIn(year).map((d) => ({ ...d, source: 'builtin' as const })).sort(byDate);
  const officialYears = calendar.officialYears.includes(year) ? calendar.officialYears : [...calendar.officialYears, year].sort((a, b) => a - b);
  const same = JSON.stringify(before.map(dayEntry)) === JSON.stringify(shipped.map(dayEntry)) && officialYears === calendar.officialYears;
  if (same) return shipped;
  await ctx.tx.delete(calendarDays).where(inYear);
  await insertDays(ctx, id, shipped);
  await ctx.tx.update(calendars).set({ officialYears, updatedAt: ctx.now }).where(eq(calendars.id, id));
  await ctx.trace({
    action: 'calendar.year_reset',
    subjectType: 'calendar',
    subjectId: id,
    diff: {
      year: { after: year },
      days: { before: before.map(dayEntry), after: shipped.map(dayEntry) },
      ...(officialYears !== calendar.officialYears ? { officialYears: { before: calendar.officialYears, after: officialYears } } : {}),
    },
  });
  return shipped;
});
