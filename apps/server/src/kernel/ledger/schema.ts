/**
 * The trace ledger (痕迹账本). Every table here is append-only: migration 0001 installs triggers that reject UPDATE,
 * DELETE and TRUNCATE, so not even Henji's own code can rewrite history.
 *
 * - ledger_entries: one row per traced action, written in the command's own transaction.
 * - ledger_pending: entries not yet integrated into the tree (the sequencer's queue; not part of the evidence).
 * - ledger_leaves: entry → leaf index, assigned by the single active sequencer in commit order.
 * - ledger_nodes: hashes of complete (perfect) subtrees at level ≥ 1, so proofs need O(log n) reads.
 * - ledger_checkpoints: signed tree heads.
 * - ledger_keys: public keys that have signed checkpoints.
 */
import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea, timestamptz } from '../../db/types.ts';

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    /**
     * Milliseconds, exactly what the leaf hash covers (`…HH24:MI:SS.MS`): a column with microseconds would hold digits
     * no hash protects. Verify still compares the stored value exactly, in case the column is widened behind its back.
     */
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    actorId: text('actor_id'),
    onBehalfOfId: text('on_behalf_of_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    /** Canonical JSON text exactly as hashed; text, not jsonb, because jsonb would reorder it. */
    payload: text('payload').notNull(),
  },
  (t) => [
    index('ledger_entries_subject_idx').on(t.subjectType, t.subjectId, t.id),
    index('ledger_entries_actor_idx').on(t.actorId, t.id),
    // Filters by action and by action group (prefix): migration 0016.
    index('ledger_entries_action_idx').on(t.action.op('text_pattern_ops'), t.id),
  ],
);

export const ledgerPending = pgTable('ledger_pending', {
  entryId: bigint('entry_id', { mode: 'bigint' }).primaryKey(),
});

export const ledgerLeaves = pgTable(
  'ledger_leaves',
  {
    leafIndex: bigint('leaf_index', { mode: 'number' }).primaryKey(),
    entryId: bigint('entry_id', { mode: 'bigint' }).notNull().unique(),
    leafHash: bytea('leaf_hash').notNull(),
  },
  () => [],
);

export const ledgerNodes = pgTable(
  'ledger_nodes',
  {
    level: smallint('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);

export const ledgerCheckpoints = pgTable('ledger_checkpoints', {
  treeSize: bigint('tree_size', { mode: 'number' }).primaryKey(),
  rootHash: bytea('root_hash').notNull(),
  issuedAt: timestamptz('issued_at').notNull(),
  keyId: text('key_id').notNull(),
  signature: bytea('signature').notNull(),
});

export const ledgerKeys = pgTable('ledger_keys', {
  keyId: text('key_id').primaryKey(),
  publicKey: bytea('public_key').notNull(),
  createdAt: timestamptz('created_at').notNull().default(sql`now()`),
});

/** Tables the database itself keeps append-only (see the append-only migration). */
export const APPEND_ONLY_TABLES = [
  'ledger_entries',
  'ledger_leaves',
  'ledger_nodes',
  'ledger_checkpoints',
  'ledger_keys',
] as const;
