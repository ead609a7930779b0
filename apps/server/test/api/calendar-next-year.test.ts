/**
 * Next year's holidays (K6) through HTTP, at fixed instants: no warning on 31 October, a banner and one notification
 * to administrators from 1 November while 2027 is missing, an import of the State Council's notice (preview, then one
 * traced command) that ends both, deadlines into a year the calendar does not know flagged until then, and the
 * import routes' answers to bad input.
 */
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Calendar,
  CalendarDays,
  CalendarImportPreview,
  CalendarImportResult,
  CalendarList,
  CalendarWarnings,
  DeadlineResult,
  ErrorBody,
  TrackedTask,
} from '@henji/contracts';
import { execute } from '../../src/kernel/command.ts';
import { checkNextYear, NEXT_YEAR_JOB } from '../../src/kernel/calendar/next-year.ts';
import { calendarDays, calendars } from '../../src/kernel/calendar/schema.ts';
import { jobs } from '../../src/kernel/jobs/schema.ts';
import { notifications } from '../../src/kernel/notify/schema.ts';
import { clock, makeUser, signIn, signInAdmin, startHenji, systemCaller, USER_PASSWORD, type Session, type TestHenji } from '../harness.ts';
import { traceOf } from './http.ts';

/** The 2027 notice as the State Council would write it (the dates of the brief; weekdays as they fall). */
const NOTICE_2027 = `国务院办公厅关于2027年部分节假日安排的通知
经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。
二、春节：2月11日（农历腊月二十四、周四）至19日（农历正月初三、周五）放假调休，共9天。2月7日（周日）、2月20日（周六）上班。
三、清明节：4月5日（周一）放假，与周末连休。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
国务院办公厅
2026年11月10日`;

let h: TestHenji;
let admin: Session;
let builtin: Calendar;

