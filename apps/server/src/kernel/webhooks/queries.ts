import { desc, eq, sql } from 'drizzle-orm';
import type { Webhook, WebhookDelivery } from '@henji/contracts';
import { queryRows, type Queryable } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { allowedActions, authorize } from '../access/policy.ts';
import { notFound } from '../errors.ts';
import { DELIVER_JOB } from './commands.ts';
import { requireIntegrator } from './policies.ts';
import { webhookSubscriptions } from './schema.ts';

type Row = typeof webhookSubscriptions.$inferSelect;

async function deliveryCounts(q: Queryable, ids: string[]) {
  if (ids.length === 0) return new Map<string, Webhook['deliveries']>();
  const rows = await queryRows<{ id: string; pending: number; done: number; failed: number }>(
    q,
    sql`select payload->>'subscriptionId' as id,
               count(*) filter (where state in ('pending', 'running'))::int as pending,
               count(*) filter (where state = 'done')::int as done,
               count(*) filter (where state = 'failed')::int as failed
        from jobs where kind = ${DELIVER_JOB} and payload->>'subscriptionId' in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
        group by 1`,
  );
  return new Map(rows.map((r) => [r.id, { pending: r.pending, done: r.done, failed: r.failed }]));
}

const present = (actor: Actor, row: Row, deliveries: Webhook['deliveries'] | undefined): Webhook => ({
  id: row.id,
  name: row.name,
  url: row.url,
  events: row.events,
  active: row.active,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  deliveries: deliveries ?? { pending: 0, done: 0, failed: 0 },
  allowedActions: allowedActions(actor, 'webhook', row),
});

export async function listWebhooks(q: Queryable, actor: Actor): Promise<Webhook[]> {
  // An integrator may read every subscription (the policy's read rule): there is nothing to filter.
  requireIntegrator(actor);
  const rows = await q.select().from(webhookSubscriptions).orderBy(desc(webhookSubscriptions.createdAt));
  const counts = await deliveryCounts(q, rows.map((r) => r.id));
  return rows.map((row) => present(actor, row, counts.get(row.id)));
}

export async function getWebhook(q: Queryable, actor: Actor, id: string): Promise<Webhook> {
  const [row] = await q.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  if (!row) throw notFound('webhook');
  authorize(actor, 'read', 'webhook', row);
  return present(actor, row, (await deliveryCounts(q, [id])).get(id));
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

export async function listDeliveries(q: Queryable, actor: Actor, id: string, limit: number): Promise<WebhookDelivery[]> {
  await getWebhook(q, actor, id);
  const rows = await queryRows<{
    id: string;
    entry_id: string | null;
    action: string | null;
    state: WebhookDelivery['state'];
    attempts: number;
    last_error: string | null;
    created_at: string;
    run_at: string;
    finished_at: string | null;
  }>(
    q,
    sql`select j.id, j.payload->>'entryId' as entry_id, e.action, j.state, j.attempts, j.last_error,
               j.created_at::text as created_at, j.run_at::text as run_at, j.finished_at::text as finished_at
        from jobs j left join ledger_entries e on e.id = (j.payload->>'entryId')::bigint
        where j.kind = ${DELIVER_JOB} and j.payload->>'subscriptionId' = ${id}
        order by j.created_at desc limit ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    entryId: r.entry_id,
    action: r.action,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: iso(r.created_at)!,
    nextAttemptAt: r.state === 'pending' ? iso(r.run_at) : null,
    finishedAt: iso(r.finished_at),
  }));
}
