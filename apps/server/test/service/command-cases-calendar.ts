/** The command walker's cases for business calendars (K6); merged into CASES in command-cases.ts. */
import { and, eq, gte } from 'drizzle-orm';
import { expect } from 'vitest';
import { execute } from '../../src/kernel/command.ts';
import {
  bootstrapCalendars,
  createCalendar,
  removeCalendarDay,
  resetCalendarYear,
  setCalendarDay,
  setDefaultCalendar,
  updateCalendar,
} from '../../src/kernel/calendar/commands.ts';
import { BUILTIN_CALENDAR, DEFAULT_WEEKLY } from '../../src/kernel/calendar/defaults.ts';
import { importCalendarYear } from '../../src/kernel/calendar/import-year.ts';
import { checkNextYear, NEXT_YEAR_JOB } from '../../src/kernel/calendar/next-year.ts';
import { todayInShanghai } from '../../src/kernel/clock.ts';
import { jobs } from '../../src/kernel/jobs/schema.ts';
import { notifications } from '../../src/kernel/notify/schema.ts';
import { calendarDays, calendars } from '../../src/kernel/calendar/schema.ts';
import { callerFor, systemCaller, unique, type TestHenji } from '../harness.ts';
import { admin, calendar, notification, plan, type Case } from './command-plan.ts';

const newCalendar = (copyDefaultDays = true) => ({ code: unique('cal-'), name: '测试日历', copyDefaultDays });

async function builtinCalendar(h: TestHenji) {
  const [row] = await h.db.select().from(calendars).where(eq(calendars.code, BUILTIN_CALENDAR.code));
  return row!;
}

