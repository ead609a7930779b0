/**
 * Traced command throughput: a real command through `execute()` (its trace written in the same transaction, the
 * sequencer integrating it in the background) against the identical command body in a plain `db.transaction` whose
 * `ctx.trace` writes nothing. Same process, same database, same pool, alternating slices so drift hits all alike.
 *
 * A third, diagnostic mode ("ledger only") runs the body with a `ctx.trace` that appends the entry exactly as
 * `execute()` does but without the rest of `execute()` (its no-trace guard), to tell the ledger's own cost from the
 * command runner's.
 *
 * Target: traced ≥ 50% of untraced ops/s with 32 concurrent writers.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../apps/server/src/db/client.ts';
import { actorId, systemActor, type RequestMeta } from '../apps/server/src/kernel/actor.ts';
import { execute, type Caller, type Command, type Ctx } from '../apps/server/src/kernel/command.ts';
import { appendEntry } from '../apps/server/src/kernel/ledger/append.ts';
import { Sequencer } from '../apps/server/src/kernel/ledger/sequencer.ts';
import { createDepartment } from '../apps/server/src/kernel/org/commands/create-department.ts';
import { updateDepartment } from '../apps/server/src/kernel/org/commands/update-department.ts';
import { addCpu, cpuLine, cpuMeter, otherCores, waitForQuietMachine, type CpuUse } from './lib/cpu.ts';
import { createBenchDatabase } from './lib/database.ts';
import { openBenchHenji } from './lib/henji.ts';
import { latencyLine, machine, note, perSecond, printResult, sleep, summarise, type LatencySummary } from './lib/report.ts';

const WRITERS = Number(process.env.BENCH_WRITERS ?? 32);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const TARGET_RATIO = 0.5;

const MODES = ['untraced', 'ledger-only', 'traced'] as const;
type Mode = (typeof MODES)[number];

/** One operation of a workload, run by writer `writer`; the command and its input are the same in both modes. */
interface Workload {
  name: string;
  /** label prefix in the result block */
  short: string;
  prepare(db: Database): Promise<void>;
  next(writer: number): { command: Command<never, unknown>; input: never };
}

/** What an HTTP request would carry; the trace payload records it. */
const meta = (): RequestMeta => ({ requestId: randomUUID(), ip: '10.0.3.17', userAgent: 'Mozilla/5.0 (bench) Henji/0.1' });
const bench = systemActor('bench');

let serial = 0;
const createWorkload: Workload = {
  name: 'org.createDepartment',
  short: 'create',
  prepare: async () => undefined,
  next: () => {
    const n = serial++;
    const input = { code: `B${n.toString(36).toUpperCase()}`, name: `基准测试部门 ${n}`, parentId: null, sortOrder: n % 1000 };
    return { command: createDepartment as Command<never, unknown>, input: input as never };
  },
};

/** Each writer renames a department of its own, so writers never wait on one another's row locks. */
const ownDepartments: string[] = [];
const updateWorkload: Workload = {
  name: 'org.updateDepartment',
  short: 'update',
  prepare: async (db) => {
    for (let w = 0; w < WRITERS; w++) {
      const row = await execute(db, { actor: bench, meta: meta() }, createDepartment, { code: `U${w}`, name: `写者 ${w}`, parentId: null });
      ownDepartments.push(row.id);
    }
  },
  next: (writer) => {
    const n = serial++;
    const input = { id: ownDepartments[writer]!, changes: { name: `改名 ${n}`, sortOrder: n % 1000 } };
    return { command: updateDepartment as Command<never, unknown>, input: input as never };
  },
};

/**
 * The command's own body in a transaction of its own. Untraced: `ctx.trace` writes nothing, the ledger's cost
 * removed. Ledger only: `ctx.trace` appends the entry as `execute()` does, and nothing else of `execute()` runs.
 */
function runBody(db: Database, caller: Caller, command: Command<never, unknown>, input: never, append: boolean): Promise<unknown> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const atEnd: (() => Promise<void>)[] = [];
    const ctx: Ctx = {
      tx,
      actor: caller.actor,
      delegate: null,
      onBehalfOf: null,
      meta: caller.meta,
      now,
      trace: async (entry) =>
        append
          ? appendEntry(tx, entry, {
              actorId: actorId(caller.actor),
              onBehalfOfId: null,
              requestId: caller.meta.requestId,
              ip: caller.meta.ip,
              userAgent: caller.meta.userAgent,
              recordedAt: now,
            })
          : '0',
      // Neither a department update's queued trace nor deferred work exists; kept so `Ctx` is whole.
      traceSoon: () => {},
      beforeEnd: (work) => void atEnd.push(work),
    };
    const result = await command.run(ctx, input);
    for (const work of atEnd) await work();
    return result;
  });
}

interface Slice {
  ops: number;
  seconds: number;
  latencies: number[];
  cpu: CpuUse;
}

