import { and, asc, count, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { DELIVERY_SKIP_REASONS } from '@henji/contracts';
import type {
  NotificationChannel,
  NotificationDelivery,
  NotificationDeliveryPage,
  NotificationPage,
  NotificationPreferences,
} from '@henji/contracts';
import { queryRows, type Queryable } from '../../db/client.ts';
import type { Actor, UserActor } from '../actor.ts';
import { allowedActions, authorize } from '../access/policy.ts';
import { forbidden, notFound } from '../errors.ts';
import { msg, type Locale } from '../messages.ts';
import { userNames } from '../org/queries.ts';
import { users } from '../org/schema.ts';
import { presentConfig } from './channels/config.ts';
import { DELIVER_JOB } from './delivery-job.ts';
import { requireNotifyManager } from './policies.ts';
import { choicesOf } from './preferences.ts';
import { notificationChannels, notificationPreferences, notifications, type ChannelKind } from './schema.ts';
import { renderNotification } from './templates.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function reader(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw forbidden(msg('notify.needs_user'));
  return actor;
}

export async function listNotifications(
  q: Queryable,
  actor: Actor,
  locale: Locale,
  { unread, page, pageSize }: { unread?: 'true' | 'false' | undefined; page: number; pageSize: number },
): Promise<NotificationPage> {
  const me = reader(actor);
  const where = and(
    eq(notifications.recipientId, me.userId),
    unread === 'true' ? isNull(notifications.readAt) : unread === 'false' ? isNotNull(notifications.readAt) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    q
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    q.select({ n: count() }).from(notifications).where(where),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      ...renderNotification(r.template, r.params, locale),
      template: r.template,
      link: r.link,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      urgent: r.urgent,
      createdAt: r.createdAt.toISOString(),
      readAt: iso(r.readAt),
    })),
    total: total?.n ?? 0,
    page,
    pageSize,
  };
}

export async function unreadCount(q: Queryable, actor: Actor): Promise<number> {
  const me = reader(actor);
  const [row] = await q
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.recipientId, me.userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function getPreferences(q: Queryable, actor: Actor): Promise<NotificationPreferences> {
  const me = reader(actor);
  const [[preference], [profile], kinds] = await Promise.all([
    q.select().from(notificationPreferences).where(eq(notificationPreferences.userId, me.userId)),
    q.select({ email: users.email, phone: users.phone }).from(users).where(eq(users.id, me.userId)),
    q.selectDistinct({ kind: notificationChannels.kind }).from(notificationChannels).where(eq(notificationChannels.active, true)),
  ]);
  return {
    channels: choicesOf(preference),
    quietStart: preference?.quietStart ?? null,
    quietEnd: preference?.quietEnd ?? null,
    feishuUserId: preference?.feishuUserId ?? null,
    dingtalkUserId: preference?.dingtalkUserId ?? null,
    wecomUserId: preference?.wecomUserId ?? null,
    hasEmail: Boolean(profile?.email),
    hasPhone: Boolean(profile?.phone),
    availableChannels: kinds.map((k) => k.kind).sort(),
    updatedAt: iso(preference?.updatedAt ?? null),
  };
}

type ChannelRow = typeof notificationChannels.$inferSelect;
type Counts = NotificationChannel['deliveries'];

async function deliveryCounts(q: Queryable, ids: string[]): Promise<Map<string, Counts>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; pending: number; done: number; failed: number; skipped: number }>(
    q,
    sql`select payload->>'channelId' as id,
               count(*) filter (where state in ('pending', 'running'))::int as pending,
               count(*) filter (where state = 'done')::int as done,
               count(*) filter (where state = 'failed')::int as failed,
               count(*) filter (where state = 'skipped')::int as skipped
        from jobs where kind = ${DELIVER_JOB} and payload->>'channelId' in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
        group by 1`,
  );
  return new Map(rows.map((r) => [r.id, { pending: r.pending, done: r.done, failed: r.failed, skipped: r.skipped }]));
}

const presentChannel = (actor: Actor, row: ChannelRow, counts: Counts | undefined): NotificationChannel => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  active: row.active,
  config: presentConfig(row.kind, row.config),
  deliveries: counts ?? { pending: 0, done: 0, failed: 0, skipped: 0 },
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  allowedActions: allowedActions(actor, 'notification_channel', row),
});

