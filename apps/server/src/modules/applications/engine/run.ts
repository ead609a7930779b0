/**
 * A `Run` is one command's hold on one application: the row locked FOR UPDATE (so two approvers acting at once are
 * serialised and the second sees the first's result), its published definition, and a log of what the flow did,
 * which the command puts into its single trace entry.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsFromJson } from '../../../db/json-rows.ts';
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
}

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
  return {
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
  };
}

export function nodeOf(run: Run, nodeId: string): FlowNode {
  const node = run.def.flow.nodes.find((n) => n.id === nodeId);
  // The publish check guarantees references resolve; a migration maps every waiting node. Anything else is a bug.
  if (!node) throw new Error(`node ${nodeId} is not in the definition of application ${run.app.id}`);
  return node;
}

/** Saves changed application columns and keeps the in-memory row in step. */
export async function saveApp(run: Run, changes: Partial<ApplicationRow>): Promise<void> {
  const next = { ...changes, updatedAt: run.ctx.now };
  await run.ctx.tx.update(applications).set(next).where(eq(applications.id, run.app.id));
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
  await run.ctx.tx.update(applicationSteps).set(changes).where(eq(applicationSteps.id, stepId));
  rememberStep(run, stepId, changes);
}

export async function updateTask(run: Run, taskId: string, changes: Partial<TaskRow>): Promise<void> {
  await run.ctx.tx.update(applicationTasks).set(changes).where(eq(applicationTasks.id, taskId));
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
  if (open.length === 0) return;
  await run.ctx.tx
    .update(applicationTasks)
    .set({ status: 'cancelled', actedAt: run.ctx.now })
    .where(
      and(
        eq(applicationTasks.applicationId, run.app.id),
        inArray(applicationTasks.status, ['pending', 'waiting']),
        inArray(applicationTasks.kind, ['approve', 'review']),
        stepIds ? inArray(applicationTasks.stepId, stepIds) : undefined,
      ),
    );
  for (const t of open) Object.assign(t, { status: 'cancelled', actedAt: run.ctx.now });
}

/** The nodes an application waits at now, for traces: `['finance']`, `['legal', 'it']` in parallel. */
export async function currentNodes(run: Run): Promise<string[]> {
  return (await stepsOf(run, ['active', 'paused'])).map((s) => s.nodeId);
}

export const bumpGeneration = sql`${applicationSteps.timerGeneration} + 1`;
