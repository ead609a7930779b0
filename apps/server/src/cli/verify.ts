import { createPublicKey } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import cliProgress from 'cli-progress';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { keyIdOf, rawPublicKey } from '../kernel/ledger/keys.ts';
import { verifyLedger, type ExportedCheckpoint, type Phase } from '../kernel/ledger/verify.ts';

const PHASE_LABEL: Record<Phase, string> = {
  leaves: 'entries & leaves',
  tree: 'Merkle tree     ',
  nodes: 'stored subtrees ',
  checkpoints: 'checkpoints     ',
};

/** The key verify trusts: `--public-key`, else the key file — never `ledger_keys`, which whoever writes the database could change. */
export async function trustedKey(config: Config, args: string[]): Promise<Map<string, Uint8Array>> {
  const at = args.indexOf('--public-key');
  if (at >= 0) {
    const raw = Buffer.from(args[at + 1] ?? '', 'base64');
    if (raw.length !== 32) throw new UsageError('--public-key must be a base64 raw 32-byte Ed25519 key');
    return new Map([[keyIdOf(raw), raw]]);
  }
  const pem = await readFile(config.ledgerKeyFile, 'utf8').catch(() => {
    throw new UsageError(`no ledger key at ${config.ledgerKeyFile}; pass --public-key BASE64 (GET /api/ledger/public-key)`);
  });
  const raw = rawPublicKey(createPublicKey(pem));
  return new Map([[keyIdOf(raw), raw]]);
}

/** A file written by `henji checkpoint export`, or saved from GET /api/ledger/checkpoint (the same fields). */
const CheckpointFile = z.object({
  treeSize: z.number().int().nonnegative(),
  rootHash: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  issuedAt: z.string(),
  keyId: z.string(),
  signature: z.string(),
});

async function readSince(args: string[]): Promise<ExportedCheckpoint | undefined> {
  const at = args.indexOf('--since');
  if (at < 0) return undefined;
  const file = args[at + 1];
  if (!file) throw new UsageError('--since needs a file written by `henji checkpoint export`');
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${e.code ?? e.message}`);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not JSON; expected a file written by \`henji checkpoint export\``);
  }
  const result = CheckpointFile.safeParse(parsed);
  if (!result.success) {
    throw new UsageError(`${file} is not a checkpoint (needs treeSize, rootHash, issuedAt, keyId, signature)`);
  }
  return result.data;
}

/** A mistake in how the command was called: the message, exit 2. */
export class UsageError extends Error {}

export async function verifyCommand(config: Config, args: string[]): Promise<number> {
  const json = args.includes('--json');
  let trustedKeys: Map<string, Uint8Array>;
  let since: ExportedCheckpoint | undefined;
  try {
    since = await readSince(args);
    trustedKeys = await trustedKey(config, args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return 2;
  }
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const bars = json || !process.stderr.isTTY ? null : new cliProgress.MultiBar(
    { format: '{phase} [{bar}] {percentage}% {value}/{total}', hideCursor: true, clearOnComplete: false, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  const barOf = new Map<Phase, cliProgress.SingleBar>();
  let lastLine = 0;
  try {
    const report = await verifyLedger(handle.db, {
      trustedKeys,
      ...(since ? { since } : {}),
      // On PostgreSQL the leaves are checked on every core, each worker with its own connection.
      ...(config.databaseUrl ? { workers: { databaseUrl: config.databaseUrl, count: Math.min(availableParallelism(), 8) } } : {}),
      onProgress: (phase, done, total) => {
        if (bars) {
          const bar = barOf.get(phase) ?? bars.create(total, 0, { phase: PHASE_LABEL[phase] });
          barOf.set(phase, bar);
          bar.setTotal(Math.max(total, 1));
          bar.update(done, { phase: PHASE_LABEL[phase] });
        } else if (!json && Date.now() - lastLine > 1000) {
          lastLine = Date.now();
          process.stderr.write(`${PHASE_LABEL[phase].trim()}: ${done}/${total}\n`);
        }
      },
    });
    bars?.stop();
    if (json) {
      console.log(JSON.stringify(report, null, 2));
    } else if (report.ok) {
      console.log(
        `ledger verified: ${report.leaves} entries in the tree, ${report.pending} pending, ${report.nodes} subtree hashes, ` +
          `${report.checkpoints} checkpoints, in ${report.durationMs} ms (${report.entriesPerSecond} entries/s)`,
      );
      if (since) {
        console.log(`consistent with the exported checkpoint of size ${since.treeSize} issued ${since.issuedAt}: nothing it covers was removed or changed`);
      }
    } else {
      console.log(`LEDGER VERIFICATION FAILED: ${report.problemCount} problem(s)`);
      console.log(`first bad: ${report.firstProblem?.message}`);
      for (const p of report.problems.slice(1, 10)) console.log(`  also: ${p.message}`);
    }
    return report.ok ? 0 : 1;
  } finally {
    bars?.stop();
    await handle.close();
  }
}
