/**
 * A `Run` is one command's hold on one application: the row locked FOR UPDATE (so two approvers acting at once are
 * serialised and the second sees the first's result), its published definition, and a log of what the flow did,
 * which the command puts into its single trace entry.
 */
import { createHash } from 'node:crypto';
import { eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsFromJson } from '../../../db/json-rows.ts';
import { queryRows } from '../../../db/client.ts';
import { calendarStampsSql, type CalendarStamp } from '../../../kernel/calendar/index.ts';
import type { ApplicationDefinition, FlowNode } from '@henji/contracts';
import type { Ctx } from '../../../kernel/command.ts';
import { notFound } from '../../../kernel/errors.ts';
import { canonicalJson } from '@henji/verifier';
import { users } from '../../../kernel/org/schema.ts';
import { versionOf } from './definitions.ts';
import { applicationSteps, applicationTasks, applications, applicationTypes, type ApplicationRow, type StepRow, type TaskRow } from '../schema.ts';

export interface Run {
  ctx: Ctx;
  app: ApplicationRow;
  def: ApplicationDefinition;
  type: { id: string; code: string; name: string };
  /** The applicant's display name, for notifications. */
  applicantName: string;
  /** The applicant's department now (a submission files the application under it). */
  applicantDepartmentId: string | null;
  /** What the flow did during this command, in order: `enter:finance`, `skip_self:head`, `complete:approved` … */
  log: string[];
  nextSeq: number;
  /**
   * Numbers a passed `assign_number` node owes, issued by `settleNumbers` as the command's last change: issuing locks
   * the rule's counter row until commit, so it must not be held while the rest of the command runs.
   */
  pendingNumbers: { stepId: string; rule: string }[];
  /** Set by an emergency execution (F6): approval nodes the flow reaches pass as decided by the temporary group. */
  emergency?: true;
  /**
   * The application's steps and tasks, read once under the lock (tasks without signature images) and kept current
   * by every write of the engine: steps through `insertStep`/`updateStep`/`closeStep` and the SLA functions, tasks
   * through `insertTasks`/`updateTask`/`cancelOpenTasks`. A command that writes steps or tasks in another way must
   * tell the run (`rememberStep`, `rememberTask`), or the steps and nodes it reads next are wrong.
   */
  loaded: { steps: StepRow[]; tasks: TaskRow[] };
  /** Approvals of this application, for "one person, one level" (engine/duties.ts); kept current by `updateTask`. */
  signed: { assigneeId: string; actedById: string | null; nodeId: string; round: number }[];
  /** The calendars' stamps, read with the application: a cached calendar at that stamp needs no query. */
  calendars: CalendarStamp[];
  /**
   * Writes made in memory (`app`, `loaded`) and not yet sent: they go out together, as data-modifying CTEs of the
   * next statement the engine must send anyway (an approval step's insert, the number's issue) or of one statement
   * before the trace (`flushWrites`). See `deferred writes` below.
   */
  pending: PendingWrites;
}

interface PendingWrites {
  app: Partial<ApplicationRow> | null;
  /** New steps and tasks by id; a later change to one is merged into its insert. */
  stepInserts: Map<string, StepRow>;
  taskInserts: Map<string, TaskRow>;
  /** Changed columns of existing steps and tasks by id, merged: one UPDATE per row (or per set of equal changes). */
  stepChanges: Map<string, Partial<StepRow>>;
  taskChanges: Map<string, Partial<TaskRow>>;
  /** Inserts into other tables nothing in the command reads back (form versions, timer jobs). */
  inserts: SQL[];
}

const noWrites = (): PendingWrites => ({ app: null, stepInserts: new Map(), taskInserts: new Map(), stepChanges: new Map(), taskChanges: new Map(), inserts: [] });

export const formHashOf = (form: Record<string, unknown>) => `sha256:${createHash('sha256').update(canonicalJson(form)).digest('hex')}`;

/**
 * Locks the application and loads what a flow command needs; 404 when it does not exist. The type and the applicant's
 * name come with the locked row (neither is locked), the definition from the cache of published versions, the steps
 * and tasks with the next statement.
 */
