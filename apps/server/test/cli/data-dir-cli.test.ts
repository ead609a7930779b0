/**
 * A PGlite data directory as a user and an auditor meet it, with real processes: `npm start -- --demo` (serve --demo)
 * loads the demo company in the serving process; while it runs, `henji seed --demo` and `henji verify` are refused
 * with the holder's pid and what to do instead (they used to open the directory too and lose or misread data); after
 * it stops, an auditor exports a signed checkpoint, and `verify --since` catches the log rolled back behind it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfMissing } from '../../src/cli/seed.ts';
import { LOCK_FILE } from '../../src/db/data-dir-lock.ts';
import { INSTANTS, startHenji, type TestHenji } from '../harness.ts';
import { queryRows } from '../../src/db/client.ts';

const run = promisify(execFile);
const HENJI = path.resolve(import.meta.dirname, '../../../../bin/henji.mjs');
let dataDir: string;
let server: ChildProcess | null = null;

const env = (extra: Record<string, string> = {}) => ({
  ...process.env,
  HENJI_DATA_DIR: dataDir,
  DATABASE_URL: '',
  HENJI_ADMIN_PASSWORD: 'admin-password-cli',
  HENJI_CLOCK_START: INSTANTS.workingAfternoon,
  LOG_LEVEL: 'silent',
  ...extra,
});

async function henji(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [HENJI, ...args], { env: env(), timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'henji-datadir-'));
});
afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('one process per PGlite data directory', () => {
  it('serve --demo seeds; seed and verify beside it are refused; after it stops, an exported checkpoint catches a rollback', async () => {
    const port = await freePort();
    server = spawn(process.execPath, [HENJI, 'serve', '--demo'], {
      env: env({ PORT: String(port), HOST: '127.0.0.1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = performance.now() + 120_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`henji exited early:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (performance.now() > deadline) throw new Error(`henji did not become healthy:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(output).toContain('demo company loaded: 7 departments, 25 users created');
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ceo', password: 'henji-demo-2026' }),
    });
    expect(login.status).toBe(200);

    const seed = await henji(['seed', '--demo']);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain(`pid ${server.pid}`);
    expect(seed.stderr).toContain('serve --demo');
    expect(seed.stderr).toContain('npm start -- --demo');
    expect(seed.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const verify = await henji(['verify']);
    expect(verify.code).toBe(2);
    expect(verify.stderr).toContain(`pid ${server.pid}`);
    expect(verify.stderr).toContain('stop the server');

    server.kill('SIGTERM');
    await new Promise((r) => (server!.exitCode !== null ? r(null) : server!.once('exit', r)));
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);

    const file = path.join(dataDir, 'checkpoint.json');
    const exported = await henji(['checkpoint', 'export', '--out', file]);
    expect(exported.stderr).toContain(`written to ${file}`);
    expect(exported.code).toBe(0);
    const checkpoint = JSON.parse(await readFile(file, 'utf8')) as { format: string; treeSize: number; signature: string; note: string };
    expect(checkpoint).toMatchObject({ format: 'henji.checkpoint.v1' });
    expect(checkpoint.treeSize).toBeGreaterThan(25);
    expect(checkpoint.note).toContain(`\n${checkpoint.treeSize}\n`);

    const since = await henji(['verify', '--since', file]);
    expect(since.stdout).toContain(`consistent with the exported checkpoint of size ${checkpoint.treeSize}`);
    expect(since.code).toBe(0);

    // A superuser deletes the newest entries with their leaves, subtree hashes and checkpoints.
    const db = await PGlite.create(path.join(dataDir, 'pgdata'));
    const cut = checkpoint.treeSize - 3;
    await db.transaction(async (tx) => {
      await tx.query(`set local session_replication_role = replica`);
      await tx.query(`delete from ledger_entries where id in (select entry_id from ledger_leaves where leaf_index >= $1)`, [cut]);
      await tx.query(`delete from ledger_leaves where leaf_index >= $1`, [cut]);
      await tx.query(`delete from ledger_nodes where (idx + 1) * (1::bigint << level) > $1`, [cut]);
      await tx.query(`delete from ledger_checkpoints where tree_size > $1`, [cut]);
    });
    await db.close();

    // On its own the rolled-back log is consistent (verify-history.test.ts shows it); the export is what catches it.
    const caught = await henji(['verify', '--since', file]);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain('LEDGER VERIFICATION FAILED');
    expect(caught.stdout).toContain(`leaves ${cut}…${checkpoint.treeSize - 1} and their entries were deleted`);
  }, 240_000);
});

describe('serve --demo', () => {
  let h: TestHenji;
  beforeAll(async () => {
    h = await startHenji();
  });
  afterAll(async () => h?.close());

  it('loads the demo company once; a later start finds it and writes nothing', async () => {
    const entries = async () => Number((await queryRows<{ n: string }>(h.db, sql`select count(*)::text as n from ledger_entries`))[0]!.n);
    expect(await seedDemoIfMissing(h.db)).toContain('25 users created');
    const after = await entries();
    expect(await seedDemoIfMissing(h.db)).toContain('already loaded');
    expect(await entries()).toBe(after);
  });
});
