/**
 * Rooms and bookings (R3): no double booking of a room or a piece of equipment — enforced by the database, also for
 * 32 concurrent requests —, cancellation and rejection free the slot at once, the approval flow, field errors that
 * store nothing, notices to room administrators and bookers, deactivation instead of deletion, the check endpoint with free-slot suggestions, and the booking's
 * plain-language trace. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Booking, BookingCheck, Equipment, Room } from '@henji/contracts';
import { queryRows } from '../../src/db/client.ts';
import { signInAdmin, startHenji, unique, type Session, type TestHenji } from '../harness.ts';
import { traceOf } from '../api/http.ts';
import { makeCompany, type Company, type Person } from './flow-context.ts';

let h: TestHenji;
let admin: Session;
let c: Company;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
async function call<T = unknown>(who: Person | Session, method: Method, url: string, payload?: object) {
  const app = await h.app();
  const headers = 'session' in who ? who.session.headers : who.headers;
  const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  type Body = T & { code?: string; message?: string; details?: { fields?: Record<string, string[]>; warnings?: string[]; conflicts?: { resourceName: string }[] } };
  return { status: res.statusCode, body: (res.body === '' ? null : res.json<Body>()) as Body, raw: res.body };
}

/** Thursday 2026-06-18 (the suites' clock is the Wednesday before), Beijing time "HH:MM". */
const at = (hhmm: string, day = '2026-06-18') => `${day}T${hhmm}:00+08:00`;

