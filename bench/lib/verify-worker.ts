/**
 * Runs `verifyLedger` once in a process of its own, as `henji verify` would, and prints one JSON line: the report's
 * counts and timing plus this process's peak RSS. Spawned by bench/verify.ts with `node --import tsx`; input comes
 * from BENCH_VERIFY_DATABASE_URL and BENCH_VERIFY_PUBLIC_KEY (base64 raw Ed25519).
 */
import { availableParallelism } from 'node:os';
import { openDatabase } from '../../apps/server/src/db/client.ts';
import { keyIdOf } from '../../apps/server/src/kernel/ledger/keys.ts';
import { verifyLedger, type Phase } from '../../apps/server/src/kernel/ledger/verify.ts';
import { cpuMeter, type CpuUse } from './cpu.ts';

export interface VerifyWorkerResult {
  ok: boolean;
  problemCount: number;
  firstProblem: string | null;
  leaves: number;
  nodes: number;
  checkpoints: number;
  durationMs: number;
  entriesPerSecond: number;
  /** wall time of each phase, from the first progress call of one phase to the first of the next */
  phaseMs: Partial<Record<Phase | 'counts', number>>;
  rssBeforeBytes: number;
  /** peak resident set size of the whole process (getrusage ru_maxrss) */
  maxRssBytes: number;
  heapUsedAfterBytes: number;
  /** CPU while verifyLedger ran: this process, PostgreSQL, the rest of the machine */
  cpu: CpuUse;
}

const url = process.env.BENCH_VERIFY_DATABASE_URL;
const publicKey = Buffer.from(process.env.BENCH_VERIFY_PUBLIC_KEY ?? '', 'base64');
if (!url || publicKey.length !== 32) throw new Error('set BENCH_VERIFY_DATABASE_URL and BENCH_VERIFY_PUBLIC_KEY');

const handle = await openDatabase({ databaseUrl: url, dataDir: null });
const rssBeforeBytes = process.memoryUsage().rss;
const phaseMs: VerifyWorkerResult['phaseMs'] = {};
const meter = cpuMeter();
const started = performance.now();
let phase: Phase | 'counts' = 'counts';
let phaseStart = started;
const report = await verifyLedger(handle.db, {
  trustedKeys: new Map([[keyIdOf(publicKey), publicKey]]),
  // as `henji verify` does on PostgreSQL: the leaves on every core
  workers: { databaseUrl: url, count: Number(process.env.BENCH_VERIFY_WORKERS ?? availableParallelism()) },
  onProgress: (next) => {
    if (next === phase) return;
    const now = performance.now();
    phaseMs[phase] = now - phaseStart;
    phase = next;
    phaseStart = now;
  },
});
phaseMs[phase] = performance.now() - phaseStart;
const cpu = meter();
await handle.close();
const result: VerifyWorkerResult = {
  ok: report.ok,
  problemCount: report.problemCount,
  firstProblem: report.firstProblem?.message ?? null,
  leaves: report.leaves,
  nodes: report.nodes,
  checkpoints: report.checkpoints,
  durationMs: report.durationMs,
  entriesPerSecond: report.entriesPerSecond,
  phaseMs,
  rssBeforeBytes,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
  heapUsedAfterBytes: process.memoryUsage().heapUsed,
  cpu,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
