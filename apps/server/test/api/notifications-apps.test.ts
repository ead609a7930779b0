/**
 * Messages to the person through the company's app (DingTalk 工作通知, WeCom 应用消息, Feishu 消息), delivered by the
 * job runner to a local server that answers as the platforms document: the access token asked once and kept, the
 * person found by the user id they entered, by mobile number or by email (and kept), and a card whose button links to
 * the item. A person the platform does not know is 未发送 (recipient_unmatched), not retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureNotifyLinks } from '../../src/kernel/notify/delivery.ts';
import { APP, FakePlatforms } from '../sso/fake-platforms.ts';
import { addChannel, call, ctx, deliveriesOf, person, prefer, send } from './notify-context.ts';

let fake: FakePlatforms;
beforeAll(async () => {
  fake = await FakePlatforms.start();
  configureNotifyLinks('http://henji.test');
});
afterAll(async () => {
  configureNotifyLinks(null);
  await fake?.close();
});

const ITEM = '/applications/0b9e3c2a-4d0f-4c41-9a55-3f1c2b7d8e11';

describe('messages to the person through the company app', () => {
  it('DingTalk 工作通知: token, user by mobile (both kept), an action card linking to the item', async () => {
    const channel = await addChannel({
      kind: 'dingtalk_app',
      config: { appId: APP.dingtalk.appKey, appSecret: APP.dingtalk.appSecret, agentId: APP.dingtalk.agentId, baseUrl: fake.base('dingtalk') },
    });
    expect(channel.config).toEqual({ appId: APP.dingtalk.appKey, agentId: APP.dingtalk.agentId, baseUrl: fake.base('dingtalk'), appSecretSet: true });
    const me = await person();
    fake.people.dingtalk.set(me.phone!, 'dt-manager-4711');
    await prefer(me, { channels: { dingtalk_app: true, email: false } });
    const first = await send([me.id], { link: ITEM });
    await ctx.h.jobs.drain();

    const requests = fake.of('/dingtalk/');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /dingtalk/gettoken',
      'POST /dingtalk/topapi/v2/user/getbymobile',
      'POST /dingtalk/topapi/message/corpconversation/asyncsend_v2',
    ]);
    expect(requests[0]!.query).toEqual({ appkey: APP.dingtalk.appKey, appsecret: APP.dingtalk.appSecret });
    expect(requests[1]!.query).toEqual({ access_token: APP.dingtalk.token });
    expect(requests[1]!.body).toEqual({ mobile: me.phone });
    expect(requests[2]!.query).toEqual({ access_token: APP.dingtalk.token });
    expect(requests[2]!.body).toEqual({
      agent_id: Number(APP.dingtalk.agentId),
      userid_list: 'dt-manager-4711',
      msg: {
        msgtype: 'action_card',
        action_card: {
          title: '测试通知',
          markdown: '### 测试通知\n\n这是来自痕迹 Henji 的测试通知：通知渠道“审批”工作正常。',
          single_title: '在痕迹中查看',
          single_url: `http://henji.test${ITEM}`,
        },
      },
    });
    expect((await deliveriesOf(first!.notifications.map((n) => n.id)))[0]).toMatchObject({ state: 'done', lastError: null });

    // The token and the user id are kept: the next message is one request.
    await send([me.id], { link: ITEM });
    await ctx.h.jobs.drain();
    expect(fake.of('/dingtalk/').length).toBe(4);
    expect(fake.of('/dingtalk/')[3]!.path).toBe('/dingtalk/topapi/message/corpconversation/asyncsend_v2');
  });

  it('WeCom 应用消息: a person unknown by mobile is found by email; a textcard with the item\'s url', async () => {
    await addChannel({
      kind: 'wecom_app',
      config: { appId: APP.wecom.corpId, appSecret: APP.wecom.secret, agentId: APP.wecom.agentId, baseUrl: fake.base('wecom') },
    });
    const me = await person({ locale: 'en-US' });
    fake.people.wecom.set(me.email!, 'ZhangSan');
    await prefer(me, { channels: { wecom_app: true, email: false } });
    await send([me.id], { link: ITEM });
    await ctx.h.jobs.drain();

    const requests = fake.of('/wecom/');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /wecom/gettoken',
      'POST /wecom/user/getuserid',
      'POST /wecom/user/get_userid_by_email',
      'POST /wecom/message/send',
    ]);
    expect(requests[0]!.query).toEqual({ corpid: APP.wecom.corpId, corpsecret: APP.wecom.secret });
    expect(requests[1]!.body).toEqual({ mobile: me.phone });
    expect(requests[2]!.body).toEqual({ email: me.email, email_type: 1 });
    expect(requests[3]!.query).toEqual({ access_token: APP.wecom.token });
    expect(requests[3]!.body).toEqual({
      touser: 'ZhangSan',
      agentid: Number(APP.wecom.agentId),
      msgtype: 'textcard',
      textcard: {
        title: 'Test notification',
        description: expect.stringContaining('审批') as unknown as string,
        url: `http://henji.test${ITEM}`,
        btntxt: 'Open in Henji',
      },
    });
  });

  it('Feishu 消息: the open_id a user entered is used as is, others are looked up; an interactive card with a link button', async () => {
    await addChannel({ kind: 'feishu_app', config: { appId: APP.feishu.appId, appSecret: APP.feishu.appSecret, baseUrl: fake.base('feishu') } });
    const entered = await person();
    await prefer(entered, { channels: { feishu_app: true, email: false }, feishuUserId: 'ou_entered_by_user' });
    const looked = await person();
    fake.people.feishu.set(looked.phone!, 'ou_found_by_mobile');
    await prefer(looked, { channels: { feishu_app: true, email: false } });
    await send([entered.id, looked.id], { link: ITEM });
    await ctx.h.jobs.drain();

    const requests = fake.of('/feishu/');
    expect(requests.filter((r) => r.path === '/feishu/auth/v3/tenant_access_token/internal').map((r) => r.body)).toEqual([
      { app_id: APP.feishu.appId, app_secret: APP.feishu.appSecret },
    ]);
    const lookups = requests.filter((r) => r.path === '/feishu/contact/v3/users/batch_get_id');
    expect(lookups.map((r) => [r.query, r.body, r.headers.authorization])).toEqual([
      [{ user_id_type: 'open_id' }, { mobiles: [looked.phone] }, `Bearer ${APP.feishu.token}`],
    ]);
    const sent = requests.filter((r) => r.path === '/feishu/im/v1/messages');
    expect(sent.map((r) => r.query)).toEqual([{ receive_id_type: 'open_id' }, { receive_id_type: 'open_id' }]);
    expect(sent.map((r) => r.body!['receive_id']).sort()).toEqual(['ou_entered_by_user', 'ou_found_by_mobile']);
    for (const r of sent) {
      expect(r.headers.authorization).toBe(`Bearer ${APP.feishu.token}`);
      expect(r.body!['msg_type']).toBe('interactive');
      expect(JSON.parse(String(r.body!['content']))).toEqual({
        config: { wide_screen_mode: true },
        header: { title: { tag: 'plain_text', content: '测试通知' } },
        elements: [
          { tag: 'div', text: { tag: 'plain_text', content: '这是来自痕迹 Henji 的测试通知：通知渠道“审批”工作正常。' } },
          { tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: '在痕迹中查看' }, type: 'primary', url: `http://henji.test${ITEM}` }] },
        ],
      });
    }
  });

  it('WeCom 应用消息: the userid a user entered in 通知设置 is used as is, without a lookup', async () => {
    await addChannel({
      kind: 'wecom_app',
      config: { appId: APP.wecom.corpId, appSecret: APP.wecom.secret, agentId: APP.wecom.agentId, baseUrl: fake.base('wecom') },
    });
    const me = await person();
    const saved = await prefer(me, { channels: { wecom_app: true, email: false }, wecomUserId: ' WangWu ' });
    expect(saved).toMatchObject({ wecomUserId: 'WangWu', dingtalkUserId: null });
    const lookups = fake.of('/wecom/user/').length;
    await send([me.id], { link: ITEM });
    await ctx.h.jobs.drain();
    expect(fake.of('/wecom/user/').length).toBe(lookups);
    expect(fake.of('/wecom/message/send').at(-1)!.body).toMatchObject({ touser: 'WangWu', msgtype: 'textcard' });
    expect((await call('PUT', '/api/me/notification-preferences', me.session, { dingtalkUserId: 'not an id!' })).statusCode).toBe(400);
  });

  it('a person the platform does not know is 未发送 (recipient_unmatched), not retried', async () => {
    await addChannel({
      kind: 'wecom_app',
      config: { appId: APP.wecom.corpId, appSecret: APP.wecom.secret, agentId: APP.wecom.agentId, baseUrl: fake.base('wecom') },
    });
    const stranger = await person();
    await prefer(stranger, { channels: { wecom_app: true, email: false } });
    const sent = await send([stranger.id], { link: ITEM });
    const before = fake.of('/wecom/message/send').length;
    await ctx.h.jobs.drain();
    const [delivery] = await deliveriesOf(sent!.notifications.map((n) => n.id));
    expect(delivery).toMatchObject({ state: 'skipped', skipReason: 'recipient_unmatched', attempts: 1 });
    expect(fake.of('/wecom/message/send').length).toBe(before);
  });

  it('an app channel needs its AgentId (DingTalk, WeCom); the secret is never returned', async () => {
    const res = await call('POST', '/api/notification-channels', ctx.admin, {
      kind: 'dingtalk_app',
      name: '钉钉工作通知',
      config: { appId: APP.dingtalk.appKey, appSecret: APP.dingtalk.appSecret },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toHaveProperty(['config.agentId']);
    expect(res.body).not.toContain(APP.dingtalk.appSecret);
  });
});
