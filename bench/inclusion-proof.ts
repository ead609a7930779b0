/**
 * Inclusion proof latency at 1,000,000 entries (BENCH_ENTRIES for fewer): `inclusionProof(db, index, treeSize)` for
 * BENCH_PROOFS (2,000) random leaves, one at a time, called directly and through `GET /api/ledger/proofs/inclusion`
 * on the real server with a signed-in user over loopback HTTP. Every proof is checked against the signed root.
 * Target: p99 ≤ 10 ms.
 */
import type { AddressInfo } from 'node:net';
import { fromBase64, fromHex, verifyInclusion, webSha256 } from '@henji/verifier';
import { buildServer } from '../apps/server/src/http/server.ts';
import { RateLimiter } from '../apps/server/src/kernel/auth/rate-limit.ts';
import { inclusionProof, latestCheckpoint } from '../apps/server/src/kernel/ledger/proofs.ts';
import { VERSION } from '../apps/server/src/version.ts';
import { cpuLine, cpuMeter, waitForQuietMachine } from './lib/cpu.ts';
import { prng } from './lib/entries.ts';
import { BENCH_ADMIN_PASSWORD } from './lib/henji.ts';
import { buildLines, ledgerFixture } from './ledger-fixture.ts';
import { latencyLine, machine, note, perSecond, printResult, summarise, type LatencySummary } from './lib/report.ts';

const PROOFS = Number(process.env.BENCH_PROOFS ?? 2000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const CONCURRENT_CLIENTS = 16;
const CONCURRENT_SECONDS = 5;
const TARGET_P99_MS = 10;

interface Proof {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  proof: string[];
}

/** Times `fetchProof` for each index in turn (after a warm-up on other indexes) and returns the proofs. */
async function measure(indexes: number[], warmup: number[], fetchProof: (index: number) => Promise<Proof>) {
  for (const index of warmup) await fetchProof(index);
  const latencies: number[] = [];
  const proofs: Proof[] = [];
  const cpu = cpuMeter();
  for (const index of indexes) {
    const t0 = performance.now();
    proofs.push(await fetchProof(index));
    latencies.push(performance.now() - t0);
  }
  return { latency: summarise(latencies), proofs, cpu: cpu() };
}

async function checkAll(proofs: Proof[], rootBase64: string): Promise<number> {
  const root = fromBase64(rootBase64);
  let bad = 0;
  for (const p of proofs) {
    if (!(await verifyInclusion(webSha256, p.leafIndex, p.treeSize, fromHex(p.leafHash), p.proof.map(fromHex), root))) bad++;
  }
  return bad;
}

export async function main(): Promise<void> {
  const fixture = await ledgerFixture();
  const { db } = fixture.handle;
  const lines: Record<string, string> = { ...(await machine()), ...buildLines(fixture) };
  let direct: LatencySummary;
  let http: LatencySummary;
  try {
    const checkpoint = await latestCheckpoint(db);
    if (!checkpoint) throw new Error('the fixture has no checkpoint');
    const treeSize = checkpoint.treeSize;
    const random = prng(42);
    const pickIndexes = (n: number) => Array.from({ length: n }, () => Math.floor(random() * treeSize));
    const indexes = pickIndexes(PROOFS);
    lines.tree = `${treeSize.toLocaleString('en-US')} leaves under the signed checkpoint; ${PROOFS} random leaves, ${WARMUP} others first as warm-up`;

    await waitForQuietMachine(note);
    note('direct inclusionProof()');
    const d = await measure(indexes, pickIndexes(WARMUP), (i) => inclusionProof(db, i, treeSize));
    direct = d.latency;

    const app = await buildServer({
      config: fixture.henji.config,
      db,
      dbKind: fixture.handle.kind,
      signer: fixture.signer,
      version: VERSION,
      loginLimiter: new RateLimiter(fixture.henji.config.login.ratePerMinute, 60_000),
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: BENCH_ADMIN_PASSWORD }),
      });
      if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
      const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
      const fetchProof = async (index: number): Promise<Proof> => {
        const res = await fetch(`${base}/api/ledger/proofs/inclusion?index=${index}&treeSize=${treeSize}`, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`proof ${index}: ${res.status} ${await res.text()}`);
        return (await res.json()) as Proof;
      };

      await waitForQuietMachine(note);
      note('GET /api/ledger/proofs/inclusion, one request at a time');
      const h = await measure(indexes, pickIndexes(WARMUP), fetchProof);
      http = h.latency;

      note(`GET /api/ledger/proofs/inclusion, ${CONCURRENT_CLIENTS} concurrent clients for ${CONCURRENT_SECONDS} s`);
      const loadLatencies: number[] = [];
      const cpu = cpuMeter();
      const started = performance.now();
      const deadline = started + CONCURRENT_SECONDS * 1000;
      await Promise.all(
        Array.from({ length: CONCURRENT_CLIENTS }, async () => {
          while (performance.now() < deadline) {
            const t0 = performance.now();
            await fetchProof(Math.floor(random() * treeSize));
            loadLatencies.push(performance.now() - t0);
          }
        }),
      );
      const loadSeconds = (performance.now() - started) / 1000;
      const loadCpu = cpu();
      const load = summarise(loadLatencies);

      const bad = (await checkAll(d.proofs, checkpoint.rootHash)) + (await checkAll(h.proofs, checkpoint.rootHash));
      if (bad > 0) throw new Error(`${bad} proofs do not lead to the signed root`);

      lines['direct'] = latencyLine(direct);
      lines['direct CPU'] = cpuLine(d.cpu, PROOFS);
      lines['HTTP'] = latencyLine(http);
      lines['HTTP CPU'] = cpuLine(h.cpu, PROOFS);
      lines[`HTTP ×${CONCURRENT_CLIENTS} clients`] =
        `${perSecond(load.count / loadSeconds)}  ${latencyLine(load)}`;
      lines[`HTTP ×${CONCURRENT_CLIENTS} CPU`] = cpuLine(loadCpu, load.count);
      lines.checked = `all ${(2 * PROOFS).toLocaleString('en-US')} measured proofs verify against the checkpoint root`;
    } finally {
      await app.close();
    }
  } finally {
    await fixture.release();
  }
  printResult('inclusion-proof', lines, {
    target: `p99 ≤ ${TARGET_P99_MS} ms (direct ${direct.p99.toFixed(2)} ms, HTTP ${http.p99.toFixed(2)} ms)`,
    met: direct.p99 <= TARGET_P99_MS && http.p99 <= TARGET_P99_MS,
  });
}
