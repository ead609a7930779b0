import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  Calendar,
  CalendarDay,
  CalendarDayParams,
  CalendarDays,
  CalendarDaysQuery,
  CalendarImportInput,
  CalendarImportPreview,
  CalendarImportResult,
  CalendarImportSource,
  CalendarList,
  CalendarWarnings,
  CreateCalendarInput,
  DeadlineQuery,
  DeadlineResult,
  ErrorBody,
  IdParams,
  ResetCalendarYearInput,
  SetCalendarDayInput,
  UpdateCalendarInput,
} from '@henji/contracts';
import { z } from 'zod';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { localeOf } from '../../http/locale.ts';
import { now } from '../clock.ts';
import { execute } from '../command.ts';
import { importCalendarYear, previewImport } from './import-year.ts';
import { calendarWarnings } from './next-year.ts';
import { requireCalendarManager } from './policies.ts';
import { SHIPPED_YEARS } from './china-holidays.ts';
import { createCalendar, removeCalendarDay, resetCalendarYear, setCalendarDay, setDefaultCalendar, updateCalendar } from './commands.ts';
import { explain } from './explain.ts';
import { getCalendar, listCalendarDays, listCalendars, loadCalendar } from './queries.ts';
import { addWorkingTime, yearsBeyondKnownRange } from './working-time.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function calendarRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['calendars'];

  r.get('/api/calendars', {
    schema: { tags, summary: 'Business calendars, the default first, and the years of shipped official arrangements', response: { 200: CalendarList, ...errors } },
  }, async (req) => ({ items: await listCalendars(db, callerOf(req).actor), shippedYears: [...SHIPPED_YEARS] }));

  r.post('/api/calendars', {
    schema: { tags, summary: 'Create a calendar, empty or with a copy of the default calendar’s days', body: CreateCalendarInput, response: { 201: Calendar, ...errors } },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const row = await execute(db, caller, createCalendar, req.body);
    return reply.status(201).send(await getCalendar(db, caller.actor, row.id));
  });

  r.get('/api/calendars/warnings', {
    schema: {
      tags,
      summary: 'Calendars that lack the holidays of the year under way or, from 1 November, of the next year (the home page banner)',
      response: { 200: CalendarWarnings, ...errors },
    },
  }, async (req) => {
    callerOf(req); // signed-in users only
    return calendarWarnings(db, now());
  });

  // Only those who may edit a calendar's days get a body read at all: the permission is checked before parsing.
  const managersOnly = async (req: Parameters<typeof callerOf>[0]) => requireCalendarManager(callerOf(req).actor);

  r.post('/api/calendars/:id/import/preview', {
    onRequest: managersOnly,
    schema: {
      tags,
      summary: 'Read a year’s holidays from the State Council notice, an ICS feed or an xlsx sheet and say what importing them would change (writes nothing)',
      params: IdParams,
      body: CalendarImportSource,
      response: { 200: CalendarImportPreview, ...errors },
    },
  }, async (req) => previewImport(db, callerOf(req).actor, req.params.id, req.body, localeOf(req)));

  r.post('/api/calendars/:id/import', {
    onRequest: managersOnly,
    schema: {
      tags,
      summary: 'Apply a previewed import: the year’s days written in one traced command, and the year recorded as known',
      params: IdParams,
      body: CalendarImportInput,
      response: { 200: CalendarImportResult, ...errors },
    },
  }, async (req) => {
    const caller = callerOf(req);
    const result = await execute(db, caller, importCalendarYear, { id: req.params.id, ...req.body });
    return { ...result, calendar: await getCalendar(db, caller.actor, req.params.id) };
  });

  r.get('/api/calendars/:id', { schema: { tags, params: IdParams, response: { 200: Calendar, ...errors } } },
    async (req) => getCalendar(db, callerOf(req).actor, req.params.id));

  r.patch('/api/calendars/:id', {
    schema: { tags, summary: 'Rename, change the time zone or the weekly working hours', params: IdParams, body: UpdateCalendarInput, response: { 200: Calendar, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, updateCalendar, { id: req.params.id, changes: req.body });
    return getCalendar(db, caller.actor, req.params.id);
  });

  r.post('/api/calendars/:id/default', {
    schema: { tags, summary: 'Make this the default calendar', params: IdParams, response: { 200: Calendar, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, setDefaultCalendar, { id: req.params.id });
    return getCalendar(db, caller.actor, req.params.id);
  });

  r.get('/api/calendars/:id/days', {
    schema: { tags, summary: 'Holidays and make-up workdays of one year', params: IdParams, querystring: CalendarDaysQuery, response: { 200: CalendarDays, ...errors } },
  }, async (req) => listCalendarDays(db, callerOf(req).actor, req.params.id, req.query.year));

  r.put('/api/calendars/:id/days/:date', {
    schema: { tags, summary: 'Mark a date as a holiday or a make-up workday (调休)', params: CalendarDayParams, body: SetCalendarDayInput, response: { 200: CalendarDay, ...errors } },
  }, async (req) => {
    const { kind, name, source } = await execute(db, callerOf(req), setCalendarDay, { ...req.params, ...req.body });
    return { date: req.params.date, kind, name, source };
  });

  r.delete('/api/calendars/:id/days/:date', {
    schema: { tags, summary: 'Remove a date’s override: it follows the weekly template again', params: CalendarDayParams, response: { 204: z.null().describe('removed'), ...errors } },
  }, async (req, reply) => {
    await execute(db, callerOf(req), removeCalendarDay, req.params);
    return reply.status(204).send(null);
  });

  r.post('/api/calendars/:id/reset-year', {
    schema: {
      tags,
      summary: 'Replace a year’s overrides by the shipped official arrangements, discarding manual edits of that year',
      params: IdParams,
      body: ResetCalendarYearInput,
      response: { 200: CalendarDays, ...errors },
    },
  }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, resetCalendarYear, { id: req.params.id, year: req.body.year });
    return listCalendarDays(db, caller.actor, req.params.id, req.body.year);
  });

  r.get('/api/calendars/:id/deadline', {
    schema: {
      tags,
      summary: 'The deadline a duration of working time after a start, explained step by step in the caller’s language',
      params: IdParams,
      querystring: DeadlineQuery,
      response: { 200: DeadlineResult, ...errors },
    },
  }, async (req) => {
    const caller = callerOf(req);
    await getCalendar(db, caller.actor, req.params.id);
    const calendar = await loadCalendar(db, req.params.id);
    const { deadline, explanation } = addWorkingTime(calendar, new Date(req.query.start), { amount: req.query.amount, unit: req.query.unit });
    return { deadline: deadline.toISOString(), explanation, text: explain(localeOf(req), explanation), beyondKnownRange: yearsBeyondKnownRange(explanation) };
  });
}
