import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { startHenji, type TestHenji } from '../../../test/harness.ts';
import { now } from '../clock.ts';
import { backoffSeconds, enqueue, JobRunner, type JobHandler } from './queue.ts';
import { jobs } from './schema.ts';

let h: TestHenji;
beforeAll(async () => {
  h = await startHenji();
  await h.db.execute(sql`create table job_effects (job_id uuid primary key, runner text not null)`);
});
afterAll(async () => h?.close());

const kind = () => `test.${randomUUID().slice(0, 8)}`;
const stateOf = async (id: string) => (await h.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

/** A transactional handler whose effect is a row keyed by the job id: a second run would violate the key. */
const recordEffect = (runner: string): JobHandler => ({
  mode: 'transactional',
  run: async (tx, job) => {
    await tx.execute(sql`insert into job_effects (job_id, runner) values (${job.id}, ${runner})`);
  },
});

describe('durable jobs', () => {
  it('a job enqueued in a transaction that rolls back does not exist', async () => {
    const k = kind();
    await h.db
      .transaction(async (tx) => {
        await enqueue(tx, k, { n: 1 });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await h.db.select().from(jobs).where(eq(jobs.kind, k))).toEqual([]);
  });

  it('two runners sharing the database run each transactional job exactly once', async () => {
    const k = kind();
    const ids = await Promise.all(Array.from({ length: 30 }, (_, n) => enqueue(h.db, k, { n })));
    const a = new JobRunner(h.db, new Map([[k, recordEffect('a')]]), { pollMs: 10 });
    const b = new JobRunner(h.db, new Map([[k, recordEffect('b')]]), { pollMs: 10 });
    const [ranA, ranB] = await Promise.all([a.drain(), b.drain()]);
    expect(ranA + ranB).toBe(30);
    const effects = await queryRows<{ job_id: string }>(h.db, sql`select job_id from job_effects where job_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    expect(effects.length).toBe(30);
    for (const id of ids) expect((await stateOf(id)).state).toBe('done');
  });

  it('a failing job retries later with backoff, then fails for good after maxAttempts', async () => {
    const k = kind();
    const id = await enqueue(h.db, k, {}, { maxAttempts: 2 });
    const errors: unknown[] = [];
    const runner = new JobRunner(
      h.db,
      new Map<string, JobHandler>([[k, { mode: 'transactional', run: async () => { throw new Error('downstream is down'); } }]]),
      { pollMs: 10, onError: (e) => errors.push(e) },
    );
    expect(await runner.drain()).toBe(1);
    let job = await stateOf(id);
    expect(job).toMatchObject({ state: 'pending', attempts: 1, lastError: 'downstream is down' });
    expect(job.runAt.getTime()).toBeGreaterThan(now().getTime());
    expect(await runner.drain()).toBe(0); // not due yet
    await h.db.update(jobs).set({ runAt: new Date(now().getTime() - 1000) }).where(eq(jobs.id, id));
    expect(await runner.drain()).toBe(1);
    job = await stateOf(id);
    expect(job).toMatchObject({ state: 'failed', attempts: 2 });
    expect(job.finishedAt).not.toBeNull();
    expect(errors).toHaveLength(2);
  });

  it('an external job whose runner died is taken again when its lease ends, and runs until it succeeds', async () => {
    const k = kind();
    const calls: string[] = [];
    const handler: JobHandler = { mode: 'external', leaseSeconds: 60, run: async (_db, job) => void calls.push(job.id) };
    const id = await enqueue(h.db, k, {});
    // A runner claimed it and crashed: running, lease expired.
    await h.db.update(jobs).set({ state: 'running', attempts: 1, lockedBy: 'dead', lockedUntil: new Date(now().getTime() - 1) }).where(eq(jobs.id, id));
    const runner = new JobRunner(h.db, new Map([[k, handler]]), { pollMs: 10 });
    expect(await runner.drain()).toBe(1);
    expect(calls).toEqual([id]);
    expect(await stateOf(id)).toMatchObject({ state: 'done', attempts: 2, lockedBy: null });
  });

  it('a leased external job is not taken by another runner before its lease ends', async () => {
    const k = kind();
    const id = await enqueue(h.db, k, {});
    await h.db.update(jobs).set({ state: 'running', lockedBy: 'alive', lockedUntil: new Date(now().getTime() + 60_000) }).where(eq(jobs.id, id));
    const runner = new JobRunner(h.db, new Map<string, JobHandler>([[k, { mode: 'external', run: async () => undefined }]]), { pollMs: 10 });
    expect(await runner.drain()).toBe(0);
  });

  it('backs off exponentially with jitter, capped at an hour', () => {
    expect(backoffSeconds(1, 0.5)).toBe(2);
    expect(backoffSeconds(3, 0.5)).toBe(8);
    expect(backoffSeconds(30, 0.5)).toBe(3600);
    expect(backoffSeconds(4, 0)).toBeCloseTo(16 * 0.8);
    expect(backoffSeconds(4, 1)).toBeCloseTo(16 * 1.2);
  });
});
