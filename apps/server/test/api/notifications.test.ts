/**
 * Notifications (K8) through HTTP and the job runner: the inbox, email to a local SMTP server, links, preferences and
 * quiet hours, urgency, and channel administration.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ErrorBody, MarkReadResult, NotificationChannel, NotificationPreferences } from '@henji/contracts';
import { InternalError } from '../../src/kernel/errors.ts';
import { jobs } from '../../src/kernel/jobs/schema.ts';
import { configureNotifyLinks } from '../../src/kernel/notify/index.ts';
import { notifications } from '../../src/kernel/notify/schema.ts';
import type { NotificationTemplateKey } from '../../src/kernel/notify/templates.ts';
import { unique } from '../harness.ts';
import { traceOf } from './http.ts';
import { fieldsOf, type Method } from './org-context.ts';
import { decodeWords } from './notify-receivers.ts';
import { addChannel, call, channels, commitment, ctx, deliveries, deliveriesOf, inbox, makeDue, person, prefer, receivers, send, smtpChannel, unread } from './notify-context.ts';
import { now } from '../../src/kernel/clock.ts';

describe('the inbox', () => {
  it('gets one row per distinct active recipient, one trace for the batch, and counts unread', async () => {
    const [a, b, left] = await Promise.all([person(), person(), person()]);
    expect((await call('PATCH', `/api/users/${left.id}`, ctx.admin, { status: 'left' })).statusCode).toBe(200);
    const result = await send([a.id, b.id, a.id, left.id], { link: '/org/users', urgent: false });
    expect(result!.notifications.map((n) => n.recipientId).sort()).toEqual([a.id, b.id].sort());
    expect(await unread(a)).toBe(1);
    // A user who has left cannot sign in any more: look at the table itself.
    expect(await ctx.h.db.select().from(notifications).where(eq(notifications.recipientId, left.id))).toEqual([]);

    const [item] = (await inbox(a)).items;
    expect(item).toMatchObject({ title: '测试通知', link: '/org/users', urgent: false, readAt: null, template: 'notify.test' });
    expect(item!.body).toContain('“审批”');

    const [sent, ...more] = await traceOf(ctx.h, ctx.admin.headers, 'notification', result!.batchId);
    expect(more).toEqual([]);
    expect(sent!.action).toBe('notification.send');
    expect((sent!.diff.recipients!.after as string[]).sort()).toEqual([a.id, b.id].sort());
    expect(sent!.diff.template).toEqual({ after: 'notify.test' });
    // Recipients may read the batch's trace; anyone else gets 404, as for any subject they may not read.
    expect((await traceOf(ctx.h, a.session.headers, 'notification', result!.batchId)).length).toBe(1);
    const stranger = await person();
    const hidden = await call('GET', `/api/ledger/entries?subjectType=notification&subjectId=${result!.batchId}`, stranger.session);
    expect(hidden.statusCode).toBe(404);
  });

  it('renders each item in the language of the request', async () => {
    const reader = await person({ locale: 'en-US' });
    await send([reader.id]);
    expect((await inbox(reader, '', 'en-US')).items[0]).toMatchObject({ title: 'Test notification' });
    expect((await inbox(reader, '', 'zh-CN')).items[0]).toMatchObject({ title: '测试通知' });
  });

  it('marks chosen notifications read, passes over other people’s, then all; each marking traced once about the reader', async () => {
    const [me, other] = await Promise.all([person(), person()]);
    const first = await send([me.id]);
    const second = await send([me.id, other.id]);
    await send([me.id]);
    expect(await unread(me)).toBe(3);

    const othersId = second!.notifications.find((n) => n.recipientId === other.id)!.id;
    const mine = first!.notifications[0]!.id;
    const res = await call('POST', '/api/notifications/read', me.session, { ids: [mine, othersId] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<MarkReadResult>()).toEqual({ marked: 1, unread: 2 });
    expect(await unread(other)).toBe(1);
    expect((await inbox(me, '?unread=false')).items.map((i) => i.id)).toEqual([mine]);
    expect((await inbox(me, '?unread=true')).total).toBe(2);

    const again = await call('POST', '/api/notifications/read', me.session, { ids: [mine] });
    expect(again.json<MarkReadResult>()).toEqual({ marked: 0, unread: 2 });
    const all = await call('POST', '/api/notifications/read', me.session, { all: true });
    expect(all.json<MarkReadResult>()).toEqual({ marked: 2, unread: 0 });

    const reads = (await traceOf(ctx.h, ctx.admin.headers, 'user', me.id)).filter((e) => e.action === 'notification.read');
    expect(reads).toHaveLength(2);
    expect(reads[0]!.diff.notifications).toEqual({ after: [mine] });
    expect((reads[1]!.diff.notifications!.after as string[]).length).toBe(2);

    for (const body of [{}, { ids: [] }, { all: false }, { ids: ['not-a-uuid'] }, { ids: [mine], all: true }]) {
      const bad = await call('POST', '/api/notifications/read', me.session, body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('pages, newest first', async () => {
    const me = await person();
    for (let i = 0; i < 3; i++) await send([me.id], { params: { channel: `第${i}条` } });
    const page1 = await inbox(me, '?pageSize=2&page=1');
    const page2 = await inbox(me, '?pageSize=2&page=2');
    expect(page1.total).toBe(3);
    expect(page1.items.map((i) => i.body).concat(page2.items.map((i) => i.body)).map((b) => /第(\d)条/.exec(b)![1])).toEqual(['2', '1', '0']);
  });

  it('refuses an unknown template and a missing parameter before writing anything', async () => {
    const me = await person();
    await expect(send([me.id], { template: 'nope.unknown' as NotificationTemplateKey })).rejects.toBeInstanceOf(InternalError);
    await expect(send([me.id], { params: {} })).rejects.toThrow(/needs the parameters channel/);
    expect(await unread(me)).toBe(0);
  });
});

describe('email', () => {
  it('goes through SMTP in each recipient’s language, to their address, and is logged as delivered', async () => {
    const channel = await smtpChannel();
    const zh = await person({ locale: 'zh-CN' });
    const en = await person({ locale: 'en-US' });
    const result = await send([zh.id, en.id]);
    await ctx.h.jobs.drain();

    const [toZh, ...moreZh] = receivers.smtp.to(zh.email!);
    expect(moreZh).toEqual([]);
    expect(toZh!.from).toBe('henji@example.com');
    expect(toZh!.subject).toBe('测试通知');
    expect(toZh!.text).toBe('这是来自痕迹 Henji 的测试通知：通知渠道“审批”工作正常。');
    expect(toZh!.html).toContain('通知渠道“审批”工作正常');
    expect(decodeWords(toZh!.headers.from!)).toContain('痕迹 Henji');
    expect(toZh!.headers['content-type']).toMatch(/multipart\/alternative/);

    const [toEn] = receivers.smtp.to(en.email!);
    expect(toEn!.subject).toBe('Test notification');
    expect(toEn!.text).toBe('This is a test notification from Henji: the channel "审批" works.');

    const log = await deliveriesOf(result!.notifications.map((n) => n.id));
    expect(log).toHaveLength(2);
    for (const entry of log) {
      expect(entry).toMatchObject({ state: 'done', attempts: 1, lastError: null, channel: { id: channel.id, kind: 'smtp' } });
    }
    expect(toZh!.headers['message-id']).toBe(`<${log.find((d) => d.recipient.id === zh.id)!.id}@henji.notify>`);
    expect((await call('GET', `/api/notification-channels/${channel.id}`, ctx.admin)).json<NotificationChannel>().deliveries).toEqual({
      pending: 0,
      done: 2,
      failed: 0,
      skipped: 0,
    });
  });

  it('records the SMTP server’s refusal and retries later', async () => {
    await smtpChannel();
    const me = await person();
    receivers.smtp.refused.add(me.email!);
    const result = await send([me.id]);
    await ctx.h.jobs.drain();
    const [failed] = await deliveriesOf([result!.notifications[0]!.id]);
    expect(failed).toMatchObject({ state: 'pending', attempts: 1 });
    expect(failed!.lastError).toMatch(/^the SMTP server refused: 550 .*mailbox unavailable/);
    expect(Date.parse(failed!.runAt)).toBeGreaterThan(now().getTime());

    receivers.smtp.refused.delete(me.email!);
    await makeDue(failed!.id);
    await ctx.h.jobs.drain();
    expect(receivers.smtp.to(me.email!)).toHaveLength(1);
    expect((await deliveriesOf([result!.notifications[0]!.id]))[0]).toMatchObject({ state: 'done', attempts: 2, lastError: null });
  });
});

describe('links', () => {
  it('an outgoing message ends with the address of what it is about when HENJI_PUBLIC_URL is set', async () => {
    await smtpChannel();
    const me = await person();
    configureNotifyLinks('https://henji.example.com');
    try {
      await send([me.id], { link: '/applications/00000000-0000-4000-8000-000000000001' });
      await ctx.h.jobs.drain();
    } finally {
      configureNotifyLinks(null);
    }
    const [mail] = receivers.smtp.to(me.email!);
    expect(mail!.text).toBe('这是来自痕迹 Henji 的测试通知：通知渠道“审批”工作正常。\nhttps://henji.example.com/applications/00000000-0000-4000-8000-000000000001');
  });
});

describe('preferences, quiet hours and urgency', () => {
  it('follow each user’s channels: email by default, none when turned off, none without an address or a channel', async () => {
    await smtpChannel();
    const byDefault = await person();
    const optedOut = await person();
    const noAddress = await person({ email: false });
    await prefer(optedOut, { channels: { email: false } });
    const result = await send([byDefault.id, optedOut.id, noAddress.id]);
    expect(result!.deliveryIds).toHaveLength(1);
    await ctx.h.jobs.drain();
    expect(receivers.smtp.to(byDefault.email!)).toHaveLength(1);
    expect(receivers.smtp.to(optedOut.email!)).toEqual([]);
    expect(await unread(optedOut)).toBe(1);

    const prefs = (await call('GET', '/api/me/notification-preferences', noAddress.session)).json<NotificationPreferences>();
    expect(prefs).toMatchObject({ channels: { email: true, wecom: false, sms: false }, hasEmail: false, hasPhone: true, availableChannels: ['smtp'] });

    for (const channel of await channels()) await call('PATCH', `/api/notification-channels/${channel.id}`, ctx.admin, { active: false });
    expect((await send([byDefault.id]))!.deliveryIds, 'no enabled channel, no delivery').toEqual([]);
  });

  it('hold a non-urgent delivery until the quiet hours end, and let an urgent one through at once', async () => {
    await smtpChannel();
    const me = await person();
    // Quiet from an hour ago to an hour from now, on the Shanghai wall clock.
    const hhmm = (offsetHours: number) => new Date(now().getTime() + (8 + offsetHours) * 3600_000).toISOString().slice(11, 16);
    await prefer(me, { quietStart: hhmm(-1), quietEnd: hhmm(1) });

    const calm = await send([me.id]);
    const [held] = await ctx.h.db.select().from(jobs).where(eq(jobs.id, calm!.deliveryIds[0]!));
    const end = new Date(`${new Date(now().getTime() + 8 * 3600_000 + 3600_000).toISOString().slice(0, 11)}${hhmm(1)}:00.000+08:00`);
    expect(held!.runAt.getTime()).toBe(end.getTime());
    await ctx.h.jobs.drain();
    expect(receivers.smtp.to(me.email!), 'held until the quiet hours end').toEqual([]);

    await send([me.id], { urgent: true });
    await ctx.h.jobs.drain();
    expect(receivers.smtp.to(me.email!)).toHaveLength(1);
    expect(await unread(me), 'the inbox is never held').toBe(2);
  });

  it('send an urgent message by SMS as well, chosen or not (紧急情况电话通知)', async () => {
    const path = `/sms/${unique('p')}`;
    await addChannel({ kind: 'sms', config: { url: receivers.http.url(path), token: 'sms-token-for-tests' } });
    const me = await person();
    const noPhone = await person({ phone: false });
    await send([me.id, noPhone.id]);
    await send([me.id, noPhone.id], { urgent: true });
    await ctx.h.jobs.drain();
    const [text, ...more] = receivers.http.at(path);
    expect(more).toEqual([]);
    expect(text!.headers.authorization).toBe('Bearer sms-token-for-tests');
    expect(text!.body).toEqual({ phone: me.phone, text: '【痕迹】测试通知：这是来自痕迹 Henji 的测试通知：通知渠道“审批”工作正常。' });
  });

  it('are validated: quiet hours as HH:MM, both or neither, never equal; unknown channels refused', async () => {
    const me = await person();
    const cases: [object, string][] = [
      [{ quietStart: '25:00', quietEnd: '07:00' }, 'quietStart'],
      [{ quietStart: '22:00', quietEnd: '7:00' }, 'quietEnd'],
      [{ quietStart: '22:00' }, 'quietEnd'],
      [{ quietStart: '22:00', quietEnd: '22:00' }, 'quietEnd'],
    ];
    for (const [body, field] of cases) {
      const res = await call('PUT', '/api/me/notification-preferences', me.session, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(fieldsOf(res.json<ErrorBody>())), JSON.stringify(body)).toEqual([field]);
    }
    expect((await call('PUT', '/api/me/notification-preferences', me.session, { channels: { pager: true } })).statusCode).toBe(400);

    const saved = await prefer(me, { channels: { wecom: true }, quietStart: '22:00', quietEnd: '07:00' });
    expect(saved).toMatchObject({ channels: { email: true, wecom: true }, quietStart: '22:00', quietEnd: '07:00' });
    const cleared = await prefer(me, { quietStart: null, quietEnd: null });
    expect(cleared).toMatchObject({ quietStart: null, quietEnd: null, channels: { wecom: true } });
    const trace = (await traceOf(ctx.h, me.session.headers, 'user', me.id)).filter((e) => e.action === 'notification.preferences_update');
    expect(trace.map((e) => e.diff.quietEnd)).toEqual([{ after: '07:00' }, { before: '07:00', after: null }]);
    await prefer(me, { quietStart: null });
    expect((await traceOf(ctx.h, me.session.headers, 'user', me.id)).filter((e) => e.action === 'notification.preferences_update')).toHaveLength(2);
  });

  it('take a Feishu user id: trimmed, 1–64 letters, digits, _ or -; a bad one is a 400 on its field; traced with the rest', async () => {
    const me = await person();
    for (const feishuUserId of ['ou_<script>', 'ou 123', '', '   ', 'o'.repeat(65), '飞书用户']) {
      const res = await call('PUT', '/api/me/notification-preferences', me.session, { feishuUserId }, { 'accept-language': 'en-US' });
      expect(res.statusCode, JSON.stringify(feishuUserId)).toBe(400);
      expect(fieldsOf(res.json<ErrorBody>()), JSON.stringify(feishuUserId)).toEqual({
        feishuUserId: ['a Feishu user id is 1–64 letters, digits, underscores or hyphens (an open_id such as ou_…)'],
      });
    }
    const inChinese = await call('PUT', '/api/me/notification-preferences', me.session, { feishuUserId: 'ou_#1' }, { 'accept-language': 'zh-CN' });
    expect(fieldsOf(inChinese.json<ErrorBody>()).feishuUserId).toEqual(['飞书用户 ID 须为 1–64 位字母、数字、下划线或连字符（如 ou_ 开头的 open_id）']);

    const id = `ou_${'a'.repeat(61)}`;
    expect(await prefer(me, { feishuUserId: ` ${id}\t` })).toMatchObject({ feishuUserId: id, channels: { email: true, feishu: false } });
    expect((await call('GET', '/api/me/notification-preferences', me.session)).json<NotificationPreferences>().feishuUserId).toBe(id);
    await prefer(me, { feishuUserId: id });
    expect(await prefer(me, { feishuUserId: null })).toMatchObject({ feishuUserId: null });
    const trace = (await traceOf(ctx.h, me.session.headers, 'user', me.id)).filter((e) => e.action === 'notification.preferences_update');
    expect(trace.map((e) => e.diff.feishuUserId), 'one trace per change, none for the unchanged save').toEqual([{ after: id }, { before: id, after: null }]);
  });
});

describe('channels', () => {
  it('never return a secret; their trace commits to secrets by hash only', async () => {
    const url = `${receivers.http.url('/robot')}?key=very-secret-robot-key`;
    const created = await addChannel({ kind: 'dingtalk', config: { url, secret: 'SECsign-secret' } });
    expect(created.config).toEqual({ url: `${new URL(url).origin}/…-key`, secretSet: true });
    const mail = await addChannel({
      kind: 'smtp',
      config: { host: 'smtp.example.com', port: 465, secure: true, username: 'henji', password: 'smtp-password-123', from: 'henji@example.com' },
    });
    expect(mail.config).toEqual({ host: 'smtp.example.com', port: 465, secure: true, username: 'henji', from: 'henji@example.com', passwordSet: true });
    for (const path of ['/api/notification-channels', `/api/notification-channels/${created.id}`, `/api/notification-channels/${mail.id}`]) {
      const res = await call('GET', path, ctx.admin);
      expect(res.body).not.toContain('very-secret-robot-key');
      expect(res.body).not.toContain('SECsign-secret');
      expect(res.body).not.toContain('smtp-password-123');
    }
    const [entry] = await traceOf(ctx.h, ctx.admin.headers, 'notification_channel', created.id);
    expect(entry!.diff['config.url']).toEqual({ after: commitment(url) });
    expect(entry!.diff['config.secret']).toEqual({ after: commitment('SECsign-secret') });
    expect(entry!.payload).not.toContain('very-secret-robot-key');

    // A change that leaves the password out keeps it; null clears it.
    const renamed = await call('PATCH', `/api/notification-channels/${mail.id}`, ctx.admin, { config: { port: 587, secure: false } });
    expect(renamed.json<NotificationChannel>().config).toMatchObject({ port: 587, secure: false, passwordSet: true });
    const cleared = await call('PATCH', `/api/notification-channels/${mail.id}`, ctx.admin, { config: { username: null, password: null } });
    expect(cleared.json<NotificationChannel>().config).toMatchObject({ username: null, passwordSet: false });
    const [, , clearing] = await traceOf(ctx.h, ctx.admin.headers, 'notification_channel', mail.id);
    expect(clearing!.diff['config.password']).toEqual({ before: commitment('smtp-password-123'), after: commitment(null) });
  });

  it('refuse settings of another kind and bad addresses, with field errors', async () => {
    const robot = await addChannel({ kind: 'wecom', config: { url: receivers.http.url('/x') } });
    const res = await call('PATCH', `/api/notification-channels/${robot.id}`, ctx.admin, { config: { host: 'smtp.example.com' } });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(res.json<ErrorBody>()))).toEqual(['config.host']);
    const cases: object[] = [
      { kind: 'wecom', config: { url: 'ftp://example.com/robot' } },
      { kind: 'sms', config: { url: 'javascript:alert(1)' } },
      { kind: 'smtp', config: { host: 'smtp.example.com', port: 0, from: 'henji@example.com' } },
      { kind: 'smtp', config: { host: 'smtp.example.com', port: 25, from: 'not-an-address' } },
      { kind: 'pager', config: {} },
    ];
    for (const body of cases) {
      const bad = await call('POST', '/api/notification-channels', ctx.admin, { name: '坏输入', ...body });
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('test: sends the test notification to the administrator through the channel now, even while paused', async () => {
    const path = `/wecom/${unique('t')}`;
    const robot = await addChannel({ kind: 'wecom', config: { url: receivers.http.url(path) }, active: false });
    const res = await call('POST', `/api/notification-channels/${robot.id}/test`, ctx.admin);
    expect(res.statusCode, res.body).toBe(202);
    const { deliveryId, notificationId } = res.json<{ deliveryId: string; notificationId: string }>();
    await ctx.h.jobs.drain();
    const [post] = receivers.http.at(path);
    expect((post!.body.text as { content: string }).content).toContain(robot.name);
    expect((await deliveries()).find((d) => d.id === deliveryId)).toMatchObject({ state: 'done', notificationId, title: '测试通知' });
    const trace = await traceOf(ctx.h, ctx.admin.headers, 'notification_channel', robot.id);
    expect(trace.map((e) => e.action)).toEqual(['notification_channel.create', 'notification_channel.test']);

    // The bootstrap administrator has no email address: an SMTP test says so.
    const mail = await smtpChannel();
    const refused = await call('POST', `/api/notification-channels/${mail.id}/test`, ctx.admin);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().message).toBe('你的用户资料中没有邮箱地址，无法通过邮件接收测试通知');
  });

  it('are invisible to employees: 404 on every administrator route', async () => {
    const robot = await addChannel({ kind: 'wecom', config: { url: receivers.http.url('/hidden') } });
    const employee = await person();
    const requests: [Method, string, object?][] = [
      ['GET', '/api/notification-channels'],
      ['POST', '/api/notification-channels', { name: '偷看', kind: 'wecom', config: { url: 'http://example.com/' } }],
      ['GET', `/api/notification-channels/${robot.id}`],
      ['PATCH', `/api/notification-channels/${robot.id}`, { active: false }],
      ['POST', `/api/notification-channels/${robot.id}/test`],
      ['GET', '/api/notification-deliveries'],
      ['GET', `/api/ledger/entries?subjectType=notification_channel&subjectId=${robot.id}`],
    ];
    for (const [method, url, payload] of requests) {
      const res = await call(method, url, employee.session, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
      expect(res.json<ErrorBody>().code).toBe('not_found');
    }
    expect((await call('GET', `/api/notification-channels/${robot.id}`, ctx.admin)).json<NotificationChannel>().active).toBe(true);
  });
});
