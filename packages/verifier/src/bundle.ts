/**
 * Proof bundles: what an auditor takes away to check offline that a set of entries is in the signed ledger.
 */
import { fromBase64, fromHex, toHex } from './bytes.ts';
import { verifyCheckpointSignature, type Checkpoint } from './checkpoint.ts';
import { entryLeafHash, type EntryFields } from './entry.ts';
import { verifyInclusion, webSha256, type Sha256 } from './merkle.ts';

export const BUNDLE_FORMAT = 'henji.proof-bundle.v1';

export interface BundledEntry {
  entry: EntryFields;
  leafIndex: number;
  /** hex hashes of the RFC 9162 inclusion proof against checkpoint.treeSize */
  proof: string[];
}

export interface ProofBundle {
  format: typeof BUNDLE_FORMAT;
  /** base64 raw Ed25519 public key the checkpoint must be signed with */
  publicKey: string;
  checkpoint: Checkpoint;
  entries: BundledEntry[];
}

export interface EntryVerdict {
  id: string;
  leafIndex: number;
  ok: boolean;
  reason?: string;
}

export interface BundleReport {
  ok: boolean;
  checkpointSignatureValid: boolean;
  treeSize: number;
  entries: EntryVerdict[];
}

/**
 * Checks an inclusion proof for one entry against a checkpoint root; the leaf hash is recomputed from the entry's
 * fields, so what is shown is what is proven.
 */
export async function verifyEntryInclusion(
  entry: EntryFields,
  leafIndex: number,
  proofHex: readonly string[],
  checkpoint: Pick<Checkpoint, 'treeSize' | 'rootHash'>,
  h: Sha256 = webSha256,
): Promise<boolean> {
  const leaf = await entryLeafHash(h, entry);
  return verifyInclusion(h, leafIndex, checkpoint.treeSize, leaf, proofHex.map(fromHex), fromBase64(checkpoint.rootHash));
}

export async function verifyBundle(bundle: ProofBundle, trustedPublicKey?: string): Promise<BundleReport> {
  const publicKey = trustedPublicKey ?? bundle.publicKey;
  const checkpointSignatureValid = await verifyCheckpointSignature(bundle.checkpoint, publicKey);
  const entries: EntryVerdict[] = [];
  for (const item of bundle.entries) {
    let reason: string | undefined;
    if (!checkpointSignatureValid) reason = 'checkpoint signature invalid';
    else if (!(await verifyEntryInclusion(item.entry, item.leafIndex, item.proof, bundle.checkpoint)))
      reason = 'inclusion proof does not lead to the checkpoint root';
    entries.push({ id: item.entry.id, leafIndex: item.leafIndex, ok: reason === undefined, ...(reason ? { reason } : {}) });
  }
  return {
    ok: checkpointSignatureValid && entries.every((e) => e.ok),
    checkpointSignatureValid,
    treeSize: bundle.checkpoint.treeSize,
    entries,
  };
}

export const keyIdOf = async (publicKeyBase64: string, h: Sha256 = webSha256) =>
  toHex((await h(fromBase64(publicKeyBase64))).subarray(0, 16));
