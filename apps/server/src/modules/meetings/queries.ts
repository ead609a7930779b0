/** Reading rooms, equipment and bookings as the API presents them, each with the caller's allowed actions. */
import { and, asc, desc, eq, gt, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  BOOKING_STATUSES,
  MAX_BOOKING_HOURS,
  MAX_TIMELINE_DAYS,
  type Booking,
  type BookingListQuery,
  type BookingPage,
  type Equipment,
  type EquipmentListQuery,
  type EquipmentPage,
  type Room,
  type RoomListQuery,
  type RoomPage,
  type Timeline,
} from '@henji/contracts';
import { queryRows, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../kernel/actor.ts';
import { allowedActions } from '../../kernel/access/policy.ts';
import { forbidden, invalid, notFound } from '../../kernel/errors.ts';
import { msg } from '../../kernel/messages.ts';
import { departments, users } from '../../kernel/org/schema.ts';
import { loadEquipment, loadRoom, managesRooms, mayBookRoom, readableBooking } from './policies.ts';
import { bookings, equipment, rooms, type BookingRow, type EquipmentRow, type RoomRow } from './schema.ts';

const DAY_MS = 86_400_000;
/** A timestamptz as epoch milliseconds (a float8, which node-postgres reads with parseFloat). */
const epochMs = (column: SQL) => sql`(extract(epoch from ${column}) * 1000)::float8`;
/**
 * ISO text of epoch milliseconds, each distinct instant formatted once per answer: bookings start and end on a few
 * grid times a day, and `toISOString` for every one of thousands of rows was a tenth of the timeline's server CPU.
 */
function isoFormatter(): (ms: number) => string {
  const known = new Map<number, string>();
  return (ms) => {
    let text = known.get(ms);
    if (text === undefined) known.set(ms, (text = new Date(ms).toISOString()));
    return text;
  };
}
const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const roomUsed = sql<boolean>`exists (select 1 from bookings b where b.room_id = ${rooms.id})`;
const equipmentUsed = sql<boolean>`exists (select 1 from booking_resources br where br.resource_id = ${equipment.id})`;

async function presentRooms(q: Queryable, actor: Actor, found: { row: RoomRow; hasBookings: boolean }[]): Promise<Room[]> {
  const ids = [...new Set(found.flatMap((f) => f.row.departmentIds))];
  const names = new Map(
    (ids.length > 0 ? await q.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, ids)) : []).map((d) => [d.id, d.name]),
  );
  return found.map(({ row, hasBookings }) => ({
    id: row.id,
    name: row.name,
    location: row.location,
    capacity: row.capacity,
    fixedEquipment: row.fixedEquipment,
    bookableBy: row.bookableBy,
    departments: row.departmentIds.map((id) => ({ id, name: names.get(id) ?? id })),
    approvalRequired: row.approvalRequired,
    active: row.active,
    hasBookings,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    allowedActions: allowedActions(actor, 'room', { row, hasBookings }),
  }));
}

