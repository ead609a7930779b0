/**
 * Sign-in and attendance (签到, M2): an attendee signs in with the room screen's code (present, or late after the start
 * plus LATE_AFTER_MS); the recorder or the chair signs someone in by hand (补签) or marks them late or absent, always
 * with a reason; after the end, a durable job records as absent every required attendee who neither signed in nor
 * declined. Each is a traced command on the meeting.
 */
import { and, eq, isNull, notInArray } from 'drizzle-orm';
import type { AttendanceInput, MeetingAttendance, SignInResult } from '@henji/contracts';
import { noRequest, systemActor } from '../../../kernel/actor.ts';
import { authorize } from '../../../kernel/access/policy.ts';
import { beijingMinute } from '../../../kernel/clock.ts';
import { defineCommand, executeIn, type Ctx } from '../../../kernel/command.ts';
import { conflict, DomainError, forbidden, invalid } from '../../../kernel/errors.ts';
import { registerJobHandler } from '../../../kernel/jobs/handlers.ts';
import { enqueue } from '../../../kernel/jobs/queue.ts';
import { msg, type Message } from '../../../kernel/messages.ts';
import { LATE_AFTER_MS, readableMeeting, SIGN_IN_OPENS_BEFORE_MS, type MeetingSubject } from '../meeting-policies.ts';
import { meetingAttendees, meetings, type MeetingAttendeeRow, type MeetingRow } from '../schema.ts';
import { checkCode, signInKey } from './codes.ts';

/** Why sign-in is not open for this meeting at `at`, or null when it is (from half an hour before the start to the end). */
export function signInClosedReason(meeting: MeetingRow, at: Date): Message | null {
  if (meeting.status === 'cancelled') return msg('meetings.sign_in.cancelled');
  if (meeting.status !== 'noticed') return msg('meetings.sign_in.not_noticed');
  const opensAt = meeting.startsAt.getTime() - SIGN_IN_OPENS_BEFORE_MS;
  if (at.getTime() < opensAt) return msg('meetings.sign_in.not_open', { at: beijingMinute(new Date(opensAt)) });
  if (at.getTime() >= meeting.endsAt.getTime()) return msg('meetings.sign_in.closed');
  return null;
}

export function ensureSignInOpen(subject: MeetingSubject, at: Date): void {
  const reason = signInClosedReason(subject.row, at);
  if (reason) throw conflict(reason);
}

/** 准时 until the start plus LATE_AFTER_MS, 迟到 after. */
export const attendanceAt = (meeting: MeetingRow, at: Date): MeetingAttendance =>
  at.getTime() > meeting.startsAt.getTime() + LATE_AFTER_MS ? 'late' : 'present';

async function lockAttendee(ctx: Ctx, meetingId: string, userId: string): Promise<MeetingAttendeeRow | undefined> {
  const [row] = await ctx.tx
    .select()
    .from(meetingAttendees)
    .where(and(eq(meetingAttendees.meetingId, meetingId), eq(meetingAttendees.userId, userId)))
    .for('update');
  return row;
}

async function saveAttendee(ctx: Ctx, meetingId: string, userId: string, changes: Partial<MeetingAttendeeRow>): Promise<MeetingAttendeeRow> {
  const [row] = await ctx.tx
    .update(meetingAttendees)
    .set({ ...changes, updatedAt: ctx.now })
    .where(and(eq(meetingAttendees.meetingId, meetingId), eq(meetingAttendees.userId, userId)))
    .returning();
  return row!;
}

function alreadySignedIn(at: Date): DomainError {
  const already = msg('meetings.sign_in.already', { at: beijingMinute(at) });
  return conflict(already, { fields: { code: [already] }, reason: 'already_signed_in', signedInAt: at.toISOString() });
}

export const signInToMeeting = defineCommand('meetings.signIn', async (ctx, input: { meetingId: string; code: string }): Promise<SignInResult> => {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw forbidden(msg('meetings.sign_in.needs_user'));
  // Only the attendee's own row: a meeting of 500 is signed into 500 times.
  const subject = await readableMeeting(ctx.tx, actor, input.meetingId, { ownRowOnly: true });
  const meeting = subject.row;
  const check = checkCode(signInKey(), meeting.id, input.code, ctx.now);
  if (!check.ok) {
    const problem = msg(`meetings.sign_in.code_${check.problem}`);
    throw new DomainError('validation_failed', problem, { fields: { code: [problem] }, reason: check.problem });
  }
  ensureSignInOpen(subject, ctx.now);
  const own = subject.attendees.find((a) => a.userId === actor.userId);
  if (!own || own.reply === 'delegated') throw forbidden(msg('meetings.sign_in.not_attendee'));
  // The same person again (a second scan, a replayed request): told when they signed in, nothing changes.
  if (own.signedInAt) throw alreadySignedIn(own.signedInAt);
  authorize(actor, 'sign_in', 'meeting', subject);
  const attendance = attendanceAt(meeting, ctx.now);
  // Only while not signed in: of two scans at the same moment one updates the row, the other finds it signed in.
  const [saved] = await ctx.tx
    .update(meetingAttendees)
    .set({ attendance, signedInAt: ctx.now, signInMethod: 'qr', signedInById: null, signInReason: null, updatedAt: ctx.now })
    .where(and(eq(meetingAttendees.meetingId, meeting.id), eq(meetingAttendees.userId, actor.userId), isNull(meetingAttendees.signedInAt)))
    .returning({ userId: meetingAttendees.userId });
  if (!saved) {
    const row = await lockAttendee(ctx, meeting.id, actor.userId);
    throw alreadySignedIn(row?.signedInAt ?? ctx.now);
  }
  ctx.traceSoon({
    action: 'meeting.sign_in',
    subjectType: 'meeting',
    subjectId: meeting.id,
    diff: {
      attendee: { after: actor.userId },
      attendance: { after: attendance },
      checkInMethod: { after: 'qr' },
      signedInAt: { after: ctx.now.toISOString() },
    },
  });
  return { meetingId: meeting.id, topic: meeting.topic, attendance, signedInAt: ctx.now.toISOString() };
});

