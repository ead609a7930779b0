/**
 * Moving an application through its flow (F2): entering nodes, deciding when an approval step is complete under its
 * mode, joining parallel branches, finishing. Everything here runs inside the command that caused it, on a locked
 * `Run`, and is recorded in that command's single trace entry through `run.log`.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { jobs } from '../../../kernel/jobs/schema.ts';
import type { ActionNode, ApprovalNode, FlowNode } from '@henji/contracts';
import { actorId } from '../../../kernel/actor.ts';
import { assignNumber } from '../../../kernel/numbering/index.ts';
import { userNames } from '../../../kernel/org/queries.ts';
import { users } from '../../../kernel/org/schema.ts';
import { createTrackedTask } from '../../../kernel/tasks/index.ts';
import { applications, applicationSteps, type StepRow, type TaskRow } from '../schema.ts';
import { administrators, resolveSource, resolveSources, type Applicant } from './approvers.ts';
import { excludedAt, independentApprovers, type Substitution } from './duties.ts';
import { chooseBranch } from '../definition/conditions.ts';
import { notifyApplication } from './notices.ts';
import { deadlineAfter, slaClock, slaJobValues } from './sla.ts';
import {
  bumpGeneration,
  cancelOpenTasks,
  deferInsert,
  deferInsertSteps,
  deferInsertTasks,
  deferStepChanges,
  flushWrites,
  nodeOf,
  rememberStep,
  saveApp,
  stepsOf,
  takeAppChanges,
  takeStepInsert,
  takeWrites,
  tasksOfStep,
  updateStep,
  updateTask,
  type Run,
} from './run.ts';

export const applicantOf = (run: Run): Applicant => ({
  initiatorId: run.app.initiatorId,
  departmentId: run.app.departmentId,
  form: run.app.form,
});

/** A new step, whole: the row the database would return for it (columns not given take their defaults). */
function stepValues(run: Run, node: FlowNode, forkStepId: string | null, status: StepRow['status'], outcome: string | null, clock: Partial<StepRow> = {}): StepRow {
  const done = status === 'completed';
  return {
    id: randomUUID(),
    applicationId: run.app.id,
    nodeId: node.id,
    nodeType: node.type,
    status,
    outcome,
    forkStepId,
    seq: run.nextSeq++,
    round: run.app.round,
    enteredAt: run.ctx.now,
    leftAt: done ? run.ctx.now : null,
    deadlineAt: null,
    deadlineSteps: null,
    remainingMinutes: null,
    remindersSent: 0,
    timerGeneration: 0,
    state: {},
    ...clock,
  };
}

/** Where tasks go: a step, or no step (copies added by a person, kept under a pseudo-node). */
type TaskHome = { id: string | null; nodeId: string };

type Assignee = { userId: string; status: TaskRow['status']; seq: number; chainId?: string; addedById?: string | null; transferredFromId?: string | null };

function taskValues(run: Run, step: TaskHome, kind: TaskRow['kind'], assignees: Assignee[]): TaskRow[] {
  return assignees.map((a) => {
    const id = randomUUID();
    return {
      id,
      applicationId: run.app.id,
      stepId: step.id,
      nodeId: step.nodeId,
      kind,
      status: a.status,
      assigneeId: a.userId,
      chainId: a.chainId ?? id,
      seq: a.seq,
      addedById: a.addedById ?? null,
      transferredFromId: a.transferredFromId ?? null,
      decision: null,
      opinion: null,
      signature: null,
      actedById: null,
      formHash: null,
      formVersion: null,
      createdAt: run.ctx.now,
      actedAt: null,
    };
  });
}

async function insertStep(
  run: Run,
  node: FlowNode,
  forkStepId: string | null,
  status: StepRow['status'],
  outcome: string | null,
  clock: Partial<StepRow> = {},
): Promise<StepRow> {
  const step = stepValues(run, node, forkStepId, status, outcome, clock);
  deferInsertSteps(run, [step]);
  return { ...step };
}

export async function insertTasks(run: Run, step: TaskHome, kind: TaskRow['kind'], assignees: Assignee[]): Promise<TaskRow[]> {
  if (assignees.length === 0) return [];
  const tasks = taskValues(run, step, kind, assignees);
  deferInsertTasks(run, tasks);
  return tasks.map((t) => ({ ...t }));
}

