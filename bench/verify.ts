/**
 * `henji verify` speed: verifyLedger over the 1,000,000-entry fixture (BENCH_ENTRIES for fewer), in a fresh process
 * of its own so its peak RSS is its own. Target: ≥ 200,000 entries/s (1M in ≤ 5 s).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuLine, waitForQuietMachine, type CpuUse } from './lib/cpu.ts';
import type { VerifyWorkerResult } from './lib/verify-worker.ts';
import { buildLines, ledgerFixture } from './ledger-fixture.ts';
import { machine, mib, ms, note, perSecond, printResult } from './lib/report.ts';

const TARGET = 200_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function runWorker(databaseUrl: string, publicKey: Buffer): Promise<{ result: VerifyWorkerResult; cpu: CpuUse }> {
  const worker = fileURLToPath(new URL('./lib/verify-worker.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', worker], {
    env: { ...process.env, BENCH_VERIFY_DATABASE_URL: databaseUrl, BENCH_VERIFY_PUBLIC_KEY: publicKey.toString('base64') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`verify worker exited with ${code}`));
      const result = JSON.parse(out.trim().split('\n').pop()!) as VerifyWorkerResult;
      resolve({ result, cpu: result.cpu });
    });
  });
}

export async function main(): Promise<void> {
  const fixture = await ledgerFixture();
  const runs: { result: VerifyWorkerResult; cpu: CpuUse }[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      await waitForQuietMachine(note);
      const run = await runWorker(fixture.databaseUrl, fixture.signer.publicKey);
      if (!run.result.ok) throw new Error(`the ledger did not verify: ${run.result.problemCount} problems; first: ${run.result.firstProblem}`);
      note(`verify run ${i + 1}/${RUNS}: ${ms(run.result.durationMs)}, ${perSecond(run.result.entriesPerSecond)}, peak RSS ${mib(run.result.maxRssBytes)}`);
      runs.push(run);
    }
  } finally {
    await fixture.release();
  }
  const best = runs.reduce((a, b) => (b.result.durationMs < a.result.durationMs ? b : a));
  const sorted = runs.map((r) => r.result.durationMs).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const medianRate = best.result.leaves / (median / 1000);
  const phases = Object.entries(best.result.phaseMs).map(([p, t]) => `${p} ${ms(t)}`).join(', ');
  printResult(
    'verify',
    {
      ...(await machine()),
      ledger: `${best.result.leaves.toLocaleString('en-US')} leaves, ${best.result.nodes.toLocaleString('en-US')} stored subtree hashes, ${best.result.checkpoints} checkpoints`,
      ...buildLines(fixture),
      'verifyLedger runs': runs.map((r) => ms(r.result.durationMs)).join(', '),
      'median': `${ms(median)} → ${perSecond(medianRate)}`,
      'best run phases': phases,
      'best run CPU': cpuLine(best.cpu),
      'peak RSS': `${runs.map((r) => mib(r.result.maxRssBytes)).join(', ')} (process at start ${mib(best.result.rssBeforeBytes)})`,
    },
    { target: `≥ ${perSecond(TARGET)} (1M in ≤ 5 s); median run ${perSecond(medianRate)}`, met: medianRate >= TARGET },
  );
}
