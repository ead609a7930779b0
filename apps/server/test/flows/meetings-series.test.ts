/**
 * Recurring meetings (M1): a weekly series across the year end with every occurrence booked, refusals of a rule that
 * never ends, the conflicts of all occurrences reported together (nothing stored), editing one occurrence or the rest
 * of the series, a new rule from an occurrence on (the old series ends there, a new one continues it), cancelling the
 * rest. PGlite and, with TEST_DATABASE_URL, PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Meeting, MeetingCheck, MeetingPage, Room } from '@henji/contracts';
import { queryRows } from '../../src/db/client.ts';
import { signInAdmin, startHenji, unique, type Session, type TestHenji } from '../harness.ts';
import { api, makeCompany, type Company } from './flow-context.ts';
import { beijing, meetingInput, scheduleMeeting } from './meeting-context.ts';

let h: TestHenji;
let admin: Session;
let c: Company;

async function makeRoom(): Promise<Room> {
  const res = await api<Room>(h, admin, 'POST', '/api/rooms', { name: unique('例会室'), location: '2 楼', capacity: 20 });
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

const occurrencesOf = (seriesId: string) =>
  queryRows<{ id: string; starts_at: Date | string; status: string; topic: string; booking_id: string | null; replaced_by_series_id: string | null }>(
    h.db,
    sql`select id::text, starts_at, status, topic, booking_id::text, replaced_by_series_id::text from meetings where series_id = ${seriesId}::uuid order by starts_at`,
  );
const iso = (v: Date | string) => new Date(v).toISOString();

/** Every Monday 09:00–10:00 from 2026-12-21, four times: two in December, two in January. */
const weekly = (extra: Record<string, unknown> = {}) => ({
  startsAt: beijing('09:00', '2026-12-21'),
  endsAt: beijing('10:00', '2026-12-21'),
  extra: { recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4' }, ...extra },
});

beforeAll(async () => {
  h = await startHenji();
  admin = await signInAdmin(h);
  c = await makeCompany(h);
});
afterAll(() => h.close());

describe('a weekly series', () => {
  it('creates every occurrence across the year end with its own booking, and tells each person once', async () => {
    const room = await makeRoom();
    const first = await scheduleMeeting(h, c.employee, { chair: c.head, recorder: c.employee, attendees: [c.finance], ...weekly({ roomId: room.id }) });
    expect(first.series).toMatchObject({ index: 0, count: 4, previousSeriesId: null });
    expect(first.series!.rrule.split(';').sort()).toEqual(['BYDAY=MO', 'COUNT=4', 'FREQ=WEEKLY']);
    expect(first.series!.description).toContain('周一');
    const rows = await occurrencesOf(first.series!.id);
    expect(rows.map((r) => iso(r.starts_at))).toEqual(['2026-12-21T01:00:00.000Z', '2026-12-28T01:00:00.000Z', '2027-01-04T01:00:00.000Z', '2027-01-11T01:00:00.000Z']);
    expect(rows.every((r) => r.status === 'noticed' && r.booking_id !== null)).toBe(true);
    const notices = await queryRows<{ n: number; subject_type: string }>(
      h.db,
      sql`select count(*)::int as n, min(subject_type) as subject_type from notifications where recipient_id = ${c.finance.id}::uuid and template = 'meeting.notice'`,
    );
    expect(notices[0]).toEqual({ n: 1, subject_type: 'meeting_series' });
    const list = await api<MeetingPage>(h, c.finance, 'GET', '/api/meetings?view=upcoming&from=2026-12-01T00:00:00Z&to=2027-02-01T00:00:00Z');
    expect(list.body.items.filter((m) => m.seriesId === first.series!.id)).toHaveLength(4);
  });

  it('refuses a rule that never ends, or cannot be read, with a field error and stores nothing', async () => {
    const [before] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from meeting_series`);
    for (const rrule of ['FREQ=WEEKLY;BYDAY=MO', 'FREQ=SOMETIMES']) {
      const res = await api(h, c.employee, 'POST', '/api/meetings', meetingInput({ chair: c.head, recorder: c.employee, ...weekly({ recurrence: { rrule } }) }));
      expect(res.status, res.raw).toBe(400);
      expect(res.body.details?.fields?.recurrence).toHaveLength(1);
    }
    const [after] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from meeting_series`);
    expect(after!.n).toBe(before!.n);
  });

  it('reports the conflicts of every occurrence together and stores nothing; the check shows them before saving', async () => {
    const room = await makeRoom();
    for (const day of ['2026-12-28', '2027-01-11']) {
      await scheduleMeeting(h, c.finance, { chair: c.finance, recorder: c.finance, startsAt: beijing('09:30', day), endsAt: beijing('10:30', day), extra: { roomId: room.id } });
    }
    const input = meetingInput({ chair: c.head, recorder: c.employee, ...weekly({ roomId: room.id }) });
    const check = await api<MeetingCheck>(h, c.employee, 'POST', '/api/meetings/check', input);
    expect(check.status, check.raw).toBe(200);
    expect(check.body.ok).toBe(false);
    expect(check.body.occurrences.map((o) => o.conflicts.length)).toEqual([0, 1, 0, 1]);
    expect(check.body.occurrences[1]!.suggestions.length).toBeGreaterThan(0);
    const [before] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from meetings`);
    const res = await api<{ details: { conflicts: { startsAt: string }[] } }>(h, c.employee, 'POST', '/api/meetings', input);
    expect(res.status, res.raw).toBe(409);
    expect(res.body.details.conflicts.map((x) => x.startsAt)).toEqual(['2026-12-28T01:30:00.000Z', '2027-01-11T01:30:00.000Z']);
    expect(res.body.message).toContain('2');
    const [after] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from meetings`);
    expect(after!.n).toBe(before!.n);
  });
});

