/** Business calendars (K6): every signed-in user reads them; calendar.manage holders change them. */
import { skipToken, useQuery } from '@tanstack/react-query';
import type {
  Calendar,
  CalendarDay,
  CalendarDayKind,
  CalendarDays,
  CalendarImportInput,
  CalendarImportPreview,
  CalendarImportResult,
  CalendarImportSource,
  CalendarList,
  CalendarWarnings,
  CreateCalendarInput,
  DeadlineResult,
  DurationUnit,
  UpdateCalendarInput,
} from '@henji/contracts';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';

/** The ledger subject type of a calendar; its trace panel queries by it. */
export const CALENDAR_SUBJECT = 'calendar';

export const useCalendars = () =>
  useQuery({ queryKey: queryKeys.calendars.list, queryFn: () => api<CalendarList>('/api/calendars') });

export const useCalendarDays = (id: string | null, year: number) =>
  useQuery({
    queryKey: queryKeys.calendars.days(id ?? '', year),
    queryFn: id ? () => api<CalendarDays>(`/api/calendars/${encodeURIComponent(id)}/days`, { query: { year } }) : skipToken,
  });

export const createCalendar = (input: CreateCalendarInput) => api<Calendar>('/api/calendars', { method: 'POST', body: input });
export const updateCalendar = (id: string, input: UpdateCalendarInput) =>
  api<Calendar>(`/api/calendars/${id}`, { method: 'PATCH', body: input });
export const setDefaultCalendar = (id: string) => api<Calendar>(`/api/calendars/${id}/default`, { method: 'POST' });
export const setCalendarDay = (id: string, date: string, input: { kind: CalendarDayKind; name: string }) =>
  api<CalendarDay>(`/api/calendars/${id}/days/${date}`, { method: 'PUT', body: input });
export const removeCalendarDay = (id: string, date: string) => api<null>(`/api/calendars/${id}/days/${date}`, { method: 'DELETE' });
export const resetCalendarYear = (id: string, year: number) =>
  api<CalendarDays>(`/api/calendars/${id}/reset-year`, { method: 'POST', body: { year } });
/** Calendars lacking the year under way or, from 1 November, the next one (the home page banner). */
export const CALENDAR_WARNINGS_KEY = [...queryKeys.calendars.all, 'warnings'] as const;
export const useCalendarWarnings = (enabled: boolean) =>
  useQuery({ queryKey: CALENDAR_WARNINGS_KEY, queryFn: enabled ? () => api<CalendarWarnings>('/api/calendars/warnings') : skipToken });

export const previewImport = (id: string, source: CalendarImportSource) =>
  api<CalendarImportPreview>(`/api/calendars/${id}/import/preview`, { method: 'POST', body: source });
export const applyImport = (id: string, input: CalendarImportInput) =>
  api<CalendarImportResult>(`/api/calendars/${id}/import`, { method: 'POST', body: input });

export const computeDeadline = (id: string, start: string, amount: number, unit: DurationUnit) =>
  api<DeadlineResult>(`/api/calendars/${id}/deadline`, { query: { start, amount, unit } });
