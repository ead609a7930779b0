import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { FileListQuery, FileMeta } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { allowedActions, authorize } from '../access/policy.ts';
import { notFound } from '../errors.ts';
import { fileSubjectOf, loadFileSubject, type FileSubject } from './policies.ts';
import { files, type FileRow } from './schema.ts';

export function presentFile(actor: Actor, file: FileSubject): FileMeta {
  const { row } = file;
  return {
    id: row.id,
    name: row.name,
    mime: row.mime,
    size: row.size,
    sha256: row.sha256,
    uploadedById: row.uploadedById,
    createdAt: row.createdAt.toISOString(),
    attachedTo: row.subjectType !== null && row.subjectId !== null ? { subjectType: row.subjectType, subjectId: row.subjectId } : null,
    attachedAt: row.attachedAt?.toISOString() ?? null,
    allowedActions: allowedActions(actor, 'file', file),
  };
}

/** One file the actor may read, with its record loaded for the policy; not found otherwise. */
export async function readableFile(q: Queryable, actor: Actor, id: string, action: 'read' | 'download' = 'read'): Promise<FileSubject> {
  const file = await loadFileSubject(q, id);
  if (!file) throw notFound('file');
  authorize(actor, action, 'file', file, 'file');
  return file;
}

export async function getFile(q: Queryable, actor: Actor, id: string): Promise<FileMeta> {
  return presentFile(actor, await readableFile(q, actor, id));
}

/**
 * The caller's own uploads, newest first. A file attached to a record the caller can no longer read is still listed
 * (it is their upload) but carries no actions, so it cannot be opened from here.
 */
export async function listMyFiles(q: Queryable, actor: Actor, query: z.infer<typeof FileListQuery>) {
  if (actor.kind !== 'user') return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const mine = eq(files.uploadedById, actor.userId);
  const rows = await q
    .select()
    .from(files)
    .where(mine)
    .orderBy(desc(files.createdAt), asc(files.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [total] = await q.select({ n: count() }).from(files).where(mine);
  const items: FileMeta[] = [];
  for (const row of rows) items.push(presentFile(actor, await fileSubjectOf(q, row)));
  return { items, total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** The files attached to a record, in the order they were attached. Callers authorise the record themselves. */
export async function listAttachments(q: Queryable, subjectType: string, subjectId: string): Promise<FileRow[]> {
  return q
    .select()
    .from(files)
    .where(and(eq(files.subjectType, subjectType), eq(files.subjectId, subjectId)))
    .orderBy(asc(files.attachedAt), asc(files.name), asc(files.id));
}

/**
 * The attachments of a record the caller has already loaded (`parent`, in the shape its policy expects), presented
 * for the API with the actor's allowed actions: what a module returns inside its own object.
 */
export async function presentAttachments(q: Queryable, actor: Actor, subjectType: string, subjectId: string, parent: unknown): Promise<FileMeta[]> {
  const rows = await listAttachments(q, subjectType, subjectId);
  return rows.map((row) => presentFile(actor, { row, parent }));
}