export const recordAttendance = defineCommand('meetings.recordAttendance', async (ctx, input: AttendanceInput & { meetingId: string }) => {
  const subject = await readableMeeting(ctx.tx, ctx.actor, input.meetingId);
  const meeting = subject.row;
  if (meeting.status !== 'noticed') throw conflict(msg(meeting.status === 'cancelled' ? 'meetings.sign_in.cancelled' : 'meetings.sign_in.not_noticed'));
  const opensAt = meeting.startsAt.getTime() - SIGN_IN_OPENS_BEFORE_MS;
  if (ctx.now.getTime() < opensAt) throw conflict(msg('meetings.sign_in.not_open', { at: beijingMinute(new Date(opensAt)) }));
  if (subject.approvedVersion !== null) throw conflict(msg('meetings.attendance.sheet_locked'));
  authorize(ctx.actor, 'record_attendance', 'meeting', subject);
  const row = await lockAttendee(ctx, meeting.id, input.userId);
  if (!row) throw invalid({ userId: msg('meetings.attendance.not_attendee') });
  if (row.reply === 'delegated') throw invalid({ userId: msg('meetings.attendance.delegated') });
  if (row.attendance === input.attendance) throw conflict(msg('meetings.attendance.unchanged'));
  const recorder = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const reason = input.reason.trim();
  const signedIn = input.attendance !== 'absent';
  const saved = await saveAttendee(ctx, meeting.id, input.userId, {
    attendance: input.attendance,
    // 补签 keeps the time and way of an earlier sign-in (marking a QR sign-in late changes only the attendance).
    signedInAt: signedIn ? (row.signedInAt ?? ctx.now) : null,
    signInMethod: signedIn ? (row.signInMethod ?? 'manual') : null,
    signedInById: recorder,
    signInReason: reason,
  });
  await ctx.trace({
    action: 'meeting.attendance',
    subjectType: 'meeting',
    subjectId: meeting.id,
    diff: {
      attendee: { after: input.userId },
      attendance: { before: row.attendance, after: input.attendance },
      ...(saved.signInMethod !== row.signInMethod ? { checkInMethod: { before: row.signInMethod, after: saved.signInMethod } } : {}),
    },
    comment: reason,
  });
  return saved;
});

/** The job that closes the attendance of a meeting when it ends. */
export const ATTENDANCE_CLOSE_JOB = 'meeting.attendance_close';

interface AttendanceClosePayload extends Record<string, unknown> {
  meetingId: string;
  /** The end the job was queued for: a meeting moved since has its own job, and this one does nothing. */
  endsAt: string;
}

/**
 * Queues the closing of the attendance at the meeting's end, in the caller's transaction: sending the notice and
 * moving the meeting call it (a moved meeting's earlier job finds another end and does nothing).
 */
export async function queueAttendanceClose(ctx: Ctx, meeting: Pick<MeetingRow, 'id' | 'endsAt'>): Promise<void> {
  await enqueue(ctx.tx, ATTENDANCE_CLOSE_JOB, { meetingId: meeting.id, endsAt: meeting.endsAt.toISOString() } satisfies AttendanceClosePayload, { runAt: meeting.endsAt });
}

/**
 * Records as absent (缺席) every required attendee who neither signed in, declined nor delegated, nor was recorded
 * by hand. Idempotent: a second run finds nobody left and writes nothing.
 */
export const closeAttendance = defineCommand('meetings.closeAttendance', async (ctx, input: AttendanceClosePayload): Promise<{ absent: string[] }> => {
  const [meeting] = await ctx.tx.select().from(meetings).where(eq(meetings.id, input.meetingId)).for('update');
  if (!meeting || meeting.status !== 'noticed' || meeting.endsAt.toISOString() !== input.endsAt || ctx.now.getTime() < meeting.endsAt.getTime()) return { absent: [] };
  const marked = await ctx.tx
    .update(meetingAttendees)
    .set({ attendance: 'absent', updatedAt: ctx.now })
    .where(
      and(
        eq(meetingAttendees.meetingId, meeting.id),
        eq(meetingAttendees.required, true),
        isNull(meetingAttendees.signedInAt),
        isNull(meetingAttendees.attendance),
        notInArray(meetingAttendees.reply, ['declined', 'delegated']),
      ),
    )
    .returning({ userId: meetingAttendees.userId });
  const absent = marked.map((r) => r.userId).sort();
  if (absent.length > 0) {
    await ctx.trace({ action: 'meeting.attendance_close', subjectType: 'meeting', subjectId: meeting.id, diff: { absent: { after: absent } } });
  }
  return { absent };
});

registerJobHandler(ATTENDANCE_CLOSE_JOB, {
  mode: 'transactional',
  run: async (tx, job) => {
    await executeIn(tx, { actor: systemActor('meeting-attendance'), meta: noRequest }, closeAttendance, job.payload as AttendanceClosePayload);
  },
});
