/**
 * Rooms, movable equipment and bookings (R3, 会议室与设备预订). A booking claims its room and each piece of equipment
 * as rows of `booking_resources`; the exclusion constraint `booking_resources_no_overlap` (migration 0020_rooms:
 * `EXCLUDE USING gist (resource_id WITH =, during WITH &&) WHERE (NOT released)`) makes a double booking impossible
 * whatever the application does. Cancelling or rejecting a booking releases its claims in the same transaction, which
 * frees the slot at once. Drizzle cannot declare an exclusion constraint; the migration holds it.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../db/types.ts';
import { users } from '../../kernel/org/schema.ts';

import { BOOKING_STATUSES, EQUIPMENT_KINDS, RESOURCE_TYPES, ROOM_BOOKABLE_BY } from '@henji/contracts';

/** A half-open time range `[start, end)`, written as PostgreSQL range text. */
const tstzrange = customType<{ data: string; driverData: string }>({ dataType: () => 'tstzrange' });

export const rooms = pgTable(
  'rooms',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    location: text('location').notNull().default(''),
    capacity: integer('capacity').notNull(),
    /** Equipment fixed in the room (a screen, a whiteboard …): words, not bookable items. */
    fixedEquipment: jsonb('fixed_equipment').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Who may book: everyone, or members of `departmentIds` (administrators always may). */
    bookableBy: text('bookable_by', { enum: ROOM_BOOKABLE_BY }).notNull().default('everyone'),
    departmentIds: jsonb('department_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** A booking stays pending until an administrator approves it. */
    approvalRequired: boolean('approval_required').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [uniqueIndex('rooms_name_unique').on(t.name)],
);

/** Movable equipment (projector, video terminal, microphones …) lent out with a booking. */
export const equipment = pgTable(
  'equipment',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    kind: text('kind', { enum: EQUIPMENT_KINDS }).notNull().default('other'),
    /** Where it is kept. */
    location: text('location').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [uniqueIndex('equipment_code_unique').on(t.code)],
);

export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey(),
    roomId: uuid('room_id').notNull().references(() => rooms.id),
    bookerId: uuid('booker_id').notNull().references(() => users.id),
    purpose: text('purpose').notNull(),
    startsAt: timestamptz('starts_at').notNull(),
    endsAt: timestamptz('ends_at').notNull(),
    attendeeCount: integer('attendee_count'),
    equipmentIds: jsonb('equipment_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status', { enum: BOOKING_STATUSES }).notNull(),
    /** The booker confirmed a room smaller than the attendee count. */
    capacityOverridden: boolean('capacity_overridden').notNull().default(false),
    decidedById: uuid('decided_by_id').references(() => users.id),
    decidedAt: timestamptz('decided_at'),
    /** The approver's comment, or the written reason of a rejection. */
    decisionComment: text('decision_comment'),
    cancelledAt: timestamptz('cancelled_at'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    check('bookings_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    index('bookings_starts_idx').on(t.startsAt, t.roomId),
    index('bookings_room_idx').on(t.roomId, t.startsAt),
    index('bookings_booker_idx').on(t.bookerId, t.startsAt),
    index('bookings_pending_idx').on(t.startsAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** A booking's claim on one resource (its room or a piece of equipment) for `[startsAt, endsAt)`. */
export const bookingResources = pgTable(
  'booking_resources',
  {
    bookingId: uuid('booking_id').notNull().references(() => bookings.id),
    resourceType: text('resource_type', { enum: RESOURCE_TYPES }).notNull(),
    resourceId: uuid('resource_id').notNull(),
    during: tstzrange('during').notNull(),
    /** Set when the booking is cancelled or rejected: the constraint ignores released claims. */
    released: boolean('released').notNull().default(false),
  },
  (t) => [primaryKey({ name: 'booking_resources_pk', columns: [t.bookingId, t.resourceId] }), index('booking_resources_resource_idx').on(t.resourceId)],
);

export type RoomRow = typeof rooms.$inferSelect;
export type EquipmentRow = typeof equipment.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;
