/**
 * 取消会议: a meeting, or this and every later occurrence of its series, is called off with a reason. Its bookings are
 * released at once; when it was noticed, the SEQUENCE rises and the people are told (their calendars get a CANCEL).
 */
import { eq } from 'drizzle-orm';
import type { CancelMeetingInput } from '@henji/contracts';
import { defineCommand } from '../../../kernel/command.ts';
import { invalid } from '../../../kernel/errors.ts';
import { msg } from '../../../kernel/messages.ts';
import { meetings, type MeetingRow } from '../schema.ts';
import { lockMeeting, refuse, seatHolders, tellAbout } from './meetings.ts';
import { dropBooking, followingOccurrences } from './update-meeting.ts';

export const cancelMeeting = defineCommand('meetings.cancel', async (ctx, input: CancelMeetingInput & { id: string }) => {
  const subject = await lockMeeting(ctx, input.id);
  refuse(ctx, subject, 'cancel', msg('meetings.not_cancellable'));
  const anchor = subject.row;
  if (input.scope === 'following' && !anchor.seriesId) throw invalid({ scope: msg('meetings.not_in_series') });
  const targets = input.scope === 'following' ? await followingOccurrences(ctx, anchor) : [anchor];
  const reason = input.reason.trim();
  const cancelled: MeetingRow[] = [];
  const told = new Set<string>();
  for (const row of targets) {
    await dropBooking(ctx, row.bookingId, reason);
    const noticed = row.status === 'noticed';
    if (noticed) for (const id of await seatHolders(ctx, row.id)) told.add(id);
    const [saved] = await ctx.tx
      .update(meetings)
      .set({ status: 'cancelled', cancelledAt: ctx.now, cancelReason: reason, noticeSequence: row.noticeSequence + (noticed ? 1 : 0), updatedAt: ctx.now })
      .where(eq(meetings.id, row.id))
      .returning();
    await ctx.trace({
      action: 'meeting.cancel',
      subjectType: 'meeting',
      subjectId: row.id,
      diff: { status: { before: row.status, after: 'cancelled' }, scope: { after: input.scope }, ...(noticed ? { noticeSequence: { before: row.noticeSequence, after: saved!.noticeSequence } } : {}) },
      comment: reason,
    });
    if (noticed) cancelled.push(saved!);
  }
  await tellAbout(ctx, cancelled, [...told], 'meeting.cancelled', { reason });
  return { ids: targets.map((t) => t.id) };
});