export async function openRun(ctx: Ctx, applicationId: string): Promise<Run> {
  const [row] = await ctx.tx
    .select({ app: applications, code: applicationTypes.code, name: applicationTypes.name, applicant: users.displayName, applicantDepartmentId: users.departmentId })
    .from(applications)
    .innerJoin(applicationTypes, eq(applicationTypes.id, applications.typeId))
    .innerJoin(users, eq(users.id, applications.initiatorId))
    .where(eq(applications.id, applicationId))
    .for('update', { of: applications });
  if (!row) throw notFound('application');
  // Read after the lock was granted: a statement's snapshot predates the wait, so this cannot share the locking one.
  const [state] = await ctx.tx.select(stateOf(row.app.id)).from(applicationTypes).where(eq(applicationTypes.id, row.app.typeId));
  return runWith(ctx, row.app, { id: row.app.typeId, code: row.code, name: row.name }, { name: row.applicant, departmentId: row.applicantDepartmentId }, state!);
}

/** A run on an application row the command already holds (just inserted, or re-pointed at another version). */
export async function runOf(ctx: Ctx, app: ApplicationRow): Promise<Run> {
  const [row] = await ctx.tx
    .select({ code: applicationTypes.code, name: applicationTypes.name, applicant: users.displayName, applicantDepartmentId: users.departmentId, ...stateOf(app.id) })
    .from(applicationTypes)
    .innerJoin(users, eq(users.id, app.initiatorId))
    .where(eq(applicationTypes.id, app.typeId));
  return runWith(ctx, app, { id: app.typeId, code: row!.code, name: row!.name }, { name: row!.applicant, departmentId: row!.applicantDepartmentId }, row!);
}

/** The columns that bring an application's steps, tasks (without signature images) and the calendars' stamps as JSON. */
const stateOf = (applicationId: string) => ({
  steps: sql<unknown>`coalesce((select json_agg(s order by s.seq) from application_steps s where s.application_id = ${applicationId}), '[]')`,
  tasks: sql<unknown>`coalesce((select jsonb_agg(to_jsonb(t) - 'signature' order by t.seq) from application_tasks t where t.application_id = ${applicationId}), '[]')`,
  calendars: sql<CalendarStamp[]>`${calendarStampsSql}`,
});

async function runWith(
  ctx: Ctx,
  app: ApplicationRow,
  type: Run['type'],
  applicant: { name: string; departmentId: string | null },
  state: { steps: unknown; tasks: unknown; calendars: CalendarStamp[] },
): Promise<Run> {
  const { definition } = await versionOf(ctx.tx, app.versionId);
  const steps = rowsFromJson(applicationSteps, state.steps);
  const tasks = rowsFromJson(applicationTasks, state.tasks);
  const roundOf = new Map(steps.map((s) => [s.id, s.round]));
  const signed = tasks
    .filter((t) => t.kind === 'approve' && t.decision === 'approve' && t.actedAt !== null && t.stepId !== null)
    .map((t) => ({ assigneeId: t.assigneeId, actedById: t.actedById, nodeId: t.nodeId, round: roundOf.get(t.stepId!) ?? 0 }));
  const run: Run = {
    ctx,
    app,
    def: definition,
    type,
    applicantName: applicant.name,
    applicantDepartmentId: applicant.departmentId,
    log: [],
    nextSeq: Math.max(0, ...steps.map((s) => s.seq)) + 1,
    pendingNumbers: [],
    loaded: { steps, tasks },
    signed,
    calendars: state.calendars,
    pending: noWrites(),
  };
  // Whatever path the command takes, writes still queued are sent before it ends (and before its waiting traces).
  ctx.beforeEnd(() => flushWrites(run));
  return run;
}

export function nodeOf(run: Run, nodeId: string): FlowNode {
  const node = run.def.flow.nodes.find((n) => n.id === nodeId);
  // The publish check guarantees references resolve; a migration maps every waiting node. Anything else is a bug.
  if (!node) throw new Error(`node ${nodeId} is not in the definition of application ${run.app.id}`);
  return node;
}

/** Saves changed application columns (a deferred write) and keeps the in-memory row in step. */
export async function saveApp(run: Run, changes: Partial<ApplicationRow>): Promise<void> {
  const next = { ...changes, updatedAt: run.ctx.now };
  run.pending.app = { ...run.pending.app, ...next };
  run.app = { ...run.app, ...next };
}

/** The application's steps, in order; those in `statuses` only when given. */
export async function stepsOf(run: Run, statuses?: StepRow['status'][]): Promise<StepRow[]> {
  return run.loaded.steps
    .filter((s) => !statuses || statuses.includes(s.status))
    .sort((a, b) => a.seq - b.seq)
    .map((s) => ({ ...s }));
}

/**
 * A step's tasks that are not cancelled, in order, as the run holds them: every decision task was loaded under the
 * lock or created through `insertTasks`, and every change to one went through `updateTask`, `cancelOpenTasks` or
 * `rememberTask` — so no query is needed.
 */
