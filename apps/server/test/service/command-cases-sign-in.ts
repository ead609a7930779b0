/**
 * The command walker's cases for meeting sign-in and attendance (M2); merged into CASES in command-cases.ts. The
 * attendee rows belong to the meeting (SUBJECT_OF_ROW: `meeting_attendees`, and the attendance-closing job).
 */
import { now } from '../../src/kernel/clock.ts';
import { issueCode, signInKey } from '../../src/modules/meetings/sign-in/codes.ts';
import { closeAttendance, recordAttendance, signInToMeeting } from '../../src/modules/meetings/sign-in/commands.ts';
import { noticedMeeting } from '../flows/meeting-sign-in-context.ts';
import { callerFor, makeUser, systemCaller, type TestHenji } from '../harness.ts';
import { plan, type Case, type Subject } from './command-plan.ts';

const meetingSubject = (id: string): Subject => ({ type: 'meeting', id });

/** A noticed meeting with a recorder and two attendees, starting `inMinutes` from now (negative: under way), an hour long. */
async function meeting(h: TestHenji, inMinutes: number) {
  const [organiser, recorder, first, second] = [await makeUser(h), await makeUser(h), await makeUser(h), await makeUser(h)];
  const row = await noticedMeeting(h.db, {
    organiserId: organiser.row.id,
    chairId: organiser.row.id,
    recorderId: recorder.row.id,
    startsAt: new Date(now().getTime() + inMinutes * 60_000),
    attendees: [{ userId: first.row.id }, { userId: second.row.id }],
  });
  return { row, recorder: callerFor(recorder.actor), first: callerFor(first.actor), firstId: first.row.id, secondId: second.row.id };
}

export const SIGN_IN_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'meetings.signIn': async (h) => {
    const m = await meeting(h, 10);
    const code = issueCode(signInKey(), m.row.id, now()).code;
    return [plan('signs in with the room screen\'s code', signInToMeeting, m.first, { meetingId: m.row.id, code }, () => [meetingSubject(m.row.id)])];
  },
  'meetings.recordAttendance': async (h) => {
    const m = await meeting(h, -10);
    return [
      plan('the recorder signs someone in by hand', recordAttendance, m.recorder, { meetingId: m.row.id, userId: m.firstId, attendance: 'present', reason: '手机没电' }, () => [meetingSubject(m.row.id)]),
      plan('the recorder marks someone absent', recordAttendance, m.recorder, { meetingId: m.row.id, userId: m.secondId, attendance: 'absent', reason: '未到场' }, () => [meetingSubject(m.row.id)]),
    ];
  },
  'meetings.closeAttendance': async (h) => {
    const m = await meeting(h, -90);
    const input = { meetingId: m.row.id, endsAt: m.row.endsAt.toISOString() };
    return [
      plan('records the absent after the end', closeAttendance, systemCaller, input, () => [meetingSubject(m.row.id)]),
      plan('a second run finds nobody left', closeAttendance, systemCaller, input, () => [], { quiet: true }),
    ];
  },
};
