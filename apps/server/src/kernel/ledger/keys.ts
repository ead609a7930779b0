/**
 * The Ed25519 key that signs checkpoints. It lives in a file (by default in the data directory), never in the
 * database, so whoever can write the database still cannot sign a forged tree. Processes sharing one PostgreSQL must
 * share the file (HENJI_LEDGER_KEY_FILE).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { sha256 } from './tree.ts';

export interface LedgerSigner {
  keyId: string;
  /** raw 32-byte public key */
  publicKey: Buffer;
  sign(message: string): Buffer;
}

const SPKI_ED25519_PREFIX_LENGTH = 12;

export const rawPublicKey = (key: KeyObject) =>
  key.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX_LENGTH);

export const keyIdOf = (rawPublic: Uint8Array) => sha256(rawPublic).subarray(0, 16).toString('hex');

export async function loadOrCreateSigner(file: string): Promise<LedgerSigner> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await writeFile(file, pem, { mode: 0o600, flag: 'wx' }).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
      pem = await readFile(file, 'utf8'); // another process created it first
    });
    await chmod(file, 0o600);
  }
  return signerFromPem(pem);
}

/** A fresh key held only in memory: for tests and for building the OpenAPI document. */
export const ephemeralSigner = (): LedgerSigner =>
  signerFromPem(generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());

export function signerFromPem(pem: string): LedgerSigner {
  const privateKey = createPrivateKey(pem);
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return {
    keyId: keyIdOf(publicKey),
    publicKey,
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey),
  };
}

export function verifySignature(rawPublic: Uint8Array, message: string, signature: Uint8Array): boolean {
  const key = createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), rawPublic]),
    format: 'der',
    type: 'spki',
  });
  return verify(null, Buffer.from(message, 'utf8'), key, signature);
}

/** Records the public key in ledger_keys so checkpoints name a key anyone can fetch. */
export async function publishKey(db: Database, signer: LedgerSigner): Promise<void> {
  await db.execute(
    sql`insert into ledger_keys (key_id, public_key) values (${signer.keyId}, decode(${signer.publicKey.toString('hex')}, 'hex'))
        on conflict (key_id) do nothing`,
  );
}
