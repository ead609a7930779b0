/**
 * Authorization matrix rows for meetings (M1): everyone signed in arranges meetings and lists their own; a meeting
 * the plain employee has no part in is 404 to them, for reading and for every act on it; the administrator reads,
 * changes, notices, reminds and cancels any meeting and replies where invited. The calendar feed is each person's
 * own; the feed address itself needs no session (its secret token is the credential).
 */
import { MeetingInput } from '@henji/contracts';
import { actorOf } from '../../src/kernel/auth/authenticate.ts';
import { execute } from '../../src/kernel/command.ts';
import { issueCalendarFeed } from '../../src/modules/meetings/commands/feeds.ts';
import { createMeeting } from '../../src/modules/meetings/commands/meetings.ts';
import { callerFor, makeUser, type TestHenji } from '../harness.ts';
import type { Caller, Row } from './authz-types.ts';

let day = 0;
const slot = () => {
  const start = new Date(Date.UTC(2026, 9, 12, 1, 0) + day++ * 86_400_000);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() };
};

export function meetingRows(h: TestHenji): Record<string, Row> {
  const input = (chairId: string, attendees: string[]) => ({ topic: '矩阵会议', kind: 'ad_hoc', chairId, recorderId: chairId, attendees: attendees.map((userId) => ({ userId })), ...slot() });
  /** A noticed meeting someone else arranged; the administrator is among the attendees (so may reply). */
  const meeting = async (c: Caller) => {
    const [organiser, attendee] = [await makeUser(h), await makeUser(h)];
    const attendees = [attendee.row.id, ...(c.role === 'admin' ? [c.userId] : [])];
    const created = await execute(h.db, callerFor(organiser.actor), createMeeting, MeetingInput.parse({ ...input(organiser.row.id, attendees), sendNotice: true }));
    return created.id;
  };
  const at = (suffix: string, json?: object) => async (c: Caller) => ({ url: `/api/meetings/${await meeting(c)}${suffix}`, ...(json ? { json } : {}) });
  const feedOf = async (userId: string) => {
    const actor = await actorOf(h.db, userId);
    return execute(h.db, callerFor(actor!), issueCalendarFeed, {});
  };
  return {
    'GET /api/meetings': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'POST /api/meetings': { anonymous: 401, employee: 'ok', admin: 'ok', request: async (c) => ({ json: input(c.userId, []) }) },
    'POST /api/meetings/check': { anonymous: 401, employee: 'ok', admin: 'ok', request: async (c) => ({ json: input(c.userId, []) }) },
    'GET /api/meetings/{id}': { anonymous: 401, employee: 404, admin: 'ok', request: at('') },
    'PATCH /api/meetings/{id}': { anonymous: 401, employee: 404, admin: 'ok', request: at('', { topic: '矩阵会议（改）' }) },
    'POST /api/meetings/{id}/notice': { anonymous: 401, employee: 404, admin: 'ok', request: at('/notice', {}) },
    'POST /api/meetings/{id}/cancel': { anonymous: 401, employee: 404, admin: 'ok', request: at('/cancel', { reason: '矩阵取消' }) },
    'POST /api/meetings/{id}/replies': { anonymous: 401, employee: 404, admin: 'ok', request: at('/replies', { reply: 'accept' }) },
    'POST /api/meetings/{id}/remind': { anonymous: 401, employee: 404, admin: 'ok', request: at('/remind', {}) },
    'GET /api/meetings/{id}/notice.pdf': { anonymous: 401, employee: 404, admin: 'ok', request: at('/notice.pdf') },
    'GET /api/me/calendar-feed': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'POST /api/me/calendar-feed': { anonymous: 401, employee: 'ok', admin: 'ok', request: async () => ({ json: {} }) },
    'DELETE /api/me/calendar-feed': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async (c) => {
        if (c.role !== 'anonymous') await feedOf(c.userId);
        return {};
      },
    },
    /** The token is the credential: anyone holding a live one gets the feed, signed in or not. */
    'GET /api/calendar/feed/{token}': {
      anonymous: 'ok', employee: 'ok', admin: 'ok',
      request: async (c) => ({ url: `/api/calendar/feed/${(await feedOf(c.userId)).token}.ics` }),
    },
  };
}
