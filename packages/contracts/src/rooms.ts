/** Rooms, movable equipment and bookings (R3, 会议室与设备预订), shared by the server and the web. */
import { z } from 'zod';
import { AllowedActions, PageQuery, pageOf, uuid } from './common.ts';

export const ROOM_BOOKABLE_BY = ['everyone', 'departments'] as const;
export const EQUIPMENT_KINDS = ['projector', 'video_terminal', 'microphone', 'screen', 'laptop', 'other'] as const;
export const BOOKING_STATUSES = ['pending', 'confirmed', 'rejected', 'cancelled'] as const;
export const BOOKING_VIEWS = ['mine', 'pending', 'all'] as const;
export const RESOURCE_TYPES = ['room', 'equipment'] as const;
/** The longest booking: a day. It bounds how far back the timeline's index scan starts. */
export const MAX_BOOKING_HOURS = 24;
/** The widest timeline (and booking list) range. */
export const MAX_TIMELINE_DAYS = 31;

const instant = z.iso.datetime({ offset: true });
const Person = z.object({ id: uuid, displayName: z.string() });
const Named = z.object({ id: uuid, name: z.string() });
const name = z.string().trim().min(1).max(100);
const place = z.string().trim().max(200);
const boolText = z.enum(['true', 'false']);

export const Room = z
  .object({
    id: uuid,
    name: z.string(),
    location: z.string(),
    capacity: z.number().int(),
    fixedEquipment: z.array(z.string()).describe('equipment fixed in the room (screen, whiteboard …)'),
    bookableBy: z.enum(ROOM_BOOKABLE_BY).describe('everyone, or members of the listed departments (administrators always may)'),
    departments: z.array(Named),
    approvalRequired: z.boolean().describe('a booking stays pending until an administrator approves it'),
    active: z.boolean(),
    hasBookings: z.boolean().describe('a room with bookings can be deactivated, not deleted'),
    createdAt: z.string(),
    updatedAt: z.string(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'Room' });
export type Room = z.infer<typeof Room>;

export const RoomInput = z.strictObject({
  name,
  location: place.default(''),
  capacity: z.number().int().min(1).max(10000),
  fixedEquipment: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
  bookableBy: z.enum(ROOM_BOOKABLE_BY).default('everyone'),
  departmentIds: z.array(uuid).max(200).default([]),
  approvalRequired: z.boolean().default(false),
});
export type RoomInput = z.infer<typeof RoomInput>;

export const RoomPatch = z.strictObject({
  name: name.optional(),
  location: place.optional(),
  capacity: z.number().int().min(1).max(10000).optional(),
  fixedEquipment: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
  bookableBy: z.enum(ROOM_BOOKABLE_BY).optional(),
  departmentIds: z.array(uuid).max(200).optional(),
  approvalRequired: z.boolean().optional(),
  active: z.boolean().optional().describe('false: deactivated — no new bookings; existing ones stay'),
});
export type RoomPatch = z.infer<typeof RoomPatch>;

export const RoomListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  active: boolText.optional(),
  sort: z.enum(['name', 'capacity', 'createdAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
}).strict();
export type RoomListQuery = z.infer<typeof RoomListQuery>;

export const RoomPage = pageOf(Room).meta({ id: 'RoomPage' });
export type RoomPage = z.infer<typeof RoomPage>;

export const Equipment = z
  .object({
    id: uuid,
    name: z.string(),
    code: z.string(),
    kind: z.enum(EQUIPMENT_KINDS),
    location: z.string().describe('where it is kept'),
    active: z.boolean(),
    hasBookings: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'Equipment' });
export type Equipment = z.infer<typeof Equipment>;

const code = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$/, 'letters, digits, - and _ (up to 30)');

export const EquipmentInput = z.strictObject({
  name,
  code,
  kind: z.enum(EQUIPMENT_KINDS).default('other'),
  location: place.default(''),
});
export type EquipmentInput = z.infer<typeof EquipmentInput>;

export const EquipmentPatch = z.strictObject({
  name: name.optional(),
  code: code.optional(),
  kind: z.enum(EQUIPMENT_KINDS).optional(),
  location: place.optional(),
  active: z.boolean().optional(),
});
export type EquipmentPatch = z.infer<typeof EquipmentPatch>;

export const EquipmentListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  active: boolText.optional(),
  kind: z.enum(EQUIPMENT_KINDS).optional(),
  sort: z.enum(['name', 'code', 'createdAt']).default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
}).strict();
export type EquipmentListQuery = z.infer<typeof EquipmentListQuery>;

export const EquipmentPage = pageOf(Equipment).meta({ id: 'EquipmentPage' });
export type EquipmentPage = z.infer<typeof EquipmentPage>;

