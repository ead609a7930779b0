/**
 * Issue 8 §5, SSRF: webhook and notification-channel destinations may not be loopback, private or reserved addresses
 * unless HENJI_ALLOW_PRIVATE_NETWORKS allows their network — refused when saved (a field error) and again at delivery
 * on the addresses DNS gives then. This Henji allows nothing; the other suites' harness allows loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { CreatedWebhook, ErrorBody, WebhookDelivery } from '@henji/contracts';
import { loadConfig } from '../../src/config.ts';
import { configureOutbound, mayConnectTo, resolveAllowed } from '../../src/kernel/outbound/address-policy.ts';
import { postGuarded } from '../../src/kernel/outbound/post.ts';
import { sendMail } from '../../src/kernel/notify/channels/smtp.ts';
import { makeDepartment, signInAdmin, startHenji, type Session, type TestHenji } from '../harness.ts';

type Created = z.infer<typeof CreatedWebhook>;

let h: TestHenji;
let admin: Session;
let receiver: Server;
let hits = 0;
let port = 0;
beforeAll(async () => {
  h = await startHenji({ allowPrivateNetworks: [] });
  admin = await signInAdmin(h);
  receiver = createServer((_req, res) => {
    hits++;
    res.end('ok');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  configureOutbound(h?.config.allowPrivateNetworks ?? []);
  await new Promise((resolve) => receiver?.close(resolve));
  await h?.close();
});

const call = async (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) =>
  (await h.app()).inject({ method, url, headers: { ...admin.headers, 'accept-language': 'en-US' }, ...(payload ? { payload } : {}) });

const REFUSED_URLS = [
  'http://127.0.0.1:9/hook',
  'http://localhost:8080/hook',
  'http://169.254.169.254/latest/meta-data/',
  'http://10.1.2.3/hook',
  'http://172.16.0.1/hook',
  'http://192.168.1.10/hook',
  'http://100.64.0.1/hook',
  'http://0.0.0.0/hook',
  'http://[::1]/hook',
  'http://[fd00::1]/hook',
  'http://[::ffff:127.0.0.1]/hook',
];

describe('the address policy', () => {
  it('refuses loopback, link-local, private, shared and reserved addresses, IPv4 written as IPv6 included', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '10.0.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fc00::1', 'fd12::1', 'fe80::1', '::ffff:7f00:1', '::ffff:10.0.0.1', '224.0.0.1']) {
      expect(mayConnectTo(address), address).toBe(false);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111']) expect(mayConnectTo(address), address).toBe(true);
  });

  it('allows exactly the networks the operator names', () => {
    try {
      configureOutbound(['10.0.0.0/8', '127.0.0.1']);
      expect(mayConnectTo('10.20.30.40')).toBe(true);
      expect(mayConnectTo('127.0.0.1')).toBe(true);
      expect(mayConnectTo('127.0.0.2')).toBe(false);
      expect(mayConnectTo('192.168.0.1')).toBe(false);
    } finally {
      configureOutbound([]);
    }
  });

  it('validates HENJI_ALLOW_PRIVATE_NETWORKS at start', () => {
    expect(loadConfig({ HENJI_ALLOW_PRIVATE_NETWORKS: '127.0.0.1/32, 10.0.0.0/8,fd00::/8' }).allowPrivateNetworks).toEqual(['127.0.0.1/32', '10.0.0.0/8', 'fd00::/8']);
    expect(loadConfig({}).allowPrivateNetworks).toEqual([]);
    expect(() => loadConfig({ HENJI_ALLOW_PRIVATE_NETWORKS: '10.0.0.0/33' })).toThrow(/HENJI_ALLOW_PRIVATE_NETWORKS/);
    expect(() => loadConfig({ HENJI_ALLOW_PRIVATE_NETWORKS: 'intranet' })).toThrow(/HENJI_ALLOW_PRIVATE_NETWORKS/);
  });
});

describe('when a destination is saved', () => {
  it('a webhook URL naming a refused address is a 400 on the field url; a public one is accepted', async () => {
    for (const url of REFUSED_URLS) {
      const res = await call('POST', '/api/webhooks', { name: 'ssrf', url, events: ['*'] });
      expect(res.statusCode, url).toBe(400);
      expect(res.json<ErrorBody>()).toMatchObject({ code: 'validation_failed', details: { fields: { url: [expect.stringContaining('HENJI_ALLOW_PRIVATE_NETWORKS')] } } });
    }
    const ok = await call('POST', '/api/webhooks', { name: 'public', url: 'http://93.184.216.34/hook', events: ['*'] });
    expect(ok.statusCode, ok.body).toBe(201);
    const moved = await call('PATCH', `/api/webhooks/${ok.json<Created>().webhook.id}`, { url: 'http://169.254.169.254/' });
    expect(moved.statusCode).toBe(400);
    expect(Object.keys(moved.json<ErrorBody>().details?.fields as object)).toEqual(['url']);
  });

  it('robot and SMS addresses and the SMTP host are checked the same way', async () => {
    const robot = await call('POST', '/api/notification-channels', { kind: 'wecom', name: '群机器人', config: { url: 'http://192.168.1.1/cgi-bin/webhook/send?key=k' } });
    expect(robot.statusCode).toBe(400);
    expect(robot.json<ErrorBody>().details).toMatchObject({ fields: { 'config.url': [expect.any(String)] } });
    const sms = await call('POST', '/api/notification-channels', { kind: 'sms', name: '短信', config: { url: 'http://[::1]:8080/sms', token: 't' } });
    expect(sms.statusCode).toBe(400);
    const smtp = await call('POST', '/api/notification-channels', {
      kind: 'smtp',
      name: '邮件',
      config: { host: '127.0.0.1', port: 25, secure: false, from: 'henji@example.com' },
    });
    expect(smtp.statusCode).toBe(400);
    expect(smtp.json<ErrorBody>().details).toMatchObject({ fields: { 'config.host': [expect.stringContaining('127.0.0.1')] } });
  });
});

describe('when a delivery is made', () => {
  it('a name that resolves to a refused address is refused at connection time (DNS rebinding), nothing is sent', async () => {
    await expect(resolveAllowed('localhost')).rejects.toThrow(/HENJI_ALLOW_PRIVATE_NETWORKS/);
    await expect(postGuarded(`http://localhost:${port}/hook`, '{}', {}, 2000)).rejects.toThrow(/loopback, private or reserved/);
    await expect(postGuarded(`http://127.0.0.1:${port}/hook`, '{}', {}, 2000)).rejects.toThrow(/loopback, private or reserved/);
    await expect(
      sendMail(
        { host: 'localhost', port, secure: false, username: null, password: null, from: 'henji@example.com' },
        { to: { name: '某人', address: 'a@example.com' }, subject: 's', text: 't', deliveryId: 'd1' },
      ),
    ).rejects.toThrow(/sending the mail failed: .*HENJI_ALLOW_PRIVATE_NETWORKS/);
    expect(hits).toBe(0);
    // Allowed, the same request goes through: the refusal above was the policy, not the network.
    configureOutbound(['127.0.0.0/8', '::1/128']);
    try {
      expect((await postGuarded(`http://localhost:${port}/hook`, '{}', {}, 2000)).status).toBe(200);
    } finally {
      configureOutbound([]);
    }
    expect(hits).toBe(1);
  });

  it('a webhook saved while its address was allowed is not delivered once it is not: the delivery log says why', async () => {
    configureOutbound(['127.0.0.0/8']);
    const created = await call('POST', '/api/webhooks', { name: 'was allowed', url: `http://127.0.0.1:${port}/hook`, events: ['department.'] });
    configureOutbound([]);
    expect(created.statusCode, created.body).toBe(201);
    const before = hits;
    await makeDepartment(h);
    await h.sequencer.flush();
    await h.jobs.drain();
    expect(hits).toBe(before);
    const res = await call('GET', `/api/webhooks/${created.json<Created>().webhook.id}/deliveries`);
    const [delivery] = res.json<{ items: WebhookDelivery[] }>().items;
    expect(delivery!.lastError).toMatch(/^the request failed: 127\.0\.0\.1 is a loopback, private or reserved address/);
  });
});
