/**
 * Delivering ledger entries to webhook subscribers. The sequencer calls `enqueueDeliveries` in the transaction that
 * puts entries into the Merkle tree, so each delivery names a leaf the receiver can prove against a checkpoint. The
 * `webhook.deliver` job POSTs the entry, signed:
 *
 *   X-Henji-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
 *   X-Henji-Delivery:  <job id>  (the same on every retry: deduplicate on it)
 *   X-Henji-Event:     <action>
 */
import { createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '../../db/client.ts';
import { postGuarded } from '../outbound/post.ts';
import { ENTRY_FIELDS_SQL, type EntryRow } from '../ledger/entry-columns.ts';
import { registerJobHandler } from '../jobs/handlers.ts';
import { DELIVER_JOB } from './commands.ts';
import { webhookSubscriptions } from './schema.ts';
import { now, sqlNow } from '../clock.ts';

const TIMEOUT_MS = 10_000;

export const matchesEvent = (events: readonly string[], action: string) =>
  events.some((e) => e === '*' || e === action || (e.endsWith('.') && action.startsWith(e)));

/** Enqueues one delivery per (matching subscription, entry); pings are delivered by the ping command itself. */
export async function enqueueDeliveries(tx: Tx, entries: readonly { id: string; action: string }[]): Promise<void> {
  const subscriptions = await tx
    .select({ id: webhookSubscriptions.id, events: webhookSubscriptions.events })
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.active, true));
  if (subscriptions.length === 0) return;
  const deliveries = entries
    .filter((e) => e.action !== 'webhook.ping')
    .flatMap((e) => subscriptions.filter((s) => matchesEvent(s.events, e.action)).map((s) => ({ s: s.id, e: e.id })));
  if (deliveries.length === 0) return;
  await tx.execute(
    sql`insert into jobs (id, kind, payload, created_at, run_at, max_attempts)
        select gen_random_uuid(), ${DELIVER_JOB}, jsonb_build_object('subscriptionId', d.s, 'entryId', d.e), ${sqlNow()}, ${sqlNow()}, 8
        from jsonb_to_recordset(${JSON.stringify(deliveries)}::jsonb) as d(s text, e text)`,
  );
}

export function signatureHeader(secret: string, body: string, at = Math.floor(now().getTime() / 1000)): string {
  return `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`;
}

export interface DeliveryBody {
  deliveryId: string;
  event: string;
  /** Exactly the fields hashed into the leaf, so the receiver can check them with an inclusion proof. */
  entry: EntryRow & { leafIndex: number | null };
}

async function deliver(db: Database, job: { id: string; payload: Record<string, unknown> }): Promise<void> {
  const subscriptionId = String(job.payload.subscriptionId);
  const [subscription] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, subscriptionId));
  if (!subscription || !subscription.active) return; // removed or paused since: nothing to deliver
  const [entry] = await queryRows<EntryRow & { leaf_index: string | null }>(
    db,
    sql`select ${ENTRY_FIELDS_SQL}, l.leaf_index::text as leaf_index
        from ledger_entries e left join ledger_leaves l on l.entry_id = e.id where e.id = ${String(job.payload.entryId)}::bigint`,
  );
  if (!entry) throw new Error(`ledger entry ${String(job.payload.entryId)} not found`);
  const { leaf_index: leafIndex, ...fields } = entry;
  const body: DeliveryBody = {
    deliveryId: job.id,
    event: fields.action,
    entry: { ...fields, leafIndex: leafIndex === null ? null : Number(leafIndex) },
  };
  const text = JSON.stringify(body);
  const response = await postGuarded(
    subscription.url,
    text,
    {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Henji-Webhooks/1',
      'x-henji-delivery': job.id,
      'x-henji-event': fields.action,
      'x-henji-signature': signatureHeader(subscription.secret, text),
    },
    TIMEOUT_MS,
  ).catch((error: unknown) => {
    throw new Error(`the request failed: ${networkFailure(error)}`);
  });
  if (response.status < 200 || response.status >= 300) throw new Error(`the receiver answered HTTP ${response.status}`);
}

/** A network failure as text: its code (ECONNREFUSED, ETIMEDOUT …) and message, or those of its cause. */
function networkFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (!(cause instanceof Error)) return String(cause);
  const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : '';
  return code && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
}

registerJobHandler(DELIVER_JOB, { mode: 'external', leaseSeconds: 60, run: deliver });