/**
 * Opens an approval step: the step, its tasks (all pending, or one after another for a sequential node) and its SLA
 * timer inserted by one statement — which also carries the writes the command queued so far (the decision that
 * closed the previous step, steps passed on the way) — then the notice to whoever must act now.
 */
async function openApprovalStep(run: Run, node: ApprovalNode, forkStepId: string | null, ids: string[], extra: Partial<StepRow>): Promise<void> {
  const clock = node.sla ? await slaClock(run, node.sla, null, 1) : undefined;
  const step = stepValues(run, node, forkStepId, 'active', null, { ...clock, ...extra });
  const tasks = taskValues(run, step, 'approve', approvalAssignees(node, ids));
  deferInsertSteps(run, [step]);
  deferInsertTasks(run, tasks);
  if (clock) deferInsert(run, run.ctx.tx.insert(jobs).values(slaJobValues(run, step.id, clock.timerGeneration, clock.deadlineAt)).getSQL());
  await flushWrites(run);
  run.log.push(`enter:${node.id}`);
  await tellAssigned(run, node, tasks);
}

/**
 * The approvers of a node for this application under separation of duties (engine/duties.ts): never the applicant,
 * one person one level; a level whose source names only excluded people goes to whoever is above them. A source
 * that names nobody at all falls back to the administrators, or passes the node when it says `whenEmpty: skip`.
 */
export async function approversFor(run: Run, node: ApprovalNode): Promise<{ ids: string[]; skipped: 'empty' | null; substitution: Substitution | null }> {
  const applicant = applicantOf(run);
  const found = await resolveSource(run.ctx.tx, node.approvers, applicant);
  const { ids, substitution } = await independentApprovers(run, node, found, applicant);
  if (substitution) run.log.push(`substitute:${node.id}:${substitution.reason}->${substitution.via}`);
  if (ids.length > 0) return { ids, skipped: null, substitution };
  if (node.whenEmpty === 'skip') return { ids: [], skipped: 'empty', substitution: null };
  const excluded = await excludedAt(run, node.id);
  const admins = (await administrators(run.ctx.tx)).filter((id) => !excluded.has(id));
  if (admins.length === 0) return { ids: [], skipped: 'empty', substitution: null };
  return { ids: admins, skipped: null, substitution: null };
}

/** Opens an approval step's tasks: all at once, or one after another for a sequential node. */
export async function openApprovalTasks(run: Run, step: Pick<StepRow, 'id' | 'nodeId'>, node: ApprovalNode, ids: string[]): Promise<void> {
  await tellAssigned(run, node, await insertTasks(run, step, 'approve', approvalAssignees(node, ids)));
}

/** An approval node's tasks: all pending, or one after another (waiting) for a sequential node. */
const approvalAssignees = (node: ApprovalNode, ids: string[]): Assignee[] =>
  ids.map((userId, i) => ({ userId, status: node.mode !== 'sequential' || i === 0 ? 'pending' : 'waiting', seq: i }));

const tellAssigned = (run: Run, node: ApprovalNode, tasks: TaskRow[]) =>
  notifyApplication(run, tasks.filter((t) => t.status === 'pending').map((t) => t.assigneeId), 'application.task_assigned', { node: node.name });

