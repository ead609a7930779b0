/**
 * CPU accounting for a measured interval: this process (process.cpuUsage), every `postgres` process (when PostgreSQL
 * runs on this machine; /proc utime + stime) and the whole machine (/proc/stat). On a 2-core machine they compete
 * for the same cores, so the split says where a cost lands, and "other" says whether something else (another test
 * run on a shared machine) was taking CPU during the measurement.
 */
import { cpus } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { sleep } from './report.ts';

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds used so far by each process named `postgres`, by pid, or null when none is visible. */
export function postgresCpuByPid(): Map<string, number> | null {
  const out = new Map<string, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    const fields = stat.slice(close + 2).split(' ');
    out.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS); // utime, stime (fields 14 and 15 of stat)
  }
  return out.size > 0 ? out : null;
}

/** CPU used by postgres processes between two readings; a backend that exited in between is not counted. */
function postgresDelta(before: Map<string, number> | null, after: Map<string, number> | null): number | null {
  if (before === null || after === null) return null;
  let sum = 0;
  for (const [pid, seconds] of after) sum += seconds - (before.get(pid) ?? 0);
  return sum;
}

/** Busy CPU seconds of the whole machine so far (all cores), or null without /proc/stat. */
export function machineBusySeconds(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

export interface CpuUse {
  wallSeconds: number;
  nodeSeconds: number;
  /** all postgres processes, including other databases' backends; null when PostgreSQL is not on this machine */
  postgresSeconds: number | null;
  machineSeconds: number | null;
}

/** Starts measuring; the returned function gives the CPU used since the start. */
export function cpuMeter(): () => CpuUse {
  const wall0 = performance.now();
  const node0 = process.cpuUsage();
  const pg0 = postgresCpuByPid();
  const machine0 = machineBusySeconds();
  return () => {
    const node = process.cpuUsage(node0);
    const pg1 = postgresCpuByPid();
    const machine1 = machineBusySeconds();
    return {
      wallSeconds: (performance.now() - wall0) / 1000,
      nodeSeconds: (node.user + node.system) / 1e6,
      postgresSeconds: postgresDelta(pg0, pg1),
      machineSeconds: machine0 === null || machine1 === null ? null : machine1 - machine0,
    };
  };
}

const plus = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

export const addCpu = (a: CpuUse, b: CpuUse): CpuUse => ({
  wallSeconds: a.wallSeconds + b.wallSeconds,
  nodeSeconds: a.nodeSeconds + b.nodeSeconds,
  postgresSeconds: plus(a.postgresSeconds, b.postgresSeconds),
  machineSeconds: plus(a.machineSeconds, b.machineSeconds),
});

/** CPU taken by processes other than this one and PostgreSQL, in cores (1.0 = one full core). */
export const otherCores = (c: CpuUse) =>
  c.machineSeconds === null ? null : Math.max(0, c.machineSeconds - c.nodeSeconds - (c.postgresSeconds ?? 0)) / c.wallSeconds;

/** "node 61% + postgres 120% of a core (other 3%); 180 + 350 µs CPU per op" */
export function cpuLine(c: CpuUse, ops?: number): string {
  const pct = (s: number) => `${((s / c.wallSeconds) * 100).toFixed(0)}%`;
  const us = (s: number) => `${Math.round((s / (ops ?? 1)) * 1e6)}`;
  const other = otherCores(c);
  const load = `node ${pct(c.nodeSeconds)}` + (c.postgresSeconds === null ? '' : ` + postgres ${pct(c.postgresSeconds)}`) +
    ` of a core` + (other === null ? '' : ` (other processes ${(other * 100).toFixed(0)}%)`);
  if (ops === undefined) return load;
  return `${load}; ${us(c.nodeSeconds)}${c.postgresSeconds === null ? '' : ` + ${us(c.postgresSeconds)}`} µs CPU per op`;
}

/**
 * On a shared machine, waits (up to BENCH_QUIET_WAIT_S, 30 s by default) until other processes use less than a
 * quarter of the cores, so a neighbour's test run does not land in the numbers. Returns the load last seen.
 */
export async function waitForQuietMachine(log: (message: string) => void): Promise<number | null> {
  const limit = Number(process.env.BENCH_QUIET_WAIT_S ?? 30) * 1000;
  const cores = cpus().length;
  const started = performance.now();
  for (;;) {
    const meter = cpuMeter();
    await sleep(1000);
    const use = meter();
    if (use.machineSeconds === null) return null;
    const busy = (use.machineSeconds - use.nodeSeconds) / use.wallSeconds;
    if (busy < cores / 4) return busy;
    if (performance.now() - started > limit) {
      log(`machine still busy (${(busy * 100).toFixed(0)}% of a core used by others); measuring anyway`);
      return busy;
    }
    log(`machine busy (${(busy * 100).toFixed(0)}% of a core used by other processes); waiting for it to calm down`);
    await sleep(2000);
  }
}
