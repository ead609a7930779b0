/**
 * The business calendar (K6): a weekly template of working periods plus dated overrides (holidays and 调休 make-up
 * workdays), and SLA deadlines computed on it with a step-by-step explanation.
 */
import { z } from 'zod';
import { AllowedActions, uuid } from './common.ts';
import { messageKey } from './messages.ts';
import { CALENDAR_DAY_KINDS, CALENDAR_DAY_SOURCES, CALENDAR_IMPORT_FORMATS, CALENDAR_IMPORT_CHANGES, DURATION_UNITS, MAX_DURATION } from './values.ts';

/** A wall-clock time 'HH:MM'; '24:00' closes a period at midnight. */
export const TimeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, messageKey('calendar.contract_time'));

export const minutesOfDay = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export const WorkingPeriod = z.strictObject({ start: TimeOfDay, end: TimeOfDay }).meta({ id: 'WorkingPeriod' });
export type WorkingPeriod = z.infer<typeof WorkingPeriod>;

/**
 * Problems of one weekday's periods, by index inside that day: a period must end after it starts, and periods must
 * not overlap. Shared by the schema below and the web form.
 */
export function periodProblems(periods: readonly WorkingPeriod[]): { index: number; problem: 'order' | 'overlap' }[] {
  const problems: { index: number; problem: 'order' | 'overlap' }[] = [];
  periods.forEach((p, index) => {
    if (minutesOfDay(p.start) >= minutesOfDay(p.end)) problems.push({ index, problem: 'order' });
  });
  const ordered = periods.map((p, index) => ({ ...p, index })).sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start));
  for (let i = 1; i < ordered.length; i++) {
    const previous = ordered[i - 1]!;
    const current = ordered[i]!;
    if (minutesOfDay(current.start) < minutesOfDay(previous.end) && !problems.some((p) => p.index === current.index)) {
      problems.push({ index: current.index, problem: 'overlap' });
    }
  }
  return problems;
}

/**
 * Working periods for each weekday, index 0 = Sunday … 6 = Saturday (as JavaScript's getDay). A make-up workday (调休)
 * uses Monday's periods. At least one weekday must have working time.
 */
export const WeeklyTemplate = z
  .array(z.array(WorkingPeriod).max(8))
  .length(7)
  .superRefine((days, ctx) => {
    days.forEach((periods, day) => {
      for (const { index, problem } of periodProblems(periods)) {
        ctx.addIssue({
          code: 'custom',
          path: [day, index],
          message: problem === 'order' ? messageKey('calendar.contract_period_order') : messageKey('calendar.contract_period_overlap'),
        });
      }
    });
    if (days.every((periods) => periods.length === 0)) {
      ctx.addIssue({ code: 'custom', path: [], message: messageKey('calendar.contract_no_working_time') });
    }
  })
  .meta({ id: 'WeeklyTemplate' });
export type WeeklyTemplate = z.infer<typeof WeeklyTemplate>;

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** An IANA time zone such as Asia/Shanghai. */
export const TimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isTimeZone, messageKey('calendar.contract_time_zone'));

/** Lower-case letters, digits, '-' and '_', starting with a letter: `cn-mainland`, `factory_shift`. */
export const CalendarCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{1,39}$/, messageKey('calendar.contract_code'));

/** holiday: a day off (节假日); workday: a make-up working day (调休上班) on what would be a rest day. */
export const CalendarDayKind = z.enum(CALENDAR_DAY_KINDS);
export type CalendarDayKind = z.infer<typeof CalendarDayKind>;

