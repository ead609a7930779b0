/**
 * Business calendars (K6): a weekly template of working periods and dated overrides — holidays and 调休 make-up
 * workdays. Exactly one calendar is the default, used wherever no calendar is named.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CALENDAR_DAY_SOURCES, type WeeklyTemplate } from '@henji/contracts';
import { timestamptz } from '../../db/types.ts';

export const calendars = pgTable(
  'calendars',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull().default('Asia/Shanghai'),
    /** Working periods per weekday, index 0 = Sunday: `[[], [{ start: '09:00', end: '12:00' }, …], …]`. */
    weekly: jsonb('weekly').$type<WeeklyTemplate>().notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    /** Whether newly shipped years of the official 放假/调休 arrangements are added at start-up. */
    followsOfficial: boolean('follows_official').notNull().default(false),
    /**
     * The notice years already loaded. A year in this list is never loaded again at start-up, so a builtin day an
     * administrator removed stays removed.
     */
    officialYears: jsonb('official_years').$type<number[]>().notNull().default([]),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('calendars_code_key').on(t.code),
    // At most one default; the commands keep it exactly one.
    uniqueIndex('calendars_one_default').on(t.isDefault).where(sql`${t.isDefault}`),
  ],
);

export const calendarDays = pgTable(
  'calendar_days',
  {
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => calendars.id),
    date: date('date', { mode: 'string' }).notNull(),
    /** holiday: a day off; workday: a make-up working day (调休上班) with the template's Monday periods. */
    kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
    /** What the day is, e.g. 国庆节. */
    name: text('name').notNull(),
    /** builtin: from the shipped official arrangements; imported: from an imported notice or feed; manual: set by an administrator. */
    source: text('source', { enum: CALENDAR_DAY_SOURCES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.calendarId, t.date] })],
);
