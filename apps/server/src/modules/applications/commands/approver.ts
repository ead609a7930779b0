/**
 * What an approver does with their task (F3): approve, reject, return, transfer (转交), add a signer (加签), mark a
 * copy read. Each is one command holding the application's row lock, so two approvers acting at once are serialised:
 * the second finds the task or the step already decided and gets 409. When a delegate acts, `ctx.actor` is the
 * assignee and `ctx.delegate` the person acting; the trace reads "delegate on behalf of assignee" (F4).
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { ApprovalNode } from '@henji/contracts';
import { actorId } from '../../../kernel/actor.ts';
import { defineCommand, type Ctx } from '../../../kernel/command.ts';
import { conflict, forbidden, invalid, notFound } from '../../../kernel/errors.ts';
import type { Evidence } from '../../../kernel/ledger/append.ts';
import { msg } from '../../../kernel/messages.ts';
import { userNames } from '../../../kernel/org/queries.ts';
import { users } from '../../../kernel/org/schema.ts';
import { applicationTasks, type StepRow, type TaskRow } from '../schema.ts';
import { afterApproval, completeStep, enterNode, insertTasks, rejectApplication, stepVerdict } from '../engine/flow.ts';
import { notifyApplication } from '../engine/notices.ts';
import { ancestorsOf, returnTargets, INITIATOR } from '../engine/returns.ts';
import { nodeOf, openRun, saveApp, stepsOf, tasksOfStep, updateStep, updateTask, cancelOpenTasks, type Run } from '../engine/run.ts';
import { pauseSla, stopSla } from '../engine/sla.ts';
import { requireIndependent } from '../engine/duties.ts';
import { requireStatus, snapshot, traceRun, type TraceExtras } from './common.ts';
import { addCopies } from '../comfort/cc.ts';

export interface TaskInput {
  id: string;
  taskId: string;
  formHash?: string;
  opinion?: string;
  signature?: string;
  /** People the approver copies (抄送) with an approval or a rejection. */
  cc?: string[];
}

interface Held {
  run: Run;
  task: TaskRow;
  step: StepRow;
  before: TraceExtras['before'];
}

/** Locks the application and checks that the caller holds this open task of the expected kind. */
export async function holdTask(ctx: Ctx, input: TaskInput, kinds: TaskRow['kind'][]): Promise<Held> {
  const run = await openRun(ctx, input.id);
  const task = run.loaded.tasks.find((t) => t.id === input.taskId);
  if (!task || !kinds.includes(task.kind)) throw notFound('application_task');
  if (task.assigneeId !== actorId(ctx.actor)) throw forbidden();
  if (task.status === 'done') throw conflict(msg('flow.task_taken', { decision: task.decision ?? '' }));
  if (task.status === 'cancelled') throw conflict(msg('flow.task_closed'));
  if (task.status === 'waiting') throw conflict(msg('flow.task_not_active'));
  if (task.kind !== 'review') requireStatus(run, 'running');
  if (input.formHash !== undefined && input.formHash !== run.app.formHash) throw conflict(msg('flow.form_changed'));
  // The waiting steps give the "before" of the trace; the task's own step is among the loaded ones.
  const open = run.loaded.steps.filter((s) => s.status === 'active' || s.status === 'paused');
  const step = run.loaded.steps.find((s) => s.id === task.stepId)!;
  return { run, task, step, before: { status: run.app.status, nodes: open.map((s) => s.nodeId) } };
}

const approvalNode = (run: Run, step: StepRow) => nodeOf(run, step.nodeId) as ApprovalNode;

/**
 * Separation of duties on a decision: neither the person acting (a delegate acting for the holder) nor the holder may
 * be the applicant, or — one person, one level — someone who approved another level of this round.
 */
async function requireDecider(held: Held): Promise<void> {
  const { run, task } = held;
  const person = run.ctx.delegate?.userId ?? actorId(run.ctx.actor)!;
  await requireIndependent(run, task.nodeId, person === task.assigneeId ? [{ userId: person }] : [{ userId: person }, { userId: task.assigneeId }]);
}

function requireOpinion(opinion: string | undefined): string {
  const text = opinion?.trim() ?? '';
  if (text === '') throw invalid({ opinion: msg('flow.opinion_required') });
  return text;
}

/** A handwritten signature is evidence: its hash goes into the trace, the image stays with the task. */
const signatureEvidence = (signature: string | undefined): Evidence[] =>
  signature ? [{ name: 'signature.png', sha256: createHash('sha256').update(Buffer.from(signature.split(',')[1] ?? '', 'base64')).digest('hex') }] : [];