export const Booking = z
  .object({
    id: uuid,
    room: z.object({ id: uuid, name: z.string(), location: z.string() }),
    booker: Person,
    purpose: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    attendeeCount: z.number().int().nullable(),
    equipment: z.array(z.object({ id: uuid, name: z.string(), code: z.string() })),
    status: z.enum(BOOKING_STATUSES),
    capacityOverridden: z.boolean().describe('the booker confirmed a room smaller than the attendee count'),
    decidedBy: Person.nullable(),
    decidedAt: z.string().nullable(),
    decisionComment: z.string().nullable().describe("the approver's comment or the rejection's reason"),
    cancelledAt: z.string().nullable(),
    createdAt: z.string(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'Booking' });
export type Booking = z.infer<typeof Booking>;

export const BookingInput = z.strictObject({
  roomId: uuid,
  equipmentIds: z.array(uuid).max(20).default([]),
  startsAt: instant,
  endsAt: instant,
  purpose: z.string().trim().min(1).max(200),
  attendeeCount: z.number().int().min(1).max(10000).nullable().optional(),
  overrideCapacity: z.boolean().default(false).describe('book although the room holds fewer people than attendeeCount'),
});
export type BookingInput = z.infer<typeof BookingInput>;

export const BookingConflict = z
  .object({
    resourceType: z.enum(RESOURCE_TYPES),
    resourceId: uuid,
    resourceName: z.string(),
    bookingId: uuid,
    startsAt: z.string(),
    endsAt: z.string(),
  })
  .meta({ id: 'BookingConflict' });
export type BookingConflict = z.infer<typeof BookingConflict>;

export const FreeSlot = z.object({ startsAt: z.string(), endsAt: z.string() }).meta({ id: 'FreeSlot' });
export type FreeSlot = z.infer<typeof FreeSlot>;

export const BookingCheck = z
  .object({
    ok: z.boolean().describe('the booking would be saved as it is'),
    fields: z.record(z.string(), z.array(z.string())).describe('field errors and warnings, as a 400 would name them'),
    capacityWarning: z.boolean().describe('the room is smaller than the attendee count; overrideCapacity books anyway'),
    conflicts: z.array(BookingConflict),
    suggestions: z.array(FreeSlot).describe('free windows of the same length, within working hours, from the requested day on'),
  })
  .meta({ id: 'BookingCheck' });
export type BookingCheck = z.infer<typeof BookingCheck>;

export const FreeSlotQuery = z.strictObject({
  roomId: uuid,
  equipmentIds: z.string().regex(/^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36}){0,19}$/, 'comma-separated ids').optional(),
  startsAt: instant,
  endsAt: instant,
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type FreeSlotQuery = z.infer<typeof FreeSlotQuery>;

export const FreeSlots = z.object({ suggestions: z.array(FreeSlot) }).meta({ id: 'FreeSlots' });

export const BookingListQuery = PageQuery.extend({
  view: z.enum(BOOKING_VIEWS).default('mine'),
  roomId: uuid.optional(),
  status: z.enum(BOOKING_STATUSES).optional(),
  from: instant.optional(),
  to: instant.optional(),
  sort: z.enum(['startsAt', 'createdAt']).default('startsAt'),
  order: z.enum(['asc', 'desc']).default('asc'),
}).strict();
export type BookingListQuery = z.infer<typeof BookingListQuery>;

export const BookingPage = pageOf(Booking).meta({ id: 'BookingPage' });
export type BookingPage = z.infer<typeof BookingPage>;

export const CancelBookingInput = z.strictObject({ reason: z.string().trim().max(500).optional() });
export const ApproveBookingInput = z.strictObject({ comment: z.string().trim().max(500).optional() });
export const RejectBookingInput = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const TimelineQuery = z.strictObject({ from: instant, to: instant });
export type TimelineQuery = z.infer<typeof TimelineQuery>;

export const Timeline = z
  .object({
    from: z.string(),
    to: z.string(),
    rooms: z.array(
      z.object({
        id: uuid,
        name: z.string(),
        location: z.string(),
        capacity: z.number().int(),
        fixedEquipment: z.array(z.string()),
        approvalRequired: z.boolean(),
        mayBook: z.boolean(),
      }),
    ),
    bookings: z.array(
      z.object({
        id: uuid,
        roomId: uuid,
        startsAt: z.string(),
        endsAt: z.string(),
        status: z.enum(BOOKING_STATUSES),
        purpose: z.string(),
        bookerId: uuid,
      }),
    ),
    bookers: z.record(z.string(), z.string()).describe("each booker's display name by id, once for all their bookings"),
  })
  .meta({ id: 'Timeline' });
export type Timeline = z.infer<typeof Timeline>;
