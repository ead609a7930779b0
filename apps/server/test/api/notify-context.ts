/**
 * What the notification tests share (notifications*.test.ts): a Henji with an organisation, a local SMTP server and
 * local HTTP receivers, a test-only command that calls notify(), and helpers for people, channels and deliveries.
 * Channels are paused after each test so that one test's channels stay out of the next.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { NotificationChannel, NotificationDelivery, NotificationDeliveryPage, NotificationPage, NotificationPreferences } from '@henji/contracts';
import { defineCommand, execute } from '../../src/kernel/command.ts';
import { jobs } from '../../src/kernel/jobs/schema.ts';
import { commitmentOf } from '../../src/kernel/ledger/append.ts';
import { notify, type NotifyInput } from '../../src/kernel/notify/index.ts';
import { systemCaller, unique, type Session } from '../harness.ts';
import { personMaker, requester, useOrgHenji, type Method } from './org-context.ts';
import { HttpReceiver, SmtpReceiver } from './notify-receivers.ts';
import { now } from '../../src/kernel/clock.ts';

/** notify() runs inside other areas' commands; this test-only command stands in for them. */
export const announce = defineCommand('test.notify.announce', async (ctx, input: NotifyInput) => notify(ctx, input));

export const ctx = useOrgHenji();
export const call = async (method: Method | 'PUT', url: string, session: Session | null, payload?: unknown, extra: Record<string, string> = {}) =>
  requester(ctx)(method as Method, url, session, payload, extra);
export const makePerson = personMaker(ctx);

/** The local SMTP server and HTTP receivers, started for each test file. */
export const receivers = {} as { smtp: SmtpReceiver; http: HttpReceiver };
beforeAll(async () => {
  [receivers.smtp, receivers.http] = await Promise.all([SmtpReceiver.start(), HttpReceiver.start()]);
});
afterAll(async () => {
  await receivers.smtp?.close();
  await receivers.http?.close();
});

/** Each test sets up the channels it needs; pausing them afterwards keeps one test's channels out of the next. */
afterEach(async () => {
  for (const channel of await channels()) {
    if (channel.active) expect((await call('PATCH', `/api/notification-channels/${channel.id}`, ctx.admin, { active: false })).statusCode).toBe(200);
  }
});

export interface Person {
  id: string;
  session: Session;
  email: string | null;
  phone: string | null;
}

let phoneCounter = 0;
/** A signed-in user with, by default, an email address and a mobile number. */
export async function person(fields: { email?: boolean; phone?: boolean; locale?: 'zh-CN' | 'en-US' } = {}): Promise<Person> {
  const made = await makePerson();
  const email = fields.email === false ? null : `${made.username}@example.com`;
  const phone = fields.phone === false ? null : `139${String(10_000_000 + phoneCounter++).slice(-8)}`;
  const res = await call('PATCH', `/api/users/${made.id}`, ctx.admin, { email, phone, locale: fields.locale ?? 'zh-CN' });
  expect(res.statusCode, res.body).toBe(200);
  return { id: made.id, session: made.session, email, phone };
}

export async function channels(): Promise<NotificationChannel[]> {
  const res = await call('GET', '/api/notification-channels', ctx.admin);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: NotificationChannel[] }>().items;
}

export async function addChannel(body: object): Promise<NotificationChannel> {
  const res = await call('POST', '/api/notification-channels', ctx.admin, { name: unique('渠道'), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<NotificationChannel>();
}

export const smtpChannel = () => addChannel({ kind: 'smtp', config: { host: '127.0.0.1', port: receivers.smtp.port, secure: false, from: 'henji@example.com' } });

export async function prefer(who: Person, body: object): Promise<NotificationPreferences> {
  const res = await call('PUT', '/api/me/notification-preferences', who.session, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<NotificationPreferences>();
}

export async function send(recipients: string[], fields: Partial<NotifyInput> = {}) {
  return execute(ctx.h.db, systemCaller, announce, {
    recipients,
    template: 'notify.test',
    params: { channel: '审批' },
    subject: { type: 'department', id: 'test' },
    ...fields,
  });
}

export async function deliveries(query = ''): Promise<NotificationDelivery[]> {
  const res = await call('GET', `/api/notification-deliveries?pageSize=200${query}`, ctx.admin);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<NotificationDeliveryPage>().items;
}

export const deliveriesOf = async (notificationIds: string[]) => (await deliveries()).filter((d) => notificationIds.includes(d.notificationId));

export async function inbox(who: Person, query = '', language = 'zh-CN'): Promise<NotificationPage> {
  const res = await call('GET', `/api/notifications${query}`, who.session, undefined, { 'accept-language': language });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<NotificationPage>();
}

export async function unread(who: Person): Promise<number> {
  const res = await call('GET', '/api/notifications/unread-count', who.session);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ unread: number }>().unread;
}

/** Moves a delivery's next attempt into the past, as if its backoff had elapsed. */
export const makeDue = (id: string) => ctx.h.db.update(jobs).set({ runAt: new Date(now().getTime() - 1000) }).where(eq(jobs.id, id));
/** What the ledger holds for a confidential value: the keyed commitment of this process (ledger/commitment-key.ts). */
export const commitment = (value: unknown) => commitmentOf(value);
