/**
 * The key that commits confidential values to the ledger (保密性原则). An unsalted SHA-256 of a low-entropy secret (an
 * SMTP password, a short token) is undone by hashing a dictionary; an HMAC under a key that is not in the database is
 * not. The key is 32 random bytes in a file beside the ledger signing key (mode 0600), created at first start: whoever
 * reads the database, a backup or a proof bundle cannot test guesses. Processes that share a PostgreSQL share the key
 * directory, as they share the signing key.
 *
 * Commitments read `hmac-sha256:<keyId>:<hex>`; the key id (16 hex digits, an HMAC of a fixed label) names the key
 * without revealing it, so a rotated key is told apart. Entries written before this scheme keep their
 * `sha256:<hex>` commitments: the ledger is append-only and the verifier hashes payload text, whatever it says.
 */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface CommitmentKey {
  keyId: string;
  commit(canonicalText: string): string;
  /**
   * A key for another purpose (the meetings' sign-in codes), derived by HKDF-SHA256 under its own label: the secret is
   * never used raw for two purposes, and the derived key is the same in every process sharing this key file.
   */
  derive(label: string): Buffer;
}

const KEY_BYTES = 32;

export function commitmentKeyOf(secret: Buffer): CommitmentKey {
  if (secret.length < KEY_BYTES) throw new RangeError(`a commitment key needs ${KEY_BYTES} bytes`);
  const keyId = createHmac('sha256', secret).update('henji.commitment-key.id.v1').digest('hex').slice(0, 16);
  return {
    keyId,
    commit: (text) => `hmac-sha256:${keyId}:${createHmac('sha256', secret).update(text, 'utf8').digest('hex')}`,
    derive: (label) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `henji.derived-key.v1:${label}`, KEY_BYTES)),
  };
}

/** Where the key lives: beside the ledger signing key (HENJI_LEDGER_KEY_FILE's directory). */
export const commitmentKeyFileFor = (ledgerKeyFile: string) => path.join(path.dirname(ledgerKeyFile), 'ledger-commitment.key');

export async function loadOrCreateCommitmentKey(file: string): Promise<CommitmentKey> {
  let hex: string;
  try {
    hex = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true });
    hex = randomBytes(KEY_BYTES).toString('hex');
    await writeFile(file, `${hex}\n`, { mode: 0o600, flag: 'wx' }).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
      hex = (await readFile(file, 'utf8')).trim(); // another process created it first
    });
    await chmod(file, 0o600);
  }
  if (!/^[0-9a-f]{64,}$/.test(hex)) throw new Error(`${file} does not hold a commitment key (${KEY_BYTES * 2}+ hex digits)`);
  return commitmentKeyOf(Buffer.from(hex, 'hex'));
}

/** A fresh key held only in memory (tests, the OpenAPI build). */
export const ephemeralCommitmentKey = (): CommitmentKey => commitmentKeyOf(randomBytes(KEY_BYTES));

let installed: CommitmentKey | null = null;

/** Installs the process's commitment key (runtime start-up); returns the one it replaces. */
export function installCommitmentKey(key: CommitmentKey): CommitmentKey | null {
  const previous = installed;
  installed = key;
  return previous;
}

/**
 * The process's key. A process that traces without having opened the runtime (a unit test of payloads) gets a random
 * key of its own: its commitments hide the values all the same, they just match no other process's.
 */
export function commitmentKey(): CommitmentKey {
  installed ??= ephemeralCommitmentKey();
  return installed;
}
