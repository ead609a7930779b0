/** Outbound webhooks (K12) through HTTP, delivered to a real local receiver by the job runner. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Checkpoint, CreatedWebhook, Department, ErrorBody, InclusionProof, PublicKey, Webhook, WebhookDelivery } from '@henji/contracts';
import { verifyCheckpointSignature, verifyEntryInclusion, type EntryFields } from '@henji/verifier';
import { jobs } from '../../src/kernel/jobs/schema.ts';
import { commitmentOf } from '../../src/kernel/ledger/append.ts';
import { unique } from '../harness.ts';
import { traceOf } from './http.ts';
import { deptCode, fieldsOf, personMaker, requester, useOrgHenji, type Method } from './org-context.ts';
import { signatureValid, WebhookReceiver, type ReceivedWebhook } from './webhook-receiver.ts';
import { now } from '../../src/kernel/clock.ts';

type Created = z.infer<typeof CreatedWebhook>;

const ctx = useOrgHenji();
const call = requester(ctx);
const person = personMaker(ctx);
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await WebhookReceiver.start();
});
afterAll(() => receiver?.close());

/** Puts everything traced so far into the tree (which enqueues deliveries) and runs every due job. */
async function deliverAll() {
  await ctx.h.sequencer.flush();
  await ctx.h.jobs.drain();
}

/** A subscription pointing to its own path on the receiver; it sees only what is traced after it exists. */
async function subscribe(events: string[]) {
  await deliverAll();
  const name = unique('hook');
  const path = `/${name}`;
  const res = await call('POST', '/api/webhooks', ctx.admin, { name, url: receiver.url(path), events });
  expect(res.statusCode, res.body).toBe(201);
  return { ...res.json<Created>(), path };
}

