/**
 * Authorization matrix rows for meeting sign-in (M2): a meeting the plain employee has no part in is 404 to them; the
 * administrator shows the room screen's code and reads the sign-in sheet, signs in where they are an attendee, and may
 * not record attendance by hand — that is the recorder's and the chair's (403).
 */
import { now } from '../../src/kernel/clock.ts';
import { issueCode, signInKey } from '../../src/modules/meetings/sign-in/codes.ts';
import { makeUser, type TestHenji } from '../harness.ts';
import { noticedMeeting } from '../flows/meeting-sign-in-context.ts';
import type { Caller, Row } from './authz-types.ts';

export function signInRows(h: TestHenji): Record<string, Row> {
  /** A noticed meeting starting in ten minutes (sign-in open), the caller an attendee only when they are the admin. */
  const meeting = async (c: Caller) => {
    const [organiser, recorder, attendee] = [await makeUser(h), await makeUser(h), await makeUser(h)];
    const attendees = [{ userId: attendee.row.id }, ...(c.role === 'admin' ? [{ userId: c.userId }] : [])];
    const startsAt = new Date(now().getTime() + 10 * 60_000);
    return { row: await noticedMeeting(h.db, { organiserId: organiser.row.id, chairId: organiser.row.id, recorderId: recorder.row.id, startsAt, attendees }), attendee: attendee.row.id };
  };
  const url = (suffix: string) => async (c: Caller) => ({ url: `/api/meetings/${(await meeting(c)).row.id}${suffix}` });
  return {
    'GET /api/meetings/{id}/sign-in/code': { anonymous: 401, employee: 404, admin: 'ok', request: url('/sign-in/code') },
    'POST /api/meetings/{id}/sign-in': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async (c) => {
        const { row } = await meeting(c);
        return { url: `/api/meetings/${row.id}/sign-in`, json: { code: issueCode(signInKey(), row.id, now()).code } };
      },
    },
    'POST /api/meetings/{id}/attendance': {
      anonymous: 401, employee: 404, admin: 403,
      request: async (c) => {
        const { row, attendee } = await meeting(c);
        return { url: `/api/meetings/${row.id}/attendance`, json: { userId: attendee, attendance: 'present', reason: '补签' } };
      },
    },
    'GET /api/meetings/{id}/sign-in-sheet': { anonymous: 401, employee: 404, admin: 'ok', request: url('/sign-in-sheet') },
    'GET /api/meetings/{id}/sign-in-sheet.pdf': { anonymous: 401, employee: 404, admin: 'ok', request: url('/sign-in-sheet.pdf') },
  };
}
