/**
 * 紧急决策 (F6): an urgent application of a type with an emergency procedure may be executed at once by a member of
 * the designated temporary group (临时小组). It takes effect immediately: the approvals open and ahead pass as decided by
 * the group and the rest of the flow runs (numbers, copies, notices, tasks). A review step then requires every reviewer
 * to countersign (会签确认) or object in writing, with reminders until they have; an objection is told to the
 * applicant, the other reviewers and the group.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { actorId } from '../../../kernel/actor.ts';
import { defineCommand, type Ctx } from '../../../kernel/command.ts';
import { conflict, forbidden, invalid } from '../../../kernel/errors.ts';
import { msg } from '../../../kernel/messages.ts';
import { applicationSteps, applicationTasks } from '../schema.ts';
import { resolveSources } from '../engine/approvers.ts';
import type { Duration, NodeSla } from '@henji/contracts';
import { userNames } from '../../../kernel/org/queries.ts';
import { applicantOf, completeStep, finish, insertTasks } from '../engine/flow.ts';
import { notifyApplication } from '../engine/notices.ts';
import { nodeOf, openRun, rememberNewStep, rememberTask, saveApp, stepsOf, updateStep, type Run } from '../engine/run.ts';
import { startSla } from '../engine/sla.ts';
import { requireStatus, snapshot, traceRun } from './common.ts';
import { holdTask, type TaskInput } from './approver.ts';

/** The node id of the review step that follows an emergency execution; it is not part of any flow definition. */
export const REVIEW_NODE = '__emergency_review';

/** The review's timer: reminders at the reminder interval until every reviewer has acted (no last one, nothing after). */
export const reviewSla = (within: Duration): NodeSla => ({ within, reminders: Number.POSITIVE_INFINITY, then: 'none' });

/**
 * The temporary group's decision stands for every approval still open or ahead: each open approval step completes as
 * `emergency` and the flow runs on — conditions, numbers, copies, notices, tasks — to its end, exactly as if each
 * approver had approved.
 */
async function runToTheEnd(run: Run): Promise<void> {
  run.emergency = true;
  for (const step of await stepsOf(run, ['active'])) {
    if (run.app.status !== 'running') break;
    if (nodeOf(run, step.nodeId).type === 'approval') await completeStep(run, step, 'emergency');
  }
  // A flow always ends once no approval waits; should a step still hold it, the decision still takes effect.
  if (run.app.status === 'running') await finish(run, 'approved');
}

export const executeEmergency = defineCommand('applications.emergencyExecute', async (ctx, input: { id: string; opinion: string }) => {
  const run = await openRun(ctx, input.id);
  requireStatus(run, 'running');
  const emergency = run.def.emergency;
  if (!emergency) throw conflict(msg('flow.type_not_emergency'));
  if (!run.app.urgent) throw conflict(msg('flow.not_urgent'));
  const group = await resolveSources(ctx.tx, emergency.group, applicantOf(run));
  if (!group.includes(actorId(ctx.actor) ?? '')) throw forbidden();
  const opinion = input.opinion.trim();
  if (opinion === '') throw invalid({ opinion: msg('flow.opinion_required') });
  const before = await snapshot(run);
  await runToTheEnd(run);
  await saveApp(run, { emergencyState: 'pending_review' });
  const reviewers = (await resolveSources(ctx.tx, emergency.reviewers, applicantOf(run))).filter((id) => id !== actorId(ctx.actor));
  const [step] = await ctx.tx
    .insert(applicationSteps)
    .values({ id: randomUUID(), applicationId: run.app.id, nodeId: REVIEW_NODE, nodeType: 'review', status: 'active', seq: run.nextSeq++, enteredAt: ctx.now })
    .returning();
  rememberNewStep(run, step!);
  await insertTasks(run, step!, 'review', reviewers.map((userId, i) => ({ userId, status: 'pending', seq: i })));
  await notifyApplication(run, reviewers, 'application.review_requested', {}, true);
  if (emergency.reviewWithin) await startSla(run, step!, reviewSla(emergency.reviewWithin), null);
  run.log.push('emergency_execute');
  await traceRun(run, 'application.emergency_execute', { before, comment: opinion, diff: { reviewers: { after: reviewers } } });
  return run.app;
});

/**
 * A written objection concerns everyone the decision involves: the applicant, the other reviewers and the temporary
 * group that executed it are told who objected and why (urgent, like the emergency itself).
 */
async function tellOfObjection(run: Run, reviewers: string[], opinion: string): Promise<void> {
  const objector = actorId(run.ctx.actor);
  const group = run.def.emergency ? await resolveSources(run.ctx.tx, run.def.emergency.group, applicantOf(run)) : [];
  const recipients = [...new Set([run.app.initiatorId, ...reviewers, ...group])].filter((id) => id !== objector && id !== run.ctx.delegate?.userId);
  const names = await userNames(run.ctx.tx, [objector]);
  await notifyApplication(run, recipients, 'application.emergency_objected', { actor: names.get(objector ?? '') ?? '', opinion }, true);
}

/** A reviewer countersigns or objects; once every reviewer has, the emergency decision is reviewed. */
async function review(ctx: Ctx, input: TaskInput, decision: 'countersign' | 'object') {
  const held = await holdTask(ctx, input, ['review']);
  const { run, step, task } = held;
  const opinion = input.opinion?.trim() || null;
  if (decision === 'object' && !opinion) throw invalid({ opinion: msg('flow.opinion_required') });
  await ctx.tx
    .update(applicationTasks)
    .set({ status: 'done', decision, opinion, signature: input.signature ?? null, actedAt: ctx.now, actedById: ctx.delegate?.userId ?? null, formHash: run.app.formHash })
    .where(eq(applicationTasks.id, task.id));
  rememberTask(run, task.id, { status: 'done', decision, opinion, actedAt: ctx.now, actedById: ctx.delegate?.userId ?? null, formHash: run.app.formHash });
  const open = await ctx.tx
    .select({ id: applicationTasks.id, assigneeId: applicationTasks.assigneeId, decision: applicationTasks.decision, status: applicationTasks.status })
    .from(applicationTasks)
    .where(and(eq(applicationTasks.stepId, step.id)));
  if (decision === 'object') await tellOfObjection(run, open.map((t) => t.assigneeId), opinion!);
  if (open.every((t) => t.status === 'done' || t.status === 'cancelled')) {
    const objected = open.some((t) => t.decision === 'object');
    await updateStep(run, step.id, { status: 'completed', outcome: objected ? 'objected' : 'countersigned', leftAt: ctx.now, timerGeneration: step.timerGeneration + 1 });
    await saveApp(run, { emergencyState: 'reviewed' });
    run.log.push(objected ? 'review:objected' : 'review:countersigned');
  }
  await traceRun(run, decision === 'object' ? 'application.object' : 'application.countersign', {
    before: held.before,
    comment: opinion,
    diff: { task: { after: task.id }, decision: { after: decision } },
  });
  return run.app;
}

export const countersign = defineCommand('applications.countersign', (ctx, input: TaskInput) => review(ctx, input, 'countersign'));
export const objectToEmergency = defineCommand('applications.object', (ctx, input: TaskInput) => review(ctx, input, 'object'));
