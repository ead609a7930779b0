/**
 * Authorization matrix rows for business calendars (K6): every signed-in user reads calendars and computes deadlines
 * (they are not secret, and every approval shows its SLA); only calendar.manage (administrators) changes them, so an
 * employee gets 403 on writes.
 */
import { unique } from '../harness.ts';
import type { Row } from './authz-types.ts';
import type { HttpMethod } from './openapi-operations.ts';

type AsAdmin = <T>(method: HttpMethod, url: string, json?: object) => Promise<T>;

const newCalendar = () => ({ code: unique('cal-'), name: '矩阵日历', copyDefaultDays: true });

export function calendarRows(asAdmin: AsAdmin): Record<string, Row> {
  /** A fresh copy of the default calendar, which has the official days (2026-10-10 is a 调休 workday). */
  const calendarUrl = async (suffix = '') => {
    const { id } = await asAdmin<{ id: string }>('POST', '/api/calendars', newCalendar());
    return `/api/calendars/${id}${suffix}`;
  };
  return {
    'GET /api/calendars': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'POST /api/calendars': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => ({ json: newCalendar() }),
    },
    'GET /api/calendars/{id}': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ url: await calendarUrl() }),
    },
    'PATCH /api/calendars/{id}': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => ({ url: await calendarUrl(), json: { name: '改名日历' } }),
    },
    'POST /api/calendars/{id}/default': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => ({ url: await calendarUrl('/default') }),
    },
    'GET /api/calendars/{id}/days': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ url: await calendarUrl('/days?year=2026') }),
    },
    'PUT /api/calendars/{id}/days/{date}': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => ({ url: await calendarUrl('/days/2026-03-09'), json: { kind: 'holiday', name: '公司年会' } }),
    },
    'DELETE /api/calendars/{id}/days/{date}': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => ({ url: await calendarUrl('/days/2026-10-10') }),
    },
    'POST /api/calendars/{id}/reset-year': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => ({ url: await calendarUrl('/reset-year'), json: { year: 2025 } }),
    },
    'GET /api/calendars/warnings': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'POST /api/calendars/{id}/import/preview': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => ({ url: await calendarUrl('/import/preview'), json: { format: 'notice', text: '一、元旦：1月1日至3日放假调休，共3天。', year: 2027 } }),
    },
    'POST /api/calendars/{id}/import': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => ({ url: await calendarUrl('/import'), json: { year: 2027, format: 'notice', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] } }),
    },
    'GET /api/calendars/{id}/deadline': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ url: await calendarUrl('/deadline?start=2026-09-30T16:00:00%2B08:00&amount=8&unit=hours') }),
    },
  };
}
