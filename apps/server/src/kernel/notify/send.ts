/**
 * `notify()`: called inside another area's command (a task assigned, a reminder, an escalation …), in its
 * transaction. It writes one inbox row per recipient and ONE trace for the batch, and enqueues one `notify.deliver`
 * job per (recipient, external channel) the recipient wants and an administrator has enabled, so the messages exist
 * exactly when the change that caused them commits.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { Ctx } from '../command.ts';
import { jobs } from '../jobs/schema.ts';
import { users } from '../org/schema.ts';
import { isRobot } from './channels/config.ts';
import { DELIVER_JOB, type DeliveryPayload } from './delivery-job.ts';
import { choicesOf } from './preferences.ts';
import { quietUntil } from './quiet-hours.ts';
import { notificationChannels, notificationPreferences, notifications, type ChannelKind } from './schema.ts';
import { checkTemplate, type NotificationParams, type NotificationTemplateKey } from './templates.ts';

export interface NotifyInput {
  recipients: readonly string[];
  template: NotificationTemplateKey;
  params: NotificationParams;
  /** A path of the web app that the notification opens, such as /applications/<id>. */
  link?: string | null;
  /** What the notification is about: a task, an application … */
  subject: { type: string; id: string };
  /** Urgent messages ignore quiet hours and also go by SMS where possible (紧急情况电话通知). */
  urgent?: boolean;
}

export interface NotifyResult {
  batchId: string;
  notifications: { id: string; recipientId: string }[];
  deliveryIds: string[];
}

/**
 * How many attempts an external delivery gets: the runner's backoff waits 2 s, 4 s … about 34 min between them, so a
 * mail server down for an hour still gets the message; after that the delivery is `failed` in the log.
 */
const MAX_ATTEMPTS = 12;

/** Sends a notification; null (and nothing written) when no recipient is an active user. */
export async function notify(ctx: Ctx, input: NotifyInput): Promise<NotifyResult | null> {
  checkTemplate(input.template, input.params);
  const ids = [...new Set(input.recipients)];
  if (ids.length === 0) return null;
  const recipients = await ctx.tx
    .select({ id: users.id, email: users.email, phone: users.phone })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.status, 'active')));
  if (recipients.length === 0) return null;

  const { batchId, rows } = await writeBatch(ctx, input, recipients.map((r) => r.id));
  const deliveries = await planDeliveries(ctx.tx, ctx.now, batchId, input.urgent ?? false, recipients, rows);
  const deliveryIds = await enqueueDeliveries(ctx.tx, deliveries);
  return { batchId, notifications: rows.map((r) => ({ id: r.id, recipientId: r.recipientId })), deliveryIds };
}

/** The inbox rows of one batch and its one trace; shared by notify() and the channel test. */
export async function writeBatch(ctx: Ctx, input: NotifyInput, recipientIds: readonly string[]) {
  const batchId = randomUUID();
  const rows = recipientIds.map((recipientId) => ({
    id: randomUUID(),
    batchId,
    recipientId,
    template: input.template,
    params: { ...input.params },
    link: input.link ?? null,
    subjectType: input.subject.type,
    subjectId: input.subject.id,
    urgent: input.urgent ?? false,
    createdAt: ctx.now,
  }));
  await ctx.tx.insert(notifications).values(rows);
  await ctx.trace({
    action: 'notification.send',
    subjectType: 'notification',
    subjectId: batchId,
    diff: {
      template: { after: input.template },
      recipients: { after: recipientIds },
      about: { after: `${input.subject.type}:${input.subject.id}` },
      urgent: { after: input.urgent ?? false },
    },
  });
  return { batchId, rows };
}

export interface PlannedDelivery {
  payload: DeliveryPayload;
  runAt: Date;
}

const CHANNEL_OF_CHOICE = { email: 'smtp', wecom: 'wecom', dingtalk: 'dingtalk', feishu: 'feishu', sms: 'sms' } as const;

/**
 * Which channels reach each recipient: those they chose and an administrator enabled (email needs their address,
 * SMS their phone); an urgent message goes by SMS as well, chosen or not. Email and SMS use the oldest enabled channel
 * of their kind (one mail per person); every enabled robot posts, since each speaks to its own group — once per batch
 * and moment, naming everyone it is for (a 会签 of three is one message in the group, not three identical ones).
 */
async function planDeliveries(
  tx: Tx,
  now: Date,
  batchId: string,
  urgent: boolean,
  recipients: { id: string; email: string | null; phone: string | null }[],
  rows: { id: string; recipientId: string }[],
): Promise<PlannedDelivery[]> {
  const channels = await tx
    .select({ id: notificationChannels.id, kind: notificationChannels.kind })
    .from(notificationChannels)
    .where(eq(notificationChannels.active, true))
    .orderBy(asc(notificationChannels.createdAt), asc(notificationChannels.id));
  if (channels.length === 0) return [];
  const byKind = (kind: ChannelKind) => {
    const of = channels.filter((c) => c.kind === kind);
    return kind === 'smtp' || kind === 'sms' ? of.slice(0, 1) : of;
  };
  const preferences = await tx
    .select()
    .from(notificationPreferences)
    .where(inArray(notificationPreferences.userId, recipients.map((r) => r.id)));
  const preferenceOf = new Map(preferences.map((p) => [p.userId, p]));
  const notificationOf = new Map(rows.map((r) => [r.recipientId, r.id]));

  const planned: PlannedDelivery[] = [];
  for (const recipient of recipients) {
    const preference = preferenceOf.get(recipient.id);
    const choices = choicesOf(preference);
    const kinds = new Set<ChannelKind>(
      (Object.keys(CHANNEL_OF_CHOICE) as (keyof typeof CHANNEL_OF_CHOICE)[]).filter((c) => choices[c]).map((c) => CHANNEL_OF_CHOICE[c]),
    );
    if (urgent) kinds.add('sms');
    if (!recipient.email) kinds.delete('smtp');
    if (!recipient.phone) kinds.delete('sms');
    const held = urgent ? null : quietUntil(now, preference?.quietStart ?? null, preference?.quietEnd ?? null);
    for (const kind of kinds) {
      for (const channel of byKind(kind)) {
        const runAt = held ?? now;
        const payload: DeliveryPayload = { notificationId: notificationOf.get(recipient.id)!, batchId, channelId: channel.id, kind, recipientId: recipient.id };
        if (!isRobot(kind)) {
          planned.push({ payload, runAt });
          continue;
        }
        const group = planned.find((p) => p.payload.channelId === channel.id && p.runAt.getTime() === runAt.getTime());
        if (group) group.payload.recipientIds!.push(recipient.id);
        else planned.push({ payload: { ...payload, recipientIds: [recipient.id] }, runAt });
      }
    }
  }
  return planned;
}

/** One insert for the whole batch: a notice to a department of fifty is one statement, not fifty. */
export async function enqueueDeliveries(tx: Tx, deliveries: PlannedDelivery[]): Promise<string[]> {
  if (deliveries.length === 0) return [];
  const values = deliveries.map((d) => ({
    id: randomUUID(),
    kind: DELIVER_JOB,
    payload: { ...d.payload },
    runAt: d.runAt,
    maxAttempts: MAX_ATTEMPTS,
  }));
  await tx.insert(jobs).values(values);
  return values.map((v) => v.id);
}
