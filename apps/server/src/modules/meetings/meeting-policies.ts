/**
 * Who may see and do what with a meeting (K4, issue 11 "must hold"). A meeting is read only by its organiser, chair,
 * recorder and attendees (a delegate included), by members of the departments the approved minutes were sent to, and
 * by administrators and the audit department; everyone else gets 404. What each person may do depends on their part
 * in the meeting and on where it stands: the notice, the replies, the sign-in window, the minutes' review.
 *
 * Rules read the clock through `now()` (the injected clock), as the booking policy does, because "until the meeting
 * ends" is part of the rule.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { MinutesStatus } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { Actor, UserActor } from '../../kernel/actor.ts';
import { definePolicy, hasRole } from '../../kernel/access/policy.ts';
import { now } from '../../kernel/clock.ts';
import { notFound } from '../../kernel/errors.ts';
import { isUuid } from '../../kernel/ledger/describe.ts';
import { registerSubjectLoader } from '../../kernel/ledger/subjects.ts';
import { meetingAttendees, meetingMinutes, meetings, type MeetingAttendeeRow, type MeetingRow } from './schema.ts';

/** How early before the start an attendee may sign in, and how long after the start one counts as on time. */
export const SIGN_IN_OPENS_BEFORE_MS = 30 * 60_000;
export const LATE_AFTER_MS = 5 * 60_000;

export interface MeetingSubject {
  row: MeetingRow;
  attendees: Pick<MeetingAttendeeRow, 'userId' | 'reply' | 'delegatedToId' | 'signedInAt'>[];
  minutesStatus: MinutesStatus | null;
  /** The last approved minutes version: it stays distributed and readable while a revision is under way. */
  approvedVersion: number | null;
  /** Departments the approved minutes went to (the invited departments and any added at approval). */
  distributionDepartmentIds: string[];
}

const administers = (actor: Actor) => hasRole(actor, 'admin');
const isOrganiser = (actor: UserActor, s: MeetingSubject) => actor.userId === s.row.organiserId;
const isChair = (actor: UserActor, s: MeetingSubject) => actor.userId === s.row.chairId;
const isRecorder = (actor: UserActor, s: MeetingSubject) => actor.userId === s.row.recorderId;
const attendeeRow = (actor: UserActor, s: MeetingSubject) => s.attendees.find((a) => a.userId === actor.userId);
/** Asked to attend and has not handed the seat to someone else. */
const attends = (actor: UserActor, s: MeetingSubject) => {
  const row = attendeeRow(actor, s);
  return row !== undefined && row.reply !== 'delegated';
};
const takesPart = (actor: UserActor, s: MeetingSubject) => isOrganiser(actor, s) || isChair(actor, s) || isRecorder(actor, s) || attendeeRow(actor, s) !== undefined;

const live = (s: MeetingSubject) => s.row.status !== 'cancelled';
const noticed = (s: MeetingSubject) => s.row.status === 'noticed';
const notEnded = (s: MeetingSubject) => s.row.endsAt.getTime() > now().getTime();
const started = (s: MeetingSubject) => s.row.startsAt.getTime() <= now().getTime();
/** From half an hour before the start until the end. */
const signInOpen = (s: MeetingSubject) => {
  const t = now().getTime();
  return t >= s.row.startsAt.getTime() - SIGN_IN_OPENS_BEFORE_MS && t < s.row.endsAt.getTime();
};
/** Approved minutes exist (a revision under way leaves the approved version distributed). */
const minutesApproved = (s: MeetingSubject) => s.approvedVersion !== null;
const organises = (actor: UserActor, s: MeetingSubject) => isOrganiser(actor, s) || administers(actor);

export function mayReadMeeting(actor: UserActor, s: MeetingSubject): boolean {
  if (takesPart(actor, s) || administers(actor) || hasRole(actor, 'audit')) return true;
  return minutesApproved(s) && actor.departmentId !== null && s.distributionDepartmentIds.includes(actor.departmentId);
}

