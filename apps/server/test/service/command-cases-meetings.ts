/**
 * The command walker's cases for meetings (M1): arranging (with a room, and a series), the notice, changes, the
 * cancellation, replies, reminders and the calendar feed; merged into CASES in command-cases.ts.
 */
import { MeetingInput, type MeetingInputDraft } from '@henji/contracts';
import { execute, type Caller } from '../../src/kernel/command.ts';
import { cancelMeeting } from '../../src/modules/meetings/commands/cancel-meeting.ts';
import { issueCalendarFeed, revokeCalendarFeed } from '../../src/modules/meetings/commands/feeds.ts';
import { createMeeting, sendNotice } from '../../src/modules/meetings/commands/meetings.ts';
import { remindMeeting, replyToMeeting } from '../../src/modules/meetings/commands/replies.ts';
import { createRoom } from '../../src/modules/meetings/commands/rooms.ts';
import { updateMeeting } from '../../src/modules/meetings/commands/update-meeting.ts';
import { callerFor, makeUser, unique, type TestHenji } from '../harness.ts';
import { plan, type Case, type Subject } from './command-plan.ts';

const meeting = (id: string): Subject => ({ type: 'meeting', id });

let day = 0;
/** A fresh one-hour slot on a future working morning (the suites' clock is in June 2026). */
const slot = () => {
  const start = new Date(Date.UTC(2026, 8, 1, 1, 0) + day++ * 86_400_000);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() };
};

interface People {
  organiser: Caller;
  chair: Caller;
  attendee: Caller;
  chairId: string;
  attendeeId: string;
  colleagueId: string;
}

async function people(h: TestHenji): Promise<People> {
  const [organiser, chair, attendee, colleague] = [await makeUser(h), await makeUser(h), await makeUser(h), await makeUser(h)];
  return {
    organiser: callerFor(organiser.actor),
    chair: callerFor(chair.actor),
    attendee: callerFor(attendee.actor),
    chairId: chair.row.id,
    attendeeId: attendee.row.id,
    colleagueId: colleague.row.id,
  };
}

const input = (p: People, fields: Partial<MeetingInputDraft> = {}) =>
  MeetingInput.parse({ topic: '部门周例会', kind: 'department_weekly', chairId: p.chairId, recorderId: p.chairId, attendees: [{ userId: p.attendeeId }], ...slot(), ...fields });

async function arranged(h: TestHenji, p: People, fields: Partial<MeetingInputDraft> = { sendNotice: true }) {
  return execute(h.db, p.organiser, createMeeting, input(p, fields));
}

async function room(h: TestHenji): Promise<string> {
  const keeper = callerFor((await makeUser(h, { roles: ['custodian'] })).actor);
  const r = await execute(h.db, keeper, createRoom, { name: unique('会议室'), location: '', capacity: 10, fixedEquipment: [], bookableBy: 'everyone', departmentIds: [], approvalRequired: false });
  return r.id;
}

export const MEETING_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'meetings.create': async (h) => {
    const p = await people(h);
    const roomId = await room(h);
    return [
      plan('arranges a meeting in a room and sends the notice', createMeeting, p.organiser, input(p, { roomId, sendNotice: true }), (r) => [meeting(r.id)]),
      plan('arranges a weekly series as drafts', createMeeting, p.organiser, input(p, { recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' } }), (r) => [
        ...r.ids.map(meeting),
        { type: 'meeting_series', id: r.seriesId! },
      ]),
    ];
  },
  'meetings.sendNotice': async (h) => {
    const p = await people(h);
    const m = await arranged(h, p, {});
    return [plan('sends the notice of a draft', sendNotice, p.organiser, { id: m.id, scope: 'this' }, () => [meeting(m.id)])];
  },
  'meetings.update': async (h) => {
    const p = await people(h);
    const roomId = await room(h);
    const m = await arranged(h, p, { roomId, sendNotice: true });
    const later = slot();
    return [
      plan('moves a noticed meeting and its booking, and adds someone', updateMeeting, p.organiser, { id: m.id, patch: { ...later, attendees: [{ userId: p.attendeeId, required: true, materials: '' }, { userId: p.colleagueId, required: false, materials: '' }], overrides: {}, scope: 'this' } }, () => [meeting(m.id)]),
      plan('the same again changes nothing', updateMeeting, p.organiser, { id: m.id, patch: { ...later, overrides: {}, scope: 'this' } }, () => [], { quiet: true }),
    ];
  },
  'meetings.cancel': async (h) => {
    const p = await people(h);
    const m = await arranged(h, p, { roomId: await room(h), sendNotice: true });
    return [plan('cancels with a reason and frees the room', cancelMeeting, p.organiser, { id: m.id, reason: '改期', scope: 'this' }, () => [meeting(m.id)])];
  },
  'meetings.reply': async (h) => {
    const p = await people(h);
    const m = await arranged(h, p);
    return [
      plan('the chair accepts', replyToMeeting, p.chair, { id: m.id, reply: 'accept' }, () => [meeting(m.id)]),
      plan('an attendee delegates to a colleague', replyToMeeting, p.attendee, { id: m.id, reply: 'delegate', userId: p.colleagueId, reason: '出差' }, () => [meeting(m.id)]),
    ];
  },
  'meetings.remind': async (h) => {
    const p = await people(h);
    const m = await arranged(h, p);
    return [plan('reminds those who have not answered', remindMeeting, p.organiser, { id: m.id, message: '' }, () => [meeting(m.id)])];
  },
  'meetings.issueCalendarFeed': async (h) => {
    const p = await people(h);
    await execute(h.db, p.attendee, issueCalendarFeed, {});
    return [plan('issues a new feed, revoking the earlier one', issueCalendarFeed, p.attendee, {}, (r) => [{ type: 'calendar_feed', id: r.id }])];
  },
  'meetings.revokeCalendarFeed': async (h) => {
    const p = await people(h);
    const issued = await execute(h.db, p.attendee, issueCalendarFeed, {});
    return [plan('revokes my feed', revokeCalendarFeed, p.attendee, {}, () => [{ type: 'calendar_feed', id: issued.id }])];
  },
};