export async function listChannels(q: Queryable, actor: Actor): Promise<NotificationChannel[]> {
  // A manager may read every channel (the policy's read rule): there is nothing to filter.
  requireNotifyManager(actor);
  const rows = await q.select().from(notificationChannels).orderBy(asc(notificationChannels.kind), asc(notificationChannels.createdAt));
  const counts = await deliveryCounts(q, rows.map((r) => r.id));
  return rows.map((row) => presentChannel(actor, row, counts.get(row.id)));
}

export async function getChannel(q: Queryable, actor: Actor, id: string): Promise<NotificationChannel> {
  const [row] = await q.select().from(notificationChannels).where(eq(notificationChannels.id, id));
  if (!row) throw notFound('notification_channel');
  authorize(actor, 'read', 'notification_channel', row);
  return presentChannel(actor, row, (await deliveryCounts(q, [id])).get(id));
}

interface DeliveryRow {
  id: string;
  notification_id: string;
  recipient_id: string;
  recipient_ids: string[] | null;
  channel_id: string;
  kind: ChannelKind;
  state: NotificationDelivery['state'];
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  created_at: string;
  run_at: string;
  finished_at: string | null;
  template: string | null;
  params: Record<string, string | number> | null;
  urgent: boolean | null;
  display_name: string | null;
  channel_name: string | null;
}

const skipReasonOf = (reason: string | null) => DELIVERY_SKIP_REASONS.find((r) => r === reason) ?? 'channel_paused';

/** The delivery log (发送记录), newest first: one row per `notify.deliver` job, with why it failed. */
export async function listDeliveries(
  q: Queryable,
  actor: Actor,
  locale: Locale,
  { status, kind, page, pageSize }: { status?: NotificationDelivery['state'] | undefined; kind?: ChannelKind | undefined; page: number; pageSize: number },
): Promise<NotificationDeliveryPage> {
  requireNotifyManager(actor);
  const filters: SQL[] = [sql`j.kind = ${DELIVER_JOB}`];
  if (status) filters.push(sql`j.state = ${status}`);
  if (kind) filters.push(sql`j.payload->>'kind' = ${kind}`);
  const where = sql.join(filters, sql` and `);
  const [rows, [total]] = await Promise.all([
    queryRows<DeliveryRow>(
      q,
      sql`select j.id, j.payload->>'notificationId' as notification_id, j.payload->>'recipientId' as recipient_id, j.payload->'recipientIds' as recipient_ids,
                 j.payload->>'channelId' as channel_id, j.payload->>'kind' as kind, j.state, j.attempts, j.max_attempts,
                 j.last_error, j.created_at::text as created_at, j.run_at::text as run_at, j.finished_at::text as finished_at,
                 n.template, n.params, n.urgent, u.display_name, c.name as channel_name
          from jobs j
          left join notifications n on n.id = (j.payload->>'notificationId')::uuid
          left join users u on u.id = (j.payload->>'recipientId')::uuid
          left join notification_channels c on c.id = (j.payload->>'channelId')::uuid
          where ${where}
          order by j.created_at desc, j.id desc
          limit ${pageSize} offset ${(page - 1) * pageSize}`,
    ),
    queryRows<{ n: number }>(q, sql`select count(*)::int as n from jobs j where ${where}`),
  ]);
  const at = (v: string) => new Date(v).toISOString();
  const names = await userNames(q, rows.flatMap((r) => r.recipient_ids ?? []));
  return {
    items: rows.map((r) => ({
      id: r.id,
      notificationId: r.notification_id,
      template: r.template,
      title: r.template === null ? null : renderNotification(r.template, r.params ?? {}, locale).title,
      recipient: { id: r.recipient_id, displayName: r.display_name },
      recipients: r.recipient_ids ? r.recipient_ids.map((id) => ({ id, displayName: names.get(id) ?? null })) : [{ id: r.recipient_id, displayName: r.display_name }],
      channel: { id: r.channel_id, kind: r.kind, name: r.channel_name },
      urgent: r.urgent ?? false,
      state: r.state,
      // A skipped delivery keeps its reason where a failed one keeps its error.
      skipReason: r.state === 'skipped' ? skipReasonOf(r.last_error) : null,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      lastError: r.state === 'skipped' ? null : r.last_error,
      createdAt: at(r.created_at),
      runAt: at(r.run_at),
      finishedAt: r.finished_at === null ? null : at(r.finished_at),
    })),
    total: total?.n ?? 0,
    page,
    pageSize,
  };
}
