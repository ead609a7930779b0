/**
 * Files (K9): the metadata of every uploaded file. The bytes live in a content-addressed FileStore (store.ts) under
 * their SHA-256, so identical content is stored once and a row never points at bytes that could change.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../db/types.ts';
import { users } from '../org/schema.ts';

export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey(),
    /** The original file name as the uploader's browser sent it: at most 255 characters, no path, no control characters. */
    name: text('name').notNull(),
    /** The type Henji determined from the extension and the sniffed content, not the one the browser claimed. */
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Lower-case hex; also the key of the bytes in the FileStore and the evidence hash in traces. */
    sha256: text('sha256').notNull(),
    uploadedById: uuid('uploaded_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamptz('created_at').notNull(),
    /** What the file is evidence for (an application, later a document …); null while it is not attached yet. */
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    attachedAt: timestamptz('attached_at'),
  },
  (t) => [
    index('files_uploaded_by_idx').on(t.uploadedById, t.createdAt),
    index('files_subject_idx').on(t.subjectType, t.subjectId),
    index('files_sha256_idx').on(t.sha256),
    check('files_sha256_hex', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('files_size_positive', sql`${t.size} > 0`),
    check(
      'files_attachment_whole',
      sql`(${t.subjectType} is null and ${t.subjectId} is null and ${t.attachedAt} is null)
          or (${t.subjectType} is not null and ${t.subjectId} is not null and ${t.attachedAt} is not null)`,
    ),
  ],
);

export type FileRow = typeof files.$inferSelect;
