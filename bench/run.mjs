#!/usr/bin/env node
// Runs Henji's benchmarks: `node bench/run.mjs [name…]`. With one name the benchmark runs in this process; with none
// or several, each runs in a child process of its own so that one benchmark's memory and connections cannot colour
// the next one's numbers. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const BENCHMARKS = ['traced-throughput', 'verify', 'inclusion-proof', 'restart', 'purchase-throughput', 'inbox-query', 'page-load', 'room-timeline', 'booking-race', 'sign-in-burst'];
/** Not benchmarks, but runnable the same way: builds (and with BENCH_KEEP=1 keeps) the 1M-entry ledger. */
const UTILITIES = ['ledger-fixture'];

const names = process.argv.slice(2);
const unknown = names.filter((n) => !BENCHMARKS.includes(n) && !UTILITIES.includes(n));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(', ')}\nknown: ${[...BENCHMARKS, ...UTILITIES].join(', ')}`);
  process.exit(2);
}

if (names.length === 1) {
  register();
  const { main } = await import(`./${names[0]}.ts`);
  await main();
  process.exit(0);
}

let failed = 0;
for (const name of names.length ? names : BENCHMARKS) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
  if (child.status !== 0) {
    failed++;
    console.error(`benchmark ${name} failed (exit ${child.status ?? child.signal})`);
  }
}
process.exit(failed ? 1 : 0);
