/**
 * Durable jobs (K7): work that must happen after a change — a notification, a webhook delivery, a timer — is a row
 * inserted in the same transaction as the change, so it exists exactly when the change does.
 */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../db/types.ts';

/** `skipped`: the handler found nothing to do any more (a paused channel, a recipient who left); `last_error` says why. */
export const JOB_STATES = ['pending', 'running', 'done', 'failed', 'skipped'] as const;

export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    state: text('state', { enum: JOB_STATES }).notNull().default('pending'),
    runAt: timestamptz('run_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    /** The runner holding it and until when; a crashed runner's job is taken again after this time. */
    lockedBy: text('locked_by'),
    lockedUntil: timestamptz('locked_until'),
    lastError: text('last_error'),
    createdAt: timestamptz('created_at').notNull().default(sql`now()`),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [index('jobs_due_idx').on(t.state, t.runAt), index('jobs_kind_idx').on(t.kind, t.createdAt)],
);
