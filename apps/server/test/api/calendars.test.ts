/** Business calendars (K6) through HTTP: the shipped mainland calendar, editing it, and explained deadlines. */
import { and, eq, gte } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Calendar, CalendarDays, CalendarList, DeadlineResult, ErrorBody, WeeklyTemplate } from '@henji/contracts';
import { execute } from '../../src/kernel/command.ts';
import { bootstrapCalendars, computeDeadline, DEFAULT_WEEKLY } from '../../src/kernel/calendar/index.ts';
import { calendarDays, calendars } from '../../src/kernel/calendar/schema.ts';
import { systemCaller, unique } from '../harness.ts';
import { traceOf } from './http.ts';
import { fieldsOf, personMaker, useOrgHenji } from './org-context.ts';

const ctx = useOrgHenji();
const person = personMaker(ctx);

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Session = { headers: Record<string, string> } | null;

async function call(method: Method, url: string, session: Session, payload?: unknown, extra: Record<string, string> = {}) {
  const app = await ctx.h.app();
  return app.inject({
    method,
    url,
    headers: { ...(session?.headers ?? {}), ...extra },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function ok<T>(method: Method, url: string, session: Session, payload?: unknown, status = 200): Promise<T> {
  const res = await call(method, url, session, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json<T>();
}

async function createCalendar(fields: Record<string, unknown> = {}): Promise<Calendar> {
  return ok<Calendar>('POST', '/api/calendars', ctx.admin, { code: unique('cal-'), name: '测试日历', copyDefaultDays: true, ...fields }, 201);
}

const deadlineUrl = (id: string, start: string, amount: number | string, unit = 'hours') =>
  `/api/calendars/${id}/deadline?start=${encodeURIComponent(start)}&amount=${amount}&unit=${unit}`;

async function expectInvalid(method: Method, url: string, payload: unknown, fields: string[]) {
  const res = await call(method, url, ctx.admin, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
  const body = res.json<ErrorBody>();
  expect(body.code).toBe('validation_failed');
  expect(Object.keys(fieldsOf(body)).sort(), `${method} ${url} ${JSON.stringify(payload)}`).toEqual(fields);
  return body;
}

describe('the shipped calendar', () => {
  it('is the default, named 中国大陆标准工作日历, eight hours a day Monday to Friday, readable by every employee', async () => {
    const employee = await person();
    const list = await ok<CalendarList>('GET', '/api/calendars', employee.session);
    expect(list.shippedYears).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    const [first] = list.items;
    expect(first).toMatchObject({ code: 'cn-mainland', name: '中国大陆标准工作日历', timezone: 'Asia/Shanghai', isDefault: true, followsOfficial: true });
    expect(first!.weekly).toEqual(DEFAULT_WEEKLY);
    expect(first!.allowedActions).toEqual([]);
    const asAdmin = await ok<Calendar>('GET', `/api/calendars/${first!.id}`, ctx.admin);
    expect(asAdmin.allowedActions).toEqual(['update', 'edit_days']);
  });

  it('holds the official holidays and make-up workdays of 2026', async () => {
    const employee = await person();
    const [builtin] = (await ok<CalendarList>('GET', '/api/calendars', employee.session)).items;
    const { items } = await ok<CalendarDays>('GET', `/api/calendars/${builtin!.id}/days?year=2026`, employee.session);
    const workdays = items.filter((d) => d.kind === 'workday').map((d) => `${d.date} ${d.name}`);
    expect(workdays).toEqual([
      '2026-01-04 元旦',
      '2026-02-14 春节',
      '2026-02-28 春节',
      '2026-05-09 劳动节',
      '2026-09-20 国庆节',
      '2026-10-10 国庆节',
    ]);
    expect(items.filter((d) => d.kind === 'holiday' && d.name === '春节').map((d) => d.date)).toEqual([
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    ]);
    expect(new Set(items.map((d) => d.source))).toEqual(new Set(['builtin']));
    await expectInvalid('GET', `/api/calendars/${builtin!.id}/days?year=abc`, undefined, ['year']);
    await expectInvalid('GET', `/api/calendars/${builtin!.id}/days?year=1800`, undefined, ['year']);
  });

  it('computes an explained deadline for any employee, in the language of the request', async () => {
    const employee = await person();
    const [builtin] = (await ok<CalendarList>('GET', '/api/calendars', employee.session)).items;
    const url = deadlineUrl(builtin!.id, '2026-09-30T16:00:00+08:00', 8);
    const zh = await ok<DeadlineResult>('GET', url, employee.session);
    expect(new Date(zh.deadline)).toEqual(new Date('2026-10-08T16:00:00+08:00'));
    expect(zh.text).toEqual([
      '起算时间：9月30日（周三）16:00',
      '9月30日（周三）计 2 小时',
      '10月1日（周四）至10月7日（周三）为国庆节假期，不计',
      '10月8日（周四）计 6 小时',
      '截止时间：10月8日（周四）16:00',
    ]);
    expect(zh.explanation.map((s) => s.kind)).toEqual(['start', 'counted', 'skip', 'counted', 'deadline']);
    const en = (await call('GET', url, employee.session, undefined, { 'accept-language': 'en-US' })).json<DeadlineResult>();
    expect(en.text[2]).toBe('Thu 1 Oct to Wed 7 Oct: 国庆节 holiday, not counted');
    expect(en.explanation).toEqual(zh.explanation);

    const days = await ok<DeadlineResult>('GET', deadlineUrl(builtin!.id, '2026-09-30T10:00:00+08:00', 3, 'days'), employee.session);
    expect(new Date(days.deadline)).toEqual(new Date('2026-10-10T10:00:00+08:00'));
    expect(days.text).toContain('10月10日（周六）为国庆节调休上班日');
  });

  it('rejects bad deadline queries with field errors', async () => {
    const [builtin] = (await ok<CalendarList>('GET', '/api/calendars', ctx.admin)).items;
    const id = builtin!.id;
    await expectInvalid('GET', deadlineUrl(id, '2026-09-30T16:00:00+08:00', 8, 'weeks'), undefined, ['unit']);
    await expectInvalid('GET', deadlineUrl(id, '2026-09-30T16:00:00+08:00', 1.5, 'days'), undefined, ['amount']);
    await expectInvalid('GET', deadlineUrl(id, '2026-09-30T16:00:00+08:00', 0), undefined, ['amount']);
    await expectInvalid('GET', deadlineUrl(id, '2026-09-30T16:00:00+08:00', 'lots'), undefined, ['amount']);
    await expectInvalid('GET', deadlineUrl(id, '2026-09-30T16:00:00+08:00', 100_000), undefined, ['amount']);
    await expectInvalid('GET', deadlineUrl(id, 'yesterday', 8), undefined, ['start']);
    const missing = await call('GET', deadlineUrl('00000000-0000-4000-8000-000000000000', '2026-09-30T16:00:00+08:00', 8), ctx.admin);
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorBody>().message).toBe('工作日历不存在');
  });

  it('is what other areas compute with when they name no calendar', async () => {
    const { deadline, explanation } = await computeDeadline(ctx.h.db, null, new Date('2026-02-13T10:00:00+08:00'), { amount: 16, unit: 'hours' });
    expect(deadline).toEqual(new Date('2026-02-24T10:00:00+08:00'));
    expect(explanation).toContainEqual({ kind: 'skip', from: '2026-02-15', to: '2026-02-23', reason: 'holiday', name: '春节' });
  });
});

describe('managing calendars', () => {
  it('creates a copy of the default calendar or an empty one, traced', async () => {
    const copy = await createCalendar({ timezone: 'Asia/Urumqi' });
    expect(copy).toMatchObject({ isDefault: false, followsOfficial: true, timezone: 'Asia/Urumqi', weekly: DEFAULT_WEEKLY });
    expect((await ok<CalendarDays>('GET', `/api/calendars/${copy.id}/days?year=2026`, ctx.admin)).items.length).toBeGreaterThan(30);
    const empty = await createCalendar({ copyDefaultDays: false });
    expect(empty).toMatchObject({ followsOfficial: false, officialYears: [] });
    expect((await ok<CalendarDays>('GET', `/api/calendars/${empty.id}/days?year=2026`, ctx.admin)).items).toEqual([]);

    const [created] = await traceOf(ctx.h, ctx.admin.headers, 'calendar', copy.id);
    expect(created!.action).toBe('calendar.create');
    expect(created!.diff.timezone).toEqual({ after: 'Asia/Urumqi' });
    expect((created!.diff.days as { after: unknown[] }).after.length).toBeGreaterThan(250);
  });

  it('rejects a taken code, a bad time zone and a bad weekly template, at the field', async () => {
    const taken = await call('POST', '/api/calendars', ctx.admin, { code: 'cn-mainland', name: '重复', copyDefaultDays: false });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<ErrorBody>().message).toBe('日历编码 cn-mainland 已被使用');
    const base = { code: unique('cal-'), name: '坏日历', copyDefaultDays: false };
    await expectInvalid('POST', '/api/calendars', { ...base, code: 'CN Mainland' }, ['code']);
    await expectInvalid('POST', '/api/calendars', { ...base, timezone: 'Mars/Olympus' }, ['timezone']);
    const reversed: WeeklyTemplate = [...DEFAULT_WEEKLY];
    reversed[2] = [{ start: '18:00', end: '09:00' }];
    reversed[3] = [{ start: '09:00', end: '12:00' }, { start: '11:30', end: '13:00' }];
    const body = await expectInvalid('POST', '/api/calendars', { ...base, weekly: reversed }, ['weekly.2.0', 'weekly.3.1']);
    expect(fieldsOf(body)['weekly.2.0']).toEqual(['结束时间须晚于开始时间']);
    await expectInvalid('POST', '/api/calendars', { ...base, weekly: [[], [], [], [], [], [], []] }, ['weekly']);
    await expectInvalid('POST', '/api/calendars', { ...base, weekly: [[{ start: '9:00', end: '18:00' }], [], [], [], [], [], []] }, ['weekly.0.0.start']);
  });

  it('refuses every change to an employee with 403, and an unknown calendar with 404', async () => {
    const employee = await person();
    const calendar = await createCalendar();
    const writes: [Method, string, object?][] = [
      ['POST', '/api/calendars', { code: unique('cal-'), name: '偷建', copyDefaultDays: false }],
      ['PATCH', `/api/calendars/${calendar.id}`, { name: '偷改' }],
      ['POST', `/api/calendars/${calendar.id}/default`],
      ['PUT', `/api/calendars/${calendar.id}/days/2026-03-09`, { kind: 'holiday', name: '偷休' }],
      ['DELETE', `/api/calendars/${calendar.id}/days/2026-10-10`],
      ['POST', `/api/calendars/${calendar.id}/reset-year`, { year: 2026 }],
    ];
    for (const [method, url, payload] of writes) {
      const res = await call(method, url, employee.session, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
      expect(res.json<ErrorBody>().code).toBe('forbidden');
    }
    expect(await ok<Calendar>('GET', `/api/calendars/${calendar.id}`, employee.session)).toMatchObject({ name: '测试日历' });
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const [method, url, payload] of writes.slice(1).map(([m, u, p]): [Method, string, object?] => [m, u.replace(calendar.id, unknown), p])) {
      expect((await call(method, url, ctx.admin, payload)).statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it('changes the weekly hours, and deadlines follow', async () => {
    const calendar = await createCalendar();
    const saturday: WeeklyTemplate = DEFAULT_WEEKLY.map((day, weekday) => (weekday === 6 ? [{ start: '09:00', end: '12:00' }] : day));
    const updated = await ok<Calendar>('PATCH', `/api/calendars/${calendar.id}`, ctx.admin, { name: '六天工作制', weekly: saturday });
    expect(updated).toMatchObject({ name: '六天工作制', weekly: saturday });
    const result = await ok<DeadlineResult>('GET', deadlineUrl(calendar.id, '2026-03-06T17:00:00+08:00', 2), ctx.admin);
    expect(new Date(result.deadline)).toEqual(new Date('2026-03-07T10:00:00+08:00'));
    await expectInvalid('PATCH', `/api/calendars/${calendar.id}`, { weekly: [[], [], [], [], [], [], []] }, ['weekly']);
    await expectInvalid('PATCH', `/api/calendars/${calendar.id}`, { isDefault: true }, ['body']); // unknown fields are refused
    const trace = await traceOf(ctx.h, ctx.admin.headers, 'calendar', calendar.id);
    expect(trace.map((e) => e.action)).toEqual(['calendar.create', 'calendar.update']);
    expect(trace[1]!.diff.name).toEqual({ before: '测试日历', after: '六天工作制' });
  });

  it('moves the default to another calendar, which then serves callers that name none', async () => {
    const calendar = await createCalendar({ weekly: DEFAULT_WEEKLY.map(() => [{ start: '00:00', end: '24:00' }]) });
    const [former] = (await ok<CalendarList>('GET', '/api/calendars', ctx.admin)).items;
    try {
      const now = await ok<Calendar>('POST', `/api/calendars/${calendar.id}/default`, ctx.admin);
      expect(now.isDefault).toBe(true);
      expect(now.allowedActions).not.toContain('set_default');
      const list = (await ok<CalendarList>('GET', '/api/calendars', ctx.admin)).items;
      expect(list[0]!.id).toBe(calendar.id);
      expect(list.filter((c) => c.isDefault)).toHaveLength(1);
      const { deadline } = await computeDeadline(ctx.h.db, null, new Date('2026-10-01T00:00:00+08:00'), { amount: 24, unit: 'hours' });
      expect(deadline).toEqual(new Date('2026-10-09T00:00:00+08:00')); // round the clock, but 国庆节 still off
    } finally {
      await ok<Calendar>('POST', `/api/calendars/${former!.id}/default`, ctx.admin);
    }
    expect((await traceOf(ctx.h, ctx.admin.headers, 'calendar', calendar.id)).map((e) => e.action)).toEqual([
      'calendar.create',
      'calendar.set_default',
      'calendar.update',
    ]);
  });
});

describe('holidays and make-up workdays', () => {
  it('an administrator adds a holiday, which deadlines skip by name, and removes it again', async () => {
    const calendar = await createCalendar();
    const day = await ok<{ source: string }>('PUT', `/api/calendars/${calendar.id}/days/2026-03-09`, ctx.admin, { kind: 'holiday', name: '公司年会' });
    expect(day).toEqual({ date: '2026-03-09', kind: 'holiday', name: '公司年会', source: 'manual' });
    const url = deadlineUrl(calendar.id, '2026-03-06T17:00:00+08:00', 2);
    const skipped = await ok<DeadlineResult>('GET', url, ctx.admin);
    expect(new Date(skipped.deadline)).toEqual(new Date('2026-03-10T10:00:00+08:00'));
    expect(skipped.text).toContain('3月9日（周一）为公司年会假期，不计');

    expect((await call('DELETE', `/api/calendars/${calendar.id}/days/2026-03-09`, ctx.admin)).statusCode).toBe(204);
    expect(new Date((await ok<DeadlineResult>('GET', url, ctx.admin)).deadline)).toEqual(new Date('2026-03-09T10:00:00+08:00'));
    const again = await call('DELETE', `/api/calendars/${calendar.id}/days/2026-03-09`, ctx.admin);
    expect(again.statusCode).toBe(404);
    expect(again.json<ErrorBody>().message).toBe('该日期的节假日或调休设置不存在');

    const trace = await traceOf(ctx.h, ctx.admin.headers, 'calendar', calendar.id);
    expect(trace.map((e) => e.action)).toEqual(['calendar.create', 'calendar.day_set', 'calendar.day_remove']);
    expect(trace[1]!.diff['2026-03-09']).toEqual({ before: null, after: { date: '2026-03-09', kind: 'holiday', name: '公司年会', source: 'manual' } });
  });

  it('a make-up workday on a Sunday gets Monday’s hours', async () => {
    const calendar = await createCalendar({ copyDefaultDays: false });
    await ok('PUT', `/api/calendars/${calendar.id}/days/2026-03-08`, ctx.admin, { kind: 'workday', name: '盘点' });
    const result = await ok<DeadlineResult>('GET', deadlineUrl(calendar.id, '2026-03-06T17:00:00+08:00', 2), ctx.admin);
    expect(new Date(result.deadline)).toEqual(new Date('2026-03-08T10:00:00+08:00'));
    expect(result.text).toContain('3月8日（周日）为盘点调休上班日');
  });

  it('rejects bad dates, kinds and names', async () => {
    const calendar = await createCalendar();
    await expectInvalid('PUT', `/api/calendars/${calendar.id}/days/2026-02-30`, { kind: 'holiday', name: '不存在' }, ['date']);
    await expectInvalid('PUT', `/api/calendars/${calendar.id}/days/2026-03-09`, { kind: 'vacation', name: '休' }, ['kind']);
    await expectInvalid('PUT', `/api/calendars/${calendar.id}/days/2026-03-09`, { kind: 'holiday', name: 'x'.repeat(51) }, ['name']);
    await expectInvalid('PUT', `/api/calendars/${calendar.id}/days/2026-03-09`, { kind: 'holiday' }, ['name']);
  });

  it('resetting a year restores the official days and discards that year’s manual edits only', async () => {
    const calendar = await createCalendar();
    await ok('PUT', `/api/calendars/${calendar.id}/days/2026-10-10`, ctx.admin, { kind: 'holiday', name: '不调休' });
    await ok('PUT', `/api/calendars/${calendar.id}/days/2026-03-09`, ctx.admin, { kind: 'holiday', name: '公司年会' });
    await ok('PUT', `/api/calendars/${calendar.id}/days/2025-03-10`, ctx.admin, { kind: 'holiday', name: '去年年会' });
    const reset = await ok<CalendarDays>('POST', `/api/calendars/${calendar.id}/reset-year`, ctx.admin, { year: 2026 });
    expect(reset.items.find((d) => d.date === '2026-10-10')).toEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节', source: 'builtin' });
    expect(reset.items.some((d) => d.date === '2026-03-09')).toBe(false);
    const of2025 = await ok<CalendarDays>('GET', `/api/calendars/${calendar.id}/days?year=2025`, ctx.admin);
    expect(of2025.items.find((d) => d.date === '2025-03-10')).toMatchObject({ source: 'manual' });

    const body = await expectInvalid('POST', `/api/calendars/${calendar.id}/reset-year`, { year: 2019 }, ['year']);
    expect(fieldsOf(body).year).toEqual(['没有 2019 年的官方放假安排（内置年份：2020、2021、2022、2023、2024、2025、2026）']);
    await expectInvalid('POST', `/api/calendars/${calendar.id}/reset-year`, { year: '2026' }, ['year']);
  });

  it('a start with newly shipped years adds them to calendars that follow the official days, keeping manual edits', async () => {
    const calendar = await createCalendar();
    const empty = await createCalendar({ copyDefaultDays: false });
    await ok('PUT', `/api/calendars/${calendar.id}/days/2026-10-10`, ctx.admin, { kind: 'holiday', name: '不调休' });
    // As if this database had been created before the 2026 notice was shipped.
    await ctx.h.db.delete(calendarDays).where(and(eq(calendarDays.calendarId, calendar.id), gte(calendarDays.date, '2026-01-02')));
    await ctx.h.db.insert(calendarDays).values({ calendarId: calendar.id, date: '2026-10-10', kind: 'holiday', name: '不调休', source: 'manual' });
    await ctx.h.db.update(calendars).set({ officialYears: [2020, 2021, 2022, 2023, 2024, 2025] }).where(eq(calendars.id, calendar.id));

    const result = await execute(ctx.h.db, systemCaller, bootstrapCalendars, {});
    expect(result.yearsAdded).toEqual({ [calendar.id]: [2026] });
    const days = (await ok<CalendarDays>('GET', `/api/calendars/${calendar.id}/days?year=2026`, ctx.admin)).items;
    expect(days.find((d) => d.date === '2026-10-10')).toEqual({ date: '2026-10-10', kind: 'holiday', name: '不调休', source: 'manual' });
    expect(days.find((d) => d.date === '2026-09-20')).toMatchObject({ kind: 'workday', source: 'builtin' });
    expect((await ok<CalendarDays>('GET', `/api/calendars/${empty.id}/days?year=2026`, ctx.admin)).items).toEqual([]);
    expect((await ok<Calendar>('GET', `/api/calendars/${calendar.id}`, ctx.admin)).officialYears).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(await execute(ctx.h.db, systemCaller, bootstrapCalendars, {})).toEqual({ created: false, yearsAdded: {} });
  });

  it('the calendar’s trace is readable by employees, like the calendar', async () => {
    const employee = await person();
    const calendar = await createCalendar();
    const trace = await traceOf(ctx.h, employee.session.headers, 'calendar', calendar.id);
    expect(trace.map((e) => e.action)).toEqual(['calendar.create']);
  });
});
