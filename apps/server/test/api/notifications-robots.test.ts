/**
 * Notifications (K8) to group robots: real HTTP receivers stand in for WeCom, DingTalk and Feishu, checking bodies,
 * @mentions and signatures; failures are retried with backoff and logged with their reason.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unique } from '../harness.ts';
import { HttpReceiver } from './notify-receivers.ts';
import { addChannel, call, ctx, deliveries, deliveriesOf, makeDue, person, prefer, receivers, send } from './notify-context.ts';
import { now } from '../../src/kernel/clock.ts';

describe('group robots', () => {
  it('WeCom: posts a text message mentioning the recipient’s mobile', async () => {
    const path = `/wecom/${unique('r')}`;
    await addChannel({ kind: 'wecom', config: { url: `${receivers.http.url(path)}?key=robot-key` } });
    const me = await person();
    await prefer(me, { channels: { wecom: true, email: false } });
    await send([me.id]);
    await ctx.h.jobs.drain();
    const [post, ...more] = receivers.http.at(path);
    expect(more).toEqual([]);
    expect(post!.url).toBe(`${path}?key=robot-key`);
    expect(post!.body).toEqual({
      msgtype: 'text',
      text: { content: '【痕迹】测试通知\n这是来自痕迹 Henji 的测试通知：通知渠道“审批”工作正常。\n通知对象：测试用户', mentioned_mobile_list: [me.phone] },
    });
    expect(receivers.smtp.to(me.email!)).toEqual([]);
  });

  it('DingTalk: signs the address with HMAC-SHA256 of "timestamp\\nsecret" and @mentions by mobile', async () => {
    const path = `/dingtalk/${unique('r')}`;
    const secret = 'SECdingtalk-secret-for-tests';
    await addChannel({ kind: 'dingtalk', config: { url: `${receivers.http.url(path)}?access_token=abc`, secret } });
    const me = await person();
    await prefer(me, { channels: { dingtalk: true } });
    await send([me.id]);
    await ctx.h.jobs.drain();
    const [post] = receivers.http.at(path);
    const query = new URL(post!.url, 'http://x').searchParams;
    expect(query.get('access_token')).toBe('abc');
    const timestamp = query.get('timestamp')!;
    expect(Math.abs(Number(timestamp) - now().getTime())).toBeLessThan(60_000);
    expect(query.get('sign')).toBe(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
    expect(post!.body).toMatchObject({ msgtype: 'text', at: { atMobiles: [me.phone], isAtAll: false } });
    expect((post!.body.text as { content: string }).content).toMatch(new RegExp(`^【痕迹】测试通知\\n.*\\n通知对象：测试用户\\n@${me.phone}$`));
  });

  it('Feishu: signs with HMAC-SHA256 keyed by "timestamp\\nsecret" over an empty message', async () => {
    const path = `/feishu/${unique('r')}`;
    const secret = 'feishu-secret-for-tests';
    await addChannel({ kind: 'feishu', config: { url: receivers.http.url(path), secret } });
    receivers.http.answer(path, 200, { code: 0, msg: 'success' });
    const me = await person({ locale: 'en-US' });
    await prefer(me, { channels: { feishu: true } });
    await send([me.id]);
    await ctx.h.jobs.drain();
    const [post] = receivers.http.at(path);
    const { timestamp, sign, ...rest } = post!.body as { timestamp: string; sign: string };
    expect(Math.abs(Number(timestamp) - now().getTime() / 1000)).toBeLessThan(60);
    expect(sign).toBe(createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64'));
    expect(rest).toEqual({
      msg_type: 'text',
      content: { text: '【痕迹】Test notification\nThis is a test notification from Henji: the channel "审批" works.\nFor: 测试用户' },
    });
  });

  it('Feishu: @mentions by the user id each recipient set in 通知设置, and only names those who set none', async () => {
    const path = `/feishu/${unique('r')}`;
    await addChannel({ kind: 'feishu', config: { url: receivers.http.url(path) } });
    receivers.http.answer(path, 200, { code: 0, msg: 'success' });
    const [known, unknown] = [await person(), await person()];
    const feishuUserId = `ou_${unique('f')}`;
    for (const [who, name] of [[known, '赵四'], [unknown, '钱五']] as const) {
      expect((await call('PATCH', `/api/users/${who.id}`, ctx.admin, { displayName: name })).statusCode).toBe(200);
    }
    const saved = await prefer(known, { channels: { feishu: true }, feishuUserId: `  ${feishuUserId} ` });
    expect(saved.feishuUserId, 'stored trimmed').toBe(feishuUserId);
    await prefer(unknown, { channels: { feishu: true } });
    await send([known.id, unknown.id]);
    await ctx.h.jobs.drain();

    const [post, ...more] = receivers.http.at(path);
    expect(more).toEqual([]);
    const { text } = post!.body.content as { text: string };
    expect(text).toMatch(new RegExp(`\\n通知对象：赵四、钱五\\n<at user_id="${feishuUserId}">赵四</at>$`));
    expect(text.match(/<at /g), 'one @mention: 钱五 has no Feishu id').toHaveLength(1);
  });

  it('a failing robot (HTTP 500, then a refusal) is retried with backoff and the log says why; then it succeeds', async () => {
    const path = `/wecom/${unique('r')}`;
    await addChannel({ kind: 'wecom', config: { url: receivers.http.url(path) } });
    const me = await person();
    await prefer(me, { channels: { wecom: true, email: false } });
    receivers.http.answer(path, 500, { error: 'down' });
    const result = await send([me.id]);
    await ctx.h.jobs.drain();
    const [first] = await deliveriesOf([result!.notifications[0]!.id]);
    expect(first).toMatchObject({ state: 'pending', attempts: 1, lastError: 'the robot answered HTTP 500', finishedAt: null });
    expect(Date.parse(first!.runAt)).toBeGreaterThan(now().getTime());

    await ctx.h.jobs.drain();
    expect(receivers.http.at(path), 'the backoff holds the retry back').toHaveLength(1);

    receivers.http.answer(path, 200, { errcode: 93000, errmsg: 'invalid webhook url' });
    await makeDue(first!.id);
    await ctx.h.jobs.drain();
    const [second] = await deliveriesOf([result!.notifications[0]!.id]);
    expect(second).toMatchObject({ state: 'pending', attempts: 2, lastError: 'the robot refused the message: errcode 93000 (invalid webhook url)' });
    expect(Date.parse(second!.runAt)).toBeGreaterThan(now().getTime());

    const failedOnly = await deliveries('&status=pending&kind=wecom');
    expect(failedOnly.map((d) => d.id)).toContain(first!.id);
    expect((await deliveries('&kind=smtp')).map((d) => d.id)).not.toContain(first!.id);

    receivers.http.answer(path, 200);
    await makeDue(first!.id);
    await ctx.h.jobs.drain();
    expect(receivers.http.at(path)).toHaveLength(3);
    expect((await deliveriesOf([result!.notifications[0]!.id]))[0]).toMatchObject({ state: 'done', attempts: 3, lastError: null });
  });

  it('an unreachable robot is logged with the network error', async () => {
    const closed = await HttpReceiver.start();
    const url = closed.url('/gone');
    await closed.close();
    await addChannel({ kind: 'wecom', config: { url } });
    const me = await person();
    await prefer(me, { channels: { wecom: true, email: false } });
    const result = await send([me.id]);
    await ctx.h.jobs.drain();
    expect((await deliveriesOf([result!.notifications[0]!.id]))[0]!.lastError).toMatch(/^the request failed: .*ECONNREFUSED/);
  });

  it('one message per group for a whole batch (a 会签 of three), naming and @mentioning everyone who must act', async () => {
    const wecom = `/wecom/${unique('r')}`;
    const dingtalk = `/dingtalk/${unique('r')}`;
    const feishu = `/feishu/${unique('r')}`;
    await addChannel({ kind: 'wecom', config: { url: receivers.http.url(wecom) } });
    await addChannel({ kind: 'dingtalk', config: { url: receivers.http.url(dingtalk) } });
    await addChannel({ kind: 'feishu', config: { url: receivers.http.url(feishu) } });
    receivers.http.answer(feishu, 200, { code: 0, msg: 'success' });
    const signers = [await person(), await person(), await person({ phone: false })];
    const names = ['王一', '李二', '张三'];
    for (const [i, who] of signers.entries()) {
      expect((await call('PATCH', `/api/users/${who.id}`, ctx.admin, { displayName: names[i] })).statusCode).toBe(200);
      await prefer(who, { channels: { wecom: true, dingtalk: true, feishu: true, email: false } });
    }
    const result = await send(signers.map((s) => s.id));
    await ctx.h.jobs.drain();

    const [wecomPost, ...moreWecom] = receivers.http.at(wecom);
    expect(moreWecom, 'one WeCom message, not three').toEqual([]);
    const wecomText = (wecomPost!.body.text as { content: string; mentioned_mobile_list: string[] });
    expect(wecomText.content).toMatch(/\n通知对象：王一、李二、张三$/);
    expect(wecomText.mentioned_mobile_list).toEqual([signers[0]!.phone, signers[1]!.phone]);

    const [dingPost, ...moreDing] = receivers.http.at(dingtalk);
    expect(moreDing).toEqual([]);
    expect(dingPost!.body).toMatchObject({ at: { atMobiles: [signers[0]!.phone, signers[1]!.phone], isAtAll: false } });
    expect((dingPost!.body.text as { content: string }).content).toMatch(new RegExp(`通知对象：王一、李二、张三\\n@${signers[0]!.phone} @${signers[1]!.phone}$`));

    const [feishuPost, ...moreFeishu] = receivers.http.at(feishu);
    expect(moreFeishu).toEqual([]);
    expect((feishuPost!.body.content as { text: string }).text).toMatch(/\n通知对象：王一、李二、张三$/);

    // The log has one delivery per group, naming everyone it was for.
    const logged = (await deliveriesOf(result!.notifications.map((n) => n.id))).filter((d) => d.channel.kind === 'wecom');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.recipients.map((r) => r.displayName)).toEqual(names);
    expect(logged[0]!.state).toBe('done');
  });

  it('a delivery whose channel was paused before it ran is logged as not sent, never as delivered', async () => {
    const path = `/wecom/${unique('r')}`;
    const channel = await addChannel({ kind: 'wecom', config: { url: receivers.http.url(path) } });
    const me = await person();
    await prefer(me, { channels: { wecom: true, email: false } });
    const result = await send([me.id]);
    expect((await call('PATCH', `/api/notification-channels/${channel.id}`, ctx.admin, { active: false })).statusCode).toBe(200);
    await ctx.h.jobs.drain();
    expect(receivers.http.at(path)).toEqual([]);
    const [logged] = await deliveriesOf([result!.notifications[0]!.id]);
    expect(logged).toMatchObject({ state: 'skipped', skipReason: 'channel_paused', lastError: null });
    expect(logged!.finishedAt).not.toBeNull();
    expect((await deliveries('&status=skipped')).map((d) => d.id)).toContain(logged!.id);
    expect((await deliveries('&status=done')).map((d) => d.id)).not.toContain(logged!.id);
    const counts = (await call('GET', `/api/notification-channels/${channel.id}`, ctx.admin)).json<{ deliveries: Record<string, number> }>().deliveries;
    expect(counts).toMatchObject({ done: 0, skipped: 1 });
  });
});
