/**
 * Commands: the only way to change data. A command runs in one transaction with a `Ctx` whose `trace()` writes the
 * ledger in that same transaction. If a command changes any row and writes no trace, the transaction is rolled back
 * and the command fails: no change without its trace, enforced by the mechanism, not by convention.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '../db/client.ts';
import { actorId, type Actor, type RequestMeta, type UserActor } from './actor.ts';
import { InternalError } from './errors.ts';
import { appendEntries, type TraceInput, type TraceMeta } from './ledger/append.ts';
import { now as clockNow } from './clock.ts';

export interface Ctx {
  readonly tx: Tx;
  /** Whose authority the command runs with: the principal when a delegate acts for them. */
  readonly actor: Actor;
  /** The person physically acting for `actor` under a delegation (代理), or null. */
  readonly delegate: UserActor | null;
  /** The principal's id when a delegate acts: traces read "delegate on behalf of principal". */
  readonly onBehalfOf: string | null;
  readonly meta: RequestMeta;
  /** One clock reading per command, so every row and trace of a command carries the same time. */
  readonly now: Date;
  trace(input: TraceInput): Promise<string>;
  /**
   * A trace entry that may wait: it is written with the command's next `trace()` (before that entry, in one
   * statement) or when the command ends, always in the order of the calls and inside the same transaction. For
   * entries nobody needs the id of — a notification batch — so a command does not pay one statement for each.
   */
  traceSoon(input: TraceInput): void;
  /**
   * Work the command queued and must finish before it ends — writes kept back to be sent together (the flow
   * engine's `flushWrites`). Runs after the command's code, before its waiting traces, in order of registration.
   */
  beforeEnd(work: () => Promise<void>): void;
}

export interface Command<I, O> {
  readonly name: string;
  run(ctx: Ctx, input: I): Promise<O>;
}

const registry = new Map<string, Command<never, unknown>>();

/** Declares a command; the registry lets tests walk every command and prove each one traces what it changes. */
export function defineCommand<I, O>(name: string, run: (ctx: Ctx, input: I) => Promise<O>): Command<I, O> {
  if (registry.has(name)) throw new InternalError(`command ${name} is defined twice`);
  const command: Command<I, O> = { name, run };
  registry.set(name, command as Command<never, unknown>);
  return command;
}

export const registeredCommands = (): ReadonlyMap<string, Command<never, unknown>> => registry;

export interface Caller {
  actor: Actor;
  /** Set when `delegate` acts on behalf of `actor` under an active delegation. */
  delegate?: UserActor | null;
  meta: RequestMeta;
}

export async function execute<I, O>(db: Database, caller: Caller, command: Command<I, O>, input: I): Promise<O> {
  return db.transaction((tx) => executeIn(tx, caller, command, input));
}

/**
 * Runs a command inside a transaction someone else opened: a transactional job handler (a timer that escalates an
 * overdue step) runs its command in the transaction that holds the job, so the job is done exactly when the change
 * and its trace commit. The untraced-write check covers this transaction as a whole.
 */
export async function executeIn<I, O>(tx: Tx, caller: Caller, command: Command<I, O>, input: I): Promise<O> {
  let traces = 0;
  const now = clockNow();
  const delegate = caller.delegate ?? null;
  const onBehalfOf = delegate ? actorId(caller.actor) : null;
  const meta: TraceMeta = {
    actorId: delegate ? delegate.userId : actorId(caller.actor),
    onBehalfOfId: onBehalfOf,
    requestId: caller.meta.requestId,
    ip: caller.meta.ip,
    userAgent: caller.meta.userAgent,
    recordedAt: now,
  };
  const waiting: TraceInput[] = [];
  const atEnd: (() => Promise<void>)[] = [];
  const write = (last: TraceInput[]) => appendEntries(tx, [...waiting.splice(0), ...last].map((input) => ({ input, meta })));
  const ctx: Ctx = {
    tx,
    actor: caller.actor,
    delegate,
    onBehalfOf,
    meta: caller.meta,
    now,
    trace: async (entry) => {
      traces++;
      return write([entry]);
    },
    traceSoon: (entry) => {
      traces++;
      waiting.push(entry);
    },
    beforeEnd: (work) => {
      atEnd.push(work);
    },
  };
  const result = await command.run(ctx, input);
  for (const work of atEnd) await work();
  if (waiting.length > 0) await write([]);
  if (traces === 0 && (await rowsWritten(tx))) {
    throw new InternalError(`command ${command.name} changed data without writing a trace`);
  }
  return result;
}

/**
 * Whether this transaction changed any row of a data table: each has a row-level trigger (migration 0002) that sets
 * the transaction-local flag `henji.rows_written`. Only asked when a command wrote no trace, so traced commands pay
 * nothing. (PostgreSQL's pg_stat_xact_* views are no substitute: since version 15 they also count earlier, unflushed
 * transactions of the same connection, and reading them costs about half a millisecond.)
 */
export async function rowsWritten(tx: Tx): Promise<boolean> {
  const [row] = await queryRows<{ flag: string | null }>(tx, sql`select current_setting('henji.rows_written', true) as flag`);
  return row?.flag === 'yes';
}
