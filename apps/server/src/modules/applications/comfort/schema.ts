/**
 * Approver comfort (issue 9 §7): each user's saved phrases (常用语), offered in the opinion box of every action, and
 * their saved handwritten signature, offered where a node asks for one.
 */
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../../db/types.ts';
import { users } from '../../../kernel/org/schema.ts';

export const userPhrases = pgTable(
  'user_phrases',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    text: text('text').notNull(),
    position: integer('position').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [index('user_phrases_user').on(t.userId, t.position)],
);

export const userSignatures = pgTable('user_signatures', {
  userId: uuid('user_id').primaryKey().references(() => users.id),
  /** A PNG data URL, as the SignaturePad draws it. */
  image: text('image').notNull(),
  sha256: text('sha256').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
});
