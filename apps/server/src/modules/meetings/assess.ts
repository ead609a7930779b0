/**
 * The checks a booking must pass before it is saved, shared by the booking command and the check endpoint (so what
 * the form shows before saving is what saving says): times, the room, the equipment, permission, capacity.
 */
import { eq, inArray } from 'drizzle-orm';
import { MAX_BOOKING_HOURS, type BookingInput } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../kernel/actor.ts';
import { msg, type Message } from '../../kernel/messages.ts';
import { mayBookRoom } from './policies.ts';
import { equipment, rooms, type EquipmentRow, type RoomRow } from './schema.ts';

export interface Assessment {
  startsAt: Date;
  endsAt: Date;
  room: RoomRow | null;
  equipment: EquipmentRow[];
  /** Field errors (and the capacity warning unless overridden), by input field. */
  problems: Record<string, Message>;
  /** The room holds fewer people than the attendee count (a warning: `overrideCapacity` books anyway). */
  capacityWarning: boolean;
}

export async function assessBooking(q: Queryable, actor: Actor, input: BookingInput, at: Date): Promise<Assessment> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const problems: Record<string, Message> = {};
  if (endsAt.getTime() <= startsAt.getTime()) problems.endsAt = msg('rooms.end_before_start');
  else if (endsAt.getTime() - startsAt.getTime() > MAX_BOOKING_HOURS * 3_600_000) problems.endsAt = msg('rooms.too_long', { hours: MAX_BOOKING_HOURS });
  if (startsAt.getTime() < at.getTime()) problems.startsAt = msg('rooms.in_past');

  const [room] = await q.select().from(rooms).where(eq(rooms.id, input.roomId));
  if (!room) problems.roomId = msg('rooms.no_such_room');
  else if (!room.active) problems.roomId = msg('rooms.room_inactive');
  else if (!mayBookRoom(actor, room)) problems.roomId = msg('rooms.not_allowed');

  const wanted = [...new Set(input.equipmentIds)];
  const rows = wanted.length > 0 ? await q.select().from(equipment).where(inArray(equipment.id, wanted)) : [];
  const found = rows.filter((e) => e.active);
  if (found.length !== wanted.length) {
    // Deactivated equipment by its name and code; an id nothing answers to as it was sent.
    const byIdAll = new Map(rows.map((e) => [e.id, e]));
    const names = wanted.filter((id) => !byIdAll.get(id)?.active).map((id) => {
      const item = byIdAll.get(id);
      return item ? `${item.name} (${item.code})` : id;
    });
    problems.equipmentIds = msg('rooms.no_such_equipment', { names });
  }
  const byId = new Map(found.map((e) => [e.id, e]));

  const count = input.attendeeCount ?? null;
  const capacityWarning = room !== undefined && count !== null && count > room.capacity;
  if (capacityWarning && !input.overrideCapacity) problems.attendeeCount = msg('rooms.room_too_small', { capacity: room.capacity, count });

  return { startsAt, endsAt, room: room ?? null, equipment: wanted.flatMap((id) => byId.get(id) ?? []), problems, capacityWarning };
}
