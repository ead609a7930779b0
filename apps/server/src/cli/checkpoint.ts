/**
 * `henji checkpoint export [--out FILE]`: the newest signed checkpoint, for an auditor to keep outside the database.
 * A later `henji verify --since FILE` proves the tree still extends it, which catches what verify alone cannot: a
 * superuser deleting the newest entries together with their leaves, subtree hashes and checkpoints.
 */
import { writeFile } from 'node:fs/promises';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { verifySignature } from '../kernel/ledger/keys.ts';
import { latestCheckpoint } from '../kernel/ledger/proofs.ts';
import { trustedKey, UsageError } from './verify.ts';

export const CHECKPOINT_FILE_FORMAT = 'henji.checkpoint.v1';

export async function checkpointCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const options = new Map<string, string | undefined>();
  for (let i = 0; i < rest.length; i += 2) options.set(rest[i]!, rest[i + 1]);
  const out = options.get('--out');
  const wellFormed = [...options].every(([name, value]) => (name === '--out' || name === '--public-key') && value);
  if (sub !== 'export' || !wellFormed) {
    console.error('usage: henji checkpoint export [--out FILE] [--public-key BASE64]');
    return 2;
  }
  let trusted: Map<string, Uint8Array>;
  try {
    trusted = await trustedKey(config, rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return 2;
  }
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    const checkpoint = await latestCheckpoint(handle.db);
    if (!checkpoint) {
      console.error('no signed checkpoint yet: the ledger is empty or the sequencer has not run');
      return 1;
    }
    // Exporting a checkpoint the trusted key did not sign would make a forgery the reference.
    const key = trusted.get(checkpoint.keyId);
    if (!key || !verifySignature(key, checkpoint.note, Buffer.from(checkpoint.signature, 'base64'))) {
      console.error(`the newest checkpoint (size ${checkpoint.treeSize}) is not signed by the trusted key: run henji verify`);
      return 1;
    }
    const text = `${JSON.stringify({ format: CHECKPOINT_FILE_FORMAT, ...checkpoint }, null, 2)}\n`;
    if (out) {
      await writeFile(out, text);
      console.error(`checkpoint of size ${checkpoint.treeSize} issued ${checkpoint.issuedAt} written to ${out}`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  } finally {
    await handle.close();
  }
}
