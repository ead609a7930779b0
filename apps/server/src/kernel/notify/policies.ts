import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { definePolicy, hasPermission } from '../access/policy.ts';
import { notFound } from '../errors.ts';
import { registerSubjectLoader } from '../ledger/subjects.ts';
import { notificationChannels, notifications } from './schema.ts';

const manager = (actor: Actor) => hasPermission(actor, 'notify.manage');

/**
 * For the routes without a single channel to authorise (the channel list, create, the delivery log): they are
 * invisible to whoever may not manage notifications, the same not_found as for one channel.
 */
export function requireNotifyManager(actor: Actor): void {
  if (!manager(actor)) throw notFound('notification_channel');
}

/** A notification batch (one notify() call) is readable by its recipients; its trace as well. */
export const notificationPolicy = definePolicy<{ recipientIds: readonly string[] }>('notification', {
  read: (actor, batch) => batch.recipientIds.includes(actor.userId),
});

/** Channels are system settings: administrators only. A paused channel can still be tested before it is enabled. */
export const notificationChannelPolicy = definePolicy<{ active: boolean }>('notification_channel', {
  read: (actor) => manager(actor),
  update: (actor) => manager(actor),
  test: (actor) => manager(actor),
});

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

registerSubjectLoader('notification', async (q, id) => {
  if (!isUuid(id)) return null;
  const rows = await q.select({ recipientId: notifications.recipientId }).from(notifications).where(eq(notifications.batchId, id));
  return rows.length === 0 ? null : { recipientIds: rows.map((r) => r.recipientId) };
});

registerSubjectLoader('notification_channel', async (q, id) =>
  isUuid(id) ? ((await q.select().from(notificationChannels).where(eq(notificationChannels.id, id)))[0] ?? null) : null,
);
