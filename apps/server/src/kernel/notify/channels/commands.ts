/** Managing notification channels (系统集成 → 通知渠道); secrets are traced by hash only (保密性原则). */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CreateChannelInput, UpdateChannelInput } from '@henji/contracts';
import { authorize } from '../../access/policy.ts';
import { defineCommand, type Ctx } from '../../command.ts';
import { conflict, forbidden, invalid, notFound } from '../../errors.ts';
import { diffOf } from '../../ledger/append.ts';
import { msg } from '../../messages.ts';
import { users } from '../../org/schema.ts';
import { requireNotifyManager } from '../policies.ts';
import { notificationChannels } from '../schema.ts';
import { enqueueDeliveries, writeBatch } from '../send.ts';
import { requireAllowedDestination } from '../../outbound/address-policy.ts';
import type { ChannelConfig, ChannelKind } from '../schema.ts';
import { configDiff, configOf, patchConfig } from './config.ts';

/** A robot's, SMS provider's or SMTP server's address must be one Henji may reach (outbound/address-policy.ts). */
async function requireAllowedChannel(kind: ChannelKind, config: ChannelConfig): Promise<void> {
  if ('host' in config) await requireAllowedDestination('config.host', config.host);
  else if ('url' in config) await requireAllowedDestination('config.url', config.url);
  else {
    // DingTalk and WeCom address the app's messages by AgentId; without it every message would be refused.
    if (kind !== 'feishu_app' && !config.agentId) throw invalid({ 'config.agentId': msg('notify.agent_id_required') });
    if (config.baseUrl) await requireAllowedDestination('config.baseUrl', config.baseUrl);
  }
}

export const createChannel = defineCommand('notify.createChannel', async (ctx, input: CreateChannelInput) => {
  requireNotifyManager(ctx.actor);
  await requireAllowedChannel(input.kind, configOf(input));
  const [row] = await ctx.tx
    .insert(notificationChannels)
    .values({
      id: randomUUID(),
      kind: input.kind,
      name: input.name,
      config: configOf(input),
      active: input.active ?? true,
      createdById: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  const { diff, confidential } = configDiff(row!.kind, null, row!.config);
  await ctx.trace({
    action: 'notification_channel.create',
    subjectType: 'notification_channel',
    subjectId: row!.id,
    diff: { ...diffOf(null, row!, ['kind', 'name', 'active']), ...diff },
    confidential,
  });
  return row!;
});

async function lockChannel(ctx: Ctx, id: string, action: string) {
  const [row] = await ctx.tx.select().from(notificationChannels).where(eq(notificationChannels.id, id)).for('update');
  if (!row) throw notFound('notification_channel');
  authorize(ctx.actor, action, 'notification_channel', row);
  return row;
}

/** Renames, pauses or re-configures a channel; a secret left out of the change stays as it was. */
export const updateChannel = defineCommand(
  'notify.updateChannel',
  async (ctx, { id, changes }: { id: string; changes: UpdateChannelInput }) => {
    const before = await lockChannel(ctx, id, 'update');
    const config = changes.config ? patchConfig(before.kind, before.config, changes.config) : before.config;
    if (changes.config) await requireAllowedChannel(before.kind, config);
    const { diff: settings, confidential } = configDiff(before.kind, before.config, config);
    const diff = { ...diffOf(before, changes, ['name', 'active']), ...settings };
    if (Object.keys(diff).length === 0) return before;
    const [after] = await ctx.tx
      .update(notificationChannels)
      .set({ ...(changes.name === undefined ? {} : { name: changes.name }), ...(changes.active === undefined ? {} : { active: changes.active }), config, updatedAt: ctx.now })
      .where(eq(notificationChannels.id, id))
      .returning();
    await ctx.trace({ action: 'notification_channel.update', subjectType: 'notification_channel', subjectId: id, diff, confidential });
    return after!;
  },
);

/**
 * Sends the `notify.test` template to the administrator themself through this channel, now, ignoring their own
 * preferences and quiet hours: the point is to see the channel work. They get it in their inbox as well.
 */
export const testChannel = defineCommand('notify.testChannel', async (ctx, { id }: { id: string }) => {
  const channel = await lockChannel(ctx, id, 'test');
  if (ctx.actor.kind !== 'user') throw forbidden(msg('notify.needs_user'));
  const [me] = await ctx.tx.select({ email: users.email, phone: users.phone }).from(users).where(eq(users.id, ctx.actor.userId));
  if (channel.kind === 'smtp' && !me?.email) throw conflict(msg('notify.test_needs_email'));
  if (channel.kind === 'sms' && !me?.phone) throw conflict(msg('notify.test_needs_phone'));

  await ctx.trace({ action: 'notification_channel.test', subjectType: 'notification_channel', subjectId: id });
  const batch = await writeBatch(ctx, {
    recipients: [ctx.actor.userId],
    template: 'notify.test',
    params: { channel: channel.name },
    subject: { type: 'notification_channel', id },
  });
  // The administrator testing is signed in, so active: their inbox row exists.
  const { batchId, written } = batch!;
  const notification = written[0]!;
  const [deliveryId] = await enqueueDeliveries(ctx.tx, [
    {
      payload: { notificationId: notification.id, batchId, channelId: id, kind: channel.kind, recipientId: ctx.actor.userId, test: true },
      runAt: ctx.now,
    },
  ]);
  return { notificationId: notification.id, deliveryId: deliveryId! };
});
