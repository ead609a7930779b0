/** Numbers and the result block every benchmark prints. */
import { cpus, totalmem } from 'node:os';
import { postgresVersion } from './database.ts';

/** The q-quantile (0..1) of `values` by nearest rank; sorts a copy. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarise(latenciesMs: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(latenciesMs).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

export const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)} ms`;
export const perSecond = (v: number) => `${Math.round(v).toLocaleString('en-US')}/s`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const latencyLine = (s: LatencySummary) =>
  `p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (n=${s.count.toLocaleString('en-US')})`;
/** The same with p95, for targets stated as a p95. */
export const latencyLine95 = (s: LatencySummary) =>
  `p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (n=${s.count.toLocaleString('en-US')})`;

export const sleep = (msToWait: number) => new Promise<void>((resolve) => setTimeout(resolve, msToWait));

export async function machine(withPostgres = true): Promise<Record<string, string>> {
  const cpu = cpus();
  return {
    cpu: `${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length}`,
    ram: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    ...(withPostgres ? { postgres: (await postgresVersion()).split(' on ')[0]! } : {}),
  };
}

/** Prints one benchmark's result block: a title, aligned key/value lines, and the verdict against its target. */
export function printResult(
  title: string,
  lines: Record<string, string | number>,
  verdict?: { target: string; met: boolean },
): void {
  const width = Math.max(...Object.keys(lines).map((k) => k.length), 6);
  const out = [`\n=== ${title} ${'='.repeat(Math.max(3, 72 - title.length))}`];
  for (const [key, value] of Object.entries(lines)) out.push(`  ${key.padEnd(width)}  ${value}`);
  if (verdict) out.push(`  ${'target'.padEnd(width)}  ${verdict.target}  →  ${verdict.met ? 'MET' : 'NOT MET'}`);
  out.push('='.repeat(77));
  console.log(out.join('\n'));
}

/** Progress lines go to stderr so the result block on stdout stays clean. */
export const note = (message: string) => process.stderr.write(`[bench] ${message}\n`);
