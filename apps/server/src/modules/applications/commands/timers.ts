/**
 * The SLA timer of a step (F5), run by the job queue: reminders, then escalation to the holder's superior, transfer,
 * or an automatic decision, as the node says. The job handler is transactional and runs this command in the job's own
 * transaction (`executeIn`), so the effect, its trace and the job's completion commit together, exactly once however
 * many processes poll the queue.
 */
import { eq } from 'drizzle-orm';
import type { NodeSla } from '@henji/contracts';
import { noRequest, systemActor } from '../../../kernel/actor.ts';
import { defineCommand, executeIn } from '../../../kernel/command.ts';
import { addWorkingTime, loadCalendarByCode } from '../../../kernel/calendar/index.ts';
import { registerJobHandler } from '../../../kernel/jobs/handlers.ts';
import { msg, render } from '../../../kernel/messages.ts';
import { applicationSteps } from '../schema.ts';
import { resolveSources, superior } from '../engine/approvers.ts';
import { afterApproval, applicantOf, rejectApplication } from '../engine/flow.ts';
import { notifyApplication } from '../engine/notices.ts';
import { nodeOf, openRun, tasksOfStep, updateStep, updateTask, type Run } from '../engine/run.ts';
import { reminderInterval, scheduleTick, SLA_JOB, startSla, type SlaJobPayload } from '../engine/sla.ts';
import { REVIEW_NODE, reviewSla } from './emergency.ts';
import { snapshot, traceRun } from './common.ts';
import { transferTaskTo } from './approver.ts';

function slaOf(run: Run, nodeId: string): NodeSla | undefined {
  if (nodeId === REVIEW_NODE) {
    const within = run.def.emergency?.reviewWithin;
    return within ? reviewSla(within) : undefined;
  }
  const node = nodeOf(run, nodeId);
  return node.type === 'approval' ? node.sla : undefined;
}

async function nextReminderAt(run: Run, sla: NodeSla): Promise<Date> {
  return addWorkingTime(await loadCalendarByCode(run.ctx.tx, run.def.calendar, run.calendars), run.ctx.now, reminderInterval(sla)).deadline;
}

export const slaTick = defineCommand('applications.slaTick', async (ctx, job: SlaJobPayload) => {
  const run = await openRun(ctx, job.applicationId);
  const [step] = await ctx.tx.select().from(applicationSteps).where(eq(applicationSteps.id, job.stepId));
  // A newer generation means the step was decided, paused or re-timed since this job was queued: nothing to do.
  if (!step || step.status !== 'active' || step.timerGeneration !== job.generation) return { done: 'stale' as const };
  const sla = slaOf(run, step.nodeId);
  if (!sla) return { done: 'stale' as const };
  const pending = tasksOfStep(run, step.id).filter((t) => t.status === 'pending');
  const before = await snapshot(run);

  if (step.remindersSent < sla.reminders) {
    await updateStep(run, step.id, { remindersSent: step.remindersSent + 1 });
    // The review after an emergency execution is no node of the flow: its reminder names the review itself.
    if (step.nodeId === REVIEW_NODE) await notifyApplication(run, pending.map((t) => t.assigneeId), 'application.review_reminder', {}, true);
    else await notifyApplication(run, pending.map((t) => t.assigneeId), 'application.reminder', { node: nodeOf(run, step.nodeId).name });
    await scheduleTick(run, step.id, step.timerGeneration, await nextReminderAt(run, sla));
    await traceRun(run, 'application.remind', { before, diff: { node: { after: step.nodeId }, reminder: { after: step.remindersSent + 1 }, to: { after: pending.map((t) => t.assigneeId) } } });
    return { done: 'reminded' as const };
  }

  switch (sla.then) {
    case 'none':
      return { done: 'overdue' as const };
    case 'escalate':
    case 'transfer': {
      const moved: { from: string; to: string }[] = [];
      for (const task of pending) {
        const targets =
          sla.then === 'escalate'
            ? await superior(ctx.tx, task.assigneeId, 1)
            : await resolveSources(ctx.tx, sla.transferTo ? [sla.transferTo] : [], applicantOf(run));
        const onStep = new Set(tasksOfStep(run, step.id).filter((t) => t.status !== 'done').map((t) => t.assigneeId));
        const target = targets.find((id) => !onStep.has(id));
        if (!target) continue;
        await updateTask(run, task.id, { status: 'done', decision: 'transfer', actedAt: ctx.now });
        await transferTaskTo(run, step, task, target, 'application.escalated');
        moved.push({ from: task.assigneeId, to: target });
      }
      if (moved.length === 0) return { done: 'overdue' as const };
      // The new holders get a fresh deadline and their own reminders.
      await startSla(run, step, sla, null);
      run.log.push(`${sla.then}:${step.nodeId}`);
      await traceRun(run, 'application.escalate', { before, diff: { node: { after: step.nodeId }, kind: { after: sla.then }, moved: { after: moved } } });
      return { done: sla.then };
    }
    case 'approve':
    case 'reject': {
      const decision = sla.then === 'approve' ? 'auto_approve' : 'auto_reject';
      const opinion = render('zh-CN', msg(`flow.auto_opinion.${sla.then}`));
      for (const task of pending) await updateTask(run, task.id, { status: 'done', decision, opinion, actedAt: ctx.now, formHash: run.app.formHash });
      if (sla.then === 'reject') await rejectApplication(run, step);
      else {
        // Tasks waiting behind the decided ones (sequential approvers, added signers) are decided the same way.
        const [last] = pending.slice(-1);
        if (last) await afterApproval(run, step, { ...last, status: 'done', decision });
        const stillOpen = tasksOfStep(run, step.id).filter((t) => t.status === 'pending');
        if (stillOpen.length > 0) await startSla(run, step, sla, null);
      }
      run.log.push(`${decision}:${step.nodeId}`);
      await traceRun(run, 'application.auto_decide', { before, comment: opinion, diff: { node: { after: step.nodeId }, decision: { after: decision } } });
      return { done: decision };
    }
  }
});

registerJobHandler(SLA_JOB, {
  mode: 'transactional',
  run: async (tx, job) => {
    await executeIn(tx, { actor: systemActor('sla-timer'), meta: noRequest }, slaTick, job.payload as SlaJobPayload);
  },
});