/** Enters a node; automatic nodes pass straight on, so one call may run to the next approval or to the end. */
export async function enterNode(run: Run, nodeId: string, forkStepId: string | null): Promise<void> {
  const node = nodeOf(run, nodeId);
  const next = (id: string) => enterNode(run, id, forkStepId);
  switch (node.type) {
    case 'approval': {
      if (run.emergency) {
        // 紧急执行: the temporary group's decision stands for every approval still ahead; the review follows.
        await insertStep(run, node, forkStepId, 'completed', 'emergency');
        run.log.push(`emergency:${node.id}`);
        return next(node.next);
      }
      const { ids, skipped, substitution } = await approversFor(run, node);
      if (skipped) {
        await insertStep(run, node, forkStepId, 'completed', `skipped_${skipped}`);
        run.log.push(`skip_${skipped}:${node.id}`);
        return next(node.next);
      }
      return openApprovalStep(run, node, forkStepId, ids, substitution ? { state: { substitution } } : {});
    }
    case 'condition': {
      const { next: target } = chooseBranch(node, run.app.form);
      await insertStep(run, node, forkStepId, 'completed', `branch:${target}`);
      run.log.push(`branch:${node.id}->${target}`);
      return next(target);
    }
    case 'parallel': {
      const step = await insertStep(run, node, forkStepId, 'completed', 'forked');
      run.log.push(`fork:${node.id}`);
      for (const branch of node.branches) {
        if (run.app.status !== 'running') return;
        await enterNode(run, branch, step.id);
      }
      return;
    }
    case 'join':
      return arriveAtJoin(run, node, forkStepId);
    case 'cc': {
      const ids = (await resolveSources(run.ctx.tx, node.recipients, applicantOf(run))).filter((id) => id !== run.app.initiatorId);
      const step = await insertStep(run, node, forkStepId, 'completed', 'copied');
      await insertTasks(run, step, 'cc', ids.map((userId, i) => ({ userId, status: 'pending', seq: i })));
      await notifyApplication(run, ids, 'application.cc', { node: node.name });
      run.log.push(`cc:${node.id}`);
      return next(node.next);
    }
    case 'notify': {
      const ids = await resolveSources(run.ctx.tx, node.recipients, applicantOf(run));
      await insertStep(run, node, forkStepId, 'completed', 'notified');
      await notifyApplication(run, ids, 'application.notice', { node: node.name }, node.urgent);
      run.log.push(`notify:${node.id}`);
      return next(node.next);
    }
    case 'action': {
      if (node.action.kind === 'create_task') {
        const task = await createTaskForFlow(run, node.action);
        await insertStep(run, node, forkStepId, 'completed', `task:${task.id}`);
        run.log.push(`task:${node.id}:${task.id}`);
        return next(node.next);
      }
      const step = await insertStep(run, node, forkStepId, 'completed', 'number:pending');
      run.pendingNumbers.push({ stepId: step.id, rule: node.action.rule });
      return next(node.next);
    }
    case 'end':
      await insertStep(run, node, forkStepId, 'completed', 'end');
      return finish(run, 'approved');
  }
}

type CreateTaskAction = Extract<ActionNode['action'], { kind: 'create_task' }>;

/**
 * Issues the numbers the command's passed `assign_number` nodes owe. Called once, just before the command's trace:
 * the counter row stays locked until commit (gap-free numbering), so concurrent approvals that number applications
 * of one rule queue only for the last moments of each transaction.
 */
export async function settleNumbers(run: Run): Promise<void> {
  for (const owed of run.pendingNumbers.splice(0)) {
    const now = run.ctx.now;
    const tx = run.ctx.tx;
    const number = await assignNumber(
      run.ctx,
      { rule: owed.rule, type: run.type.code, departmentId: run.app.departmentId, subject: { type: 'application', id: run.app.id } },
      {
        // Written by the statement that takes the counter, with the writes the command queued (the application's
        // queued changes join its number, the numbering step is inserted with it): after it, only the trace and the
        // commit hold the counter.
        alongside: (n) => {
          const app = tx.update(applications).set({ ...takeAppChanges(run), number: n, updatedAt: now }).where(eq(applications.id, run.app.id)).getSQL();
          const queued = takeStepInsert(run, owed.stepId);
          const step = queued
            ? tx.insert(applicationSteps).values({ ...queued, outcome: sql`'number:' || ${n}` }).getSQL()
            : tx.update(applicationSteps).set({ outcome: sql`'number:' || ${n}` }).where(eq(applicationSteps.id, owed.stepId)).getSQL();
          return [app, step, ...takeWrites(run)];
        },
      },
    );
    run.app = { ...run.app, number, updatedAt: now };
    rememberStep(run, owed.stepId, { outcome: `number:${number}` });
    run.log.push(`number:${number}`);
  }
}

/**
 * 自动动作 "create task" (F2 → T1): a tracked task from this application, assigned by the applicant, owned by the
 * first person the source names (none: it awaits an owner within the owner window), due `within` on the calendar.
 * The task quotes the application's number, so numbers the flow owes so far are issued first. An applicant who has
 * left cannot assign (nor accept the closure): then the person whose action reached this node does.
 */
