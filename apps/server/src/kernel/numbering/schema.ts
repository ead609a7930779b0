/**
 * Numbering (K10): one gap-free counter per scope, and every number ever issued. A number is issued inside the
 * transaction of the command that needs it, so a rollback returns it; a voided number stays recorded and is never
 * issued again (its row keeps the number unique).
 */
import { bigint, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../db/types.ts';

export const numberSequences = pgTable('number_sequences', {
  /** The rule with every placeholder but {SEQ} filled in, e.g. `HR2026{SEQ:3}`: one sequence per department and year. */
  scope: text('scope').primaryKey(),
  /** The value the next number in this scope gets. */
  nextValue: bigint('next_value', { mode: 'number' }).notNull(),
});

export const issuedNumbers = pgTable(
  'issued_numbers',
  {
    number: text('number').primaryKey(),
    scope: text('scope').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** The subject the number was issued for: its trace records the number, and voiding it is traced there too. */
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    issuedAt: timestamptz('issued_at').notNull(),
    voidedAt: timestamptz('voided_at'),
    voidReason: text('void_reason'),
  },
  (t) => [index('issued_numbers_subject_idx').on(t.subjectType, t.subjectId), uniqueIndex('issued_numbers_scope_seq_idx').on(t.scope, t.seq)],
);

export type IssuedNumber = typeof issuedNumbers.$inferSelect;