type Method = 'GET' | 'POST';
async function call(method: Method, url: string, session: Session | null, payload?: unknown) {
  const app = await h.app();
  return app.inject({ method, url, headers: session?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });
}
async function ok<T>(method: Method, url: string, session: Session | null, payload?: unknown): Promise<T> {
  const res = await call(method, url, session, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(200);
  return res.json<T>();
}
const fieldsOf = (body: ErrorBody) => Object.keys((body.details?.fields ?? {}) as Record<string, unknown>).sort();

/** Moves the clock and signs in again (sessions are read on the same clock). */
async function at(instant: string) {
  clock.set(instant);
  admin = await signInAdmin(h);
}

const told = () => h.db.select().from(notifications).where(eq(notifications.template, 'calendar.year_missing'));

beforeAll(async () => {
  h = await startHenji({}, { at: '2026-10-31T02:00:00.000Z', frozen: true }); // Sat 31 Oct 2026, 10:00 in Shanghai
  admin = await signInAdmin(h);
  builtin = (await ok<CalendarList>('GET', '/api/calendars', admin)).items[0]!;
});
afterAll(async () => h?.close());

describe('the next year’s holidays', () => {
  it('31 October 2026: no warning; the check queues itself for 1 November 00:00 in Shanghai', async () => {
    expect(await ok<CalendarWarnings>('GET', '/api/calendars/warnings', admin)).toEqual({ items: [] });
    const check = await execute(h.db, systemCaller, checkNextYear, { jobId: null });
    expect(check).toEqual({ told: [], queued: '2026-10-31T16:00:00.000Z' });
    expect(await told()).toEqual([]);
  });

  it('1 November 2026: a banner for the default calendar and one notification to administrators, traced', async () => {
    await at('2026-11-01T02:00:00.000Z');
    const warnings = await ok<CalendarWarnings>('GET', '/api/calendars/warnings', admin);
    expect(warnings.items).toEqual([{ calendarId: builtin.id, code: 'cn-mainland', name: '中国大陆标准工作日历', isDefault: true, year: 2027 }]);
    const otherAdmin = await makeUser(h, { roles: ['admin'] });
    const employee = await makeUser(h);

    // The queued job runs on the job runner, as in a server.
    expect(await h.jobs.drain()).toBeGreaterThanOrEqual(1);
    const sent = await told();
    expect(sent.map((n) => n.recipientId).sort()).toEqual([admin.userId, otherAdmin.row.id].sort());
    expect(sent.some((n) => n.recipientId === employee.row.id)).toBe(false);
    expect(sent[0]).toMatchObject({ params: { year: 2027, calendars: '中国大陆标准工作日历' }, link: '/system/calendars', subjectType: 'calendar' });

    const inbox = await ok<{ items: { title: string; body: string }[] }>('GET', '/api/notifications', admin);
    expect(inbox.items[0]!.title).toBe('请导入 2027 年的节假日安排');
    const trace = await traceOf(h, admin.headers, 'calendar', builtin.id);
    expect(trace.filter((e) => e.action === 'calendar.year_missing')).toHaveLength(1);
    // The next check is queued for 1 November 2027.
    const [next] = await h.db.select().from(jobs).where(and(eq(jobs.kind, NEXT_YEAR_JOB), eq(jobs.state, 'pending')));
    expect(next!.runAt.toISOString()).toBe('2027-10-31T16:00:00.000Z');
  });

  it('is told once: a restart and 2 December tell nobody again, while the banner stays', async () => {
    await at('2026-12-02T03:00:00.000Z');
    expect(await execute(h.db, systemCaller, checkNextYear, { jobId: null })).toEqual({ told: [], queued: null });
    expect(await told()).toHaveLength(2);
    expect((await ok<CalendarWarnings>('GET', '/api/calendars/warnings', admin)).items.map((w) => w.year)).toEqual([2027]);
  });

  it('flags a deadline that reaches 2027 and a tracked task due in 2027, until 2027 is imported', async () => {
    const deadline = await ok<DeadlineResult>(
      'GET',
      `/api/calendars/${builtin.id}/deadline?start=${encodeURIComponent('2026-12-31T17:00:00+08:00')}&amount=3&unit=hours`,
      admin,
    );
    expect(deadline.beyondKnownRange).toEqual([2027]);
    expect(deadline.deadline).toBe('2027-01-01T03:00:00.000Z'); // counted on 元旦, which the calendar does not know yet
    expect(deadline.text).toContain('日历中尚无 2027 年的节假日与调休安排，该年按每周工作时间计算，截止时间可能不准确');

    const res = await call('POST', '/api/tasks', admin, { title: '年度盘点', description: '', source: 'manual', ownerId: admin.userId, deadline: '2027-01-15T10:00:00+08:00' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<TrackedTask>().deadlineBeyondKnownRange).toBe(true);
  });

  it('previews the pasted notice: every day added, nothing left unread, nothing written', async () => {
    const before = await h.db.select().from(calendarDays).where(eq(calendarDays.calendarId, builtin.id));
    // The title's year wins over a year asked for (the page's year view may show another one).
    const preview = await ok<CalendarImportPreview>('POST', `/api/calendars/${builtin.id}/import/preview`, admin, { format: 'notice', text: NOTICE_2027, year: 2026 });
    expect(preview).toMatchObject({ year: 2027, format: 'notice', removals: [], problems: [], known: false });
    expect(preview.items.filter((d) => d.kind === 'holiday')).toHaveLength(3 + 9 + 1 + 5 + 1 + 1 + 7);
    expect(preview.items.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual(['2027-02-07', '2027-02-20', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09']);
    expect(preview.items.every((d) => d.change === 'add' && !d.conflict)).toBe(true);
    expect(await h.db.select().from(calendarDays).where(eq(calendarDays.calendarId, builtin.id))).toEqual(before);
  });

  it('applies the import atomically: a failure half-way writes no day, keeps the year unknown and traces nothing', async () => {
    const preview = await ok<CalendarImportPreview>('POST', `/api/calendars/${builtin.id}/import/preview`, admin, { format: 'notice', text: NOTICE_2027 });
    const days = preview.items.map(({ date, kind, name }) => ({ date, kind, name }));
    const entries = (await traceOf(h, admin.headers, 'calendar', builtin.id)).length;
    // A trigger that refuses the tenth day of the import, after nine were written.
    await h.db.execute(sql`create function refuse_one_day() returns trigger language plpgsql as $$
      begin if new.date = '2027-02-12' then raise exception 'refused for the test'; end if; return new; end $$`);
    await h.db.execute(sql`create trigger refuse_one_day before insert on calendar_days for each row execute function refuse_one_day()`);
    try {
      const res = await call('POST', `/api/calendars/${builtin.id}/import`, admin, { year: 2027, format: 'notice', days });
      expect(res.statusCode).toBe(500);
    } finally {
      await h.db.execute(sql`drop trigger refuse_one_day on calendar_days`);
      await h.db.execute(sql`drop function refuse_one_day()`);
    }
    const [row] = await h.db.select().from(calendars).where(eq(calendars.id, builtin.id));
    expect(row!.officialYears).not.toContain(2027);
    expect(await ok<CalendarDays>('GET', `/api/calendars/${builtin.id}/days?year=2027`, admin)).toEqual({ year: 2027, items: [] });
    expect(await traceOf(h, admin.headers, 'calendar', builtin.id)).toHaveLength(entries);
  });

  it('applies the import as one command with one trace; then no banner, no flag, and the days are there', async () => {
    const preview = await ok<CalendarImportPreview>('POST', `/api/calendars/${builtin.id}/import/preview`, admin, { format: 'notice', text: NOTICE_2027 });
    const days = preview.items.map(({ date, kind, name }) => ({ date, kind, name }));
    const entries = (await traceOf(h, admin.headers, 'calendar', builtin.id)).length;
    const result = await ok<CalendarImportResult>('POST', `/api/calendars/${builtin.id}/import`, admin, { year: 2027, format: 'notice', days });
    expect(result).toMatchObject({ year: 2027, added: days.length, changed: 0, removed: 0, unchanged: 0 });
    expect(result.calendar.officialYears).toContain(2027);

    const trace = await traceOf(h, admin.headers, 'calendar', builtin.id);
    expect(trace).toHaveLength(entries + 1);
    const entry = trace.at(-1)!;
    expect(entry.action).toBe('calendar.import_year');
    const diff = (JSON.parse(entry.payload) as { diff: { year: { after: number }; days: { after: unknown[] } } }).diff;
    expect(diff.year.after).toBe(2027);
    expect(diff.days.after).toHaveLength(days.length);

    const stored = await ok<CalendarDays>('GET', `/api/calendars/${builtin.id}/days?year=2027`, admin);
    expect(stored.items).toContainEqual({ date: '2027-02-20', kind: 'workday', name: '春节', source: 'imported' });
    expect(await ok<CalendarWarnings>('GET', '/api/calendars/warnings', admin)).toEqual({ items: [] });
    const deadline = await ok<DeadlineResult>(
      'GET',
      `/api/calendars/${builtin.id}/deadline?start=${encodeURIComponent('2026-12-31T17:00:00+08:00')}&amount=3&unit=hours`,
      admin,
    );
    expect(deadline.beyondKnownRange).toEqual([]);
    expect(deadline.deadline).toBe('2027-01-04T03:00:00.000Z'); // 元旦 1–3 January skipped now

    // The same import again changes nothing and traces nothing.
    const again = await ok<CalendarImportResult>('POST', `/api/calendars/${builtin.id}/import`, admin, { year: 2027, format: 'notice', days });
    expect(again).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: days.length });
    expect(await traceOf(h, admin.headers, 'calendar', builtin.id)).toHaveLength(entries + 1);
  });

  it('previews a changed sheet against what is there: conflicts, changes and removals', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('2027');
    sheet.addRow(['日期', '类型', '名称']);
    sheet.addRow(['2027-01-01', '放假', '元旦']);
    sheet.addRow(['2027-02-07', '放假', '春节']); // was a make-up workday: a conflict
    sheet.addRow(['2027-02-11', '放假', '新春']); // renamed
    const file = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const preview = await ok<CalendarImportPreview>('POST', `/api/calendars/${builtin.id}/import/preview`, admin, { format: 'xlsx', file });
    expect(preview.known).toBe(true);
    expect(preview.items.map((d) => [d.date, d.change, d.conflict])).toEqual([
      ['2027-01-01', 'same', false],
      ['2027-02-07', 'change', true],
      ['2027-02-11', 'change', false],
    ]);
    expect(preview.removals).toHaveLength(27 + 6 - 3);
  });
});

describe('the import routes refuse', () => {
  it('anyone without calendar.manage before reading the body, and an unknown calendar', async () => {
    const employee = await makeUser(h);
    const session = await signIn(h, employee.row.username, USER_PASSWORD);
    const res = await call('POST', `/api/calendars/${builtin.id}/import/preview`, session, { format: 'notice', text: NOTICE_2027 });
    expect(res.statusCode).toBe(403);
    expect((await call('POST', `/api/calendars/${builtin.id}/import`, session, { year: 2027, format: 'notice', days: [] })).statusCode).toBe(403);
    const missing = await call('POST', '/api/calendars/00000000-0000-4000-8000-000000000000/import/preview', admin, { format: 'notice', text: NOTICE_2027 });
    expect(missing.statusCode).toBe(404);
  });

  it.each([
    ['an empty notice', { format: 'notice', text: '' }, ['text']],
    ['an unknown format', { format: 'pdf', text: 'x' }, ['format']],
    ['a file that is not base64', { format: 'xlsx', file: '@@@' }, ['file']],
    ['a year out of range', { format: 'ics', text: 'BEGIN:VCALENDAR', year: 1900 }, ['year']],
    ['an unknown field', { format: 'notice', text: 'x', extra: 1 }, ['body']],
  ])('a preview of %s with 400 and the field', async (_label, payload, fields) => {
    const res = await call('POST', `/api/calendars/${builtin.id}/import/preview`, admin, payload);
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json<ErrorBody>();
    expect(body.code).toBe('validation_failed');
    expect(fieldsOf(body)).toEqual(fields);
  });

  it('a sheet that is not xlsx, a notice without a year, and days outside the year, with 400 and the field', async () => {
    const notXlsx = await call('POST', `/api/calendars/${builtin.id}/import/preview`, admin, { format: 'xlsx', file: Buffer.from('plain text').toString('base64') });
    expect(notXlsx.statusCode).toBe(400);
    expect(fieldsOf(notXlsx.json<ErrorBody>())).toEqual(['file']);
    const noYear = await call('POST', `/api/calendars/${builtin.id}/import/preview`, admin, { format: 'notice', text: '一、元旦：1月1日至3日放假。' });
    expect(noYear.statusCode).toBe(400);
    expect(fieldsOf(noYear.json<ErrorBody>())).toEqual(['year']);
    const outside = await call('POST', `/api/calendars/${builtin.id}/import`, admin, { year: 2028, format: 'notice', days: [{ date: '2027-06-01', kind: 'holiday', name: 'x' }] });
    expect(outside.statusCode).toBe(400);
    expect(fieldsOf(outside.json<ErrorBody>())).toEqual(['days']);
    const empty = await call('POST', `/api/calendars/${builtin.id}/import`, admin, { year: 2028, format: 'notice', days: [] });
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty.json<ErrorBody>())).toEqual(['days']);
  });
});
