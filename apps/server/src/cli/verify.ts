import { createPublicKey } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { keyIdOf, rawPublicKey } from '../kernel/ledger/keys.ts';
import { verifyLedger, type Phase } from '../kernel/ledger/verify.ts';

const PHASE_LABEL: Record<Phase, string> = {
  leaves: 'entries & leaves',
  tree: 'Merkle tree     ',
  nodes: 'stored subtrees ',
  checkpoints: 'checkpoints     ',
};

async function trustedKey(config: Config, args: string[]): Promise<Map<string, Uint8Array>> {
  const at = args.indexOf('--public-key');
  if (at >= 0) {
    const raw = Buffer.from(args[at + 1] ?? '', 'base64');
    if (raw.length !== 32) throw new Error('--public-key must be a base64 raw 32-byte Ed25519 key');
    return new Map([[keyIdOf(raw), raw]]);
  }
  const pem = await readFile(config.ledgerKeyFile, 'utf8').catch(() => {
    throw new Error(`no ledger key at ${config.ledgerKeyFile}; pass --public-key BASE64 (GET /api/ledger/public-key)`);
  });
  const raw = rawPublicKey(createPublicKey(pem));
  return new Map([[keyIdOf(raw), raw]]);
}

export async function verifyCommand(config: Config, args: string[]): Promise<number> {
  const json = args.includes('--json');
  const trustedKeys = await trustedKey(config, args);
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
