/**
 * The `notify.deliver` job: renders one notification in its recipient's language and sends it through one channel.
 * External mode (a network call outside any transaction, leased): a failure throws with a readable reason — the SMTP
 * server's answer, the HTTP status, the robot's errcode and errmsg — so the runner retries with backoff and the
 * delivery log (jobs.last_error) says why. Delivery is at least once; a mail carries the job id as its Message-ID.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { registerJobHandler } from '../jobs/handlers.ts';
import type { Job } from '../jobs/queue.ts';
import { users } from '../org/schema.ts';
import { isRobot, robotConfig, smsConfig, smtpConfig } from './channels/config.ts';
import { sendToRobot, type RobotKind } from './channels/robots.ts';
import { smsProviderFor } from './channels/sms.ts';
import { sendMail } from './channels/smtp.ts';
import { DELIVER_JOB } from './delivery-job.ts';
import { notificationChannels, notifications } from './schema.ts';
import { renderNotification } from './templates.ts';

/** Group chats and SMS show no sender: the brand goes first (DingTalk robots are often set to require a keyword). */
const BRAND = '【痕迹】';

/** The address users open Henji at (HENJI_PUBLIC_URL), set once at start; messages link to what they are about. */
let publicUrl: string | null = null;

export function configureNotifyLinks(url: string | null): void {
  publicUrl = url;
}

async function deliver(db: Database, job: Job): Promise<void> {
  const notificationId = String(job.payload.notificationId);
  const [found] = await db
    .select({
      template: notifications.template,
      params: notifications.params,
      link: notifications.link,
      displayName: users.displayName,
      email: users.email,
      phone: users.phone,
      locale: users.locale,
      status: users.status,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.recipientId))
    .where(eq(notifications.id, notificationId));
  if (!found) throw new Error(`notification ${notificationId} not found`);
  if (found.status !== 'active') return; // the recipient has left or been disabled since: nobody to tell

  const [channel] = await db.select().from(notificationChannels).where(eq(notificationChannels.id, String(job.payload.channelId)));
  if (!channel || (!channel.active && job.payload.test !== true)) return; // paused since: an administrator's decision

  const rendered = renderNotification(found.template, found.params, found.locale);
  const title = rendered.title;
  const body = publicUrl && found.link ? `${rendered.body}\n${publicUrl}${found.link}` : rendered.body;
  if (channel.kind === 'smtp') {
    if (!found.email) throw new Error('the recipient has no email address');
    await sendMail(smtpConfig(channel.config), {
      to: { name: found.displayName, address: found.email },
      subject: title,
      text: body,
      deliveryId: job.id,
    });
  } else if (channel.kind === 'sms') {
    if (!found.phone) throw new Error('the recipient has no phone number');
    await smsProviderFor(smsConfig(channel.config)).send(found.phone, `${BRAND}${title}${found.locale === 'zh-CN' ? '：' : ': '}${body}`);
  } else if (isRobot(channel.kind)) {
    await sendToRobot(channel.kind as RobotKind, robotConfig(channel.config), { text: `${BRAND}${title}\n${body}`, mobile: found.phone });
  }
}

registerJobHandler(DELIVER_JOB, { mode: 'external', leaseSeconds: 120, run: deliver });