export const CALENDAR_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'calendars.bootstrap': async (h) => {
    // As if Henji had shipped only 2020–2025 when this database was created: the next start adds 2026.
    const builtin = await builtinCalendar(h);
    await h.db.delete(calendarDays).where(and(eq(calendarDays.calendarId, builtin.id), gte(calendarDays.date, '2026-01-01')));
    await h.db.update(calendars).set({ officialYears: builtin.officialYears.filter((y) => y !== 2026) }).where(eq(calendars.id, builtin.id));
    return [
      plan('adds the days of a newly shipped year', bootstrapCalendars, systemCaller, {}, (r) => {
        expect(r.created).toBe(false);
        expect(r.yearsAdded[builtin.id]).toEqual([2026]);
        return [calendar(builtin.id)];
      }),
      plan('a second run changes nothing', bootstrapCalendars, systemCaller, {}, (r) => {
        expect(r).toEqual({ created: false, yearsAdded: {} });
        return [];
      }, { quiet: true }),
    ];
  },
  'calendars.create': async (h) => {
    const caller = callerFor(await admin(h));
    return [
      plan('creates a copy of the default calendar', createCalendar, caller, newCalendar(true), (r) => [calendar(r.id)]),
      plan('creates an empty calendar', createCalendar, caller, { ...newCalendar(false), timezone: 'UTC', weekly: DEFAULT_WEEKLY }, (r) => [
        calendar(r.id),
      ]),
    ];
  },
  'calendars.update': async (h) => {
    const caller = callerFor(await admin(h));
    const row = await execute(h.db, caller, createCalendar, newCalendar(false));
    const weekly = DEFAULT_WEEKLY.map((day, weekday) => (weekday === 6 ? [{ start: '09:00', end: '12:00' }] : day));
    return [
      plan('changes the name and the weekly hours', updateCalendar, caller, { id: row.id, changes: { name: '六天工作制', weekly } }, () => [
        calendar(row.id),
      ]),
      plan('an update that changes nothing is not traced', updateCalendar, caller, { id: row.id, changes: { weekly } }, () => [], { quiet: true }),
    ];
  },
  'calendars.setDefault': async (h) => {
    const caller = callerFor(await admin(h));
    const row = await execute(h.db, caller, createCalendar, newCalendar(true));
    const [former] = await h.db.select().from(calendars).where(eq(calendars.isDefault, true));
    return [
      plan('makes it the default; the former default is traced too', setDefaultCalendar, caller, { id: row.id }, () => [
        calendar(row.id),
        calendar(former!.id),
      ]),
      plan('setting the default again changes nothing', setDefaultCalendar, caller, { id: row.id }, () => [], { quiet: true }),
      plan('gives the default back', setDefaultCalendar, caller, { id: former!.id }, () => [calendar(row.id), calendar(former!.id)]),
    ];
  },
  'calendars.setDay': async (h) => {
    const caller = callerFor(await admin(h));
    const row = await execute(h.db, caller, createCalendar, newCalendar(true));
    return [
      plan('adds a company holiday', setCalendarDay, caller, { id: row.id, date: '2026-03-09', kind: 'holiday', name: '公司年会' }, () => [
        calendar(row.id),
      ]),
      plan('overrides a builtin day', setCalendarDay, caller, { id: row.id, date: '2026-10-10', kind: 'holiday', name: '不调休' }, () => [
        calendar(row.id),
      ]),
      plan('setting the same again changes nothing', setCalendarDay, caller, {
        id: row.id,
        date: '2026-03-09',
        kind: 'holiday',
        name: '公司年会',
      }, () => [], { quiet: true }),
    ];
  },
  'calendars.removeDay': async (h) => {
    const caller = callerFor(await admin(h));
    const row = await execute(h.db, caller, createCalendar, newCalendar(true));
    return [plan('removes a builtin make-up workday', removeCalendarDay, caller, { id: row.id, date: '2026-10-10' }, () => [calendar(row.id)])];
  },
  'calendars.resetYear': async (h) => {
    const caller = callerFor(await admin(h));
    const row = await execute(h.db, caller, createCalendar, newCalendar(true));
    await execute(h.db, caller, setCalendarDay, { id: row.id, date: '2026-10-10', kind: 'holiday', name: '不调休' });
    return [
      plan('restores the official days of the year', resetCalendarYear, caller, { id: row.id, year: 2026 }, () => [calendar(row.id)]),
      plan('a reset of an untouched year changes nothing', resetCalendarYear, caller, { id: row.id, year: 2026 }, () => [], { quiet: true }),
    ];
  },
  'calendars.importYear': async (h) => {
    const caller = callerFor(await admin(h));
    const row = await execute(h.db, caller, createCalendar, newCalendar(true));
    const days = [
      { date: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
      { date: '2027-02-07', kind: 'workday' as const, name: '春节' },
    ];
    return [
      plan('imports a year’s days and records the year', importCalendarYear, caller, { id: row.id, year: 2027, format: 'notice', days }, () => [calendar(row.id)]),
      plan('importing the same again changes nothing', importCalendarYear, caller, { id: row.id, year: 2027, format: 'ics', days }, () => [], { quiet: true }),
    ];
  },
  'calendars.checkNextYear': async (h) => {
    // The clock of these cases stands in June: only the year under way is awaited, and the default calendar has it.
    const builtin = await builtinCalendar(h);
    await h.db.delete(jobs).where(eq(jobs.kind, NEXT_YEAR_JOB));
    await h.db.delete(notifications).where(eq(notifications.template, 'calendar.year_missing'));
    const year = Number(todayInShanghai().slice(0, 4));
    const withoutYear = builtin.officialYears.filter((y) => y !== year);
    return [
      plan('queues the next check', checkNextYear, systemCaller, { jobId: null }, (r) => {
        expect(r.queued).not.toBeNull();
        return [calendar(builtin.id)];
      }),
      plan('a second check finds the next one queued and changes nothing', checkNextYear, systemCaller, { jobId: null }, () => [], { quiet: true }),
      {
        label: 'tells administrators once when the year under way is missing',
        command: checkNextYear as Case['command'],
        caller: systemCaller,
        quiet: false,
        run: async (db) => {
          await db.update(calendars).set({ officialYears: withoutYear }).where(eq(calendars.id, builtin.id));
          const r = await execute(db, systemCaller, checkNextYear, { jobId: null });
          await db.update(calendars).set({ officialYears: builtin.officialYears }).where(eq(calendars.id, builtin.id));
          expect(r.told).toEqual([year]);
          const [sent] = await db.select().from(notifications).where(eq(notifications.template, 'calendar.year_missing'));
          return [calendar(builtin.id), notification(sent!.batchId)];
        },
      },
    ];
  },
};
