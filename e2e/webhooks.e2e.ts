/**
 * Outbound webhooks in a real browser: the administrator subscribes a receiver started here to department actions,
 * sees the signing secret once, creates a department, and watches the delivery turn 已送达 in the drawer while the
 * receiver gets a POST signed with that secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, henjiInBrowser, signInThroughUi } from './harness.ts';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  text: string;
}

const suite = henjiInBrowser();
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', headers: req.headers, text: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/henji`;
});
afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function newPage(): Promise<Page> {
  const context = await suite.browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  return context.newPage();
}

/** X-Henji-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>, checked as a receiver would. */
function signedWith(request: Received, secret: string): boolean {
  const header = String(request.headers['x-henji-signature']);
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]!}.${request.text}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

describe('webhooks journey', () => {
  it('admin subscribes a receiver, sees the secret once, and a department change arrives signed', async () => {
    const page = await newPage();
    await signInThroughUi(page, suite.henji.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: 'Webhooks' }).click();
    await page.waitForURL((u) => u.pathname === '/system/webhooks');

    await page.getByRole('button', { name: '新建订阅' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('名称').fill('OA 同步');
    await form.getByLabel('接收地址').fill(receiverUrl);
    await form.getByLabel('订阅的操作').fill('department.');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await form.getByRole('button', { name: /保\s*存/ }).click();

    const secretText = page.getByTestId('webhook-secret');
    await secretText.waitFor();
    const secret = /whsec_[\w-]+/.exec((await secretText.textContent()) ?? '')?.[0];
    expect(secret, 'the secret is shown').toBeDefined();
    await page.getByRole('button', { name: '我已保存' }).click();
    await expect.poll(() => secretText.count()).toBe(0);
    await page.reload();
    await page.getByTestId('webhook-name').filter({ hasText: 'OA 同步' }).waitFor();
    expect(await page.locator('body').textContent(), 'the secret is never shown again').not.toContain(secret!);

    await page.goto(`${suite.henji.url}/org/departments`);
    await page.getByRole('button', { name: '新建部门' }).click();
    const departmentForm = page.getByRole('dialog');
    await departmentForm.getByLabel('部门编码').fill('HOOK');
    await departmentForm.getByLabel('部门名称').fill('集成测试部');
    await departmentForm.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => departmentForm.isVisible()).toBe(false);

    await page.goto(`${suite.henji.url}/system/webhooks`);
    await page.getByTestId('webhook-name').filter({ hasText: 'OA 同步' }).click();
    const deliveries = page.getByTestId('webhook-deliveries');
    // The sequencer queues the delivery within a tick, the job runner sends it; the drawer polls the deliveries.
    await deliveries.getByTestId('delivery-done').first().waitFor({ timeout: 15_000 });
    expect(await deliveries.textContent()).toContain('创建部门');
    await page.getByTestId('trace-panel').getByTestId('trace-entry').first().waitFor();

    // Only the department's entry: the filter is 'department.', so the subscription's own webhook.create is not sent.
    expect(received.map((r) => r.headers['x-henji-event'])).toEqual(['department.create']);
    const [request] = received;
    expect(request!.path).toBe('/henji');
    expect(signedWith(request!, secret!)).toBe(true);
    expect(signedWith(request!, `${secret!}x`)).toBe(false);
    const body = JSON.parse(request!.text) as { deliveryId: string; entry: { subjectType: string; payload: string } };
    expect(request!.headers['x-henji-delivery']).toBe(body.deliveryId);
    expect(body.entry.subjectType).toBe('department');
    expect(body.entry.payload).toContain('集成测试部');
    await page.context().close();
  });
});
