/**
 * Outbound webhooks (K12): integrations subscribe to trace actions and receive each matching ledger entry, signed
 * with HMAC-SHA256 under the subscription's secret. Deliveries are durable jobs (kind `webhook.deliver`).
 */
import { boolean, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../db/types.ts';
import { users } from '../org/schema.ts';

export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  /** The signing secret. Needed in clear to sign; never returned after creation and committed by hash in traces. */
  secret: text('secret').notNull(),
  /** Action names or prefixes ending in '.' or '*' (e.g. 'department.', '*'). */
  events: jsonb('events').$type<string[]>().notNull(),
  active: boolean('active').notNull().default(true),
  createdById: uuid('created_by_id').references(() => users.id),
  createdAt: timestamptz('created_at').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
});
