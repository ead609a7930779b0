/** Managing webhook subscriptions; each change is traced, the secret only by hash (保密性原则). */
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CreateWebhookInput, UpdateWebhookInput } from '@henji/contracts';
import { authorize } from '../access/policy.ts';
import { defineCommand, type Ctx } from '../command.ts';
import { notFound } from '../errors.ts';
import { diffOf } from '../ledger/append.ts';
import { enqueue } from '../jobs/queue.ts';
import { requireAllowedDestination } from '../outbound/address-policy.ts';
import { requireIntegrator } from './policies.ts';
import { webhookSubscriptions } from './schema.ts';

const FIELDS = ['name', 'url', 'events', 'active'] as const;
const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

export const createWebhook = defineCommand('webhooks.create', async (ctx, input: CreateWebhookInput) => {
  requireIntegrator(ctx.actor);
  await requireAllowedDestination('url', input.url);
  const secret = newSecret();
  const [row] = await ctx.tx
    .insert(webhookSubscriptions)
    .values({
      id: randomUUID(),
      name: input.name,
      url: input.url,
      secret,
      events: [...new Set(input.events)],
      createdById: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  await ctx.trace({
    action: 'webhook.create',
    subjectType: 'webhook',
    subjectId: row!.id,
    diff: { ...diffOf(null, row!, FIELDS), secret: { after: secret } },
    confidential: ['secret'],
  });
  return { row: row!, secret };
});

async function lockWebhook(ctx: Ctx, id: string, action: string) {
  const [row] = await ctx.tx.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).for('update');
  if (!row) throw notFound('webhook');
  authorize(ctx.actor, action, 'webhook', row);
  return row;
}

export const updateWebhook = defineCommand(
  'webhooks.update',
  async (ctx, { id, changes }: { id: string; changes: UpdateWebhookInput }) => {
    const before = await lockWebhook(ctx, id, 'update');
    if (changes.url !== undefined) await requireAllowedDestination('url', changes.url);
    const next = { ...changes, ...(changes.events ? { events: [...new Set(changes.events)] } : {}) };
    const diff = diffOf(before, next, FIELDS);
    if (Object.keys(diff).length === 0) return before;
    const [after] = await ctx.tx
      .update(webhookSubscriptions)
      .set({ ...next, updatedAt: ctx.now })
      .where(eq(webhookSubscriptions.id, id))
      .returning();
    await ctx.trace({ action: 'webhook.update', subjectType: 'webhook', subjectId: id, diff });
    return after!;
  },
);

export const rotateWebhookSecret = defineCommand('webhooks.rotateSecret', async (ctx, { id }: { id: string }) => {
  const before = await lockWebhook(ctx, id, 'update');
  const secret = newSecret();
  const [row] = await ctx.tx
    .update(webhookSubscriptions)
    .set({ secret, updatedAt: ctx.now })
    .where(eq(webhookSubscriptions.id, id))
    .returning();
  await ctx.trace({
    action: 'webhook.secret_rotate',
    subjectType: 'webhook',
    subjectId: id,
    diff: { secret: { before: before.secret, after: secret } },
    confidential: ['secret'],
  });
  return { row: row!, secret };
});

/** Sends a test delivery of the ping's own trace entry, whatever the subscription's event filter. */
export const pingWebhook = defineCommand('webhooks.ping', async (ctx, { id }: { id: string }) => {
  await lockWebhook(ctx, id, 'ping');
  const entryId = await ctx.trace({ action: 'webhook.ping', subjectType: 'webhook', subjectId: id });
  return enqueue(ctx.tx, DELIVER_JOB, { subscriptionId: id, entryId });
});

export const DELIVER_JOB = 'webhook.deliver';