async function makeRoom(fields: Record<string, unknown> = {}): Promise<Room> {
  const res = await call<Room>(admin, 'POST', '/api/rooms', { name: unique('会议室'), location: '3 楼', capacity: 10, fixedEquipment: ['显示屏'], ...fields });
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

async function makeEquipment(fields: Record<string, unknown> = {}): Promise<Equipment> {
  const res = await call<Equipment>(admin, 'POST', '/api/equipment', { name: '投影仪', code: unique('PRJ-'), kind: 'projector', location: '行政部库房', ...fields });
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

const book = (who: Person | Session, body: Record<string, unknown>) => call<Booking>(who, 'POST', '/api/bookings', { purpose: '新员工培训', ...body });

/** The notification templates a user received about a booking. */
async function noticesOf(userId: string, bookingId: string): Promise<string[]> {
  const rows = await queryRows<{ template: string }>(
    h.db,
    sql`select n.template from notifications n where n.recipient_id = ${userId}::uuid and n.link = '/rooms/bookings'
         and exists (select 1 from ledger_entries e where e.subject_type = 'notification' and e.subject_id = n.batch_id::text
                       and e.payload like ${'%' + bookingId + '%'})
         order by n.created_at`,
  );
  return rows.map((r) => r.template);
}

async function bookingCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from bookings`);
  return row!.n;
}

beforeAll(async () => {
  h = await startHenji();
  admin = await signInAdmin(h);
  c = await makeCompany(h);
});
afterAll(() => h.close());

describe('booking a room', () => {
  it('books, refuses an overlap naming the conflict, and allows the adjacent slot', async () => {
    const room = await makeRoom({ name: unique('301 会议室') });
    const first = await book(c.employee, { roomId: room.id, startsAt: at('09:00'), endsAt: at('10:00') });
    expect(first.status, first.raw).toBe(201);
    expect(first.body.status).toBe('confirmed');

    const overlap = await book(c.finance, { roomId: room.id, startsAt: at('09:30'), endsAt: at('10:30') });
    expect(overlap.status, overlap.raw).toBe(409);
    expect(overlap.body.code).toBe('conflict');
    expect(overlap.body.message).toContain(room.name);
    expect(overlap.body.message).toContain('2026-06-18 09:00');
    expect(overlap.body.details?.conflicts?.[0]?.resourceName).toBe(room.name);

    const adjacent = await book(c.finance, { roomId: room.id, startsAt: at('10:00'), endsAt: at('11:00') });
    expect(adjacent.status, adjacent.raw).toBe(201);

    const trace = await traceOf(h, admin.headers, 'booking', first.body.id);
    expect(trace.map((e) => e.action)).toEqual(['booking.create']);
    expect(trace[0]!.description?.subjectLabel).toBe(`预订 ${room.name} 06-18 09:00–10:00`);
    expect(trace[0]!.description?.sentence).toContain(`预订 ${room.name} 06-18 09:00–10:00`);
  });

  it('never double-books a piece of equipment, even in another room', async () => {
    const [a, b] = [await makeRoom(), await makeRoom()];
    const projector = await makeEquipment({ name: '便携投影仪' });
    const first = await book(c.employee, { roomId: a.id, equipmentIds: [projector.id], startsAt: at('14:00'), endsAt: at('15:00') });
    expect(first.status, first.raw).toBe(201);
    expect(first.body.equipment.map((e) => e.id)).toEqual([projector.id]);
    const second = await book(c.finance, { roomId: b.id, equipmentIds: [projector.id], startsAt: at('14:30'), endsAt: at('15:30') });
    expect(second.status, second.raw).toBe(409);
    expect(second.body.message).toContain('便携投影仪');
    expect(second.body.message).not.toContain(b.name);
  });

  it('frees the slot at once when the booking is cancelled, and only the booker or an administrator may cancel', async () => {
    const room = await makeRoom();
    const first = await book(c.employee, { roomId: room.id, startsAt: at('11:00'), endsAt: at('12:00') });
    expect(first.status, first.raw).toBe(201);
    expect(first.body.allowedActions).toContain('cancel');
    const stranger = await call(c.finance, 'POST', `/api/bookings/${first.body.id}/cancel`, {});
    expect(stranger.status).toBe(404);
    const cancelled = await call<Booking>(c.employee, 'POST', `/api/bookings/${first.body.id}/cancel`, { reason: '培训改期' });
    expect(cancelled.status, cancelled.raw).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const again = await call(c.employee, 'POST', `/api/bookings/${first.body.id}/cancel`, {});
    expect(again.status).toBe(409);
    const next = await book(c.finance, { roomId: room.id, startsAt: at('11:00'), endsAt: at('12:00') });
    expect(next.status, next.raw).toBe(201);
    const trace = await traceOf(h, admin.headers, 'booking', first.body.id);
    expect(trace.map((e) => [e.action, e.comment])).toEqual([['booking.create', null], ['booking.cancel', '培训改期']]);
  });

  it('shows conflicts before saving and suggests free slots of the same length in working hours', async () => {
    const room = await makeRoom();
    expect((await book(c.employee, { roomId: room.id, startsAt: at('09:00'), endsAt: at('11:00') })).status).toBe(201);
    const before = await bookingCount();
    const check = await call<BookingCheck>(c.finance, 'POST', '/api/bookings/check', { roomId: room.id, startsAt: at('10:00'), endsAt: at('11:00'), purpose: '客户来访' });
    expect(check.status, check.raw).toBe(200);
    expect(check.body.ok).toBe(false);
    expect(check.body.conflicts.map((x) => x.resourceName)).toEqual([room.name]);
    expect(check.body.suggestions.length).toBeGreaterThan(0);
    for (const slot of check.body.suggestions) {
      expect(new Date(slot.endsAt).getTime() - new Date(slot.startsAt).getTime()).toBe(3_600_000);
      expect(new Date(slot.startsAt).getTime()).toBeGreaterThanOrEqual(new Date(at('11:00')).getTime());
      const booked = await book(c.finance, { roomId: room.id, startsAt: slot.startsAt, endsAt: slot.endsAt });
      expect(booked.status, booked.raw).toBe(201);
    }
    // The first suggestion starts when the booking ends; none falls in the night or lunch break of the default calendar.
    expect(check.body.suggestions[0]!.startsAt).toBe(new Date(at('11:00')).toISOString());
    expect(await bookingCount()).toBe(before + check.body.suggestions.length);

    const free = await call<{ suggestions: { startsAt: string }[] }>(c.finance, 'GET', `/api/bookings/free-slots?roomId=${room.id}&startsAt=${encodeURIComponent(at('09:00'))}&endsAt=${encodeURIComponent(at('10:00'))}&limit=3`);
    expect(free.status, free.raw).toBe(200);
    expect(free.body.suggestions).toHaveLength(3);
  });
});

describe('approval', () => {
  it('keeps a booking pending until an administrator approves; a rejection needs a reason and frees the slot', async () => {
    const room = await makeRoom({ approvalRequired: true });
    const pending = await book(c.employee, { roomId: room.id, startsAt: at('15:00'), endsAt: at('16:00') });
    expect(pending.status, pending.raw).toBe(201);
    expect(pending.body.status).toBe('pending');
    expect(pending.body.allowedActions).not.toContain('approve');
    // A pending booking holds the slot.
    expect((await book(c.finance, { roomId: room.id, startsAt: at('15:00'), endsAt: at('16:00') })).status).toBe(409);
    expect((await call(c.employee, 'POST', `/api/bookings/${pending.body.id}/approve`, {})).status).toBe(403);

    const queue = await call<{ items: Booking[] }>(c.custodian, 'GET', '/api/bookings?view=pending&pageSize=200');
    expect(queue.status, queue.raw).toBe(200);
    expect(queue.body.items.map((b) => b.id)).toContain(pending.body.id);
    expect((await call(c.employee, 'GET', '/api/bookings?view=pending')).status).toBe(403);

    expect((await call(c.custodian, 'POST', `/api/bookings/${pending.body.id}/reject`, { reason: ' ' })).status).toBe(400);
    const rejected = await call<Booking>(c.custodian, 'POST', `/api/bookings/${pending.body.id}/reject`, { reason: '当天会议室维修' });
    expect(rejected.status, rejected.raw).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    expect(rejected.body.decisionComment).toBe('当天会议室维修');
    // Room administrators were told of the pending booking; the booker of the rejection and its reason.
    expect(await noticesOf(c.custodian.id, pending.body.id)).toEqual(['booking.pending']);
    expect(await noticesOf(c.employee.id, pending.body.id)).toEqual(['booking.rejected']);

    const second = await book(c.finance, { roomId: room.id, startsAt: at('15:00'), endsAt: at('16:00') });
    expect(second.status, second.raw).toBe(201);
    const approved = await call<Booking>(admin, 'POST', `/api/bookings/${second.body.id}/approve`, { comment: '同意' });
    expect(approved.status, approved.raw).toBe(200);
    expect(approved.body.status).toBe('confirmed');
    expect((await call(admin, 'POST', `/api/bookings/${second.body.id}/approve`, {})).status).toBe(409);
  });
});

describe('field errors store nothing', () => {
  it('refuses bad times, unknown or inactive rooms and equipment, rooms the booker may not book', async () => {
    const room = await makeRoom();
    const other = await makeRoom({ bookableBy: 'departments', departmentIds: [c.deptId] });
    const inactive = await makeRoom();
    expect((await call(admin, 'PATCH', `/api/rooms/${inactive.id}`, { active: false })).status).toBe(200);
    const before = await bookingCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ roomId: room.id, startsAt: at('10:00'), endsAt: at('09:00') }, 'endsAt'],
      [{ roomId: room.id, startsAt: at('10:00', '2026-06-16'), endsAt: at('11:00', '2026-06-16') }, 'startsAt'],
      [{ roomId: room.id, startsAt: at('10:00'), endsAt: at('10:00', '2026-06-20') }, 'endsAt'],
      [{ roomId: '00000000-0000-4000-8000-000000000000', startsAt: at('10:00'), endsAt: at('11:00') }, 'roomId'],
      [{ roomId: inactive.id, startsAt: at('10:00'), endsAt: at('11:00') }, 'roomId'],
      [{ roomId: other.id, startsAt: at('10:00'), endsAt: at('11:00') }, 'roomId'],
      [{ roomId: room.id, equipmentIds: ['00000000-0000-4000-8000-000000000000'], startsAt: at('10:00'), endsAt: at('11:00') }, 'equipmentIds'],
    ];
    for (const [body, field] of cases) {
      const res = await book(c.finance, body);
      expect(res.status, `${field}: ${res.raw}`).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(Object.keys(res.body.details?.fields ?? {}), res.raw).toContain(field);
    }
    expect(await bookingCount()).toBe(before);
    // A member of the listed department may book it.
    expect((await book(c.employee, { roomId: other.id, startsAt: at('16:00'), endsAt: at('17:00') })).status).toBe(201);
  });

  it('warns when the room is too small, and books when the booker confirms', async () => {
    const room = await makeRoom({ capacity: 6 });
    const warned = await book(c.employee, { roomId: room.id, startsAt: at('13:00'), endsAt: at('14:00'), attendeeCount: 12 });
    expect(warned.status, warned.raw).toBe(400);
    expect(warned.body.details?.warnings).toEqual(['room_too_small']);
    expect(warned.body.details?.fields?.attendeeCount?.[0]).toContain('6');
    const check = await call<BookingCheck>(c.employee, 'POST', '/api/bookings/check', { roomId: room.id, startsAt: at('13:00'), endsAt: at('14:00'), attendeeCount: 12, purpose: '部门会' });
    expect(check.body.capacityWarning).toBe(true);
    expect(check.body.ok).toBe(false);
    const confirmed = await book(c.employee, { roomId: room.id, startsAt: at('13:00'), endsAt: at('14:00'), attendeeCount: 12, overrideCapacity: true });
    expect(confirmed.status, confirmed.raw).toBe(201);
    expect(confirmed.body.capacityOverridden).toBe(true);
  });
});

describe('administration', () => {
  it('only room administrators register rooms; a booked room or equipment is deactivated, not deleted', async () => {
    expect((await call(c.employee, 'POST', '/api/rooms', { name: unique('R'), capacity: 4 })).status).toBe(403);
    const dup = await makeRoom();
    const taken = await call(admin, 'POST', '/api/rooms', { name: dup.name, capacity: 4 });
    expect(taken.status).toBe(400);
    expect(Object.keys(taken.body.details?.fields ?? {})).toEqual(['name']);
    const custodianRoom = await call<Room>(c.custodian, 'POST', '/api/rooms', { name: unique('R'), capacity: 4, bookableBy: 'departments' });
    expect(custodianRoom.status).toBe(400);

    const room = await makeRoom();
    const projector = await makeEquipment();
    expect((await book(c.employee, { roomId: room.id, equipmentIds: [projector.id], startsAt: at('17:00'), endsAt: at('18:00') })).status).toBe(201);
    expect((await call(admin, 'DELETE', `/api/rooms/${room.id}`)).status).toBe(409);
    expect((await call(admin, 'DELETE', `/api/equipment/${projector.id}`)).status).toBe(409);
    const off = await call<Room>(admin, 'PATCH', `/api/rooms/${room.id}`, { active: false });
    expect(off.body.active).toBe(false);
    expect(off.body.allowedActions).not.toContain('delete');
    const offEquipment = await call<Equipment>(admin, 'PATCH', `/api/equipment/${projector.id}`, { active: false });
    expect(offEquipment.body.active).toBe(false);
    const other = await makeRoom();
    const refused = await book(c.employee, { roomId: other.id, equipmentIds: [projector.id], startsAt: at('08:00', '2026-06-19'), endsAt: at('09:00', '2026-06-19') });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.details?.fields ?? {})).toEqual(['equipmentIds']);
    expect(refused.body.details?.fields?.equipmentIds?.[0]).toContain(`投影仪 (${projector.code})`);

    const unused = await makeRoom();
    expect((await call(admin, 'DELETE', `/api/rooms/${unused.id}`)).status).toBe(204);
    expect((await call(admin, 'GET', `/api/rooms/${unused.id}`)).status).toBe(404);
    const trace = await traceOf(h, admin.headers, 'room', room.id);
    expect(trace.map((e) => e.action)).toEqual(['room.create', 'room.update']);
  });

  it('shows the timeline of every active room with its bookings', async () => {
    const room = await makeRoom();
    const booked = await book(c.employee, { roomId: room.id, startsAt: at('09:00', '2026-06-19'), endsAt: at('10:00', '2026-06-19') });
    const res = await call<{ rooms: { id: string; mayBook: boolean }[]; bookings: { id: string; bookerId: string; startsAt: string }[]; bookers: Record<string, string> }>(
      c.employee,
      'GET',
      `/api/rooms/timeline?from=${encodeURIComponent(at('00:00', '2026-06-19'))}&to=${encodeURIComponent(at('00:00', '2026-06-20'))}`,
    );
    expect(res.status, res.raw).toBe(200);
    expect(res.body.rooms.find((r) => r.id === room.id)?.mayBook).toBe(true);
    const mine = res.body.bookings.find((b) => b.id === booked.body.id);
    expect(mine?.bookerId).toBe(c.employee.id);
    expect(mine?.startsAt).toBe(new Date(at('09:00', '2026-06-19')).toISOString());
    expect(res.body.bookers[c.employee.id]).toBe('测试用户');
    const wide = await call(c.employee, 'GET', `/api/rooms/timeline?from=${encodeURIComponent(at('00:00'))}&to=${encodeURIComponent(at('00:00', '2026-08-19'))}`);
    expect(wide.status).toBe(400);
  });
});

describe('32 concurrent requests for one slot', () => {
  it('lets exactly one win; the others get 409 naming the room', async () => {
    const room = await makeRoom({ name: unique('抢订会议室') });
    const people = [c.employee, c.finance, c.finance2, c.ceo, c.custodian, c.hr, c.outsider, c.head];
    const results = await Promise.all(
      Array.from({ length: 32 }, (_, i) => book(people[i % people.length]!, { roomId: room.id, startsAt: at('10:00', '2026-06-22'), endsAt: at('11:00', '2026-06-22'), purpose: `抢订 ${i}` })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201), results.map((r) => r.raw).join('\n')).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(31);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.message).toContain(room.name);
    const [held] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from booking_resources where resource_id = ${room.id}::uuid and not released`);
    expect(held!.n).toBe(1);
  });
});
