/**
 * The `notify.deliver` job: renders one notification in its recipient's language and sends it through one channel.
 * External mode (a network call outside any transaction, leased): a failure throws with a readable reason — the SMTP
 * server's answer, the HTTP status, the robot's errcode and errmsg — so the runner retries with backoff and the
 * delivery log (jobs.last_error) says why. Delivery is at least once; a mail carries the job id as its Message-ID.
 * A delivery that finds its channel paused or removed, or its recipient gone, is not sent: the job ends `skipped` with
 * the reason, so the log never shows as delivered what was not. A group robot posts one message for the whole batch.
 */
import type { DELIVERY_SKIP_REASONS } from '@henji/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { registerJobHandler } from '../jobs/handlers.ts';
import type { Job, JobSkipped } from '../jobs/queue.ts';
import { DEFAULT_LOCALE, msg, render } from '../messages.ts';
import { users } from '../org/schema.ts';
import { appConfig, isApp, isRobot, robotConfig, smsConfig, smtpConfig } from './channels/config.ts';
import { RecipientUnmatched, sendToApp } from './channels/apps.ts';
import { sendToRobot, type RobotKind } from './channels/robots.ts';
import { smsProviderFor } from './channels/sms.ts';
import { sendMail } from './channels/smtp.ts';
import { mailCalendarFor } from './mail-calendar.ts';
import { DELIVER_JOB, type DeliveryPayload } from './delivery-job.ts';
import { notificationChannels, notificationPreferences, notifications } from './schema.ts';
import { renderNotification } from './templates.ts';

/** Group chats and SMS show no sender: the brand goes first (DingTalk robots are often set to require a keyword). */
const BRAND = '【痕迹】';

/** The address users open Henji at (HENJI_PUBLIC_URL), set once at start; messages link to what they are about. */
let publicUrl: string | null = null;

export function configureNotifyLinks(url: string | null): void {
  publicUrl = url;
}

/** Why a delivery was not sent (`skipped`, the reason in the job's last_error): shown in the delivery log. */
type SkipReason = (typeof DELIVERY_SKIP_REASONS)[number];
const skip = (reason: SkipReason): JobSkipped => ({ skipped: reason });

async function deliver(db: Database, job: Job): Promise<void | JobSkipped> {
  const payload = job.payload as unknown as DeliveryPayload;
  const [channel] = await db.select().from(notificationChannels).where(eq(notificationChannels.id, payload.channelId));
  // Paused or removed since the message was queued: an administrator's decision, and the log says it was not sent.
  if (!channel) return skip('channel_deleted');
  if (!channel.active && payload.test !== true) return skip('channel_paused');
  if (isRobot(channel.kind)) return deliverToGroup(db, payload, channel.kind as RobotKind, robotConfig(channel.config));

  const [found] = await db
    .select({
      template: notifications.template,
      params: notifications.params,
      link: notifications.link,
      subjectType: notifications.subjectType,
      subjectId: notifications.subjectId,
      createdAt: notifications.createdAt,
      displayName: users.displayName,
      email: users.email,
      phone: users.phone,
      locale: users.locale,
      status: users.status,
      feishuUserId: notificationPreferences.feishuUserId,
      dingtalkUserId: notificationPreferences.dingtalkUserId,
      wecomUserId: notificationPreferences.wecomUserId,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.recipientId))
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(eq(notifications.id, payload.notificationId));
  if (!found) throw new Error(`notification ${payload.notificationId} not found`);
  if (found.status !== 'active') return skip('recipient_inactive'); // the recipient has left or been disabled since

  const rendered = renderNotification(found.template, found.params, found.locale);
  const body = withLink(rendered.body, found.link);
  if (channel.kind === 'smtp') {
    if (!found.email) throw new Error('the recipient has no email address');
    const calendar = await mailCalendarFor(db, found.subjectType, {
      subjectId: found.subjectId,
      recipientId: payload.recipientId,
      locale: found.locale,
      sentAt: found.createdAt,
      link: publicUrl && found.link ? `${publicUrl}${found.link}` : null,
    });
    await sendMail(smtpConfig(channel.config), {
      to: { name: found.displayName, address: found.email },
      subject: rendered.title,
      text: body,
      deliveryId: job.id,
      ...(calendar ? { calendar } : {}),
    });
  } else if (isApp(channel.kind)) {
    // The card's button opens the item; the text is the body without the trailing link.
    const url = publicUrl && found.link ? `${publicUrl}${found.link}` : null;
    try {
      await sendToApp(
        channel.kind,
        appConfig(channel.config),
        { platformUserId: { feishu_app: found.feishuUserId, dingtalk_app: found.dingtalkUserId, wecom_app: found.wecomUserId }[channel.kind], mobile: found.phone, email: found.email },
        { title: rendered.title, body: rendered.body, url, button: render(found.locale, msg('notify.app_open')) },
      );
    } catch (error) {
      if (error instanceof RecipientUnmatched) return skip('recipient_unmatched');
      throw error;
    }
  } else if (channel.kind === 'sms') {
    if (!found.phone) throw new Error('the recipient has no phone number');
    await smsProviderFor(smsConfig(channel.config)).send(found.phone, `${BRAND}${rendered.title}${found.locale === 'zh-CN' ? '：' : ': '}${body}`);
  }
}

const withLink = (body: string, link: string | null) => (publicUrl && link ? `${body}\n${publicUrl}${link}` : body);

/**
 * One message into a robot's group for everyone of the batch it is for: the text once, then who it is for by name,
 * each @mentioned where the platform can (WeCom and DingTalk by mobile number, Feishu by the user id each set in
 * their notification settings). In the recipients' language when they share one, else zh-CN, the company's default.
 */
async function deliverToGroup(db: Database, payload: DeliveryPayload, kind: RobotKind, config: ReturnType<typeof robotConfig>): Promise<void | JobSkipped> {
  const ids = payload.recipientIds ?? [payload.recipientId];
  const [notification] = await db
    .select({ template: notifications.template, params: notifications.params, link: notifications.link })
    .from(notifications)
    .where(eq(notifications.id, payload.notificationId));
  if (!notification) throw new Error(`notification ${payload.notificationId} not found`);
  const people = await db
    .select({ id: users.id, displayName: users.displayName, phone: users.phone, locale: users.locale, feishuId: notificationPreferences.feishuUserId })
    .from(users)
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(and(inArray(users.id, ids), eq(users.status, 'active')));
  if (people.length === 0) return skip('recipient_inactive');
  people.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  const locale = people.every((p) => p.locale === people[0]!.locale) ? people[0]!.locale : DEFAULT_LOCALE;
  const rendered = renderNotification(notification.template, notification.params, locale);
  const forWhom = render(locale, msg('notify.robot_for', { names: people.map((p) => p.displayName) }));
  await sendToRobot(kind, config, {
    text: `${BRAND}${rendered.title}\n${withLink(rendered.body, notification.link)}\n${forWhom}`,
    mentions: people.map((p) => ({ name: p.displayName, mobile: p.phone, feishuId: p.feishuId })),
  });
}

registerJobHandler(DELIVER_JOB, { mode: 'external', leaseSeconds: 120, run: deliver });
