/** The user's own comfort settings — saved phrases (常用语) and signature — and the trace of an export, as commands. */
import { createHash, randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { SavePhrasesInput, SaveSignatureInput } from '@henji/contracts';
import type { Queryable } from '../../../db/client.ts';
import { defineCommand } from '../../../kernel/command.ts';
import { invalid } from '../../../kernel/errors.ts';
import type { FieldChange } from '../../../kernel/ledger/append.ts';
import { msg } from '../../../kernel/messages.ts';
import { userIdOf } from '../commands/common.ts';
import { userPhrases, userSignatures } from './schema.ts';
import './actions.ts';

export async function phrasesOf(q: Queryable, userId: string) {
  return q.select({ id: userPhrases.id, text: userPhrases.text }).from(userPhrases).where(eq(userPhrases.userId, userId)).orderBy(asc(userPhrases.position));
}

/**
 * Saves the caller's phrases as the ordered list they now have: adding, editing, deleting and reordering are all one
 * save. Unchanged phrases keep their ids; the trace holds the list before and after.
 */
export const savePhrases = defineCommand('comfort.savePhrases', async (ctx, input: SavePhrasesInput) => {
  const userId = userIdOf(ctx);
  const texts = input.phrases.map((p) => p.trim());
  const seen = new Map<string, number>();
  texts.forEach((text, i) => {
    if (seen.has(text)) throw invalid({ [`phrases.${i}`]: msg('comfort.phrase_duplicate') });
    seen.set(text, i);
  });
  const before = await phrasesOf(ctx.tx, userId);
  if (before.map((p) => p.text).join('\u0000') === texts.join('\u0000') && before.length === texts.length) return before;
  const kept = new Map(before.map((p) => [p.text, p.id]));
  await ctx.tx.delete(userPhrases).where(eq(userPhrases.userId, userId));
  if (texts.length > 0) {
    await ctx.tx.insert(userPhrases).values(texts.map((text, position) => ({ id: kept.get(text) ?? randomUUID(), userId, text, position, createdAt: ctx.now })));
  }
  await ctx.trace({
    action: 'user.phrases_save',
    subjectType: 'user',
    subjectId: userId,
    diff: { phrases: { before: before.map((p) => p.text), after: texts } },
  });
  return phrasesOf(ctx.tx, userId);
});

const imageHash = (image: string) => createHash('sha256').update(Buffer.from(image.split(',')[1] ?? '', 'base64')).digest('hex');

export async function signatureOf(q: Queryable, userId: string) {
  const [row] = await q.select().from(userSignatures).where(eq(userSignatures.userId, userId));
  return row ?? null;
}

/** Saves (or replaces) the caller's handwritten signature; the trace carries the image's SHA-256 as evidence. */
export const saveSignature = defineCommand('comfort.saveSignature', async (ctx, input: SaveSignatureInput) => {
  const userId = userIdOf(ctx);
  const before = await signatureOf(ctx.tx, userId);
  const sha256 = imageHash(input.image);
  await ctx.tx
    .insert(userSignatures)
    .values({ userId, image: input.image, sha256, updatedAt: ctx.now })
    .onConflictDoUpdate({ target: userSignatures.userId, set: { image: input.image, sha256, updatedAt: ctx.now } });
  await ctx.trace({
    action: 'user.signature_save',
    subjectType: 'user',
    subjectId: userId,
    diff: { signature: { before: before?.sha256 ?? null, after: sha256 } },
    evidence: [{ name: 'signature.png', sha256 }],
  });
  return { sha256 };
});

export const deleteSignature = defineCommand('comfort.deleteSignature', async (ctx, _input: Record<string, never>) => {
  const userId = userIdOf(ctx);
  const before = await signatureOf(ctx.tx, userId);
  if (!before) return { deleted: false };
  await ctx.tx.delete(userSignatures).where(eq(userSignatures.userId, userId));
  await ctx.trace({ action: 'user.signature_delete', subjectType: 'user', subjectId: userId, diff: { signature: { before: before.sha256, after: null } } });
  return { deleted: true };
});

/** Records a download of one of the caller's lists as xlsx: which list, its filters, how many rows, the file's hash. */
export const recordExport = defineCommand(
  'comfort.recordExport',
  async (ctx, input: { list: 'applications' | 'todo' | 'done' | 'cc'; filters: Record<string, string>; rows: number; sha256: string; name: string }) => {
    const userId = userIdOf(ctx);
    const diff: Record<string, FieldChange> = { list: { after: input.list }, filters: { after: input.filters }, rows: { after: input.rows } };
    await ctx.trace({ action: 'user.export', subjectType: 'user', subjectId: userId, diff, evidence: [{ name: input.name, sha256: input.sha256 }] });
    return null;
  },
);
