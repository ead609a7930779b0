/**
 * Meetings (M1): arranging a meeting with its room, the notice, reading it (404 for others), field errors that store
 * nothing, warnings the organiser may override, conflicts. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { FileMeta, Meeting, MeetingPage, Room } from '@henji/contracts';
import { queryRows } from '../../src/db/client.ts';
import { clock, makeDepartment, makeUser, signInAdmin, startHenji, unique, type Session, type TestHenji } from '../harness.ts';
import { multipartFile, traceOf } from '../api/http.ts';
import { api, makeCompany, type Company } from './flow-context.ts';
import { beijing, meetingInput, scheduleMeeting } from './meeting-context.ts';

let h: TestHenji;
let admin: Session;
let c: Company;

async function makeRoom(fields: Record<string, unknown> = {}): Promise<Room> {
  const res = await api<Room>(h, admin, 'POST', '/api/rooms', { name: unique('会议室'), location: '3 楼', capacity: 10, ...fields });
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

async function count(table: 'meetings' | 'bookings' | 'meeting_series'): Promise<number> {
  const [row] = await queryRows<{ n: number }>(h.db, sql.raw(`select count(*)::int as n from ${table}`));
  return row!.n;
}

async function templatesOf(userId: string, meetingId: string): Promise<string[]> {
  const rows = await queryRows<{ template: string }>(
    h.db,
    sql`select template from notifications where recipient_id = ${userId}::uuid and subject_type = 'meeting' and subject_id = ${meetingId} order by created_at, template`,
  );
  return rows.map((r) => r.template);
}

beforeAll(async () => {
  h = await startHenji();
  admin = await signInAdmin(h);
  c = await makeCompany(h);
});
afterAll(() => h.close());

describe('arranging a meeting', () => {
  it('creates a noticed meeting with its room booked, tells every attendee, and shows it only to those taking part', async () => {
    const room = await makeRoom({ name: unique('301 会议室') });
    const meeting = await scheduleMeeting(h, c.employee, {
      chair: c.head,
      recorder: c.employee,
      attendees: [c.finance, c.hr],
      extra: { roomId: room.id, location: '', agenda: [{ title: '上周工作回顾', presenterId: c.finance.id, plannedMinutes: 20 }] },
    });
    expect(meeting.status).toBe('noticed');
    expect(meeting.location).toBe(`${room.name} · 3 楼`);
    expect(meeting.booking?.status).toBe('confirmed');
    expect(meeting.attendees.map((a) => a.user.id).slice(0, 2)).toEqual([c.head.id, c.employee.id]);
    expect(meeting.attendees.map((a) => a.user.id).slice(2).sort()).toEqual([c.finance.id, c.hr.id].sort());
    expect(meeting.replyCounts).toEqual({ pending: 4, accepted: 0, declined: 0, delegated: 0 });
    expect(meeting.agenda[0]?.presenter?.id).toBe(c.finance.id);
    expect(meeting.allowedActions).toEqual(expect.arrayContaining(['update', 'cancel', 'send_notice', 'remind']));
    for (const p of [c.head, c.finance, c.hr]) expect(await templatesOf(p.id, meeting.id)).toEqual(['meeting.notice']);

    const asAttendee = await api<Meeting>(h, c.finance, 'GET', `/api/meetings/${meeting.id}`);
    expect(asAttendee.status).toBe(200);
    expect(asAttendee.body.allowedActions).toContain('reply');
    expect(asAttendee.body.allowedActions).not.toContain('update');
    expect((await api(h, c.outsider, 'GET', `/api/meetings/${meeting.id}`)).status).toBe(404);
    expect((await api(h, c.auditor, 'GET', `/api/meetings/${meeting.id}`)).status).toBe(200);

    const trace = await traceOf(h, admin.headers, 'meeting', meeting.id);
    expect(trace.map((e) => e.action)).toEqual(['meeting.create', 'meeting.notice']);
  });

  it('keeps a draft until the notice is sent, then tells the attendees', async () => {
    const meeting = await scheduleMeeting(h, c.employee, { chair: c.head, recorder: c.employee, attendees: [c.finance], notice: false, startsAt: beijing('14:00'), endsAt: beijing('15:00') });
    expect(meeting.status).toBe('draft');
    expect(await templatesOf(c.finance.id, meeting.id)).toEqual([]);
    expect((await api(h, c.finance, 'POST', `/api/meetings/${meeting.id}/notice`, {})).status).toBe(403);
    const sent = await api<Meeting>(h, c.employee, 'POST', `/api/meetings/${meeting.id}/notice`, {});
    expect(sent.status, sent.raw).toBe(200);
    expect(sent.body.status).toBe('noticed');
    expect(await templatesOf(c.finance.id, meeting.id)).toEqual(['meeting.notice']);
  });

  it('refuses bad input with field errors and stores nothing', async () => {
    const before = [await count('meetings'), await count('bookings')];
    const bad = await api(h, c.employee, 'POST', '/api/meetings', meetingInput({
      chair: c.head,
      recorder: c.employee,
      startsAt: beijing('10:00', '2026-06-16'),
      endsAt: beijing('09:00', '2026-06-16'),
      extra: { attendees: [{ userId: '00000000-0000-4000-8000-000000000000' }], roomId: '00000000-0000-4000-8000-000000000001' },
    }));
    expect(bad.status, bad.raw).toBe(400);
    expect(Object.keys(bad.body.details?.fields ?? {}).sort()).toEqual(['attendees', 'endsAt', 'roomId', 'startsAt']);
    expect([await count('meetings'), await count('bookings')]).toEqual(before);
  });

  it('warns of a room too small and an agenda too long, and saves when the organiser overrides', async () => {
    const room = await makeRoom({ capacity: 2 });
    const input = meetingInput({
      chair: c.head,
      recorder: c.employee,
      attendees: [c.finance],
      startsAt: beijing('16:00'),
      endsAt: beijing('16:30'),
      extra: { roomId: room.id, agenda: [{ title: '预算', plannedMinutes: 45 }] },
    });
    const warned = await api<{ details: { warnings: string[] } }>(h, c.employee, 'POST', '/api/meetings', input);
    expect(warned.status, warned.raw).toBe(400);
    expect(warned.body.details.warnings).toEqual(['room_too_small', 'agenda_too_long']);
    const saved = await api<Meeting>(h, c.employee, 'POST', '/api/meetings', { ...input, overrides: { roomTooSmall: true, agendaTooLong: true } });
    expect(saved.status, saved.raw).toBe(201);
  });

  it('refuses a taken room with 409 naming it and stores nothing', async () => {
    const room = await makeRoom();
    await scheduleMeeting(h, c.employee, { chair: c.head, recorder: c.employee, startsAt: beijing('11:00'), endsAt: beijing('12:00'), extra: { roomId: room.id } });
    const before = await count('meetings');
    const clash = await api(h, c.finance, 'POST', '/api/meetings', meetingInput({ chair: c.finance, recorder: c.finance, startsAt: beijing('11:30'), endsAt: beijing('12:30'), extra: { roomId: room.id } }));
    expect(clash.status, clash.raw).toBe(409);
    expect(clash.body.message).toContain(room.name);
    expect(await count('meetings')).toBe(before);
  });
});

describe('replies and reminders', () => {
  it('accepts, declines with a reason, and delegates to a colleague who then holds the seat', async () => {
    const meeting = await scheduleMeeting(h, c.employee, { chair: c.head, recorder: c.employee, attendees: [c.finance, c.hr], startsAt: beijing('09:00', '2026-06-19'), endsAt: beijing('10:00', '2026-06-19') });
    const accepted = await api<Meeting>(h, c.head, 'POST', `/api/meetings/${meeting.id}/replies`, { reply: 'accept' });
    expect(accepted.status, accepted.raw).toBe(200);
    const noReason = await api(h, c.hr, 'POST', `/api/meetings/${meeting.id}/replies`, { reply: 'decline', reason: ' ' });
    expect(noReason.status).toBe(400);
    const declined = await api<Meeting>(h, c.hr, 'POST', `/api/meetings/${meeting.id}/replies`, { reply: 'decline', reason: '出差' });
    expect(declined.status, declined.raw).toBe(200);
    expect(declined.body.attendees.find((a) => a.user.id === c.hr.id)).toMatchObject({ reply: 'declined', reason: '出差' });

    const toInvited = await api(h, c.finance, 'POST', `/api/meetings/${meeting.id}/replies`, { reply: 'delegate', userId: c.hr.id, reason: '请同事代为参加' });
    expect(toInvited.status).toBe(400);
    expect(toInvited.body.details?.fields?.userId).toBeDefined();
    const delegated = await api<Meeting>(h, c.finance, 'POST', `/api/meetings/${meeting.id}/replies`, { reply: 'delegate', userId: c.finance2.id, reason: '请同事代为参加' });
    expect(delegated.status, delegated.raw).toBe(200);
    const mine = delegated.body.attendees.find((a) => a.user.id === c.finance.id);
    const theirs = delegated.body.attendees.find((a) => a.user.id === c.finance2.id);
    expect(mine).toMatchObject({ reply: 'delegated', delegatedTo: { id: c.finance2.id } });
    expect(theirs).toMatchObject({ reply: 'pending', delegatedFrom: { id: c.finance.id } });
    expect(await templatesOf(c.finance2.id, meeting.id)).toEqual(['meeting.delegated']);
    expect(delegated.body.replyCounts).toEqual({ pending: 2, accepted: 1, declined: 1, delegated: 1 });
    // The seat is the delegate's now: the delegator no longer replies, the delegate does.
    expect((await api(h, c.finance, 'POST', `/api/meetings/${meeting.id}/replies`, { reply: 'accept' })).status).toBe(409);
    expect((await api(h, c.finance2, 'POST', `/api/meetings/${meeting.id}/replies`, { reply: 'accept' })).status).toBe(200);
    expect((await api(h, c.outsider, 'POST', `/api/meetings/${meeting.id}/replies`, { reply: 'accept' })).status).toBe(404);

    const trace = await traceOf(h, admin.headers, 'meeting', meeting.id);
    expect(trace.filter((e) => e.action === 'meeting.reply').map((e) => e.diff.reply?.after)).toEqual(['accepted', 'declined', 'delegated', 'accepted']);
  });

  it('reminds the required attendees who have not answered, at most once an hour', async () => {
    const meeting = await scheduleMeeting(h, c.employee, { chair: c.head, recorder: c.employee, attendees: [c.finance, c.hr], startsAt: beijing('13:00', '2026-06-19'), endsAt: beijing('14:00', '2026-06-19') });
    await api(h, c.head, 'POST', `/api/meetings/${meeting.id}/replies`, { reply: 'accept' });
    await api(h, c.employee, 'POST', `/api/meetings/${meeting.id}/replies`, { reply: 'accept' });
    expect((await api(h, c.finance, 'POST', `/api/meetings/${meeting.id}/remind`, {})).status).toBe(403);
    const reminded = await api<{ reminded: number }>(h, c.employee, 'POST', `/api/meetings/${meeting.id}/remind`, { message: '请今天内回复' });
    expect(reminded.status, reminded.raw).toBe(200);
    expect(reminded.body.reminded).toBe(2);
    expect(await templatesOf(c.finance.id, meeting.id)).toEqual(['meeting.notice', 'meeting.reminder']);
    expect(await templatesOf(c.head.id, meeting.id)).toEqual(['meeting.notice']);
    const again = await api(h, c.head, 'POST', `/api/meetings/${meeting.id}/remind`, {});
    expect(again.status).toBe(409);
    clock.advance(61 * 60_000);
    try {
      expect((await api(h, c.head, 'POST', `/api/meetings/${meeting.id}/remind`, {})).status).toBe(200);
    } finally {
      clock.advance(-61 * 60_000);
    }
  });
});

describe('changing and cancelling', () => {
  it('moves the time with the booking, raises the sequence and tells added, removed and remaining people', async () => {
    const room = await makeRoom();
    const meeting = await scheduleMeeting(h, c.employee, { chair: c.head, recorder: c.employee, attendees: [c.finance], startsAt: beijing('09:00', '2026-06-22'), endsAt: beijing('10:00', '2026-06-22'), extra: { roomId: room.id } });
    expect(meeting.noticeSequence).toBe(0);
    const moved = await api<Meeting>(h, c.employee, 'PATCH', `/api/meetings/${meeting.id}`, {
      startsAt: beijing('14:00', '2026-06-22'),
      endsAt: beijing('15:00', '2026-06-22'),
      attendees: [{ userId: c.hr.id }],
    });
    expect(moved.status, moved.raw).toBe(200);
    expect(moved.body.noticeSequence).toBe(1);
    expect(moved.body.booking?.id).not.toBe(meeting.booking?.id);
    expect(moved.body.attendees.map((a) => a.user.id).sort()).toEqual([c.head.id, c.employee.id, c.hr.id].sort());
    expect(await templatesOf(c.finance.id, meeting.id)).toEqual(['meeting.notice', 'meeting.removed']);
    expect(await templatesOf(c.hr.id, meeting.id)).toEqual(['meeting.notice']);
    expect(await templatesOf(c.head.id, meeting.id)).toEqual(['meeting.notice', 'meeting.updated']);
    // The old slot is free at once, the new one taken.
    const other = await api(h, c.finance, 'POST', '/api/meetings', meetingInput({ chair: c.finance, recorder: c.finance, startsAt: beijing('09:00', '2026-06-22'), endsAt: beijing('10:00', '2026-06-22'), extra: { roomId: room.id } }));
    expect(other.status, other.raw).toBe(201);
    const clash = await api(h, c.finance, 'POST', '/api/meetings', meetingInput({ chair: c.finance, recorder: c.finance, startsAt: beijing('14:30', '2026-06-22'), endsAt: beijing('15:30', '2026-06-22'), extra: { roomId: room.id } }));
    expect(clash.status).toBe(409);
    expect((await api(h, c.finance, 'PATCH', `/api/meetings/${meeting.id}`, { topic: '改名' })).status).toBe(404);
    expect((await api(h, c.hr, 'PATCH', `/api/meetings/${meeting.id}`, { topic: '改名' })).status).toBe(403);
  });

  it('shows a confidential meeting on the room timeline without its topic, also after it is made confidential later', async () => {
    const room = await makeRoom();
    const day = '2026-06-23';
    const timeline = async () => {
      const res = await api<{ bookings: { id: string; purpose: string }[] }>(
        h,
        c.outsider,
        'GET',
        `/api/rooms/timeline?from=${encodeURIComponent(beijing('00:00', day))}&to=${encodeURIComponent(beijing('23:59', day))}`,
      );
      expect(res.status, res.raw).toBe(200);
      return res.body.bookings;
    };
    const secret = await scheduleMeeting(h, c.employee, { topic: '并购项目谈判', chair: c.head, recorder: c.employee, attendees: [c.finance], startsAt: beijing('09:00', day), endsAt: beijing('10:00', day), extra: { roomId: room.id, confidential: true } });
    const open = await scheduleMeeting(h, c.employee, { topic: '预算评审会', chair: c.head, recorder: c.employee, attendees: [c.finance], startsAt: beijing('14:00', day), endsAt: beijing('15:00', day), extra: { roomId: room.id } });
    expect((await timeline()).find((b) => b.id === secret.booking?.id)?.purpose).toBe('保密会议');
    expect((await timeline()).find((b) => b.id === open.booking?.id)?.purpose).toBe('预算评审会');
    const madeSecret = await api<Meeting>(h, c.employee, 'PATCH', `/api/meetings/${open.id}`, { confidential: true });
    expect(madeSecret.status, madeSecret.raw).toBe(200);
    const bookings = await timeline();
    expect(bookings.map((b) => b.purpose)).not.toContain('预算评审会');
    expect(bookings.find((b) => b.id === madeSecret.body.booking?.id)?.purpose).toBe('保密会议');
  });

  it('cancels with a reason, frees the room and tells everyone; a cancelled meeting cannot be changed', async () => {
    const room = await makeRoom();
    const meeting = await scheduleMeeting(h, c.employee, { chair: c.head, recorder: c.employee, attendees: [c.finance], startsAt: beijing('09:00', '2026-06-23'), endsAt: beijing('10:00', '2026-06-23'), extra: { roomId: room.id } });
    expect((await api(h, c.employee, 'POST', `/api/meetings/${meeting.id}/cancel`, { reason: '' })).status).toBe(400);
    const cancelled = await api<Meeting>(h, c.employee, 'POST', `/api/meetings/${meeting.id}/cancel`, { reason: '领导出差' });
    expect(cancelled.status, cancelled.raw).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '领导出差', noticeSequence: 1, booking: { status: 'cancelled' } });
    expect(await templatesOf(c.finance.id, meeting.id)).toEqual(['meeting.notice', 'meeting.cancelled']);
    expect((await api(h, c.employee, 'PATCH', `/api/meetings/${meeting.id}`, { topic: '改名' })).status).toBe(409);
    expect((await api(h, c.employee, 'POST', `/api/meetings/${meeting.id}/cancel`, { reason: '再取消' })).status).toBe(409);
    const again = await api(h, c.finance, 'POST', '/api/meetings', meetingInput({ chair: c.finance, recorder: c.finance, startsAt: beijing('09:00', '2026-06-23'), endsAt: beijing('10:00', '2026-06-23'), extra: { roomId: room.id } }));
    expect(again.status, again.raw).toBe(201);
  });
});

describe('the notice as a PDF', () => {
  it('prints topic, time, place, chair, recorder, purpose, agenda with presenters and minutes, materials and attendees; traced as a download', async () => {
    const meeting = await scheduleMeeting(h, c.employee, {
      chair: c.head,
      recorder: c.employee,
      attendees: [c.finance],
      topic: '季度经营分析会',
      startsAt: beijing('09:00', '2026-06-24'),
      endsAt: beijing('11:00', '2026-06-24'),
      extra: {
        kind: 'quarterly_strategy',
        purpose: '分析二季度经营数据',
        preparation: '请各部门带上季度报表',
        attendees: [{ userId: c.finance.id, materials: '二季度财务报表' }],
        agenda: [{ title: '财务数据通报', presenterId: c.finance.id, plannedMinutes: 30 }, { title: '下季度目标', plannedMinutes: 60 }],
      },
    });
    const app = await h.app();
    const res = await app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}/notice.pdf`, headers: c.finance.session.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const dir = mkdtempSync(path.join(tmpdir(), 'notice-'));
    const file = path.join(dir, 'notice.pdf');
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const words of ['会议通知', '季度经营分析会', '季度战略会', '2026-06-24 09:00–11:00', '3 楼小会议室', '主持人', '记录人', '分析二季度经营数据', '财务数据通报', '下季度目标', '90', '请各部门带上季度报表', '二季度财务报表', '参会人员（3人）']) {
      expect(text).toContain(words);
    }
    const sha = createHash('sha256').update(res.rawPayload).digest('hex');
    const trace = await traceOf(h, admin.headers, 'meeting', meeting.id);
    expect(trace.at(-1)!.action).toBe('meeting.notice_pdf');
    expect(JSON.stringify(trace.at(-1))).toContain(sha);
    expect((await app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}/notice.pdf`, headers: c.outsider.session.headers })).statusCode).toBe(404);
  });
});

describe('32 concurrent meetings for one room slot', () => {
  it('books the room for exactly one meeting; the others get 409 naming the room and store nothing', async () => {
    const room = await makeRoom({ name: unique('抢订会议室'), capacity: 50 });
    const people = [c.employee, c.finance, c.finance2, c.ceo, c.custodian, c.hr, c.outsider, c.head];
    const before = await count('meetings');
    const results = await Promise.all(
      Array.from({ length: 32 }, (_, i) => {
        const who = people[i % people.length]!;
        return api(h, who, 'POST', '/api/meetings', meetingInput({ chair: who, recorder: who, topic: `抢订 ${i}`, startsAt: beijing('10:00', '2026-06-25'), endsAt: beijing('11:00', '2026-06-25'), extra: { roomId: room.id } }));
      }),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201), results.map((r) => r.raw).join('\n')).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(31);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.message).toContain(room.name);
    expect(await count('meetings')).toBe(before + 1);
    const [held] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from booking_resources where resource_id = ${room.id}::uuid and not released`);
    expect(held!.n).toBe(1);
  });
});

describe('people, departments and attachments', () => {
  it('invites the active members of a department except those taken off, refuses inactive people, and attaches files', async () => {
    const dept = await makeDepartment(h, { name: '研发部' });
    const [a, b, gone] = [await makeUser(h, { departmentId: dept.id }), await makeUser(h, { departmentId: dept.id }), await makeUser(h, { departmentId: dept.id })];
    const admin2 = await api(h, admin, 'PATCH', `/api/users/${gone.row.id}`, { status: 'disabled' });
    expect(admin2.status, admin2.raw).toBe(200);

    const refused = await api(h, c.employee, 'POST', '/api/meetings', meetingInput({ chair: c.head, recorder: c.employee, startsAt: beijing('15:00', '2026-06-26'), endsAt: beijing('16:00', '2026-06-26'), extra: { attendees: [{ userId: gone.row.id }] } }));
    expect(refused.status, refused.raw).toBe(400);
    expect(refused.body.details?.fields?.attendees?.[0]).toContain('测试用户');

    const app = await h.app();
    const { payload, contentType } = await multipartFile('议程说明.pdf', Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n%%EOF\n`, 'latin1'), 'application/pdf');
    const upload = await app.inject({ method: 'POST', url: '/api/files', headers: { ...c.employee.session.headers, 'content-type': contentType }, payload });
    expect(upload.statusCode, upload.body).toBe(201);
    const file = upload.json<FileMeta>();

    const meeting = await scheduleMeeting(h, c.employee, {
      chair: c.head,
      recorder: c.employee,
      startsAt: beijing('15:00', '2026-06-26'),
      endsAt: beijing('16:00', '2026-06-26'),
      extra: { departmentIds: [dept.id], excludedUserIds: [b.row.id], fileIds: [file.id] },
    });
    const invited = meeting.attendees.map((x) => x.user.id);
    expect(invited).toContain(a.row.id);
    expect(invited).not.toContain(b.row.id);
    expect(invited).not.toContain(gone.row.id);
    expect(meeting.departments).toEqual([{ id: dept.id, name: '研发部' }]);
    expect(meeting.attachments.map((f) => f.name)).toEqual(['议程说明.pdf']);
    // The file is the meeting's evidence now: its readers read it, others do not.
    expect((await app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: c.head.session.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: c.outsider.session.headers })).statusCode).toBe(404);
  });
});

describe('the list', () => {
  it('shows my upcoming, past and organised meetings with filters, sorting and pages; every meeting only to administrators and audit', async () => {
    const topic = unique('列表会议');
    for (const day of ['2026-06-29', '2026-06-30', '2026-07-01']) {
      await scheduleMeeting(h, c.ceo, { chair: c.ceo, recorder: c.ceo, attendees: [c.finance2], topic, startsAt: beijing('09:00', day), endsAt: beijing('10:00', day), extra: { kind: 'project' } });
    }
    const mine = await api<MeetingPage>(h, c.finance2, 'GET', `/api/meetings?view=upcoming&q=${encodeURIComponent(topic)}&pageSize=2`);
    expect(mine.status, mine.raw).toBe(200);
    expect(mine.body.total).toBe(3);
    expect(mine.body.items.map((m) => m.startsAt)).toEqual(['2026-06-29T01:00:00.000Z', '2026-06-30T01:00:00.000Z']);
    expect(mine.body.items[0]!.myReply).toBe('pending');
    const page2 = await api<MeetingPage>(h, c.finance2, 'GET', `/api/meetings?view=upcoming&q=${encodeURIComponent(topic)}&pageSize=2&page=2`);
    expect(page2.body.items.map((m) => m.startsAt)).toEqual(['2026-07-01T01:00:00.000Z']);
    const desc = await api<MeetingPage>(h, c.finance2, 'GET', `/api/meetings?view=upcoming&q=${encodeURIComponent(topic)}&order=desc`);
    expect(desc.body.items[0]!.startsAt).toBe('2026-07-01T01:00:00.000Z');
    const ranged = await api<MeetingPage>(h, c.finance2, 'GET', `/api/meetings?view=upcoming&q=${encodeURIComponent(topic)}&from=${encodeURIComponent(beijing('00:00', '2026-06-30'))}&to=${encodeURIComponent(beijing('00:00', '2026-07-01'))}`);
    expect(ranged.body.total).toBe(1);
    expect((await api<MeetingPage>(h, c.finance2, 'GET', `/api/meetings?view=upcoming&q=${encodeURIComponent(topic)}&kind=ad_hoc`)).body.total).toBe(0);
    expect((await api<MeetingPage>(h, c.finance2, 'GET', `/api/meetings?view=past&q=${encodeURIComponent(topic)}`)).body.total).toBe(0);
    expect((await api<MeetingPage>(h, c.ceo, 'GET', `/api/meetings?view=organised&q=${encodeURIComponent(topic)}`)).body.total).toBe(3);
    expect((await api<MeetingPage>(h, c.outsider, 'GET', `/api/meetings?view=upcoming&q=${encodeURIComponent(topic)}`)).body.total).toBe(0);
    expect((await api(h, c.outsider, 'GET', '/api/meetings?view=all')).status).toBe(403);
    expect((await api<MeetingPage>(h, c.auditor, 'GET', `/api/meetings?view=all&q=${encodeURIComponent(topic)}`)).body.total).toBe(3);
  });
});
