/** The command walker's cases for rooms, equipment and bookings (R3); merged into CASES in command-cases.ts. */
import { expect } from 'vitest';
import type { Caller } from '../../src/kernel/command.ts';
import { execute } from '../../src/kernel/command.ts';
import { approveBooking, cancelBooking, createBooking, rejectBooking } from '../../src/modules/meetings/commands/bookings.ts';
import { createEquipment, createRoom, deleteEquipment, deleteRoom, updateEquipment, updateRoom } from '../../src/modules/meetings/commands/rooms.ts';
import { callerFor, makeUser, unique, type TestHenji } from '../harness.ts';
import { plan, type Case, type Subject } from './command-plan.ts';

const room = (id: string): Subject => ({ type: 'room', id });
const equipmentItem = (id: string): Subject => ({ type: 'equipment', id });
const booking = (id: string): Subject => ({ type: 'booking', id });

let day = 0;
/** A fresh one-hour slot in the future (the suites' clock is in June 2026). */
const slot = () => {
  const start = new Date(Date.UTC(2026, 7, 1, 1, 0) + day++ * 86_400_000);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() };
};

async function custodian(h: TestHenji): Promise<Caller> {
  return callerFor((await makeUser(h, { roles: ['custodian'] })).actor);
}

const roomInput = (fields: { approvalRequired?: boolean } = {}) => ({
  name: unique('会议室'),
  location: '',
  capacity: 8,
  fixedEquipment: [],
  bookableBy: 'everyone' as const,
  departmentIds: [],
  approvalRequired: fields.approvalRequired ?? false,
});

async function pending(h: TestHenji) {
  const keeper = await custodian(h);
  const r = await execute(h.db, keeper, createRoom, roomInput({ approvalRequired: true }));
  const booker = callerFor((await makeUser(h)).actor);
  const b = await execute(h.db, booker, createBooking, { roomId: r.id, purpose: '培训', equipmentIds: [], overrideCapacity: false, ...slot() });
  expect(b.status).toBe('pending');
  return { keeper, booking: b };
}

export const ROOM_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'rooms.createRoom': async (h) => [plan('registers a room', createRoom, await custodian(h), roomInput(), (r) => [room(r.id)])],
  'rooms.updateRoom': async (h) => {
    const keeper = await custodian(h);
    const r = await execute(h.db, keeper, createRoom, roomInput());
    return [
      plan('deactivates a room', updateRoom, keeper, { id: r.id, patch: { active: false, capacity: 10 } }, () => [room(r.id)]),
      plan('an unchanged room changes nothing', updateRoom, keeper, { id: r.id, patch: { capacity: 10 } }, () => [], { quiet: true }),
    ];
  },
  'rooms.deleteRoom': async (h) => {
    const keeper = await custodian(h);
    const r = await execute(h.db, keeper, createRoom, roomInput());
    return [plan('deletes a room never booked', deleteRoom, keeper, { id: r.id }, () => [room(r.id)])];
  },
  'rooms.createEquipment': async (h) => [
    plan('registers a projector', createEquipment, await custodian(h), { name: '投影仪', code: unique('P'), kind: 'projector', location: '库房' }, (e) => [equipmentItem(e.id)]),
  ],
  'rooms.updateEquipment': async (h) => {
    const keeper = await custodian(h);
    const e = await execute(h.db, keeper, createEquipment, { name: '麦克风', code: unique('M'), kind: 'microphone', location: '' });
    return [plan('moves it', updateEquipment, keeper, { id: e.id, patch: { location: '3 楼库房' } }, () => [equipmentItem(e.id)])];
  },
  'rooms.deleteEquipment': async (h) => {
    const keeper = await custodian(h);
    const e = await execute(h.db, keeper, createEquipment, { name: '麦克风', code: unique('M'), kind: 'microphone', location: '' });
    return [plan('deletes equipment never booked', deleteEquipment, keeper, { id: e.id }, () => [equipmentItem(e.id)])];
  },
  'rooms.createBooking': async (h) => {
    const keeper = await custodian(h);
    const r = await execute(h.db, keeper, createRoom, roomInput());
    const e = await execute(h.db, keeper, createEquipment, { name: '投影仪', code: unique('P'), kind: 'projector', location: '' });
    const booker = callerFor((await makeUser(h)).actor);
    return [plan('books a room with a projector', createBooking, booker, { roomId: r.id, purpose: '客户来访', equipmentIds: [e.id], overrideCapacity: false, ...slot() }, (b) => [booking(b.id)])];
  },
  'rooms.cancelBooking': async (h) => {
    const keeper = await custodian(h);
    const r = await execute(h.db, keeper, createRoom, roomInput());
    const booker = callerFor((await makeUser(h)).actor);
    const b = await execute(h.db, booker, createBooking, { roomId: r.id, purpose: '培训', equipmentIds: [], overrideCapacity: false, ...slot() });
    return [plan('cancels and frees the slot', cancelBooking, booker, { id: b.id, reason: '改期' }, () => [booking(b.id)])];
  },
  'rooms.approveBooking': async (h) => {
    const { keeper, booking: b } = await pending(h);
    return [plan('approves a pending booking', approveBooking, keeper, { id: b.id, comment: '同意' }, () => [booking(b.id)])];
  },
  'rooms.rejectBooking': async (h) => {
    const { keeper, booking: b } = await pending(h);
    return [plan('rejects a pending booking', rejectBooking, keeper, { id: b.id, reason: '维修' }, () => [booking(b.id)])];
  },
};
