/**
 * Who may see a file (K4 applied to K9). A file not attached to anything yet is its uploader's alone. Once attached,
 * it is evidence of the record it is attached to, and readable by exactly those who may read that record: its access
 * follows the record's own policy, loaded through the ledger's subject loaders. A file one may not read is not found.
 */
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { UserActor } from '../actor.ts';
import { can, definePolicy } from '../access/policy.ts';
import { loadSubject, registerSubjectLoader } from '../ledger/subjects.ts';
import { files, type FileRow } from './schema.ts';

/** A file with the record it is attached to, as the record's policy expects it (null when unattached or gone). */
export interface FileSubject {
  row: FileRow;
  parent: unknown | null;
}

const readable = (actor: UserActor, { row, parent }: FileSubject): boolean => {
  if (row.subjectType === null) return row.uploadedById === actor.userId;
  return parent !== null && can(actor, 'read', row.subjectType, parent);
};

export const filePolicy = definePolicy<FileSubject>('file', {
  read: readable,
  download: readable,
});

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export async function fileSubjectOf(q: Queryable, row: FileRow): Promise<FileSubject> {
  const parent = row.subjectType !== null && row.subjectId !== null ? await loadSubject(q, row.subjectType, row.subjectId) : null;
  return { row, parent };
}

export async function loadFileSubject(q: Queryable, id: string): Promise<FileSubject | null> {
  if (!isUuid(id)) return null;
  const [row] = await q.select().from(files).where(eq(files.id, id));
  return row ? fileSubjectOf(q, row) : null;
}

registerSubjectLoader('file', loadFileSubject);
