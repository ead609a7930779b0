/**
 * Signed checkpoints: a short text note naming the tree size and root, signed with Ed25519.
 * The note format follows the spirit of C2SP signed notes: origin, size, base64 root, time, each on its own line.
 */
import { fromBase64, toBase64, utf8 } from './bytes.ts';

export const CHECKPOINT_ORIGIN = 'henji.ledger/v1';

export interface Checkpoint {
  treeSize: number;
  /** base64 of the 32-byte RFC 6962 root hash */
  rootHash: string;
  /** ISO-8601 UTC */
  issuedAt: string;
  /** hex id of the signing key: first 16 bytes of SHA-256 of the raw public key */
  keyId: string;
  /** base64 Ed25519 signature over checkpointNote(...) */
  signature: string;
}

export function checkpointNote(c: Pick<Checkpoint, 'treeSize' | 'rootHash' | 'issuedAt'>): string {
  return `${CHECKPOINT_ORIGIN}\n${c.treeSize}\n${c.rootHash}\n${c.issuedAt}\n`;
}

/** Verifies a checkpoint's signature with a raw 32-byte Ed25519 public key (base64) using WebCrypto. */
export async function verifyCheckpointSignature(c: Checkpoint, publicKeyBase64: string): Promise<boolean> {
  try {
    const key = await globalThis.crypto.subtle.importKey(
      'raw',
      fromBase64(publicKeyBase64) as Uint8Array<ArrayBuffer>,
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    return await globalThis.crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      fromBase64(c.signature) as Uint8Array<ArrayBuffer>,
      utf8(checkpointNote(c)) as Uint8Array<ArrayBuffer>,
    );
  } catch {
    return false;
  }
}

export { toBase64 };
