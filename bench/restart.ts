/**
 * Restart to healthy on an existing PGlite data directory: prepare a data directory (first start, demo seed), then
 * BENCH_RESTARTS (5) times spawn `node bin/henji.mjs serve`, poll GET /api/health until 200, and stop it with SIGTERM.
 * The time is from spawn to the first 200. Target: ≤ 3 s. No PostgreSQL involved.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, ms, note, printResult, quantile, sleep } from './lib/report.ts';
import { waitForQuietMachine } from './lib/cpu.ts';

const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 5);
const TARGET_MS = 3000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HENJI = path.join(ROOT, 'bin', 'henji.mjs');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function henjiEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HENJI_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    HENJI_ADMIN_PASSWORD: 'bench-admin-password',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL; // PGlite in the data directory
  return env;
}

/** Spawns `henji serve` and resolves with the milliseconds from spawn to the first 200 from /api/health. */
async function startServe(env: NodeJS.ProcessEnv, port: number): Promise<{ child: ChildProcess; readyMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [HENJI, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  for (;;) {
    if (exited !== null) throw new Error(`henji serve exited with ${exited} before it was healthy`);
    if (performance.now() - started > 60_000) throw new Error('henji serve was not healthy within 60 s');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      await res.arrayBuffer();
      if (res.status === 200) return { child, readyMs: performance.now() - started };
    } catch {
      /* not listening yet */
    }
    await sleep(10);
  }
}

/** SIGTERM, then waits for the exit; returns how long the shutdown took. */
async function stop(child: ChildProcess): Promise<number> {
  const started = performance.now();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.exitCode === null) child.kill('SIGTERM');
  const timeout = sleep(30_000).then(() => 'timeout' as const);
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    throw new Error('henji serve did not exit within 30 s of SIGTERM');
  }
  return performance.now() - started;
}

const BREAKDOWNS = 3;

/** Runs the steps of a start one by one in a child (lib/start-breakdown.ts); returns step → ms. */
function startBreakdown(env: NodeJS.ProcessEnv): Record<string, number> {
  const worker = fileURLToPath(new URL('./lib/start-breakdown.ts', import.meta.url));
  const child = spawnSync(process.execPath, ['--import', 'tsx', worker], { cwd: ROOT, env, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`start breakdown failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, number>;
}

/** The median of each step over the breakdown runs, one line each. */
function breakdownLines(runs: Record<string, number>[]): Record<string, string> {
  const lines: Record<string, string> = {};
  for (const name of Object.keys(runs[0] ?? {})) {
    lines[`  ${name}`] = ms(quantile(runs.map((r) => r[name] ?? Number.NaN), 0.5));
  }
  return { [`start, step by step (median of ${runs.length})`]: '', ...lines };
}

export async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'henji-bench-restart-'));
  const port = await freePort();
  const env = henjiEnv(dataDir, port);
  const restarts: { readyMs: number; stopMs: number; otherLoad: number | null }[] = [];
  const breakdowns: Record<string, number>[] = [];
  let firstStartMs: number;
  let seedMs: number;
  let helpMs: number;
  try {
    note(`preparing ${dataDir}: first start`);
    const first = await startServe(env, port);
    firstStartMs = first.readyMs;
    await stop(first.child);

    note('loading the demo seed');
    let t0 = performance.now();
    const seed = spawnSync(process.execPath, [HENJI, 'seed', '--demo'], { cwd: ROOT, env, encoding: 'utf8' });
    if (seed.status !== 0) throw new Error(`henji seed --demo failed: ${seed.stderr}`);
    seedMs = performance.now() - t0;

    // How much of a start is Node, tsx and the CLI's own imports: `henji help` loads main.ts and exits.
    t0 = performance.now();
    spawnSync(process.execPath, [HENJI, 'help'], { cwd: ROOT, env, stdio: 'ignore' });
    helpMs = performance.now() - t0;

    for (let i = 0; i < RESTARTS; i++) {
      const otherLoad = await waitForQuietMachine(note);
      const { child, readyMs } = await startServe(env, port);
      const stopMs = await stop(child);
      restarts.push({ readyMs, stopMs, otherLoad });
      note(`restart ${i + 1}/${RESTARTS}: healthy after ${ms(readyMs)}, stopped in ${ms(stopMs)}`);
    }
    for (let i = 0; i < BREAKDOWNS; i++) {
      await waitForQuietMachine(note);
      breakdowns.push(startBreakdown(env));
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const ready = restarts.map((r) => r.readyMs);
  const median = quantile(ready, 0.5);
  const max = Math.max(...ready);
  printResult(
    'restart',
    {
      ...(await machine(false)),
      storage: 'PGlite data directory (no PostgreSQL)',
      'first start': `${ms(firstStartMs)} (creates and migrates the database, generates the key)`,
      'demo seed': `${ms(seedMs)} (henji seed --demo, a separate process)`,
      'henji help': `${ms(helpMs)} (node + tsx + main.ts imports, for scale)`,
      'spawn → healthy': ready.map(ms).join(', '),
      'min / median / max': `${ms(Math.min(...ready))} / ${ms(median)} / ${ms(max)}`,
      'SIGTERM → exit': restarts.map((r) => ms(r.stopMs)).join(', '),
      'load by others': `${restarts.map((r) => (r.otherLoad === null ? '?' : `${(r.otherLoad * 100).toFixed(0)}%`)).join(', ')} of a core, in the second before each start`,
      ...breakdownLines(breakdowns),
    },
    { target: `every restart ≤ ${ms(TARGET_MS)} (max ${ms(max)})`, met: max <= TARGET_MS },
  );
}
