import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Calendar, CalendarDays } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { allowedActions, authorize } from '../access/policy.ts';
import { notFound } from '../errors.ts';
import { calendarDays, calendars } from './schema.ts';
import type { CalendarSpec } from './working-time.ts';

type Row = typeof calendars.$inferSelect;

const present = (actor: Actor, row: Row): Calendar => ({
  id: row.id,
  code: row.code,
  name: row.name,
  timezone: row.timezone,
  weekly: row.weekly,
  isDefault: row.isDefault,
  followsOfficial: row.followsOfficial,
  officialYears: row.officialYears,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  allowedActions: allowedActions(actor, 'calendar', row),
});

/** Every calendar, the default first: calendars are few and readable by every signed-in user. */
export async function listCalendars(q: Queryable, actor: Actor): Promise<Calendar[]> {
  const rows = await q.select().from(calendars).orderBy(desc(calendars.isDefault), asc(calendars.createdAt));
  return rows.map((row) => present(actor, row));
}

async function calendarRow(q: Queryable, actor: Actor, id: string): Promise<Row> {
  const [row] = await q.select().from(calendars).where(eq(calendars.id, id));
  if (!row) throw notFound('calendar');
  authorize(actor, 'read', 'calendar', row);
  return row;
}

export async function getCalendar(q: Queryable, actor: Actor, id: string): Promise<Calendar> {
  return present(actor, await calendarRow(q, actor, id));
}

export async function listCalendarDays(q: Queryable, actor: Actor, id: string, year: number): Promise<CalendarDays> {
  await calendarRow(q, actor, id);
  const items = await q
    .select({ date: calendarDays.date, kind: calendarDays.kind, name: calendarDays.name, source: calendarDays.source })
    .from(calendarDays)
    .where(and(eq(calendarDays.calendarId, id), gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`)))
    .orderBy(asc(calendarDays.date));
  return { year, items };
}

/**
 * The years whose holidays a calendar knows: the official years loaded or imported into it; a calendar that has none
 * (kept by hand) knows the years it has days in. A calendar without any is taken to have no holidays on purpose.
 */
export function knownYears(officialYears: readonly number[], days: readonly { date: string }[]): ReadonlySet<number> {
  return new Set(officialYears.length > 0 ? officialYears : days.map((d) => Number(d.date.slice(0, 4))));
}

/**
 * Calendars as last loaded by this process, keyed by id and stamped with the row's `updated_at`. Every change of a
 * calendar — its template or any of its days — sets `updated_at` in the same transaction, so a reader that finds the
 * stamp unchanged may reuse the days it loaded before; a calendar holds a few hundred days, and SLA deadlines are
 * computed on every approval. Each process checks the stamp against the database on every call.
 */
const loaded = new Map<string, { stamp: number; spec: CalendarSpec }>();

/** A calendar as the pure computations take it (working-time.ts): the named calendar, or the default for null. */
export async function loadCalendar(q: Queryable, calendarId: string | null): Promise<CalendarSpec> {
  const [row] = await q
    .select()
    .from(calendars)
    .where(calendarId === null ? eq(calendars.isDefault, true) : eq(calendars.id, calendarId));
  if (!row) throw notFound('calendar');
  const stamp = row.updatedAt.getTime();
  const cached = loaded.get(row.id);
  if (cached && cached.stamp === stamp) return cached.spec;
  const days = await q
    .select({ date: calendarDays.date, kind: calendarDays.kind, name: calendarDays.name })
    .from(calendarDays)
    .where(eq(calendarDays.calendarId, row.id));
  const spec: CalendarSpec = {
    timezone: row.timezone,
    weekly: row.weekly,
    days: new Map(days.map((d) => [d.date, { kind: d.kind, name: d.name }])),
    knownYears: knownYears(row.officialYears, days),
  };
  loaded.set(row.id, { stamp, spec });
  return spec;
}

/** The codes of all calendars, for checks of definitions that name one. */
export async function calendarCodes(q: Queryable): Promise<Set<string>> {
  return new Set((await q.select({ code: calendars.code }).from(calendars)).map((r) => r.code));
}

/** Which calendars exist and when each last changed: enough to reuse this process's cached ones without a query. */
export interface CalendarStamp {
  id: string;
  code: string;
  isDefault: boolean;
  /** `updated_at` in epoch milliseconds. */
  stamp: number;
}

/**
 * The SQL of a JSON array of every calendar's stamp, for a statement a caller sends anyway (the approval engine's
 * load of an application): with it, `loadCalendarByCode` finds a cached calendar current without asking again.
 */
export const calendarStampsSql = sql`(select coalesce(json_agg(json_build_object('id', c.id, 'code', c.code, 'isDefault', c.is_default,
  'stamp', floor(extract(epoch from c.updated_at) * 1000)::bigint)), '[]') from calendars c)`;

/**
 * A calendar named by its code as the pure computations take it; the default calendar when `code` is absent or
 * unknown. Given the calendars' stamps read in the same transaction, a calendar this process holds at that stamp is
 * used without a query.
 */
export async function loadCalendarByCode(q: Queryable, code: string | undefined, stamps?: readonly CalendarStamp[]): Promise<CalendarSpec> {
  if (stamps) {
    const known = (code ? stamps.find((c) => c.code === code) : undefined) ?? stamps.find((c) => c.isDefault);
    const cached = known ? loaded.get(known.id) : undefined;
    if (known && cached && cached.stamp === Number(known.stamp)) return cached.spec;
  }
  const [row] = code ? await q.select({ id: calendars.id }).from(calendars).where(eq(calendars.code, code)) : [];
  return loadCalendar(q, row?.id ?? null);
}