export function tasksOfStep(run: Run, stepId: string): TaskRow[] {
  return run.loaded.tasks
    .filter((t) => t.stepId === stepId && t.status !== 'cancelled')
    .sort((a, b) => a.seq - b.seq)
    .map((t) => ({ ...t }));
}

/** Tells the run about a change to a step it did not make through the engine's functions. */
export function rememberStep(run: Run, stepId: string, changes: Partial<Record<keyof StepRow, unknown>>): void {
  const step = run.loaded.steps.find((s) => s.id === stepId);
  if (!step) return;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    // `timer_generation + 1` is computed by the database; the run counts along.
    (step as Record<string, unknown>)[key] = key === 'timerGeneration' && typeof value !== 'number' ? step.timerGeneration + 1 : value;
  }
}

export function rememberNewStep(run: Run, step: StepRow): void {
  run.loaded.steps.push({ ...step });
}

export function rememberTask(run: Run, taskId: string, changes: Partial<TaskRow>): void {
  const task = run.loaded.tasks.find((t) => t.id === taskId);
  if (task) Object.assign(task, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
}

export async function updateStep(run: Run, stepId: string, changes: Partial<StepRow>): Promise<void> {
  deferStepChanges(run, stepId, changes);
}

export async function updateTask(run: Run, taskId: string, changes: Partial<TaskRow>): Promise<void> {
  deferTaskChanges(run, taskId, changes);
  if (changes.decision === 'approve') {
    const task = run.loaded.tasks.find((t) => t.id === taskId);
    const step = task && run.loaded.steps.find((s) => s.id === task.stepId);
    // Every approval is of a task the command found under its lock; anything else would be a bug in the engine.
    if (!task || !step) throw new Error(`approved task ${taskId} is not among those loaded with application ${run.app.id}`);
    run.signed.push({ assigneeId: task.assigneeId, actedById: changes.actedById ?? null, nodeId: task.nodeId, round: step.round });
  }
  rememberTask(run, taskId, { ...changes, signature: null });
}

/**
 * Closes the open decisions of the given steps (or of the whole application); copies (抄送) stay to be read. Every
 * decision task is created by `insertTasks` or was loaded with the run, so when the run holds none open there is
 * nothing to update.
 */
export async function cancelOpenTasks(run: Run, stepIds?: string[]): Promise<void> {
  const open = run.loaded.tasks.filter(
    (t) => (t.status === 'pending' || t.status === 'waiting') && (t.kind === 'approve' || t.kind === 'review') && (!stepIds || (t.stepId !== null && stepIds.includes(t.stepId))),
  );
  for (const t of open) deferTaskChanges(run, t.id, { status: 'cancelled', actedAt: run.ctx.now });
}

/** The nodes an application waits at now, for traces: `['finance']`, `['legal', 'it']` in parallel. */
export async function currentNodes(run: Run): Promise<string[]> {
  return (await stepsOf(run, ['active', 'paused'])).map((s) => s.nodeId);
}

export const bumpGeneration = sql`${applicationSteps.timerGeneration} + 1`;

/*
 * Deferred writes. Under the row lock the run's copy of the application, its steps and its tasks is the truth, so a
 * write whose result the command already has need not be sent at once: the engine changes the copy and queues the
 * write, and the queue goes out as data-modifying CTEs of one statement — the next one the engine sends anyway
 * (`openApprovalStep`, `settleNumbers`) or `flushWrites` before the trace, and in any case before the command ends
 * (`ctx.beforeEnd`). Every row appears once in the queue (changes are merged, a change to a new row goes into its
 * insert), because a statement must not write one row from two CTEs. Code that reads the application's steps, tasks
 * or row from the database in the middle of a command calls `flushWrites` first.
 */

/** Queues a step's changes; `timerGeneration: bumpGeneration` becomes the number the run counts (the row is locked). */
export function deferStepChanges(run: Run, stepId: string, changes: Partial<Record<keyof StepRow, unknown>>): void {
  rememberStep(run, stepId, changes);
  const step = run.loaded.steps.find((s) => s.id === stepId);
  const values = Object.fromEntries(
    Object.entries(changes)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, k === 'timerGeneration' && step ? step.timerGeneration : v]),
  ) as Partial<StepRow>;
  const inserted = run.pending.stepInserts.get(stepId);
  if (inserted) Object.assign(inserted, values);
  else run.pending.stepChanges.set(stepId, { ...run.pending.stepChanges.get(stepId), ...values });
}