export const Calendar = z
  .object({
    id: uuid,
    code: z.string(),
    name: z.string(),
    timezone: z.string(),
    weekly: WeeklyTemplate,
    isDefault: z.boolean(),
    /** Whether newly shipped years of the official arrangements are added to this calendar at start-up. */
    followsOfficial: z.boolean(),
    /** The shipped years already loaded into it. */
    officialYears: z.array(z.number().int()),
    createdAt: z.string(),
    updatedAt: z.string(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'Calendar' });
export type Calendar = z.infer<typeof Calendar>;

export const CalendarList = z.object({
  items: z.array(Calendar),
  /** Years for which Henji ships the State Council's 放假/调休 arrangements for mainland China. */
  shippedYears: z.array(z.number().int()),
});
export type CalendarList = z.infer<typeof CalendarList>;

const name = z.string().trim().min(1).max(100);

export const CreateCalendarInput = z.strictObject({
  code: CalendarCode,
  name,
  timezone: TimeZone.optional(),
  /** Defaults to the default calendar's template. */
  weekly: WeeklyTemplate.optional(),
  /** Copy the default calendar's holidays and make-up workdays (and follow newly shipped years), or start empty. */
  copyDefaultDays: z.boolean(),
});
export type CreateCalendarInput = z.infer<typeof CreateCalendarInput>;

export const UpdateCalendarInput = z.strictObject({
  name: name.optional(),
  timezone: TimeZone.optional(),
  weekly: WeeklyTemplate.optional(),
});
export type UpdateCalendarInput = z.infer<typeof UpdateCalendarInput>;

export const CalendarDaySource = z.enum(CALENDAR_DAY_SOURCES);
export type CalendarDaySource = z.infer<typeof CalendarDaySource>;

export const CalendarDay = z
  .object({
    date: z.iso.date(),
    kind: CalendarDayKind,
    name: z.string(),
    source: CalendarDaySource,
  })
  .meta({ id: 'CalendarDay' });
export type CalendarDay = z.infer<typeof CalendarDay>;

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
const year = z.coerce.number().int().min(YEAR_MIN).max(YEAR_MAX);

export const CalendarDaysQuery = z.strictObject({ year });
export const CalendarDays = z.object({ year: z.number().int(), items: z.array(CalendarDay) });
export type CalendarDays = z.infer<typeof CalendarDays>;

export const CalendarDayParams = z.strictObject({ id: uuid, date: z.iso.date() });

export const SetCalendarDayInput = z.strictObject({
  kind: CalendarDayKind,
  /** What the day is, e.g. 国庆节; shown in the year view and in deadline explanations. */
  name: z.string().trim().max(50),
});
export type SetCalendarDayInput = z.infer<typeof SetCalendarDayInput>;

export const ResetCalendarYearInput = z.strictObject({ year: z.number().int().min(YEAR_MIN).max(YEAR_MAX) });

// ---------------------------------------------------------------------------------------------------------------
// Importing a year's holidays and make-up workdays: parse → preview → apply (one command, one trace).

/** notice: the State Council's notice as pasted text; ics: an iCalendar feed; xlsx: a sheet of 日期 / 类型 / 名称. */
export const CalendarImportFormat = z.enum(CALENDAR_IMPORT_FORMATS);
export type CalendarImportFormat = z.infer<typeof CalendarImportFormat>;

const importYear = z.number().int().min(YEAR_MIN).max(YEAR_MAX);
/** An xlsx of holidays is a few KiB; 512 KiB of file (base64) is plenty. */
export const MAX_IMPORT_XLSX_BASE64 = 700_000;

export const CalendarImportSource = z
  .discriminatedUnion('format', [
    z.strictObject({
      format: z.literal('notice'),
      /** The notice as pasted from gov.cn. */
      text: z.string().min(1).max(20_000),
      /** The year, only when the pasted text lacks the title (关于YYYY年): the title's year wins. */
      year: importYear.optional(),
    }),
    z.strictObject({
      format: z.literal('ics'),
      text: z.string().min(1).max(400_000),
      /** The year to take from a feed that spans several; default: its last year. */
      year: importYear.optional(),
    }),
    z.strictObject({
      format: z.literal('xlsx'),
      /** The .xlsx file, base64. */
      file: z.base64().min(1).max(MAX_IMPORT_XLSX_BASE64),
      year: importYear.optional(),
    }),
  ])
  .meta({ id: 'CalendarImportSource' });
export type CalendarImportSource = z.infer<typeof CalendarImportSource>;

export const CalendarImportDay = z
  .strictObject({ date: z.iso.date(), kind: CalendarDayKind, name: z.string().trim().max(50) })
  .meta({ id: 'CalendarImportDay' });
export type CalendarImportDay = z.infer<typeof CalendarImportDay>;

export const CalendarImportPreview = z
  .object({
    year: z.number().int(),
    format: CalendarImportFormat,
    /** The year's days as the import would leave them, by date. */
    items: z.array(
      CalendarImportDay.extend({
        change: z.enum(CALENDAR_IMPORT_CHANGES),
        /** The calendar's day on that date now. */
        before: CalendarDay.nullable(),
        /** A day off becomes a working day or back, or an administrator's own setting is replaced. */
        conflict: z.boolean(),
      }),
    ),
    /** Official or imported days of the year that the import no longer has: removed (manual days stay). */
    removals: z.array(CalendarDay),
    /** What could not be read or does not add up, in the caller's language, with its line (or row). */
    problems: z.array(z.object({ line: z.number().int().nullable(), text: z.string(), message: z.string() })),
    /** Whether the calendar already knows the year (its official or imported years). */
    known: z.boolean(),
  })
  .meta({ id: 'CalendarImportPreview' });
export type CalendarImportPreview = z.infer<typeof CalendarImportPreview>;

export const CalendarImportInput = z
  .strictObject({
    year: importYear,
    format: CalendarImportFormat,
    /** The days of the preview, applied in one command: the year is then known to the calendar. */
    days: z.array(CalendarImportDay).min(1).max(400),
  })
  .meta({ id: 'CalendarImportInput' });
export type CalendarImportInput = z.infer<typeof CalendarImportInput>;

export const CalendarImportResult = z
  .object({
    year: z.number().int(),
    added: z.number().int(),
    changed: z.number().int(),
    removed: z.number().int(),
    unchanged: z.number().int(),
    calendar: Calendar,
  })
  .meta({ id: 'CalendarImportResult' });
export type CalendarImportResult = z.infer<typeof CalendarImportResult>;

/** Calendars that lack the arrangements of a year they should have by now (the home page's banner). */
export const CalendarWarnings = z
  .object({
    items: z.array(
      z.object({ calendarId: uuid, code: z.string(), name: z.string(), isDefault: z.boolean(), year: z.number().int() }),
    ),
  })
  .meta({ id: 'CalendarWarnings' });
export type CalendarWarnings = z.infer<typeof CalendarWarnings>;

export const DurationUnit = z.enum(DURATION_UNITS);
export type DurationUnit = z.infer<typeof DurationUnit>;

export const DeadlineQuery = z
  .strictObject({
    start: z.iso.datetime({ offset: true }),
    amount: z.coerce.number().positive().max(MAX_DURATION.hours),
    unit: DurationUnit,
  })
  .superRefine((q, ctx) => {
    if (q.unit === 'days' && (!Number.isInteger(q.amount) || q.amount > MAX_DURATION.days)) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: messageKey('calendar.contract_whole_days') });
    }
  });