async function decide(held: Held, decision: string, opinion: string | null, signature: string | undefined) {
  await updateTask(held.run, held.task.id, {
    status: 'done',
    decision,
    opinion,
    signature: signature ?? null,
    actedById: held.run.ctx.delegate?.userId ?? null,
    formHash: held.run.app.formHash,
    formVersion: held.run.app.formVersion,
    actedAt: held.run.ctx.now,
  });
}

const decisionDiff = (held: Held, decision: string) => ({
  task: { after: held.task.id },
  node: { after: held.task.nodeId },
  decision: { after: decision },
});

export const approveTask = defineCommand('applications.approve', async (ctx, input: TaskInput) => {
  const held = await holdTask(ctx, input, ['approve']);
  await requireDecider(held);
  const node = approvalNode(held.run, held.step);
  const opinion = node.opinionOnApprove ? requireOpinion(input.opinion) : input.opinion?.trim() || null;
  await decide(held, 'approve', opinion, input.signature);
  await afterApproval(held.run, held.step, { ...held.task, status: 'done', decision: 'approve' });
  const cc = await addCopies(held.run, input.cc, held.task.nodeId);
  await traceRun(held.run, 'application.approve', { before: held.before, comment: opinion, evidence: signatureEvidence(input.signature), diff: { ...decisionDiff(held, 'approve'), ...cc } });
  return held.run.app;
});

export const rejectTask = defineCommand('applications.reject', async (ctx, input: TaskInput) => {
  const held = await holdTask(ctx, input, ['approve']);
  await requireDecider(held);
  const opinion = requireOpinion(input.opinion);
  const node = approvalNode(held.run, held.step);
  await decide(held, 'reject', opinion, input.signature);
  if (node.mode === 'vote') {
    const verdict = stepVerdict(node, tasksOfStep(held.run, held.step.id));
    if (verdict === 'rejected') await rejectApplication(held.run, held.step);
    if (verdict === 'approved') await completeStep(held.run, held.step, 'approved');
  } else {
    await rejectApplication(held.run, held.step);
  }
  const cc = await addCopies(held.run, input.cc, held.task.nodeId);
  await traceRun(held.run, 'application.reject', { before: held.before, comment: opinion, evidence: signatureEvidence(input.signature), diff: { ...decisionDiff(held, 'reject'), ...cc } });
  return held.run.app;
});

/**
 * 退回: back to the applicant — every open step pauses, keeping what is left of its SLA, until they resubmit — or to
 * an earlier approval node on the same branch, which starts again with a fresh deadline.
 */
export const returnTask = defineCommand('applications.return', async (ctx, input: TaskInput & { to: string }) => {
  const held = await holdTask(ctx, input, ['approve']);
  await requireDecider(held);
  const { run, step } = held;
  const opinion = requireOpinion(input.opinion);
  const node = approvalNode(run, step);
  if (node.returnPolicy === 'none') throw forbidden(msg('flow.return_not_allowed'));
  const targets = returnTargets(node, step, await stepsOf(run), ancestorsOf(run.def, node.id));
  if (!targets.includes(input.to)) throw invalid({ to: msg('flow.return_target') });
  await decide(held, 'return', opinion, undefined);
  if (input.to === INITIATOR) {
    for (const open of await stepsOf(run, ['active'])) await pauseSla(run, open);
    await cancelOpenTasks(run);
    await saveApp(run, { status: 'returned' });
    run.log.push(`return:${step.nodeId}->initiator`);
    const names = await userNames(ctx.tx, [held.task.assigneeId]);
    await notifyApplication(run, [run.app.initiatorId], 'application.returned', { node: node.name, actor: names.get(held.task.assigneeId) ?? '', opinion });
  } else {
    await cancelOpenTasks(run, [step.id]);
    await updateStep(run, step.id, { status: 'completed', outcome: 'returned', leftAt: ctx.now });
    await stopSla(run, step.id);
    run.log.push(`return:${step.nodeId}->${input.to}`);
    await enterNode(run, input.to, step.forkStepId);
  }
  await traceRun(run, 'application.return', { before: held.before, comment: opinion, diff: { ...decisionDiff(held, 'return'), returnTo: { after: input.to } } });
  return run.app;
});