describe('editing a series', () => {
  it('moves one occurrence alone, or changes this and every later one', async () => {
    const room = await makeRoom();
    const first = await scheduleMeeting(h, c.employee, { chair: c.head, recorder: c.employee, ...weekly({ roomId: room.id }) });
    const [, second, third] = await occurrencesOf(first.series!.id);
    // Checking an edit: the series' own bookings are not conflicts, someone else's are.
    const recheck = await api<MeetingCheck>(h, c.employee, 'POST', '/api/meetings/check', { ...meetingInput({ chair: c.head, recorder: c.employee, ...weekly({ roomId: room.id }) }), exceptMeetingId: first.id });
    expect(recheck.status, recheck.raw).toBe(200);
    expect(recheck.body.occurrences.map((o) => o.conflicts.length)).toEqual([0, 0, 0, 0]);
    const stranger = await api<MeetingCheck>(h, c.finance, 'POST', '/api/meetings/check', meetingInput({ chair: c.finance, recorder: c.finance, ...weekly({ roomId: room.id }) }));
    expect(stranger.body.occurrences.map((o) => o.conflicts.length)).toEqual([1, 1, 1, 1]);
    expect((await api(h, c.outsider, 'POST', '/api/meetings/check', { ...meetingInput({ chair: c.outsider, recorder: c.outsider, ...weekly() }), exceptMeetingId: first.id })).status).toBe(404);
    const moved = await api<Meeting>(h, c.employee, 'PATCH', `/api/meetings/${third!.id}`, { startsAt: beijing('14:00', '2027-01-04'), endsAt: beijing('15:00', '2027-01-04') });
    expect(moved.status, moved.raw).toBe(200);
    expect(moved.body.originalStartsAt).toBe('2027-01-04T01:00:00.000Z');
    let rows = await occurrencesOf(first.series!.id);
    expect(rows.map((r) => iso(r.starts_at).slice(11, 16))).toEqual(['01:00', '01:00', '06:00', '01:00']);

    const renamed = await api<Meeting>(h, c.employee, 'PATCH', `/api/meetings/${second!.id}`, { topic: '部门周例会（新）', scope: 'following' });
    expect(renamed.status, renamed.raw).toBe(200);
    rows = await occurrencesOf(first.series!.id);
    expect(rows.map((r) => r.topic)).toEqual(['部门周例会', '部门周例会（新）', '部门周例会（新）', '部门周例会（新）']);
    // Told once for the rest of the series, once for the moved occurrence.
    const told = await queryRows<{ subject_type: string }>(
      h.db,
      sql`select subject_type from notifications where recipient_id = ${c.head.id}::uuid and template = 'meeting.updated'
           and subject_id in (${first.series!.id}, ${third!.id}) order by created_at`,
    );
    expect(told.map((t) => t.subject_type)).toEqual(['meeting', 'meeting_series']);
    expect((await api(h, c.employee, 'PATCH', `/api/meetings/${second!.id}`, { recurrence: { rrule: 'FREQ=WEEKLY;COUNT=2' } })).status).toBe(400);
  });

  it('a new rule from an occurrence on ends the old series there and starts a new one that continues it', async () => {
    const room = await makeRoom();
    const first = await scheduleMeeting(h, c.employee, { chair: c.head, recorder: c.employee, attendees: [c.finance], ...weekly({ roomId: room.id }) });
    const [, , third] = await occurrencesOf(first.series!.id);
    const res = await api<Meeting>(h, c.employee, 'PATCH', `/api/meetings/${third!.id}`, { scope: 'following', recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=3' } });
    expect(res.status, res.raw).toBe(200);
    expect(res.body.series!.previousSeriesId).toBe(first.series!.id);
    const old = await occurrencesOf(first.series!.id);
    expect(old.map((r) => r.status)).toEqual(['noticed', 'noticed', 'cancelled', 'cancelled']);
    expect(old.slice(2).every((r) => r.replaced_by_series_id === res.body.series!.id)).toBe(true);
    const [oldSeries] = await queryRows<{ rrule: string }>(h.db, sql`select rrule from meeting_series where id = ${first.series!.id}::uuid`);
    expect(oldSeries!.rrule).toContain('UNTIL=20270104T005959Z');
    expect(oldSeries!.rrule).not.toContain('COUNT');
    const fresh = await occurrencesOf(res.body.series!.id);
    expect(fresh.map((r) => iso(r.starts_at).slice(0, 10))).toEqual(['2027-01-04', '2027-01-18', '2027-02-01']);
    expect(fresh.every((r) => r.status === 'noticed' && r.booking_id !== null)).toBe(true);
    // The slots the replaced occurrences held are free again.
    const again = await api(h, c.finance, 'POST', '/api/meetings', meetingInput({ chair: c.finance, recorder: c.finance, startsAt: beijing('09:00', '2027-01-11'), endsAt: beijing('10:00', '2027-01-11'), extra: { roomId: room.id } }));
    expect(again.status, again.raw).toBe(201);
  });

  it('cancels this and every later occurrence, releasing their bookings', async () => {
    const room = await makeRoom();
    const first = await scheduleMeeting(h, c.employee, { chair: c.head, recorder: c.employee, ...weekly({ roomId: room.id }) });
    const [, second] = await occurrencesOf(first.series!.id);
    const res = await api<Meeting>(h, c.employee, 'POST', `/api/meetings/${second!.id}/cancel`, { reason: '项目结束', scope: 'following' });
    expect(res.status, res.raw).toBe(200);
    const rows = await occurrencesOf(first.series!.id);
    expect(rows.map((r) => r.status)).toEqual(['noticed', 'cancelled', 'cancelled', 'cancelled']);
    const [held] = await queryRows<{ n: number }>(
      h.db,
      sql`select count(*)::int as n from booking_resources br join meetings m on m.booking_id = br.booking_id where m.series_id = ${first.series!.id}::uuid and not br.released`,
    );
    expect(held!.n).toBe(1);
    const notices = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from notifications where recipient_id = ${c.head.id}::uuid and template = 'meeting.cancelled' and subject_id = ${first.series!.id}`);
    expect(notices[0]!.n).toBe(1);
  });
});
