/**
 * Enqueueing and running durable jobs (K7).
 *
 * `enqueue(tx, …)` inserts a job in the caller's transaction: if the change rolls back, so does the job. A runner in
 * every server process claims due jobs with `FOR UPDATE SKIP LOCKED`, so several processes sharing one PostgreSQL
 * never take the same job at once. Two kinds of handler:
 * - `transactional`: the handler gets the transaction in which the job row is locked and the job is marked done in
 *   that same transaction, so its database effect happens exactly once;
 * - `external` (HTTP calls and the like): the job is leased for `leaseSeconds`, the handler runs outside any
 *   transaction, and the job is marked done afterwards. A crash between the call and the mark repeats the call once
 *   the lease ends, so receivers get the job id to deduplicate (at least once, idempotent by id).
 * Failures retry with exponential backoff until `maxAttempts`, then the job is `failed` with its last error.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Queryable, type Tx } from '../../db/client.ts';
import { jobs } from './schema.ts';
import { now, sqlNow } from '../clock.ts';

export interface Job {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/**
 * What an external handler may answer instead of doing its work: that there is nothing to do any more, and why (a
 * reason code such as `channel_paused`). The job ends `skipped` with the reason in `last_error`, never `done`.
 */
export interface JobSkipped {
  skipped: string;
}

export type JobHandler =
  | { mode: 'transactional'; run(tx: Tx, job: Job): Promise<void> }
  | { mode: 'external'; leaseSeconds?: number; run(db: Database, job: Job): Promise<void | JobSkipped> };

export async function enqueue(
  tx: Queryable,
  kind: string,
  payload: Record<string, unknown>,
  options: { runAt?: Date; maxAttempts?: number } = {},
): Promise<string> {
  const values = jobValues(kind, payload, options);
  await tx.insert(jobs).values(values);
  return values.id;
}

/** The row `enqueue` inserts, for a caller that inserts it together with other rows in one statement. */
export function jobValues(kind: string, payload: Record<string, unknown>, options: { runAt?: Date; maxAttempts?: number } = {}) {
  const at = now();
  return { id: randomUUID(), kind, payload, createdAt: at, runAt: options.runAt ?? at, maxAttempts: options.maxAttempts ?? 8 };
}

/** Seconds to wait before attempt `attempts + 1`: 2, 4, 8 … capped at an hour, with ±20% jitter. */
export function backoffSeconds(attempts: number, random = Math.random()): number {
  const base = Math.min(3600, 2 ** Math.max(1, attempts));
  return Math.round(base * (0.8 + 0.4 * random) * 1000) / 1000;
}

interface Claim {
  found: boolean;
  external?: Job;
  failure?: { job: Job; error: unknown };
}

interface JobRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

const toJob = (r: JobRow): Job => ({ id: r.id, kind: r.kind, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts });

export interface RunnerOptions {
  pollMs: number;
  /** How many jobs one tick may run one after another before sleeping again. */
  batch?: number;
  onError?: (error: unknown, job: Job | null) => void;
}

export class JobRunner {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  /** Set by stop(): a drain in progress finishes its current job and returns. */
  private stopping = false;

  constructor(
    private readonly db: Database,
    private readonly handlers: ReadonlyMap<string, JobHandler>,
    private readonly options: RunnerOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.stopping = false;
    const tick = async () => {
      if (this.stopped) return;
      try {
        this.running = this.drain(this.options.batch ?? 50);
        await this.running;
      } catch (error) {
        this.options.onError?.(error, null);
      } finally {
        this.running = null;
        if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs);
      }
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Runs due jobs until none is left or `limit` have run; returns how many ran. */
  async drain(limit = Number.POSITIVE_INFINITY): Promise<number> {
    let ran = 0;
    while (ran < limit && !this.stopping && (await this.runOne())) ran++;
    return ran;
  }

  /** Claims and runs one due job of a kind this runner handles; false when there is none. */
  async runOne(): Promise<boolean> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return false;
    const kindList = sql.join(kinds.map((k) => sql`${k}`), sql`, `);
    const due = sql`kind in (${kindList}) and ((state = 'pending' and run_at <= ${sqlNow()}) or (state = 'running' and locked_until < ${sqlNow()}))`;

    // Transactional handlers: lock, run and complete in one transaction. External ones: lease here, run after.
    const outcome = await this.db.transaction(async (tx): Promise<Claim> => {
      const [row] = await queryRows<JobRow>(
        tx,
        sql`select id, kind, payload, attempts, max_attempts from jobs where ${due} order by run_at limit 1 for update skip locked`,
      );
      if (!row) return { found: false };
      const job = { ...toJob(row), attempts: row.attempts + 1 };
      const handler = this.handlers.get(job.kind)!;
      if (handler.mode === 'external') {
        await tx.execute(sql`update jobs set state = 'running', attempts = ${job.attempts}, locked_by = ${this.id},
          locked_until = ${sqlNow()} + make_interval(secs => ${handler.leaseSeconds ?? 300}) where id = ${job.id}`);
        return { found: true, external: job };
      }
      try {
        // A savepoint, so a failing handler's writes are undone while the failure itself is still recorded.
        await tx.transaction(async (inner) => handler.run(inner, job));
        await tx.execute(sql`update jobs set state = 'done', attempts = ${job.attempts}, finished_at = ${sqlNow()},
          locked_by = null, locked_until = null, last_error = null where id = ${job.id}`);
        return { found: true };
      } catch (error) {
        await this.recordFailure(tx, job, error);
        return { found: true, failure: { job, error } };
      }
    });
    if (outcome.failure) this.options.onError?.(outcome.failure.error, outcome.failure.job);
    if (outcome.external) await this.runExternal(outcome.external);
    return outcome.found;
  }

  private async runExternal(job: Job): Promise<void> {
    const handler = this.handlers.get(job.kind);
    if (!handler || handler.mode !== 'external') return;
    try {
      const outcome = await handler.run(this.db, job);
      const state = outcome ? 'skipped' : 'done';
      await this.db.execute(sql`update jobs set state = ${state}, finished_at = ${sqlNow()}, locked_by = null, locked_until = null,
        last_error = ${outcome ? outcome.skipped : null} where id = ${job.id} and locked_by = ${this.id}`);
    } catch (error) {
      await this.recordFailure(this.db, job, error, sql`and locked_by = ${this.id}`);
      this.options.onError?.(error, job);
    }
  }

  private async recordFailure(q: Queryable, job: Job, error: unknown, guard = sql``): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const final = job.attempts >= job.maxAttempts;
    await q.execute(sql`update jobs set attempts = ${job.attempts}, last_error = ${message}, locked_by = null, locked_until = null,
      state = ${final ? 'failed' : 'pending'}, finished_at = ${final ? sqlNow() : sql`null`},
      run_at = ${sqlNow()} + make_interval(secs => ${backoffSeconds(job.attempts)}) where id = ${job.id} ${guard}`);
  }
}