async function createTaskForFlow(run: Run, action: CreateTaskAction) {
  await settleNumbers(run);
  const [ownerId] = await resolveSource(run.ctx.tx, action.owner, applicantOf(run));
  const { deadline } = await deadlineAfter(run.ctx.tx, run.def.calendar, run.ctx.now, action.within, run.calendars);
  return createTrackedTask(run.ctx, {
    title: action.title,
    description: run.app.number ? `${run.app.title}（${run.app.number}）` : run.app.title,
    source: 'application',
    sourceRef: run.app.id,
    ownerId: ownerId ?? null,
    assignerId: await taskAssigner(run),
    deadline,
    crossDepartment: action.crossDepartment ?? false,
  });
}

async function taskAssigner(run: Run): Promise<string> {
  const [applicant] = await run.ctx.tx.select({ status: users.status }).from(users).where(eq(users.id, run.app.initiatorId));
  if (applicant?.status === 'active') return run.app.initiatorId;
  return actorId(run.ctx.actor) ?? run.app.initiatorId;
}

/** A branch reached its join: wait for the others, then continue after the join at the parallel node's level. */
async function arriveAtJoin(run: Run, node: Extract<FlowNode, { type: 'join' }>, forkStepId: string | null): Promise<void> {
  if (!forkStepId) throw new Error(`join ${node.id} reached outside a parallel block`);
  // The run holds every step of the application (loaded under the lock, kept current by the engine's writes).
  const fork = run.loaded.steps.find((s) => s.id === forkStepId);
  const parallel = nodeOf(run, fork!.nodeId);
  if (parallel.type !== 'parallel') throw new Error(`step ${forkStepId} is not a parallel step`);
  let waiting = run.loaded.steps.find((s) => s.nodeId === node.id && s.forkStepId === forkStepId);
  if (!waiting) waiting = await insertStep(run, node, forkStepId, 'waiting', null);
  const arrived = Number(waiting.state.arrived ?? 0) + 1;
  if (arrived < parallel.branches.length) {
    await updateStep(run, waiting.id, { state: { arrived } });
    return;
  }
  await updateStep(run, waiting.id, { state: { arrived }, status: 'completed', outcome: 'joined', leftAt: run.ctx.now });
  run.log.push(`join:${node.id}`);
  return enterNode(run, node.next, fork!.forkStepId);
}

/** Leaves steps and stops their timers (a queued SLA job finds a newer generation and does nothing). */
async function closeStep(run: Run, stepIds: string | string[], changes: { status: StepRow['status']; outcome?: string }): Promise<void> {
  for (const id of typeof stepIds === 'string' ? [stepIds] : stepIds) deferStepChanges(run, id, { ...changes, leftAt: run.ctx.now, timerGeneration: bumpGeneration });
}

/**
 * Starts the flow again from its first node in a new round: the open steps close as `restarted`, their tasks and
 * timers stop, and signatures of earlier rounds no longer count for "one person, one level" — they were on another
 * form. Used when a resubmission changed what the flow reads (engine/versions.ts).
 */
export async function restartFlow(run: Run, changed: string[]): Promise<void> {
  const open = await stepsOf(run, ['active', 'paused', 'waiting']);
  if (open.length > 0) await closeStep(run, open.map((s) => s.id), { status: 'cancelled', outcome: 'restarted' });
  await cancelOpenTasks(run);
  await saveApp(run, { round: run.app.round + 1 });
  run.log.push(`restart:${changed.join(',')}`);
  await enterNode(run, run.def.flow.start, null);
}

/** An approval step is decided: leave it and follow `next`. */
export async function completeStep(run: Run, step: StepRow, outcome: string): Promise<void> {
  await cancelOpenTasks(run, [step.id]);
  await closeStep(run, step.id, { status: 'completed', outcome });
  run.log.push(`complete:${step.nodeId}:${outcome}`);
  const node = nodeOf(run, step.nodeId);
  if (node.type !== 'approval') throw new Error(`step ${step.id} is not an approval step`);
  await enterNode(run, node.next, step.forkStepId);
}

/**
 * After a task of an approval step was approved: open the next task in line, and complete the step when its mode is
 * satisfied (或签 any: one chain done; 会签 all and sequential: every task done; vote: the ratio reached).
 */
