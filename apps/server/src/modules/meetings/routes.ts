/** The rooms API (R3): rooms, equipment, bookings with conflict check and free-slot suggestions, and the timeline. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApproveBookingInput,
  Booking,
  BookingCheck,
  BookingInput,
  BookingListQuery,
  BookingPage,
  CancelBookingInput,
  Equipment,
  EquipmentInput,
  EquipmentListQuery,
  EquipmentPage,
  EquipmentPatch,
  ErrorBody,
  FreeSlotQuery,
  FreeSlots,
  IdParams,
  RejectBookingInput,
  Room,
  RoomInput,
  RoomListQuery,
  RoomPage,
  RoomPatch,
  Timeline,
  TimelineQuery,
} from '@henji/contracts';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { localeOf } from '../../http/locale.ts';
import { execute } from '../../kernel/command.ts';
import { render } from '../../kernel/messages.ts';
import { now } from '../../kernel/clock.ts';
import { assessBooking } from './assess.ts';
import { conflictsOf, freeSlots } from './availability.ts';
import { approveBooking, cancelBooking, createBooking, rejectBooking } from './commands/bookings.ts';
import { createEquipment, createRoom, deleteEquipment, deleteRoom, updateEquipment, updateRoom } from './commands/rooms.ts';
import { getBooking, getEquipment, getRoom, listBookings, listEquipment, listRooms, roomTimeline } from './queries.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const SUGGESTIONS = 5;

export function roomRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['rooms'];

  r.get('/api/rooms', { schema: { tags, summary: 'Rooms (会议室), with filters, sorting and pages', querystring: RoomListQuery, response: { 200: RoomPage, ...errors } } },
    async (req) => listRooms(db, callerOf(req).actor, req.query));
  r.post('/api/rooms', { schema: { tags, summary: 'Register a room (room administrators)', body: RoomInput, response: { 201: Room, ...errors } } }, async (req, reply) => {
    const caller = callerOf(req);
    const row = await execute(db, caller, createRoom, req.body);
    return reply.status(201).send(await getRoom(db, caller.actor, row.id));
  });
  r.get('/api/rooms/timeline', {
    schema: { tags, summary: 'Every active room and the bookings holding a slot in [from, to) (at most 31 days), for the week / day grid', querystring: TimelineQuery, response: { 200: Timeline, ...errors } },
  }, async (req) => roomTimeline(db, callerOf(req).actor, req.query));
  r.get('/api/rooms/:id', { schema: { tags, params: IdParams, response: { 200: Room, ...errors } } }, async (req) => getRoom(db, callerOf(req).actor, req.params.id));
  r.patch('/api/rooms/:id', {
    schema: { tags, summary: 'Change a room; `active: false` deactivates it (no new bookings)', params: IdParams, body: RoomPatch, response: { 200: Room, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, updateRoom, { id: req.params.id, patch: req.body });
    return getRoom(db, caller.actor, req.params.id);
  });
  r.delete('/api/rooms/:id', {
    schema: { tags, summary: 'Delete a room that was never booked (409 otherwise: deactivate it)', params: IdParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await execute(db, callerOf(req), deleteRoom, { id: req.params.id });
    return reply.status(204).send(null);
  });

  r.get('/api/equipment', { schema: { tags, summary: 'Movable equipment (设备)', querystring: EquipmentListQuery, response: { 200: EquipmentPage, ...errors } } },
    async (req) => listEquipment(db, callerOf(req).actor, req.query));
  r.post('/api/equipment', { schema: { tags, summary: 'Register movable equipment (room administrators)', body: EquipmentInput, response: { 201: Equipment, ...errors } } }, async (req, reply) => {
    const caller = callerOf(req);
    const row = await execute(db, caller, createEquipment, req.body);
    return reply.status(201).send(await getEquipment(db, caller.actor, row.id));
  });
  r.get('/api/equipment/:id', { schema: { tags, params: IdParams, response: { 200: Equipment, ...errors } } }, async (req) => getEquipment(db, callerOf(req).actor, req.params.id));
  r.patch('/api/equipment/:id', { schema: { tags, params: IdParams, body: EquipmentPatch, response: { 200: Equipment, ...errors } } }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, updateEquipment, { id: req.params.id, patch: req.body });
    return getEquipment(db, caller.actor, req.params.id);
  });
  r.delete('/api/equipment/:id', { schema: { tags, params: IdParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await execute(db, callerOf(req), deleteEquipment, { id: req.params.id });
    return reply.status(204).send(null);
  });

  r.get('/api/bookings', {
    schema: { tags, summary: 'Bookings: mine, pending approval or all (the last two for room administrators), by room and date range', querystring: BookingListQuery, response: { 200: BookingPage, ...errors } },
  }, async (req) => listBookings(db, callerOf(req).actor, req.query));
  r.post('/api/bookings', {
    schema: { tags, summary: 'Book a room and equipment; 409 naming the conflict when a resource is taken', body: BookingInput, response: { 201: Booking, ...errors } },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const row = await execute(db, caller, createBooking, req.body);
    return reply.status(201).send(await getBooking(db, caller.actor, row.id));
  });
  r.post('/api/bookings/check', {
    schema: { tags, summary: 'What saving this booking would say — field errors, capacity warning, conflicts — and free slots of the same length; writes nothing', body: BookingInput, response: { 200: BookingCheck, ...errors } },
  }, async (req) => {
    const { actor } = callerOf(req);
    const locale = localeOf(req);
    const at = now();
    const assessment = await assessBooking(db, actor, req.body, at);
    const resources = [req.body.roomId, ...assessment.equipment.map((e) => e.id)];
    const timesOk = !assessment.problems.endsAt;
    const conflicts = timesOk ? await conflictsOf(db, resources, assessment.startsAt, assessment.endsAt) : [];
    const suggestions = timesOk && assessment.room && (conflicts.length > 0 || assessment.problems.startsAt)
      ? await freeSlots(db, resources, assessment.startsAt, assessment.endsAt, at, SUGGESTIONS)
      : [];
    return {
      ok: Object.keys(assessment.problems).length === 0 && conflicts.length === 0,
      fields: Object.fromEntries(Object.entries(assessment.problems).map(([field, message]) => [field, [render(locale, message)]])),
      capacityWarning: assessment.capacityWarning,
      conflicts,
      suggestions,
    };
  });
  r.get('/api/bookings/free-slots', {
    schema: { tags, summary: 'Free windows as long as [startsAt, endsAt) for the room (and equipment), within working hours, from that start on', querystring: FreeSlotQuery, response: { 200: FreeSlots, ...errors } },
  }, async (req) => {
    callerOf(req);
    const q = req.query;
    const resources = [q.roomId, ...(q.equipmentIds ? q.equipmentIds.split(',') : [])];
    return { suggestions: await freeSlots(db, resources, new Date(q.startsAt), new Date(q.endsAt), now(), q.limit) };
  });
  r.get('/api/bookings/:id', { schema: { tags, params: IdParams, response: { 200: Booking, ...errors } } }, async (req) => getBooking(db, callerOf(req).actor, req.params.id));
  r.post('/api/bookings/:id/cancel', {
    schema: { tags, summary: 'Cancel a booking (the booker or a room administrator); the slot is free at once', params: IdParams, body: CancelBookingInput, response: { 200: Booking, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, cancelBooking, { id: req.params.id, reason: req.body.reason });
    return getBooking(db, caller.actor, req.params.id);
  });
  r.post('/api/bookings/:id/approve', { schema: { tags, summary: 'Approve a pending booking', params: IdParams, body: ApproveBookingInput, response: { 200: Booking, ...errors } } }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, approveBooking, { id: req.params.id, comment: req.body.comment });
    return getBooking(db, caller.actor, req.params.id);
  });
  r.post('/api/bookings/:id/reject', {
    schema: { tags, summary: 'Reject a pending booking with a written reason; the slot is free at once', params: IdParams, body: RejectBookingInput, response: { 200: Booking, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, rejectBooking, { id: req.params.id, reason: req.body.reason });
    return getBooking(db, caller.actor, req.params.id);
  });
}