const instant = z.string().describe('ISO 8601 instant');
const localDate = z.iso.date().describe('a date in the calendar’s time zone');
/** A moment as an instant and as the wall-clock date and time of the calendar's zone, so it renders without the zone. */
const moment = { at: instant, date: localDate, time: z.string().describe('HH:MM in the calendar’s time zone') };

export const ExplanationStep = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('start'), ...moment }),
    z.object({ kind: z.literal('outside_hours'), ...moment }).describe('the start is outside working time; counting resumes at this moment'),
    z.object({
      kind: z.literal('skip'),
      from: localDate,
      to: localDate,
      reason: z.enum(['weekend', 'holiday']),
      name: z.string().optional(),
    }),
    z.object({ kind: z.literal('makeup_workday'), date: localDate, name: z.string() }),
    z.object({ kind: z.literal('counted'), from: localDate, to: localDate, minutes: z.number() }),
    z.object({ kind: z.literal('days_counted'), from: localDate, to: localDate, days: z.number().int() }),
    z.object({ kind: z.literal('deadline'), ...moment }),
    z
      .object({ kind: z.literal('beyond_known_range'), year: z.number().int() })
      .describe('the count reached a year whose holidays the calendar does not know: that year counted by the weekly hours only'),
  ])
  .meta({ id: 'ExplanationStep' });
export type ExplanationStep = z.infer<typeof ExplanationStep>;

export const DeadlineResult = z
  .object({
    deadline: instant,
    explanation: z.array(ExplanationStep),
    /** The explanation as sentences in the caller's language. */
    text: z.array(z.string()),
    /** Years the count reached whose holidays the calendar does not know (empty: the deadline is exact). */
    beyondKnownRange: z.array(z.number().int()),
  })
  .meta({ id: 'DeadlineResult' });
export type DeadlineResult = z.infer<typeof DeadlineResult>;