export async function afterApproval(run: Run, step: StepRow, task: TaskRow): Promise<void> {
  const node = nodeOf(run, step.nodeId) as ApprovalNode;
  const tasks = tasksOfStep(run, step.id);
  const inLine = node.mode === 'sequential' ? tasks : tasks.filter((t) => t.chainId === task.chainId);
  const following = inLine.filter((t) => t.status === 'waiting' && t.seq > task.seq).sort((a, b) => a.seq - b.seq)[0];
  if (following) {
    await updateTask(run, following.id, { status: 'pending' });
    await notifyApplication(run, [following.assigneeId], 'application.task_assigned', { node: node.name });
  }
  const verdict = stepVerdict(node, tasks.map((t) => (t.id === following?.id ? { ...t, status: 'pending' as const } : t)));
  if (verdict === 'approved') await completeStep(run, step, 'approved');
  if (verdict === 'rejected') await rejectApplication(run, step);
}

/** Decides a step from its tasks' states; `open` while people still have to act. */
export function stepVerdict(node: ApprovalNode, tasks: Pick<TaskRow, 'chainId' | 'status' | 'decision'>[]): 'approved' | 'rejected' | 'open' {
  const chains = new Map<string, Pick<TaskRow, 'status' | 'decision'>[]>();
  for (const t of tasks) chains.set(t.chainId, [...(chains.get(t.chainId) ?? []), t]);
  const states = [...chains.values()].map((chain) =>
    chain.some((t) => t.decision === 'reject' || t.decision === 'auto_reject')
      ? 'rejected'
      : chain.every((t) => t.status === 'done')
        ? 'approved'
        : 'open',
  );
  const approved = states.filter((s) => s === 'approved').length;
  const rejected = states.filter((s) => s === 'rejected').length;
  switch (node.mode) {
    case 'any':
      return approved > 0 ? 'approved' : rejected === states.length ? 'rejected' : 'open';
    case 'all':
    case 'sequential':
      return rejected > 0 ? 'rejected' : approved === states.length ? 'approved' : 'open';
    case 'vote': {
      // Compared with a tolerance: 0.56 × 25 is 14.000000000000002 in floating point, and 14 votes of 25 carry 0.56.
      const needed = (node.ratio ?? 0.5) * states.length - 1e-9;
      if (approved >= needed) return 'approved';
      return states.length - rejected < needed ? 'rejected' : 'open';
    }
  }
}

/**
 * The step rejected the application: it ends, and the applicant is told at which node, by whom and why — the
 * decisive task's holder and written opinion, or that the deadline passed (automatic rejection).
 */
export async function rejectApplication(run: Run, step: StepRow): Promise<void> {
  await updateStep(run, step.id, { status: 'completed', outcome: 'rejected', leftAt: run.ctx.now });
  const decisive = tasksOfStep(run, step.id)
    .filter((t) => t.decision === 'reject' || t.decision === 'auto_reject')
    .sort((a, b) => (a.actedAt?.getTime() ?? 0) - (b.actedAt?.getTime() ?? 0))
    .at(-1);
  const node = nodeOf(run, step.nodeId).name;
  await finish(run, 'rejected', null);
  if (!decisive || decisive.decision === 'auto_reject') {
    await notifyApplication(run, [run.app.initiatorId], 'application.auto_rejected', { node });
    return;
  }
  const names = await userNames(run.ctx.tx, [decisive.assigneeId]);
  await notifyApplication(run, [run.app.initiatorId], 'application.rejected', {
    node,
    actor: names.get(decisive.assigneeId) ?? '',
    opinion: decisive.opinion ?? '',
  });
}

/**
 * Ends the application: every open step and task closes, timers stop, the applicant hears of it — unless the caller
 * tells them itself (`notice` null: a rejection says by whom and why).
 */
export async function finish(run: Run, status: 'approved' | 'rejected' | 'withdrawn', notice: 'default' | null = 'default'): Promise<void> {
  const open = await stepsOf(run, ['active', 'paused', 'waiting']);
  if (open.length > 0) await closeStep(run, open.map((s) => s.id), { status: 'cancelled' });
  await cancelOpenTasks(run);
  await saveApp(run, {
    status,
    completedAt: run.ctx.now,
    ...(status === 'approved' ? { effectiveAt: run.ctx.now } : {}),
  });
  run.log.push(`finish:${status}`);
  if (status === 'approved' && notice === 'default') await notifyApplication(run, [run.app.initiatorId], 'application.approved', {});
}
