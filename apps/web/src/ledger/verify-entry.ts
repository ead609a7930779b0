/**
 * Browser-side verification of ledger entries (K2): the same checks an auditor's offline verifier makes, done on what
 * the page displays. The leaf hash is recomputed here from the entry's fields; the server's `leafHash` is never used,
 * so an entry altered anywhere between the database and the screen fails its proof.
 *
 * The diff, comment and evidence the page shows are separate fields of the API entry; they are checked against the
 * hashed payload too, so a server cannot show one change while proving another.
 *
 * The public key comes from the same server. That proves consistency with the key the server publishes, which an
 * auditor pins out of band (the ledger page shows it); it is not a defence against a server that swaps its own key.
 */
import type { Checkpoint, LedgerEntry } from '@henji/contracts';
import { canonicalJson, keyIdOf, verifyCheckpointSignature, verifyEntryInclusion, type EntryFields } from '@henji/verifier';
import type { PublicKey } from '../api/types.ts';

export type FailureReason =
  | 'key_mismatch'
  | 'bad_signature'
  | 'bad_inclusion'
  | 'payload_mismatch'
  | 'proof_unavailable'
  | 'ledger_unavailable';

export type EntryVerdict =
  | { state: 'verified'; treeSize: number }
  | { state: 'pending' }
  | { state: 'failed'; reason: FailureReason };

export type CheckpointTrust = { ok: true } | { ok: false; reason: Extract<FailureReason, 'key_mismatch' | 'bad_signature'> };

/** Exactly the fields hashed into the leaf; everything else in a LedgerEntry is presentation derived from the payload. */
export function entryFieldsOf(entry: LedgerEntry): EntryFields {
  return {
    id: entry.id,
    recordedAt: entry.recordedAt,
    actorId: entry.actorId,
    onBehalfOfId: entry.onBehalfOfId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    payload: entry.payload,
  };
}

/** Displayed members of an entry that the server also records inside the hashed payload, under the same names. */
const DISPLAYED_IN_PAYLOAD = ['diff', 'comment', 'evidence', 'requestId', 'ip', 'userAgent'] as const;

/**
 * Whether what the page displays agrees with the hashed payload. A member the payload does not carry is not
 * compared (confidential content is committed by hash only, and the payload may hold less than the entry shows).
 */
export function displayMatchesPayload(entry: LedgerEntry): boolean {
  let payload: unknown;
  try {
    payload = JSON.parse(entry.payload);
  } catch {
    return false;
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return true;
  const recorded = payload as Record<string, unknown>;
  return DISPLAYED_IN_PAYLOAD.every((key) => !(key in recorded) || canonicalJson(recorded[key]) === canonicalJson(entry[key]));
}

/** Sealed: the entry has a tree position that the given checkpoint covers, so an inclusion proof can exist. */
export function sealedLeafIndex(entry: LedgerEntry, checkpoint: Checkpoint | null | undefined): number | null {
  if (entry.leafIndex === null || !checkpoint) return null;
  return entry.leafIndex < checkpoint.treeSize ? entry.leafIndex : null;
}

export async function checkCheckpoint(checkpoint: Checkpoint, publicKey: PublicKey): Promise<CheckpointTrust> {
  // The checkpoint names its signing key; it must be the published key, by id and by the key bytes themselves.
  if (checkpoint.keyId !== publicKey.keyId || (await keyIdOf(publicKey.publicKey)) !== checkpoint.keyId) {
    return { ok: false, reason: 'key_mismatch' };
  }
  return (await verifyCheckpointSignature(checkpoint, publicKey.publicKey)) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}

/**
 * Verifies one sealed entry against a checkpoint already checked with `checkCheckpoint`.
 * `loadProof` returns the hex audit path for (leafIndex, treeSize); it is a parameter so proofs can be cached.
 */
export async function verifyEntry(
  entry: LedgerEntry,
  leafIndex: number,
  checkpoint: Checkpoint,
  loadProof: (leafIndex: number, treeSize: number) => Promise<readonly string[]>,
): Promise<EntryVerdict> {
  if (!displayMatchesPayload(entry)) return { state: 'failed', reason: 'payload_mismatch' };
  let proof: readonly string[];
  try {
    proof = await loadProof(leafIndex, checkpoint.treeSize);
  } catch {
    return { state: 'failed', reason: 'proof_unavailable' };
  }
  let included = false;
  try {
    included = await verifyEntryInclusion(entryFieldsOf(entry), leafIndex, proof, checkpoint);
  } catch {
    // Malformed hex or base64 in the proof or checkpoint is a failed proof, not a crash.
    included = false;
  }
  return included ? { state: 'verified', treeSize: checkpoint.treeSize } : { state: 'failed', reason: 'bad_inclusion' };
}