export const meetingPolicy = definePolicy<MeetingSubject>('meeting', {
  read: mayReadMeeting,
  /** Change the meeting (time, place, people, agenda) until it ends. */
  update: (actor, s) => live(s) && notEnded(s) && organises(actor, s),
  cancel: (actor, s) => live(s) && notEnded(s) && organises(actor, s),
  /** Send the notice, or send it again after a change. */
  send_notice: (actor, s) => live(s) && notEnded(s) && organises(actor, s),
  /** Remind those who have not answered. */
  remind: (actor, s) => noticed(s) && notEnded(s) && (organises(actor, s) || isChair(actor, s) || isRecorder(actor, s)),
  /** Confirm, decline with a reason, or delegate attendance (委托参会). */
  reply: (actor, s) => noticed(s) && notEnded(s) && attends(actor, s) && attendeeRow(actor, s)?.signedInAt == null,
  /** Sign in with the room screen's code. */
  sign_in: (actor, s) => noticed(s) && signInOpen(s) && attends(actor, s) && attendeeRow(actor, s)?.signedInAt == null,
  /** Show the rotating sign-in code (the room screen). */
  show_sign_in_code: (actor, s) => noticed(s) && signInOpen(s) && (organises(actor, s) || isChair(actor, s) || isRecorder(actor, s)),
  /** 补签 / mark late or absent by hand, with a reason: the recorder (and the chair), from the start until the minutes are approved. */
  record_attendance: (actor, s) => noticed(s) && (signInOpen(s) || started(s)) && !minutesApproved(s) && (isRecorder(actor, s) || isChair(actor, s)),
  /** Write and submit the minutes, and revise approved ones: the recorder, once the meeting has started. */
  write_minutes: (actor, s) => noticed(s) && started(s) && isRecorder(actor, s) && s.minutesStatus !== 'submitted',
  /** Approve or return the submitted minutes: the chair. */
  review_minutes: (actor, s) => s.minutesStatus === 'submitted' && isChair(actor, s),
  /** Feedback on approved minutes, within the window (the window is checked by the command). */
  feedback: (actor, s) => minutesApproved(s) && mayReadMeeting(actor, s),
});

/**
 * `onlyAttendee`: load that person's attendee row only — all the rules look at when that person acts — so that one
 * attendee signing in to a meeting of 500 does not read the other 499 rows. Such a subject answers for that person only.
 */
export async function loadMeetingSubject(q: Queryable, id: string, onlyAttendee?: string): Promise<MeetingSubject | null> {
  if (!isUuid(id)) return null;
  const [row] = await q.select().from(meetings).where(eq(meetings.id, id));
  if (!row) return null;
  return (await meetingSubjectsOf(q, [row], onlyAttendee))[0]!;
}

/** The subjects of several meeting rows at once (a list page's allowed actions): two queries, whatever the count. */
export async function meetingSubjectsOf(q: Queryable, rows: MeetingRow[], onlyAttendee?: string): Promise<MeetingSubject[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [attendees, minutes] = await Promise.all([
    q
      .select({ meetingId: meetingAttendees.meetingId, userId: meetingAttendees.userId, reply: meetingAttendees.reply, delegatedToId: meetingAttendees.delegatedToId, signedInAt: meetingAttendees.signedInAt })
      .from(meetingAttendees)
      .where(onlyAttendee === undefined ? inArray(meetingAttendees.meetingId, ids) : and(inArray(meetingAttendees.meetingId, ids), eq(meetingAttendees.userId, onlyAttendee))),
    q
      .select({ meetingId: meetingMinutes.meetingId, status: meetingMinutes.status, approvedVersion: meetingMinutes.approvedVersion, departments: meetingMinutes.distributionDepartmentIds })
      .from(meetingMinutes)
      .where(inArray(meetingMinutes.meetingId, ids)),
  ]);
  return rows.map((row) => {
    const m = minutes.find((x) => x.meetingId === row.id);
    return {
      row,
      attendees: attendees.filter((a) => a.meetingId === row.id).map(({ userId, reply, delegatedToId, signedInAt }) => ({ userId, reply, delegatedToId, signedInAt })),
      minutesStatus: m?.status ?? null,
      approvedVersion: m?.approvedVersion ?? null,
      distributionDepartmentIds: [...new Set([...row.departmentIds, ...(m?.departments ?? [])])],
    };
  });
}

/**
 * A meeting the actor may read, or 404 (the same answer as a meeting that does not exist). `ownRowOnly`: the subject
 * holds only the actor's own attendee row (see loadMeetingSubject), for a command that acts on it alone.
 */
export async function readableMeeting(q: Queryable, actor: Actor, id: string, options: { ownRowOnly?: boolean } = {}): Promise<MeetingSubject> {
  const subject = await loadMeetingSubject(q, id, options.ownRowOnly && actor.kind === 'user' ? actor.userId : undefined);
  if (!subject || (actor.kind === 'user' && !mayReadMeeting(actor, subject))) throw notFound('meeting');
  return subject;
}

registerSubjectLoader('meeting', loadMeetingSubject);