async function createDepartment(): Promise<Department> {
  const res = await call('POST', '/api/departments', ctx.admin, { code: deptCode(), name: '测试部门' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Department>();
}

async function deliveries(webhookId: string): Promise<WebhookDelivery[]> {
  const res = await call('GET', `/api/webhooks/${webhookId}/deliveries`, ctx.admin);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: WebhookDelivery[] }>().items;
}

const events = (received: ReceivedWebhook[]) => received.map((r) => r.body.event);
const commitment = (secret: string) => commitmentOf(secret);

describe('subscriptions', () => {
  it('return the signing secret once; reads never show it, and its trace commits to it by hash only', async () => {
    const { webhook, secret, path } = await subscribe(['department.']);
    expect(secret).toMatch(/^whsec_[\w-]{32}$/);
    expect(webhook).toMatchObject({ url: receiver.url(path), events: ['department.'], active: true, deliveries: { pending: 0, done: 0, failed: 0 } });
    expect(webhook.allowedActions).toEqual(expect.arrayContaining(['update', 'ping']));
    for (const url of ['/api/webhooks', `/api/webhooks/${webhook.id}`, `/api/webhooks/${webhook.id}/deliveries`]) {
      const res = await call('GET', url, ctx.admin);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(secret);
    }
    const list = (await call('GET', '/api/webhooks', ctx.admin)).json<{ items: Webhook[] }>().items;
    expect(list.map((w) => w.id)).toContain(webhook.id);

    const [created, ...rest] = await traceOf(ctx.h, ctx.admin.headers, 'webhook', webhook.id);
    expect(rest).toEqual([]);
    expect(created!.action).toBe('webhook.create');
    expect(created!.diff.secret).toEqual({ after: commitment(secret) });
    expect(created!.diff.url).toEqual({ after: receiver.url(path) });
    expect(created!.payload).not.toContain(secret);
  });

  it('reject a URL that is not http(s) and a bad event pattern with field errors, and create nothing', async () => {
    const before = (await call('GET', '/api/webhooks', ctx.admin)).json<{ items: Webhook[] }>().items.length;
    const cases: [object, string][] = [
      [{ url: 'ftp://example.com/hook', events: ['*'] }, 'url'],
      [{ url: 'javascript:alert(1)', events: ['*'] }, 'url'],
      [{ url: 'example.com/hook', events: ['*'] }, 'url'],
      [{ url: 'http://example.com/hook', events: ['department'] }, 'events.0'],
      [{ url: 'http://example.com/hook', events: ['*', 'Department.'] }, 'events.1'],
      [{ url: 'http://example.com/hook', events: [] }, 'events'],
    ];
    for (const [input, field] of cases) {
      const res = await call('POST', '/api/webhooks', ctx.admin, { name: '坏输入', ...input });
      expect(res.statusCode, JSON.stringify(input)).toBe(400);
      expect(res.json<ErrorBody>().code).toBe('validation_failed');
      expect(Object.keys(fieldsOf(res.json<ErrorBody>())), JSON.stringify(input)).toEqual([field]);
    }
    expect((await call('GET', '/api/webhooks', ctx.admin)).json<{ items: Webhook[] }>().items).toHaveLength(before);

    const { webhook } = await subscribe(['*']);
    const patched = await call('PATCH', `/api/webhooks/${webhook.id}`, ctx.admin, { url: 'file:///etc/passwd' });
    expect(patched.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(patched.json<ErrorBody>()))).toEqual(['url']);
  });

  it('are invisible to employees: 404 on every webhook route, and on their traces', async () => {
    const { webhook } = await subscribe(['*']);
    const employee = await person();
    const requests: [Method, string, object?][] = [
      ['GET', '/api/webhooks'],
      ['POST', '/api/webhooks', { name: '偷看', url: 'http://example.com/', events: ['*'] }],
      ['GET', `/api/webhooks/${webhook.id}`],
      ['PATCH', `/api/webhooks/${webhook.id}`, { active: false }],
      ['POST', `/api/webhooks/${webhook.id}/rotate-secret`],
      ['POST', `/api/webhooks/${webhook.id}/ping`],
      ['GET', `/api/webhooks/${webhook.id}/deliveries`],
      ['GET', `/api/ledger/entries?subjectType=webhook&subjectId=${webhook.id}`],
    ];
    for (const [method, url, payload] of requests) {
      const res = await call(method, url, employee.session, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
      expect(res.json<ErrorBody>().code).toBe('not_found');
    }
    const after = (await call('GET', `/api/webhooks/${webhook.id}`, ctx.admin)).json<Webhook>();
    expect(after).toMatchObject({ active: true, updatedAt: webhook.updatedAt });
  });
});

describe('deliveries', () => {
  it('POST a matching entry once, signed, with a leaf the receiver can prove against the signed checkpoint', async () => {
    const { webhook, secret, path } = await subscribe(['department.']);
    const department = await createDepartment();
    await deliverAll();

    const [received, ...more] = receiver.at(path);
    expect(more, 'exactly one delivery').toEqual([]);
    expect(received!.method).toBe('POST');
    expect(received!.headers['content-type']).toMatch(/^application\/json/);
    expect(received!.headers['x-henji-event']).toBe('department.create');
    expect(signatureValid(received!, secret)).toBe(true);
    expect(signatureValid(received!, `${secret}x`)).toBe(false);
    expect(signatureValid({ ...received!, text: received!.text.replace('department', 'departmenT') }, secret)).toBe(false);

    const [delivery] = await deliveries(webhook.id);
    expect(delivery).toMatchObject({ state: 'done', attempts: 1, lastError: null, action: 'department.create', nextAttemptAt: null });
    expect(received!.headers['x-henji-delivery']).toBe(delivery!.id);
    expect(received!.body.deliveryId).toBe(delivery!.id);

    const [entry] = await traceOf(ctx.h, ctx.admin.headers, 'department', department.id);
    const { leafIndex, ...fields } = received!.body.entry;
    const expected: EntryFields = {
      id: entry!.id,
      recordedAt: entry!.recordedAt,
      actorId: entry!.actorId,
      onBehalfOfId: entry!.onBehalfOfId,
      action: entry!.action,
      subjectType: entry!.subjectType,
      subjectId: entry!.subjectId,
      payload: entry!.payload,
    };
    expect(fields).toEqual(expected);
    expect(delivery!.entryId).toBe(entry!.id);
    expect(leafIndex).toBe(entry!.leafIndex);
    expect(leafIndex).not.toBeNull();

    const checkpoint = (await call('GET', '/api/ledger/checkpoint', ctx.admin)).json<Checkpoint>();
    const key = (await call('GET', '/api/ledger/public-key', ctx.admin)).json<z.infer<typeof PublicKey>>();
    expect(await verifyCheckpointSignature(checkpoint, key.publicKey)).toBe(true);
    const proofRes = await call('GET', `/api/ledger/proofs/inclusion?index=${leafIndex}&treeSize=${checkpoint.treeSize}`, ctx.admin);
    const proof = proofRes.json<z.infer<typeof InclusionProof>>();
    expect(await verifyEntryInclusion(fields, leafIndex!, proof.proof, checkpoint)).toBe(true);
    const forged = { ...fields, payload: fields.payload.replace('测试部门', '伪造部门') };
    expect(await verifyEntryInclusion(forged, leafIndex!, proof.proof, checkpoint)).toBe(false);

    const counts = (await call('GET', `/api/webhooks/${webhook.id}`, ctx.admin)).json<Webhook>().deliveries;
    expect(counts).toEqual({ pending: 0, done: 1, failed: 0 });
  });

  it('go to subscriptions whose events match: an action prefix, an exact action, or *', async () => {
    const prefix = await subscribe(['department.']);
    const exact = await subscribe(['user.create']);
    const everything = await subscribe(['*']);
    await createDepartment();
    const user = await call('POST', '/api/users', ctx.admin, { username: unique('u'), displayName: '新用户' });
    expect(user.statusCode, user.body).toBe(201);
    await deliverAll();

    expect(events(receiver.at(prefix.path))).toEqual(['department.create']);
    expect(events(receiver.at(exact.path))).toEqual(['user.create']);
    const all = receiver.at(everything.path);
    expect(events(all)).toEqual(expect.arrayContaining(['webhook.create', 'department.create', 'user.create']));
    expect(new Set(all.map((r) => r.body.deliveryId)).size, 'one delivery per entry').toBe(all.length);
    expect(all.every((r) => signatureValid(r, everything.secret))).toBe(true);
  });

  it('stay pending after an error answer and succeed on a later run once the receiver answers 200', async () => {
    const { webhook, path } = await subscribe(['department.']);
    receiver.answer(path, 500);
    await createDepartment();
    await deliverAll();
    const [failed] = await deliveries(webhook.id);
    expect(failed).toMatchObject({ state: 'pending', attempts: 1, finishedAt: null });
    expect(failed!.lastError).toMatch(/HTTP 500$/);
    expect(Date.parse(failed!.nextAttemptAt!)).toBeGreaterThan(now().getTime());

    receiver.answer(path, 200);
    await ctx.h.jobs.drain();
    expect(receiver.at(path), 'the backoff holds the retry back').toHaveLength(1);

    await ctx.h.db.update(jobs).set({ runAt: new Date(now().getTime() - 1000) }).where(eq(jobs.id, failed!.id));
    await ctx.h.jobs.drain();
    const [first, second] = receiver.at(path);
    expect(second!.headers['x-henji-delivery'], 'a retry keeps its delivery id').toBe(first!.headers['x-henji-delivery']);
    expect((await deliveries(webhook.id))[0]).toMatchObject({ id: failed!.id, state: 'done', attempts: 2, lastError: null, nextAttemptAt: null });
  });

  it('record why the receiver could not be reached', async () => {
    const closed = await WebhookReceiver.start();
    const url = closed.url('/gone');
    await closed.close();
    const { webhook } = await subscribe(['department.']);
    expect((await call('PATCH', `/api/webhooks/${webhook.id}`, ctx.admin, { url })).statusCode).toBe(200);
    await createDepartment();
    await deliverAll();
    const [failed] = await deliveries(webhook.id);
    expect(failed).toMatchObject({ state: 'pending', attempts: 1 });
    expect(failed!.lastError).toMatch(/^the request failed: .*ECONNREFUSED/);
  });

  it('do not go to a paused subscription', async () => {
    const { webhook, path } = await subscribe(['department.']);
    const paused = await call('PATCH', `/api/webhooks/${webhook.id}`, ctx.admin, { active: false });
    expect(paused.json<Webhook>()).toMatchObject({ active: false });
    expect(paused.json<Webhook>().allowedActions).not.toContain('ping');
    await createDepartment();
    await deliverAll();
    expect(receiver.at(path)).toEqual([]);
    expect(await deliveries(webhook.id)).toEqual([]);

    expect((await call('PATCH', `/api/webhooks/${webhook.id}`, ctx.admin, { active: true })).statusCode).toBe(200);
    const later = await createDepartment();
    await deliverAll();
    expect(receiver.at(path).map((r) => r.body.entry.subjectId)).toEqual([later.id]);
    const trace = await traceOf(ctx.h, ctx.admin.headers, 'webhook', webhook.id);
    expect(trace.map((e) => [e.action, e.diff.active])).toEqual([
      ['webhook.create', { after: true }],
      ['webhook.update', { before: true, after: false }],
      ['webhook.update', { before: false, after: true }],
    ]);
  });

  it('are signed with the new secret after a rotation, which is traced by hash only', async () => {
    const { webhook, secret: old, path } = await subscribe(['department.']);
    const res = await call('POST', `/api/webhooks/${webhook.id}/rotate-secret`, ctx.admin);
    expect(res.statusCode, res.body).toBe(200);
    const { secret } = res.json<Created>();
    expect(secret).not.toBe(old);
    await createDepartment();
    await deliverAll();
    const [received] = receiver.at(path);
    expect(signatureValid(received!, secret)).toBe(true);
    expect(signatureValid(received!, old)).toBe(false);

    const rotation = (await traceOf(ctx.h, ctx.admin.headers, 'webhook', webhook.id)).find((e) => e.action === 'webhook.secret_rotate');
    expect(rotation!.diff.secret).toEqual({ before: commitment(old), after: commitment(secret) });
    expect(rotation!.payload).not.toContain(old);
    expect(rotation!.payload).not.toContain(secret);
  });

  it('include a signed webhook.ping on request, whatever the filter, and only to the pinged subscription', async () => {
    const { webhook, secret, path } = await subscribe(['department.']);
    const everything = await subscribe(['*']);
    const res = await call('POST', `/api/webhooks/${webhook.id}/ping`, ctx.admin);
    expect(res.statusCode, res.body).toBe(202);
    const { deliveryId } = res.json<{ deliveryId: string }>();
    await deliverAll();

    const [ping, ...more] = receiver.at(path);
    expect(more).toEqual([]);
    expect(ping!.headers['x-henji-delivery']).toBe(deliveryId);
    expect(ping!.body).toMatchObject({ event: 'webhook.ping', entry: { action: 'webhook.ping', subjectType: 'webhook', subjectId: webhook.id } });
    expect(signatureValid(ping!, secret)).toBe(true);
    expect(events(receiver.at(everything.path))).not.toContain('webhook.ping');
    expect(await deliveries(webhook.id)).toMatchObject([{ id: deliveryId, state: 'done', action: 'webhook.ping' }]);

    await call('PATCH', `/api/webhooks/${webhook.id}`, ctx.admin, { active: false });
    const refused = await call('POST', `/api/webhooks/${webhook.id}/ping`, ctx.admin);
    expect(refused.statusCode).toBe(403);
  });
});