async function requireNewSigner(run: Run, step: StepRow, userId: string) {
  const [user] = await run.ctx.tx.select({ status: users.status }).from(users).where(eq(users.id, userId));
  const open = await run.ctx.tx
    .select({ id: applicationTasks.id })
    .from(applicationTasks)
    .where(and(eq(applicationTasks.stepId, step.id), eq(applicationTasks.assigneeId, userId), inArray(applicationTasks.status, ['pending', 'waiting'])));
  if (user?.status !== 'active' || open.length > 0) throw invalid({ userId: msg('flow.target_user') });
  // Never the applicant, nor (one person, one level) someone who signed another level: 转交 and 加签 are routes too.
  await requireIndependent(run, step.nodeId, [{ userId, field: 'userId' }]);
}

/** Hands a task to someone else (转交): the task closes as transferred and the new holder gets it in the same place. */
export async function transferTaskTo(run: Run, step: StepRow, task: TaskRow, userId: string, template: 'application.transferred' | 'application.escalated') {
  await insertTasks(run, step, task.kind, [{ userId, status: 'pending', seq: task.seq, chainId: task.chainId, transferredFromId: task.assigneeId, addedById: task.addedById }]);
  await notifyApplication(run, [userId], template, { node: nodeOf(run, step.nodeId).name });
}

export const transferTask = defineCommand('applications.transfer', async (ctx, input: TaskInput & { userId: string }) => {
  const held = await holdTask(ctx, input, ['approve']);
  const node = approvalNode(held.run, held.step);
  if (!node.allowTransfer) throw forbidden(msg('flow.transfer_not_allowed'));
  await requireNewSigner(held.run, held.step, input.userId);
  const opinion = input.opinion?.trim() || null;
  await decide(held, 'transfer', opinion, undefined);
  await transferTaskTo(held.run, held.step, held.task, input.userId, 'application.transferred');
  await traceRun(held.run, 'application.transfer', { before: held.before, comment: opinion, diff: { ...decisionDiff(held, 'transfer'), to: { after: input.userId } } });
  return held.run.app;
});

/** 加签: another signer before the caller (who waits for them) or after (who signs once the caller has). */
export const addSigner = defineCommand('applications.addSigner', async (ctx, input: TaskInput & { userId: string; position: 'before' | 'after' }) => {
  const held = await holdTask(ctx, input, ['approve']);
  const { run, step, task } = held;
  const node = approvalNode(run, step);
  if (!node.allowAddSigner) throw forbidden(msg('flow.add_signer_not_allowed'));
  await requireNewSigner(run, step, input.userId);
  const tasks = tasksOfStep(run, step.id);
  const line = node.mode === 'sequential' ? tasks : tasks.filter((t) => t.chainId === task.chainId);
  const neighbour =
    input.position === 'before'
      ? Math.max(task.seq - 1, ...line.filter((t) => t.seq < task.seq).map((t) => t.seq))
      : Math.min(task.seq + 1, ...line.filter((t) => t.seq > task.seq).map((t) => t.seq));
  const seq = (task.seq + neighbour) / 2;
  const before = input.position === 'before';
  await insertTasks(run, step, 'approve', [{ userId: input.userId, status: before ? 'pending' : 'waiting', seq, chainId: task.chainId, addedById: task.assigneeId }]);
  if (before) {
    await updateTask(run, task.id, { status: 'waiting' });
    await notifyApplication(run, [input.userId], 'application.task_assigned', { node: node.name });
  }
  run.log.push(`add_signer:${input.position}`);
  await traceRun(run, 'application.add_signer', {
    before: held.before,
    comment: input.opinion?.trim() || null,
    diff: { task: { after: task.id }, node: { after: task.nodeId }, signer: { after: input.userId }, position: { after: input.position } },
  });
  return run.app;
});

/** 已阅: the reader of a copy (抄送) confirms reading it. */
export const readCopy = defineCommand('applications.read', async (ctx, input: TaskInput) => {
  const run = await openRun(ctx, input.id);
  const [task] = await ctx.tx.select().from(applicationTasks).where(and(eq(applicationTasks.id, input.taskId), eq(applicationTasks.applicationId, run.app.id)));
  if (!task || task.kind !== 'cc') throw notFound('application_task');
  if (task.assigneeId !== actorId(ctx.actor)) throw forbidden();
  if (task.status !== 'pending') throw conflict(msg('flow.task_taken', { decision: task.decision ?? '' }));
  const before = await snapshot(run);
  await updateTask(run, task.id, { status: 'done', decision: 'read', actedAt: ctx.now, actedById: ctx.delegate?.userId ?? null, formHash: run.app.formHash });
  await traceRun(run, 'application.read', { before, diff: { task: { after: task.id } } });
  return run.app;
});