async function runSlice(db: Database, workload: Workload, mode: Mode, seconds: number): Promise<Slice> {
  const latencies: number[] = [];
  const cpu = cpuMeter();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const writer = async (w: number) => {
    while (performance.now() < deadline) {
      const { command, input } = workload.next(w);
      const caller: Caller = { actor: bench, meta: meta() };
      const t0 = performance.now();
      if (mode === 'traced') await execute(db, caller, command, input);
      else await runBody(db, caller, command, input, mode === 'ledger-only');
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  return { ops: latencies.length, seconds: (performance.now() - started) / 1000, latencies, cpu: cpu() };
}

const pendingCount = async (db: Database) =>
  Number((await queryRows<{ n: string }>(db, sql`select count(*)::text as n from ledger_pending`))[0]!.n);

/** Waits until the background sequencer has integrated everything; returns how long that took. */
async function waitForSequencer(db: Database): Promise<number> {
  const started = performance.now();
  while ((await pendingCount(db)) > 0) {
    if (performance.now() - started > 120_000) throw new Error('the sequencer did not drain within 120 s');
    await sleep(50);
  }
  return performance.now() - started;
}

interface ModeResult {
  opsPerSecond: number;
  ops: number;
  latency: LatencySummary;
  cpu: CpuUse;
}

interface WorkloadResult {
  modes: Record<Mode, ModeResult>;
  /** traced / untraced ops/s */
  ratio: number;
  /** entries still pending when each traced slice ended, and how long the sequencer then took to catch up */
  backlog: { pending: number; drainMs: number }[];
}

async function runWorkload(db: Database, workload: Workload): Promise<WorkloadResult> {
  await workload.prepare(db);
  await waitForQuietMachine(note);
  note(`${workload.name}: warm-up ${WARMUP_S} s per mode`);
  for (const mode of MODES) await runSlice(db, workload, mode, WARMUP_S);
  await waitForSequencer(db);

  const slices: Record<Mode, Slice[]> = { untraced: [], 'ledger-only': [], traced: [] };
  const backlog: WorkloadResult['backlog'] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of MODES) {
      const slice = await runSlice(db, workload, mode, DURATION_S / ROUNDS);
      slices[mode].push(slice);
      const other = otherCores(slice.cpu);
      note(
        `${workload.name} round ${round + 1}/${ROUNDS} ${mode}: ${perSecond(slice.ops / slice.seconds)}` +
          (other === null ? '' : ` (other processes used ${(other * 100).toFixed(0)}% of a core)`),
      );
      if (mode !== 'untraced') {
        const pending = await pendingCount(db);
        backlog.push({ pending, drainMs: await waitForSequencer(db) });
      }
    }
  }
  const combine = (list: Slice[]): ModeResult => {
    const ops = list.reduce((n, s) => n + s.ops, 0);
    const seconds = list.reduce((n, s) => n + s.seconds, 0);
    return {
      ops,
      opsPerSecond: ops / seconds,
      latency: summarise(list.flatMap((s) => s.latencies)),
      cpu: list.map((s) => s.cpu).reduce(addCpu),
    };
  };
  const modes = { untraced: combine(slices.untraced), 'ledger-only': combine(slices['ledger-only']), traced: combine(slices.traced) };
  return { modes, ratio: modes.traced.opsPerSecond / modes.untraced.opsPerSecond, backlog };
}

export async function main(): Promise<void> {
  const database = await createBenchDatabase();
  const poolSize = process.env.BENCH_POOL_SIZE ? Number(process.env.BENCH_POOL_SIZE) : undefined;
  const henji = await openBenchHenji(database.url, poolSize === undefined ? {} : { poolSize });
  const { db } = henji.handle;
  const sequencerErrors: unknown[] = [];
  const sequencer = new Sequencer(db, henji.signer, { intervalMs: 250, onError: (e) => sequencerErrors.push(e) });
  sequencer.start();
  const results: [Workload, WorkloadResult][] = [];
  try {
    for (const workload of [createWorkload, updateWorkload]) results.push([workload, await runWorkload(db, workload)]);
  } finally {
    await sequencer.stop();
    await henji.handle.close();
    await database.drop();
  }
  if (sequencerErrors.length > 0) throw new Error(`the sequencer failed: ${String(sequencerErrors[0])}`);

  const lines: Record<string, string> = {
    ...(await machine()),
    writers: `${WRITERS} concurrent, pool ${henji.config.poolSize} connections, sequencer every 250 ms`,
    duration: `${DURATION_S} s per mode in ${ROUNDS} alternating slices, after ${WARMUP_S} s warm-up each`,
  };
  for (const [workload, r] of results) {
    const key = (label: string) => `${workload.short}: ${label}`;
    lines[workload.name] = '';
    for (const mode of MODES) {
      const m = r.modes[mode];
      lines[key(mode)] = `${perSecond(m.opsPerSecond)}  ${latencyLine(m.latency)}`;
      lines[key(`${mode} CPU`)] = cpuLine(m.cpu, m.ops);
    }
    const ledgerOnly = r.modes['ledger-only'].opsPerSecond / r.modes.untraced.opsPerSecond;
    lines[key('traced / untraced')] = `${(r.ratio * 100).toFixed(1)}%  (ledger only / untraced: ${(ledgerOnly * 100).toFixed(1)}%)`;
    const worstBacklog = r.backlog.reduce((a, b) => (b.pending > a.pending ? b : a));
    lines[key('sequencer backlog')] =
      `at most ${worstBacklog.pending.toLocaleString('en-US')} entries pending when a slice ended; ` +
      `drained within ${Math.round(Math.max(...r.backlog.map((b) => b.drainMs)))} ms`;
  }
  const worst = Math.min(...results.map(([, r]) => r.ratio));
  printResult('traced-throughput', lines, {
    target: `traced ≥ ${TARGET_RATIO * 100}% of untraced (worst: ${(worst * 100).toFixed(1)}%)`,
    met: worst >= TARGET_RATIO,
  });
}