function deferTaskChanges(run: Run, taskId: string, changes: Partial<TaskRow>): void {
  const values = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<TaskRow>;
  const inserted = run.pending.taskInserts.get(taskId);
  if (inserted) Object.assign(inserted, values);
  else run.pending.taskChanges.set(taskId, { ...run.pending.taskChanges.get(taskId), ...values });
  rememberTask(run, taskId, { ...changes, ...(changes.signature !== undefined ? { signature: null } : {}) });
}

/** Queues new steps and tasks, given whole (the rows the database would return); the run holds them at once. */
export function deferInsertSteps(run: Run, steps: StepRow[]): void {
  for (const step of steps) {
    run.pending.stepInserts.set(step.id, { ...step });
    rememberNewStep(run, step);
  }
}

export function deferInsertTasks(run: Run, tasks: TaskRow[]): void {
  for (const task of tasks) {
    run.pending.taskInserts.set(task.id, { ...task });
    run.loaded.tasks.push({ ...task, signature: null });
  }
}

/** Queues an insert into another table that nothing in the command reads back (a form version, a timer job). */
export function deferInsert(run: Run, statement: SQL): void {
  run.pending.inserts.push(statement);
}

/** Takes the queued application changes out of the queue, for a caller that writes the row itself. */
export function takeAppChanges(run: Run): Partial<ApplicationRow> {
  const changes = run.pending.app ?? {};
  run.pending.app = null;
  return changes;
}

/** Takes a queued new step out of the queue, for a caller that inserts it itself; undefined when already sent. */
export function takeStepInsert(run: Run, stepId: string): StepRow | undefined {
  const step = run.pending.stepInserts.get(stepId);
  run.pending.stepInserts.delete(stepId);
  return step;
}

/** The queued writes as data-modifying statements (without RETURNING), and an empty queue. */
export function takeWrites(run: Run): SQL[] {
  const { tx } = run.ctx;
  const p = run.pending;
  run.pending = noWrites();
  const out: SQL[] = [];
  if (p.app) out.push(tx.update(applications).set(p.app).where(eq(applications.id, run.app.id)).getSQL());
  if (p.stepInserts.size > 0) out.push(insertRows(applicationSteps, [...p.stepInserts.values()]));
  for (const [id, changes] of p.stepChanges) out.push(tx.update(applicationSteps).set(changes).where(eq(applicationSteps.id, id)).getSQL());
  if (p.taskInserts.size > 0) out.push(insertRows(applicationTasks, [...p.taskInserts.values()]));
  // Equal changes (the other tasks of a step cancelled together) are one UPDATE.
  const groups = new Map<string, { changes: Partial<TaskRow>; ids: string[] }>();
  for (const [id, changes] of p.taskChanges) {
    const key = JSON.stringify(changes);
    const group = groups.get(key) ?? { changes, ids: [] };
    group.ids.push(id);
    groups.set(key, group);
  }
  for (const { changes, ids } of groups.values()) {
    out.push(tx.update(applicationTasks).set(changes).where(ids.length === 1 ? eq(applicationTasks.id, ids[0]!) : inArray(applicationTasks.id, ids)).getSQL());
  }
  out.push(...p.inserts);
  return out;
}

/**
 * Inserts whole rows given as one JSON parameter (`json_populate_recordset`): the statement's text is the same for
 * any number of rows (one prepared statement), and building it costs next to nothing — through Drizzle's insert
 * builder every value of every row was a parameter it type-checked chunk by chunk (4.5% of the server's CPU for the
 * approval step's insert alone, docs/BENCHMARKS.md §5). Every column is given, as the rows are whole.
 */
function insertRows(table: typeof applicationSteps | typeof applicationTasks, rows: readonly (StepRow | TaskRow)[]): SQL {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => [key, column.name] as const);
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(columns.map(([key, name]) => [name, (row as Record<string, unknown>)[key] ?? null]))));
  const names = sql.raw(columns.map(([, name]) => `"${name}"`).join(', '));
  return sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${json}::json)`;
}

/** The statements as the CTEs `w0 as (…), w1 as (…)` of one statement. */
const asCtes = (statements: SQL[]): SQL => sql.join(statements.map((q, i) => sql`${sql.raw(`w${i}`)} as (${q})`), sql`, `);

/** Sends the queued writes now, in one statement. */
export async function flushWrites(run: Run): Promise<void> {
  const writes = takeWrites(run);
  if (writes.length === 0) return;
  if (writes.length === 1) {
    await run.ctx.tx.execute(writes[0]!);
    return;
  }
  await queryRows(run.ctx.tx, sql`with ${asCtes(writes)} select 1`);
}
