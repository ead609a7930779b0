/**
 * A `Run` is one command's hold on one application: the row locked FOR UPDATE (so two approvers acting at once are
 * serialised and the second sees the first's result), its published definition, and a log of what the flow did,
 * which the command puts into its single trace entry.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, max, ne, sql } from 'drizzle-orm';
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
}

export const formHashOf = (form: Record<string, unknown>) => `sha256:${createHash('sha256').update(canonicalJson(form)).digest('hex')}`;

/**
 * Locks the application and loads what a flow command needs; 404 when it does not exist. The type and the applicant's
 * name come with the locked row (neither is locked), the definition from the cache of published versions.
 */
export async function openRun(ctx: Ctx, applicationId: string): Promise<Run> {
  const [row] = await ctx.tx
    .select({ app: applications, code: applicationTypes.code, name: applicationTypes.name, applicant: users.displayName })
    .from(applications)
    .innerJoin(applicationTypes, eq(applicationTypes.id, applications.typeId))
    .innerJoin(users, eq(users.id, applications.initiatorId))
    .where(eq(applications.id, applicationId))
    .for('update', { of: applications });
  if (!row) throw notFound('application');
  return runWith(ctx, row.app, { id: row.app.typeId, code: row.code, name: row.name }, row.applicant);
}

/** A run on an application row the command already holds (just inserted, or re-pointed at another version). */
export async function runOf(ctx: Ctx, app: ApplicationRow): Promise<Run> {
  const [row] = await ctx.tx
    .select({ code: applicationTypes.code, name: applicationTypes.name, applicant: users.displayName })
    .from(applicationTypes)
    .innerJoin(users, eq(users.id, app.initiatorId))
    .where(eq(applicationTypes.id, app.typeId));
  return runWith(ctx, app, { id: app.typeId, code: row!.code, name: row!.name }, row!.applicant);
}

async function runWith(ctx: Ctx, app: ApplicationRow, type: Run['type'], applicantName: string): Promise<Run> {
  const { definition } = await versionOf(ctx.tx, app.versionId);
  // Read after the lock was granted: a statement's snapshot predates the wait, so this cannot share the locking one.
  const [seq] = await ctx.tx.select({ value: max(applicationSteps.seq) }).from(applicationSteps).where(eq(applicationSteps.applicationId, app.id));
  return { ctx, app, def: definition, type, applicantName, log: [], nextSeq: (seq?.value ?? 0) + 1, pendingNumbers: [] };
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

export async function stepsOf(run: Run, statuses?: StepRow['status'][]): Promise<StepRow[]> {
  return run.ctx.tx
    .select()
    .from(applicationSteps)
    .where(and(eq(applicationSteps.applicationId, run.app.id), statuses ? inArray(applicationSteps.status, statuses) : undefined))
    .orderBy(applicationSteps.seq);
}

export async function tasksOfStep(run: Run, stepId: string): Promise<TaskRow[]> {
  return run.ctx.tx
    .select()
    .from(applicationTasks)
    .where(and(eq(applicationTasks.stepId, stepId), ne(applicationTasks.status, 'cancelled')))
    .orderBy(applicationTasks.seq);
}

export async function updateStep(run: Run, stepId: string, changes: Partial<StepRow>): Promise<void> {
  await run.ctx.tx.update(applicationSteps).set(changes).where(eq(applicationSteps.id, stepId));
}

export async function updateTask(run: Run, taskId: string, changes: Partial<TaskRow>): Promise<void> {
  await run.ctx.tx.update(applicationTasks).set(changes).where(eq(applicationTasks.id, taskId));
}

/** Closes the open decisions of the given steps (or of the whole application); copies (抄送) stay to be read. */
export async function cancelOpenTasks(run: Run, stepIds?: string[]): Promise<void> {
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
}

/** The nodes an application waits at now, for traces: `['finance']`, `['legal', 'it']` in parallel. */
export async function currentNodes(run: Run): Promise<string[]> {
  const rows = await run.ctx.tx
    .select({ nodeId: applicationSteps.nodeId })
    .from(applicationSteps)
    .where(and(eq(applicationSteps.applicationId, run.app.id), inArray(applicationSteps.status, ['active', 'paused'])))
    .orderBy(applicationSteps.seq);
  return rows.map((r) => r.nodeId);
}

export const bumpGeneration = sql`${applicationSteps.timerGeneration} + 1`;
