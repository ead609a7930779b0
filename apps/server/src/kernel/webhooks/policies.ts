import { eq } from 'drizzle-orm';
import { definePolicy, hasPermission } from '../access/policy.ts';
import { registerSubjectLoader } from '../ledger/subjects.ts';
import { webhookSubscriptions } from './schema.ts';

const integrator = (actor: Parameters<typeof hasPermission>[0]) => hasPermission(actor, 'system.integrations');

/** Webhooks are system integration settings: administrators only. */
export const webhookPolicy = definePolicy<{ active: boolean }>('webhook', {
  read: (actor) => integrator(actor),
  update: (actor) => integrator(actor),
  ping: (actor, hook) => integrator(actor) && hook.active,
});

registerSubjectLoader('webhook', async (q, id) =>
  /^[0-9a-f-]{36}$/i.test(id) ? ((await q.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)))[0] ?? null) : null,
);
