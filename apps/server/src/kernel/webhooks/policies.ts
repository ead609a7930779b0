import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { definePolicy, hasPermission } from '../access/policy.ts';
import { notFound } from '../errors.ts';
import { registerSubjectLoader } from '../ledger/subjects.ts';
import { webhookSubscriptions } from './schema.ts';

const integrator = (actor: Actor) => hasPermission(actor, 'system.integrations');

/**
 * For the list and create routes, which have no single subject to authorise: integrations are invisible to whoever
 * may not manage them, so they get the same not_found as for any one webhook, never a hint that the feature exists.
 */
export function requireIntegrator(actor: Actor): void {
  if (!integrator(actor)) throw notFound('webhook');
}

/** Webhooks are system integration settings: administrators only. */
export const webhookPolicy = definePolicy<{ active: boolean }>('webhook', {
  read: (actor) => integrator(actor),
  update: (actor) => integrator(actor),
  ping: (actor, hook) => integrator(actor) && hook.active,
});

registerSubjectLoader('webhook', async (q, id) =>
  /^[0-9a-f-]{36}$/i.test(id) ? ((await q.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)))[0] ?? null) : null,
);
