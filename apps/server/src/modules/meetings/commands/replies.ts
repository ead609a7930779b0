/**
 * 回复会议通知: an attendee accepts, declines with a reason (请假) or hands the seat to an active colleague who is not
 * invited yet (委托参会) — the delegate gets a row of their own (`delegatedFromId`) and the notice, the delegator's
 * reply becomes `delegated`. And 催办: the organiser (chair, recorder) reminds those who have not answered, at most
 * once an hour per meeting.
 */
import { and, eq, inArray, isNull, max } from 'drizzle-orm';
import { REMIND_INTERVAL_MINUTES, type MeetingReplyInput, type RemindInput } from '@henji/contracts';
import { can } from '../../../kernel/access/policy.ts';
import { beijingMinute } from '../../../kernel/clock.ts';
import { defineCommand } from '../../../kernel/command.ts';
import { conflict, forbidden, invalid } from '../../../kernel/errors.ts';
import { msg } from '../../../kernel/messages.ts';
import { users } from '../../../kernel/org/schema.ts';
import { notifyMeeting } from '../meeting-notices.ts';
import { meetingAttendees } from '../schema.ts';
import { lockMeeting, refuse } from './meetings.ts';

const REPLY_OF = { accept: 'accepted', decline: 'declined', delegate: 'delegated' } as const;

export const replyToMeeting = defineCommand('meetings.reply', async (ctx, input: MeetingReplyInput & { id: string }) => {
  const subject = await lockMeeting(ctx, input.id);
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw forbidden();
  const seat = subject.attendees.find((a) => a.userId === actor.userId);
  if (!can(actor, 'reply', 'meeting', subject)) {
    if (!seat) throw forbidden();
    throw conflict(msg('meetings.reply_not_allowed'));
  }
  const row = subject.row;
  const reply = REPLY_OF[input.reply];
  const reason = input.reply === 'accept' ? null : input.reason.trim();
  const [before] = await ctx.tx
    .select({ reply: meetingAttendees.reply, replyReason: meetingAttendees.replyReason })
    .from(meetingAttendees)
    .where(and(eq(meetingAttendees.meetingId, row.id), eq(meetingAttendees.userId, actor.userId)));

  let delegateId: string | null = null;
  if (input.reply === 'delegate') {
    if (input.userId === actor.userId) throw invalid({ userId: msg('meetings.delegate_self') });
    const [colleague] = await ctx.tx.select({ id: users.id, status: users.status }).from(users).where(eq(users.id, input.userId));
    if (!colleague || colleague.status !== 'active') throw invalid({ userId: msg('meetings.delegate_invalid') });
    if (subject.attendees.some((a) => a.userId === input.userId)) throw invalid({ userId: msg('meetings.delegate_already_invited') });
    delegateId = colleague.id;
    const [mine] = await ctx.tx
      .select({ required: meetingAttendees.required, materials: meetingAttendees.materials })
      .from(meetingAttendees)
      .where(and(eq(meetingAttendees.meetingId, row.id), eq(meetingAttendees.userId, actor.userId)));
    await ctx.tx.insert(meetingAttendees).values({
      meetingId: row.id,
      userId: delegateId,
      required: mine?.required ?? true,
      materials: mine?.materials ?? '',
      delegatedFromId: actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
  }
  await ctx.tx
    .update(meetingAttendees)
    .set({ reply, replyReason: reason, repliedAt: ctx.now, delegatedToId: delegateId, updatedAt: ctx.now })
    .where(and(eq(meetingAttendees.meetingId, row.id), eq(meetingAttendees.userId, actor.userId)));
  await ctx.trace({
    action: 'meeting.reply',
    subjectType: 'meeting',
    subjectId: row.id,
    diff: {
      reply: { before: before?.reply ?? 'pending', after: reply },
      ...(reason ? { reason: { before: before?.replyReason ?? null, after: reason } } : {}),
      ...(delegateId ? { delegatedToId: { after: delegateId } } : {}),
    },
    comment: reason,
  });
  if (delegateId) await notifyMeeting(ctx, row, [delegateId], 'meeting.delegated', { from: actor.displayName, reason: reason ?? '' });
  return { reply };
});

export const remindMeeting = defineCommand('meetings.remind', async (ctx, input: RemindInput & { id: string }) => {
  const subject = await lockMeeting(ctx, input.id);
  refuse(ctx, subject, 'remind', msg('meetings.remind_not_allowed'), true);
  const row = subject.row;
  const [last] = await ctx.tx.select({ at: max(meetingAttendees.remindedAt) }).from(meetingAttendees).where(eq(meetingAttendees.meetingId, row.id));
  const lastAt = last?.at ? new Date(last.at) : null;
  const nextAt = lastAt ? lastAt.getTime() + REMIND_INTERVAL_MINUTES * 60_000 : 0;
  if (nextAt > ctx.now.getTime()) throw conflict(msg('meetings.remind_too_soon', { at: beijingMinute(new Date(nextAt)) }));
  const silent = await ctx.tx
    .select({ userId: meetingAttendees.userId })
    .from(meetingAttendees)
    .where(and(eq(meetingAttendees.meetingId, row.id), eq(meetingAttendees.reply, 'pending'), eq(meetingAttendees.required, true), isNull(meetingAttendees.signedInAt)));
  const ids = silent.map((s) => s.userId);
  if (ids.length === 0) throw conflict(msg('meetings.remind_nobody'));
  await ctx.tx.update(meetingAttendees).set({ remindedAt: ctx.now, updatedAt: ctx.now }).where(and(eq(meetingAttendees.meetingId, row.id), inArray(meetingAttendees.userId, ids)));
  await ctx.trace({ action: 'meeting.remind', subjectType: 'meeting', subjectId: row.id, diff: { reminded: { after: ids } }, comment: input.message.trim() || null });
  await notifyMeeting(ctx, row, ids, 'meeting.reminder', { message: input.message.trim() });
  return { reminded: ids.length, remindedAt: ctx.now.toISOString() };
});
