/** Marking one's notifications read (站内通知). */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { defineCommand } from '../command.ts';
import { forbidden } from '../errors.ts';
import { msg } from '../messages.ts';
import { notifications } from './schema.ts';

export type MarkReadInput = { ids: readonly string[]; all?: undefined } | { all: true; ids?: undefined };

/**
 * Marks the reader's own unread notifications read: the given ones, or all. Ids of someone else's notifications, or
 * of ones already read, are passed over. One trace about the reader lists what was marked; nothing to mark, no trace.
 */
export const markNotificationsRead = defineCommand('notify.markRead', async (ctx, input: MarkReadInput) => {
  if (ctx.actor.kind !== 'user') throw forbidden(msg('notify.needs_user'));
  const mine = and(eq(notifications.recipientId, ctx.actor.userId), isNull(notifications.readAt));
  const which = input.all ? mine : and(mine, inArray(notifications.id, [...new Set(input.ids)]));
  const marked = await ctx.tx.update(notifications).set({ readAt: ctx.now }).where(which).returning({ id: notifications.id });
  if (marked.length === 0) return { marked: 0 };
  await ctx.trace({
    action: 'notification.read',
    subjectType: 'user',
    subjectId: ctx.actor.userId,
    diff: { notifications: { after: marked.map((m) => m.id).sort() } },
  });
  return { marked: marked.length };
});
