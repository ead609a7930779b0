/**
 * Authorization matrix rows for rooms, equipment and bookings (R3): everyone signed in sees rooms and equipment, the
 * timeline and their own bookings, and may book; only room administrators (admin, custodian) register and change rooms
 * and equipment and see or decide other people's bookings — a booking is none of another employee's business (404).
 */
import { callerFor, makeUser, unique, type TestHenji } from '../harness.ts';
import { execute } from '../../src/kernel/command.ts';
import { createBooking } from '../../src/modules/meetings/commands/bookings.ts';
import type { Row } from './authz-types.ts';
import type { HttpMethod } from './openapi-operations.ts';

type AsAdmin = <T>(method: HttpMethod, url: string, json?: object) => Promise<T>;

const slot = { startsAt: '2026-07-01T09:00:00+08:00', endsAt: '2026-07-01T10:00:00+08:00' };
const q = (value: string) => encodeURIComponent(value);

export function roomRows(h: TestHenji, asAdmin: AsAdmin): Record<string, Row> {
  const room = async (fields: object = {}) => (await asAdmin<{ id: string }>('POST', '/api/rooms', { name: unique('矩阵会议室'), capacity: 8, ...fields })).id;
  const item = async () => (await asAdmin<{ id: string }>('POST', '/api/equipment', { name: '投影仪', code: unique('M-') })).id;
  /** A booking the administrator made: none of the employee's business. */
  const adminBooking = async () => (await asAdmin<{ id: string }>('POST', '/api/bookings', { roomId: await room(), purpose: '矩阵预订', ...slot })).id;
  /** A booking someone else made in a room that needs approval: pending. */
  const pendingBooking = async () => {
    const roomId = await room({ approvalRequired: true });
    const { actor } = await makeUser(h);
    return (await execute(h.db, callerFor(actor), createBooking, { roomId, purpose: '待审批', equipmentIds: [], overrideCapacity: false, ...slot })).id;
  };
  return {
    'GET /api/rooms': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'POST /api/rooms': { anonymous: 401, employee: 403, admin: 'ok', request: async () => ({ json: { name: unique('会议室'), capacity: 6 } }) },
    'GET /api/rooms/timeline': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ url: `/api/rooms/timeline?from=${q('2026-07-01T00:00:00+08:00')}&to=${q('2026-07-08T00:00:00+08:00')}` }),
    },
    'GET /api/rooms/{id}': { anonymous: 401, employee: 'ok', admin: 'ok', request: async () => ({ url: `/api/rooms/${await room()}` }) },
    'PATCH /api/rooms/{id}': { anonymous: 401, employee: 403, admin: 'ok', request: async () => ({ url: `/api/rooms/${await room()}`, json: { capacity: 12 } }) },
    'DELETE /api/rooms/{id}': { anonymous: 401, employee: 403, admin: 'ok', request: async () => ({ url: `/api/rooms/${await room()}` }) },
    'GET /api/equipment': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'POST /api/equipment': { anonymous: 401, employee: 403, admin: 'ok', request: async () => ({ json: { name: '麦克风', code: unique('MIC-'), kind: 'microphone' } }) },
    'GET /api/equipment/{id}': { anonymous: 401, employee: 'ok', admin: 'ok', request: async () => ({ url: `/api/equipment/${await item()}` }) },
    'PATCH /api/equipment/{id}': { anonymous: 401, employee: 403, admin: 'ok', request: async () => ({ url: `/api/equipment/${await item()}`, json: { active: false } }) },
    'DELETE /api/equipment/{id}': { anonymous: 401, employee: 403, admin: 'ok', request: async () => ({ url: `/api/equipment/${await item()}` }) },
    'GET /api/bookings': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'POST /api/bookings': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ json: { roomId: await room(), purpose: '培训', ...slot } }),
    },
    'POST /api/bookings/check': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ json: { roomId: await room(), purpose: '培训', ...slot } }),
    },
    'GET /api/bookings/free-slots': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ url: `/api/bookings/free-slots?roomId=${await room()}&startsAt=${q(slot.startsAt)}&endsAt=${q(slot.endsAt)}` }),
    },
    'GET /api/bookings/{id}': { anonymous: 401, employee: 404, admin: 'ok', request: async () => ({ url: `/api/bookings/${await adminBooking()}` }) },
    'POST /api/bookings/{id}/cancel': { anonymous: 401, employee: 404, admin: 'ok', request: async () => ({ url: `/api/bookings/${await adminBooking()}/cancel`, json: {} }) },
    'POST /api/bookings/{id}/approve': { anonymous: 401, employee: 404, admin: 'ok', request: async () => ({ url: `/api/bookings/${await pendingBooking()}/approve`, json: {} }) },
    'POST /api/bookings/{id}/reject': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: `/api/bookings/${await pendingBooking()}/reject`, json: { reason: '会议室维修' } }),
    },
  };
}
