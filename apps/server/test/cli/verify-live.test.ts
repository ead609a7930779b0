/**
 * `henji verify` on a live system: two `henji serve` processes share one PostgreSQL, 32 writers keep creating
 * departments through them (one trace each), and their sequencers keep adding leaves, subtree hashes and checkpoints
 * while verify runs again and again — in process and with worker threads. Every run must find nothing: verify reads one
 * snapshot, shared with its workers, so it never sees nodes or checkpoints beyond the leaves it counted (it used to
 * report hundreds of false node_mismatch problems). PostgreSQL only; PGlite has one process per data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signerFromPem } from '../../src/kernel/ledger/keys.ts';
import { verifyLedger, type VerifyReport } from '../../src/kernel/ledger/verify.ts';
import { signInAdmin, startHenji, testDatabaseUrl, type TestHenji } from '../harness.ts';
import { now } from '../../src/kernel/clock.ts';

const HENJI = path.resolve(import.meta.dirname, '../../../../bin/henji.mjs');
const WRITERS = 32;
const VERIFY_RUNS = 6;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

async function serve(databaseUrl: string, dir: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [HENJI, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HENJI_DATA_DIR: path.join(dir, `data-${port}`),
      HENJI_LEDGER_KEY_FILE: path.join(dir, 'ledger.key'),
      PORT: String(port),
      HOST: '127.0.0.1',
      // Sequence as often as allowed, so verify overlaps many sequencer transactions.
      HENJI_SEQUENCER_INTERVAL_MS: '10',
      HENJI_ADMIN_PASSWORD: 'admin-password-verify-live',
      LOG_LEVEL: 'warn',
      HENJI_CLOCK_START: now().toISOString(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = performance.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`henji exited early:\n${output}`);
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) return { child, port };
    if (performance.now() > deadline) throw new Error(`henji did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(!testDatabaseUrl())('verify while two server processes are writing (PostgreSQL)', () => {
  let h: TestHenji;
  let dir: string;
  const processes: ChildProcess[] = [];

  beforeAll(async () => {
    h = await startHenji();
    dir = await mkdtemp(path.join(tmpdir(), 'henji-live-'));
  });
  afterAll(async () => {
    for (const p of processes) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all(processes.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds no problem in any run while 32 writers and two sequencers work', async () => {
    const admin = await signInAdmin(h);
    const databaseUrl = h.config.databaseUrl!;
    const servers = await Promise.all([serve(databaseUrl, dir), serve(databaseUrl, dir)]);
    processes.push(...servers.map((s) => s.child));
    const key = signerFromPem(await readFile(path.join(dir, 'ledger.key'), 'utf8'));
    const trustedKeys = new Map([[key.keyId, key.publicKey]]);

    let writing = true;
    let written = 0;
    const failures: string[] = [];
    const writer = async (n: number) => {
      const { port } = servers[n % 2]!;
      while (writing) {
        const failure = await fetch(`http://127.0.0.1:${port}/api/departments`, {
          method: 'POST',
          headers: { ...admin.headers, 'content-type': 'application/json' },
          body: JSON.stringify({ code: `L${randomBytes(4).toString('hex').toUpperCase()}`, name: `并发部门 ${n}` }),
        }).then(
          async (res) => (res.status === 201 ? null : `${res.status} ${await res.text()}`),
          (error: unknown) => String(error),
        );
        if (failure) {
          failures.push(failure);
          return;
        }
        written++;
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, n) => writer(n));

    const reports: VerifyReport[] = [];
    try {
      // Let the tree grow past a few checkpoints first.
      while (written < 200 && failures.length === 0) await new Promise((r) => setTimeout(r, 50));
      for (let run = 0; run < VERIFY_RUNS; run++) {
        // One run in worker threads (each boots its own TypeScript loader, seconds on a busy machine).
        const workers = run === VERIFY_RUNS - 2 ? { workers: { databaseUrl, count: 2, minLeaves: 0 } } : {};
        reports.push(await verifyLedger(h.db, { trustedKeys, ...workers }));
      }
    } finally {
      writing = false;
      await Promise.all(writers);
    }
    expect(failures).toEqual([]);
    for (const report of reports) expect(report.problems).toEqual([]);
    // The runs saw a moving ledger, not a quiet one.
    expect(reports.at(-1)!.leaves).toBeGreaterThan(reports[0]!.leaves);
    expect(reports.at(-1)!.checkpoints).toBeGreaterThan(reports[0]!.checkpoints);
  }, 180_000);
});
