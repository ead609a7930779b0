/**
 * K7 across processes: two `henji serve` processes share one PostgreSQL and poll the same job queue. Timers queued
 * before either started (by this test's own Henji, as if by an earlier run of the server) fire once both are up, and
 * each takes effect exactly once: one reminder trace per due timer, whichever process ran it. Runs only when
 * TEST_DATABASE_URL names a PostgreSQL (npm run test:pg); PGlite is one process by nature.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, ApplicationDefinition, ApplicationType, ApplicationTypeVersion } from '@henji/contracts';
import { jobs } from '../../src/kernel/jobs/schema.ts';
import { ledgerEntries } from '../../src/kernel/ledger/schema.ts';
import { makeUser, signIn, signInAdmin, startHenji, testDatabaseUrl, USER_PASSWORD, type TestHenji } from '../harness.ts';
import { api, type Person } from './flow-context.ts';
import { now } from '../../src/kernel/clock.ts';

const HENJI = path.resolve(import.meta.dirname, '../../../../bin/henji.mjs');
const APPLICATIONS = 24;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

async function serve(databaseUrl: string, dir: string): Promise<{ child: ChildProcess; output: () => string }> {
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    HENJI_DATA_DIR: path.join(dir, `data-${port}`),
    HENJI_LEDGER_KEY_FILE: path.join(dir, 'ledger.key'),
    PORT: String(port),
    HOST: '127.0.0.1',
    HENJI_JOB_POLL_MS: '20',
    HENJI_ADMIN_PASSWORD: 'admin-password-two-process',
    LOG_LEVEL: 'warn',
    // The servers' clocks start where this test's clock is, so what is due here is due there.
    HENJI_CLOCK_START: now().toISOString(),
  };
  const child = spawn(process.execPath, [HENJI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = performance.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`henji exited early:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (performance.now() > deadline) throw new Error(`henji did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => output };
}

describe.skipIf(!testDatabaseUrl())('timers with two server processes on one PostgreSQL', () => {
  let h: TestHenji;
  let dir: string;
  const processes: ChildProcess[] = [];

  beforeAll(async () => {
    h = await startHenji();
    dir = await mkdtemp(path.join(tmpdir(), 'henji-two-'));
  });
  afterAll(async () => {
    for (const p of processes) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all(processes.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('each due timer takes effect exactly once', async () => {
    const admin = await signInAdmin(h);
    const boss = await makeUser(h, {});
    const { row } = await makeUser(h, { managerId: boss.row.id });
    const employee: Person = { id: row.id, username: row.username, session: await signIn(h, row.username, USER_PASSWORD) };
    const definition: ApplicationDefinition = {
      form: { fields: [{ key: 'title', label: '事由', type: 'text', required: true }] },
      titleField: 'title',
      flow: {
        start: 'boss',
        nodes: [
          { id: 'boss', name: '上级审批', type: 'approval', approvers: { source: 'superior', level: 1 }, mode: 'any', opinionOnApprove: false, returnPolicy: 'any', allowTransfer: true, allowAddSigner: true, skipSelf: true, whenEmpty: 'admin', sla: { within: { amount: 8, unit: 'hours' }, reminders: 3, then: 'none' }, next: 'end' },
          { id: 'end', name: '结束', type: 'end' },
        ],
      },
    };
    const type = await api<ApplicationType>(h, admin, 'POST', '/api/application-types', { code: `two_${randomUUID().slice(0, 6)}`, name: '双进程时限', category: '测试', definition });
    const versions = await api<{ items: ApplicationTypeVersion[] }>(h, admin, 'GET', `/api/application-types/${type.body.id}/versions`);
    expect((await api(h, admin, 'POST', `/api/application-types/${type.body.id}/versions/${versions.body.items[0]!.id}/publish`)).status).toBe(200);
    const ids: string[] = [];
    for (let i = 0; i < APPLICATIONS; i++) {
      const res = await api<Application>(h, employee, 'POST', '/api/applications', { typeId: type.body.id, form: { title: `申请 ${i}` }, submit: true, requestKey: randomUUID() });
      expect(res.status, res.raw).toBe(201);
      ids.push(res.body.id);
    }
    // Every timer is due before either process starts.
    await h.db.update(jobs).set({ runAt: new Date(now().getTime() - 1000) }).where(and(eq(jobs.kind, 'application.sla'), eq(jobs.state, 'pending')));

    const databaseUrl = h.config.databaseUrl!;
    const [a, b] = await Promise.all([serve(databaseUrl, dir), serve(databaseUrl, dir)]);
    processes.push(a.child, b.child);

    const reminders = async () =>
      h.db
        .select({ subjectId: ledgerEntries.subjectId, n: sql<number>`count(*)::int` })
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.action, 'application.remind'), inArray(ledgerEntries.subjectId, ids)))
        .groupBy(ledgerEntries.subjectId);
    const deadline = performance.now() + 60_000;
    let counts = await reminders();
    while (counts.length < APPLICATIONS && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      counts = await reminders();
    }
    // Give a double run every chance to show itself before counting.
    await new Promise((r) => setTimeout(r, 1500));
    counts = await reminders();
    expect(counts).toHaveLength(APPLICATIONS);
    expect(counts.every((c) => c.n === 1)).toBe(true);
    const ran = await h.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.kind, 'application.sla'), eq(jobs.state, 'done')));
    expect(ran.length).toBeGreaterThanOrEqual(APPLICATIONS);
  }, 180_000);
});
