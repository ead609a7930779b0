/**
 * Files as evidence (K9): recording an upload, and attaching files to the record they are evidence for. Each change
 * is traced with the file's name and SHA-256 as evidence, so the ledger proves which bytes were submitted.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { actorId } from '../actor.ts';
import { defineCommand, type Ctx } from '../command.ts';
import { forbidden, invalid } from '../errors.ts';
import type { Evidence } from '../ledger/append.ts';
import { msg } from '../messages.ts';
import { files, type FileRow } from './schema.ts';

export interface UploadFileInput {
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

/**
 * Records a file whose bytes are already in the FileStore (the route streams them there first, hashing as they
 * arrive). If this command fails, the blob stays stored without a row naming it: harmless, since blobs are only ever
 * reached through a row, and identical content uploaded again reuses it.
 */
export const uploadFile = defineCommand('files.upload', async (ctx, input: UploadFileInput) => {
  if (ctx.actor.kind !== 'user') throw forbidden(msg('files.system_cannot_upload'));
  const [row] = await ctx.tx
    .insert(files)
    .values({
      id: randomUUID(),
      name: input.name,
      mime: input.mime,
      size: input.size,
      sha256: input.sha256,
      uploadedById: ctx.actor.userId,
      createdAt: ctx.now,
    })
    .returning();
  await ctx.trace({
    action: 'file.upload',
    subjectType: 'file',
    subjectId: row!.id,
    diff: { name: { after: row!.name }, mime: { after: row!.mime }, size: { after: row!.size }, sha256: { after: row!.sha256 } },
    evidence: [{ name: row!.name, sha256: row!.sha256 }],
  });
  return row!;
});

export interface AttachFilesInput {
  fileIds: readonly string[];
  subjectType: string;
  subjectId: string;
  /** The input field the ids came from, so a refusal points at it in the caller's form (default `fileIds`). */
  field?: string;
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
const evidenceOf = (row: FileRow): Evidence => ({ name: row.name, sha256: row.sha256 });

/** Who may attach a file: whoever uploaded it, or the delegate acting now if the delegate uploaded it. */
function attachers(ctx: Ctx): Set<string> {
  const ids = new Set<string>();
  const actor = actorId(ctx.actor);
  if (actor) ids.add(actor);
  if (ctx.delegate) ids.add(ctx.delegate.userId);
  return ids;
}

/**
 * Attaches files to a record inside the calling command's transaction and returns their `{ name, sha256 }` evidence
 * for the caller's own trace. Each file must exist, have been uploaded by the actor (or the delegate acting for them),
 * and be unattached or already attached to this same record; anything else is a field error on `field`, and the
 * caller's whole command fails. The rows are locked, so of two commands attaching one file to different records at
 * once, the second sees the first's attachment and is refused. Every file attached now is traced on the file itself.
 */
export async function attachFiles(ctx: Ctx, input: AttachFilesInput): Promise<Evidence[]> {
  const field = input.field ?? 'fileIds';
  const ids = [...new Set(input.fileIds)];
  if (ids.length === 0) return [];
  const invalidId = ids.find((id) => !isUuid(id));
  if (invalidId !== undefined) throw invalid({ [field]: msg('files.not_available', { id: invalidId }) });
  const rows = await ctx.tx.select().from(files).where(inArray(files.id, ids)).orderBy(files.id).for('update');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const mayAttach = attachers(ctx);
  for (const id of ids) {
    const row = byId.get(id);
    // Someone else's file gets the same answer as a missing one: its existence is not the caller's business.
    if (!row || !mayAttach.has(row.uploadedById)) throw invalid({ [field]: msg('files.not_available', { id }) });
    const elsewhere = row.subjectType !== null && (row.subjectType !== input.subjectType || row.subjectId !== input.subjectId);
    if (elsewhere) throw invalid({ [field]: msg('files.attached_elsewhere', { name: row.name }) });
  }
  const fresh = ids.map((id) => byId.get(id)!).filter((row) => row.subjectType === null);
  if (fresh.length > 0) {
    await ctx.tx
      .update(files)
      .set({ subjectType: input.subjectType, subjectId: input.subjectId, attachedAt: ctx.now })
      .where(inArray(files.id, fresh.map((r) => r.id)));
    for (const row of fresh) {
      await ctx.trace({
        action: 'file.attach',
        subjectType: 'file',
        subjectId: row.id,
        diff: { subjectType: { before: null, after: input.subjectType }, subjectId: { before: null, after: input.subjectId } },
        evidence: [evidenceOf(row)],
      });
    }
  }
  return ids.map((id) => evidenceOf(byId.get(id)!));
}

export interface DetachFilesInput {
  subjectType: string;
  subjectId: string;
  /** Files that stay attached; every other file attached to the record goes back to unattached. */
  keep: readonly string[];
}

/**
 * Detaches the files of a record that are not in `keep` (a draft whose applicant removed an attachment): they become
 * their uploader's unattached files again, traced on each file. Returns the evidence of the detached files.
 */
export async function detachFiles(ctx: Ctx, input: DetachFilesInput): Promise<Evidence[]> {
  const keep = input.keep.filter(isUuid);
  const ofSubject = and(eq(files.subjectType, input.subjectType), eq(files.subjectId, input.subjectId));
  const rows = await ctx.tx
    .select()
    .from(files)
    .where(keep.length > 0 ? and(ofSubject, notInArray(files.id, keep)) : ofSubject)
    .orderBy(files.id)
    .for('update');
  if (rows.length === 0) return [];
  await ctx.tx
    .update(files)
    .set({ subjectType: null, subjectId: null, attachedAt: null })
    .where(inArray(files.id, rows.map((r) => r.id)));
  for (const row of rows) {
    await ctx.trace({
      action: 'file.detach',
      subjectType: 'file',
      subjectId: row.id,
      diff: { subjectType: { before: input.subjectType, after: null }, subjectId: { before: input.subjectId, after: null } },
      evidence: [evidenceOf(row)],
    });
  }
  return rows.map(evidenceOf);
}

