/**
 * `notify()`: called inside another area's command (a task assigned, a reminder, an escalation …), in its
 * transaction. It writes one inbox row per recipient and ONE trace for the batch, and enqueues one `notify.deliver`
 * job per (recipient, external channel) the recipient wants and an administrator has enabled, so the messages exist
 * exactly when the change that caused them commits.
 */
import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import type { Ctx } from '../command.ts';
import { jobs } from '../jobs/schema.ts';
import { isRobot } from './channels/config.ts';
import { DELIVER_JOB, type DeliveryPayload } from './delivery-job.ts';
import { choicesOf } from './preferences.ts';
import { quietUntil } from './quiet-hours.ts';
import { notificationPreferences, type ChannelKind } from './schema.ts';
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

/**
 * Sends a notification; null (and nothing written) when no recipient is an active user. One statement writes the
 * inbox rows of the active recipients and brings their addresses and the enabled channels; the batch's trace entry
 * goes out with the command's own (`ctx.traceSoon`).
 */
export async function notify(ctx: Ctx, input: NotifyInput): Promise<NotifyResult | null> {
  checkTemplate(input.template, input.params);
  const batch = await writeBatch(ctx, input);
  if (!batch) return null;
  const { batchId, written } = batch;
  const rows = written.map((w) => ({ id: w.id, recipientId: w.recipient_id }));
  const recipients = written.map((w) => ({ id: w.recipient_id, email: w.email, phone: w.phone }));
  const deliveries = await planDeliveries(ctx.tx, ctx.now, batchId, input.urgent ?? false, recipients, rows, written[0]!.channels);
  const deliveryIds = await enqueueDeliveries(ctx.tx, deliveries);
  return { batchId, notifications: rows, deliveryIds };
}

interface Channel {
  id: string;
  kind: ChannelKind;
}

/**
 * The inbox rows of one batch for the active recipients (in the order given) and its one trace entry, queued with
 * the command's own; with each row the recipient's addresses and the enabled channels, for planning deliveries. Null
 * when no recipient is an active user. Also used by the channel test, which plans its one delivery itself.
 */
export async function writeBatch(ctx: Ctx, input: NotifyInput) {
  const ids = [...new Set(input.recipients)];
  if (ids.length === 0) return null;
  const batchId = randomUUID();
  const written = await queryRows<{ id: string; recipient_id: string; email: string | null; phone: string | null; channels: Channel[] }>(
    ctx.tx,
    sql`with r as (
          insert into notifications (id, batch_id, recipient_id, template, params, link, subject_type, subject_id, urgent, created_at)
          select gen_random_uuid(), ${batchId}, u.id, ${input.template}, ${JSON.stringify({ ...input.params })}::jsonb, ${input.link ?? null},
                 ${input.subject.type}, ${input.subject.id}, ${input.urgent ?? false}, ${ctx.now.toISOString()}::timestamptz
          from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as wanted(id)
          join users u on u.id = wanted.id::uuid and u.status = 'active'
          returning id, recipient_id)
        select r.id, r.recipient_id, u.email, u.phone,
               (select coalesce(json_agg(json_build_object('id', c.id, 'kind', c.kind) order by c.created_at, c.id), '[]')
                from notification_channels c where c.active) as channels
        from r join users u on u.id = r.recipient_id`,
  );
  if (written.length === 0) return null;
  const position = new Map(ids.map((id, i) => [id, i]));
  written.sort((a, b) => position.get(a.recipient_id)! - position.get(b.recipient_id)!);
  traceBatch(ctx, input, batchId, written.map((w) => w.recipient_id));
  return { batchId, written };
}

function traceBatch(ctx: Ctx, input: NotifyInput, batchId: string, recipientIds: readonly string[]): void {
  ctx.traceSoon({
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
}

export interface PlannedDelivery {
  payload: DeliveryPayload;
  runAt: Date;
}

const CHANNEL_OF_CHOICE = {
  email: 'smtp',
  wecom: 'wecom',
  dingtalk: 'dingtalk',
  feishu: 'feishu',
  sms: 'sms',
  dingtalk_app: 'dingtalk_app',
  wecom_app: 'wecom_app',
  feishu_app: 'feishu_app',
} as const;

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
  channels: readonly Channel[],
): Promise<PlannedDelivery[]> {
  if (channels.length === 0) return [];
  const byKind = (kind: ChannelKind) => {
    const of = channels.filter((c) => c.kind === kind);
    // One message per person: the oldest enabled channel of a personal kind (mail, SMS, a platform's app).
    return isRobot(kind) ? of : of.slice(0, 1);
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