export async function listRooms(q: Queryable, actor: Actor, query: RoomListQuery): Promise<RoomPage> {
  const where: SQL[] = [];
  if (query.q) where.push(or(ilike(rooms.name, escapeLike(query.q)), ilike(rooms.location, escapeLike(query.q)))!);
  if (query.active) where.push(eq(rooms.active, query.active === 'true'));
  const column = { name: rooms.name, capacity: rooms.capacity, createdAt: rooms.createdAt }[query.sort];
  const order = query.order === 'asc' ? asc : desc;
  const [found, [count]] = await Promise.all([
    q
      .select({ row: rooms, hasBookings: roomUsed })
      .from(rooms)
      .where(and(...where))
      .orderBy(order(column), asc(rooms.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    q.select({ n: sql<number>`count(*)::int` }).from(rooms).where(and(...where)),
  ]);
  return { items: await presentRooms(q, actor, found), total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function getRoom(q: Queryable, actor: Actor, id: string): Promise<Room> {
  const subject = await loadRoom(q, id);
  if (!subject) throw notFound('room');
  return (await presentRooms(q, actor, [subject]))[0]!;
}

const presentEquipment = (actor: Actor, row: EquipmentRow, hasBookings: boolean): Equipment => ({
  id: row.id,
  name: row.name,
  code: row.code,
  kind: row.kind,
  location: row.location,
  active: row.active,
  hasBookings,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  allowedActions: allowedActions(actor, 'equipment', { row, hasBookings }),
});

export async function listEquipment(q: Queryable, actor: Actor, query: EquipmentListQuery): Promise<EquipmentPage> {
  const where: SQL[] = [];
  if (query.q) where.push(or(ilike(equipment.name, escapeLike(query.q)), ilike(equipment.code, escapeLike(query.q)), ilike(equipment.location, escapeLike(query.q)))!);
  if (query.active) where.push(eq(equipment.active, query.active === 'true'));
  if (query.kind) where.push(eq(equipment.kind, query.kind));
  const column = { name: equipment.name, code: equipment.code, createdAt: equipment.createdAt }[query.sort];
  const order = query.order === 'asc' ? asc : desc;
  const [found, [count]] = await Promise.all([
    q
      .select({ row: equipment, hasBookings: equipmentUsed })
      .from(equipment)
      .where(and(...where))
      .orderBy(order(column), asc(equipment.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    q.select({ n: sql<number>`count(*)::int` }).from(equipment).where(and(...where)),
  ]);
  return { items: found.map((f) => presentEquipment(actor, f.row, f.hasBookings)), total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function getEquipment(q: Queryable, actor: Actor, id: string): Promise<Equipment> {
  const subject = await loadEquipment(q, id);
  if (!subject) throw notFound('equipment');
  return presentEquipment(actor, subject.row, subject.hasBookings);
}

const booker = alias(users, 'booker');
const decider = alias(users, 'decider');

const bookingColumns = {
  row: bookings,
  room: { id: rooms.id, name: rooms.name, location: rooms.location },
  booker: { id: booker.id, displayName: booker.displayName },
  decidedByName: decider.displayName,
};

const selectBookings = (q: Queryable) =>
  q
    .select(bookingColumns)
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(booker, eq(booker.id, bookings.bookerId))
    .leftJoin(decider, eq(decider.id, bookings.decidedById));

type BookingJoined = { row: BookingRow; room: { id: string; name: string; location: string }; booker: { id: string; displayName: string }; decidedByName: string | null };

async function presentBookings(q: Queryable, actor: Actor, found: BookingJoined[]): Promise<Booking[]> {
  const ids = [...new Set(found.flatMap((f) => f.row.equipmentIds))];
  const items = new Map(
    (ids.length > 0 ? await q.select({ id: equipment.id, name: equipment.name, code: equipment.code }).from(equipment).where(inArray(equipment.id, ids)) : []).map((e) => [e.id, e]),
  );
  return found.map(({ row, room, booker: who, decidedByName }) => ({
    id: row.id,
    room,
    booker: who,
    purpose: row.purpose,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    attendeeCount: row.attendeeCount,
    equipment: row.equipmentIds.flatMap((id) => items.get(id) ?? []),
    status: row.status,
    capacityOverridden: row.capacityOverridden,
    decidedBy: row.decidedById ? { id: row.decidedById, displayName: decidedByName ?? '' } : null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionComment: row.decisionComment,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    allowedActions: allowedActions(actor, 'booking', row),
  }));
}

export async function getBooking(q: Queryable, actor: Actor, id: string): Promise<Booking> {
  const row = await readableBooking(q, actor, id);
  const found = await selectBookings(q).where(eq(bookings.id, row.id));
  return (await presentBookings(q, actor, found))[0]!;
}

/** mine: my bookings; pending: what waits for approval; all: every booking (room administrators only). */
export async function listBookings(q: Queryable, actor: Actor, query: BookingListQuery): Promise<BookingPage> {
  const where: SQL[] = [];
  if (query.view === 'mine') {
    if (actor.kind !== 'user') throw forbidden();
    where.push(eq(bookings.bookerId, actor.userId));
  } else {
    if (!managesRooms(actor)) throw forbidden(msg('rooms.view_forbidden'));
    if (query.view === 'pending') where.push(eq(bookings.status, 'pending'));
  }
  if (query.roomId) where.push(eq(bookings.roomId, query.roomId));
  if (query.status) where.push(eq(bookings.status, query.status));
  if (query.from) where.push(gt(bookings.endsAt, new Date(query.from)));
  if (query.to) where.push(lt(bookings.startsAt, new Date(query.to)));
  const column = query.sort === 'createdAt' ? bookings.createdAt : bookings.startsAt;
  const order = query.order === 'asc' ? asc : desc;
  const [found, [count]] = await Promise.all([
    selectBookings(q)
      .where(and(...where))
      .orderBy(order(column), asc(bookings.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    q.select({ n: sql<number>`count(*)::int` }).from(bookings).where(and(...where)),
  ]);
  return { items: await presentBookings(q, actor, found), total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/**
 * The grid of 会议室预订: every active room and the bookings holding a slot in `[from, to)`. A booking lasts at most
 * MAX_BOOKING_HOURS, so the scan of `bookings_starts_idx` starts that much before `from` instead of at the beginning.
 */
export async function roomTimeline(q: Queryable, actor: Actor, range: { from: string; to: string }): Promise<Timeline> {
  const from = new Date(range.from);
  const to = new Date(range.to);
  if (to.getTime() <= from.getTime()) throw invalid({ to: msg('rooms.end_before_start') });
  if (to.getTime() - from.getTime() > MAX_TIMELINE_DAYS * DAY_MS) throw invalid({ to: msg('rooms.range_too_wide', { days: MAX_TIMELINE_DAYS }) });
  const [roomRows, bookingRows] = await Promise.all([
    q.select().from(rooms).where(eq(rooms.active, true)).orderBy(asc(rooms.name)),
    // Times as epoch milliseconds: node-postgres's timestamptz parser, two per row, cost more than the scan (and
    // to_char in PostgreSQL tripled its CPU per request).
    queryRows<{ id: string; room_id: string; starts_at: number; ends_at: number; status: (typeof BOOKING_STATUSES)[number]; purpose: string; booker_id: string; booker: string }>(
      q,
      sql`select b.id, b.room_id, ${epochMs(sql`b.starts_at`)} as starts_at, ${epochMs(sql`b.ends_at`)} as ends_at, b.status, b.purpose,
                 b.booker_id, u.display_name as booker
            from bookings b join users u on u.id = b.booker_id
           where b.starts_at >= ${new Date(from.getTime() - MAX_BOOKING_HOURS * 3_600_000).toISOString()}::timestamptz
             and b.starts_at < ${to.toISOString()}::timestamptz and b.ends_at > ${from.toISOString()}::timestamptz
             and b.status in ('pending', 'confirmed')
           order by b.starts_at, b.id`,
    ),
  ]);
  const iso = isoFormatter();
  const bookers: Record<string, string> = {};
  for (const b of bookingRows) bookers[b.booker_id] = b.booker;
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    rooms: roomRows.map((r) => ({
      id: r.id,
      name: r.name,
      location: r.location,
      capacity: r.capacity,
      fixedEquipment: r.fixedEquipment,
      approvalRequired: r.approvalRequired,
      mayBook: mayBookRoom(actor, r),
    })),
    bookings: bookingRows.map((b) => ({ id: b.id, roomId: b.room_id, startsAt: iso(b.starts_at), endsAt: iso(b.ends_at), status: b.status, purpose: b.purpose, bookerId: b.booker_id })),
    bookers,
  };
}
