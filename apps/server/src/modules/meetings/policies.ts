/**
 * Who may do what with rooms, equipment and bookings (K4). Rooms and equipment are managed by administrators and the
 * custodian role (the administration department keeps rooms and equipment); every user sees them, since choosing a
 * room needs its list. A room may be booked by everyone or only by members of its listed departments (administrators
 * always may). A booking is read by its booker and by room administrators; others see it only as a block on the
 * timeline (room, time, purpose, booker — what a room's door sign shows), and get 404 on the booking itself.
 */
import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Actor, UserActor } from '../../kernel/actor.ts';
import { definePolicy, hasRole } from '../../kernel/access/policy.ts';
import { now } from '../../kernel/clock.ts';
import { notFound } from '../../kernel/errors.ts';
import { isUuid } from '../../kernel/ledger/describe.ts';
import { registerSubjectLoader } from '../../kernel/ledger/subjects.ts';
import { bookings, equipment, rooms, type BookingRow, type EquipmentRow, type RoomRow } from './schema.ts';

/** 会议室管理员: administrators and the custodian role. */
export const managesRooms = (actor: Actor) => hasRole(actor, 'admin') || hasRole(actor, 'custodian');

export interface RoomSubject {
  row: RoomRow;
  hasBookings: boolean;
}

export const mayBookRoom = (actor: Actor, room: RoomRow) =>
  room.active &&
  (managesRooms(actor) ||
    room.bookableBy === 'everyone' ||
    (actor.kind === 'user' && actor.departmentId !== null && room.departmentIds.includes(actor.departmentId)));

export const roomPolicy = definePolicy<RoomSubject>('room', {
  read: () => true,
  update: (actor) => managesRooms(actor),
  delete: (actor, s) => managesRooms(actor) && !s.hasBookings,
  book: (actor, s) => mayBookRoom(actor, s.row),
});

export interface EquipmentSubject {
  row: EquipmentRow;
  hasBookings: boolean;
}

export const equipmentPolicy = definePolicy<EquipmentSubject>('equipment', {
  read: () => true,
  update: (actor) => managesRooms(actor),
  delete: (actor, s) => managesRooms(actor) && !s.hasBookings,
});

const isBooker = (actor: UserActor, b: BookingRow) => actor.userId === b.bookerId;
const holdsSlot = (b: BookingRow) => b.status === 'pending' || b.status === 'confirmed';

export const mayReadBooking = (actor: UserActor, b: BookingRow) => isBooker(actor, b) || managesRooms(actor) || hasRole(actor, 'audit');

export const bookingPolicy = definePolicy<BookingRow>('booking', {
  read: mayReadBooking,
  /** Until it ends; cancelling releases the room and equipment at once. */
  cancel: (actor, b) => holdsSlot(b) && b.endsAt.getTime() > now().getTime() && (isBooker(actor, b) || managesRooms(actor)),
  approve: (actor, b) => b.status === 'pending' && managesRooms(actor),
  reject: (actor, b) => b.status === 'pending' && managesRooms(actor),
});

const used = (column: 'room_id' | 'resource_id', id: string) =>
  column === 'room_id'
    ? sql<boolean>`exists (select 1 from bookings where room_id = ${id})`
    : sql<boolean>`exists (select 1 from booking_resources where resource_id = ${id})`;

export async function loadRoom(q: Queryable, id: string): Promise<RoomSubject | null> {
  if (!isUuid(id)) return null;
  const [found] = await q.select({ row: rooms, hasBookings: used('room_id', id) }).from(rooms).where(eq(rooms.id, id));
  return found ?? null;
}

export async function loadEquipment(q: Queryable, id: string): Promise<EquipmentSubject | null> {
  if (!isUuid(id)) return null;
  const [found] = await q.select({ row: equipment, hasBookings: used('resource_id', id) }).from(equipment).where(eq(equipment.id, id));
  return found ?? null;
}

export async function loadBooking(q: Queryable, id: string): Promise<BookingRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await q.select().from(bookings).where(eq(bookings.id, id));
  return row ?? null;
}

/** A booking the actor may read, or 404. */
export async function readableBooking(q: Queryable, actor: Actor, id: string): Promise<BookingRow> {
  const row = await loadBooking(q, id);
  if (!row || (actor.kind === 'user' && !mayReadBooking(actor, row))) throw notFound('booking');
  return row;
}

registerSubjectLoader('room', loadRoom);
registerSubjectLoader('equipment', loadEquipment);
registerSubjectLoader('booking', loadBooking);
