/**
 * The T2 timers of a tracked task, as durable jobs (K7) of one kind, `tracked_task.timer`:
 * - owner_window: at owner_due_at, a task still without an owner is flagged and its assigner and the responsible
 *   department's head are told (urgent: 会议决议需在24小时内分配责任人);
 * - remind: HENJI_TASK_REMIND_BEFORE_HOURS before the deadline, the owner is reminded;
 * - deadline: at the deadline the owner is told, and a task not closed becomes overdue and is escalated to the owner's
 *   supervisor (or, without an owner, to the assigner and the department head);
 * - weekly: every 7 days on a cross-department task, a missing progress report is recorded, the owner is asked for it
 *   and the assigner told the owner has not reported (联合项目每周同步进展); the next check is queued either way.
 * Each job carries the task's timer generation. Assigning an owner reschedules and closing stops the timers, each by
 * bumping the generation in its own update, so a job queued earlier finds a newer generation and does nothing. The
 * handler is transactional and runs the traced command in the job's own transaction, so each timer takes effect
 * exactly once across processes.
 */
import { eq } from 'drizzle-orm';
import { noRequest, systemActor } from '../actor.ts';
import { defineCommand, executeIn, type Ctx } from '../command.ts';
import { registerJobHandler } from '../jobs/handlers.ts';
import { enqueue } from '../jobs/queue.ts';
import { departmentHeadOf, superiorOf } from '../org/people.ts';
import { notifyTask } from './notices.ts';
import { displayNameOf } from './people.ts';
import { HOUR_MS, taskRules, WEEK_MS } from './rules.ts';
import { trackedTasks, type TrackedTaskRow } from './schema.ts';
import { saveTask } from './commands/common.ts';

export const TASK_TIMER_JOB = 'tracked_task.timer';
export const TASK_TIMERS = ['owner_window', 'remind', 'deadline', 'weekly'] as const;
export type TaskTimer = (typeof TASK_TIMERS)[number];

export interface TaskTimerPayload extends Record<string, unknown> {
  taskId: string;
  generation: number;
  timer: TaskTimer;
}

const queue = (ctx: Ctx, task: Pick<TrackedTaskRow, 'id'>, generation: number, timer: TaskTimer, runAt: Date) =>
  enqueue(ctx.tx, TASK_TIMER_JOB, { taskId: task.id, generation, timer } satisfies TaskTimerPayload, { runAt });

/**
 * Queues the task's timers from what the row says now, under its current generation: a command that reschedules bumps
 * `timerGeneration` in its own insert or update first, so jobs queued earlier become stale. Timers whose moment has
 * passed and whose effect already happened (the overdue flag, the owner flag) are not queued again.
 */
export async function scheduleTimers(ctx: Ctx, task: TrackedTaskRow): Promise<void> {
  const generation = task.timerGeneration;
  const now = ctx.now.getTime();
  if (task.ownerId === null && !task.ownerOverdue) await queue(ctx, task, generation, 'owner_window', new Date(Math.max(task.ownerDueAt.getTime(), now)));
  if (task.deadline && !task.overdue) {
    const remindAt = task.deadline.getTime() - taskRules().remindBeforeHours * HOUR_MS;
    if (task.ownerId !== null && remindAt > now) await queue(ctx, task, generation, 'remind', new Date(remindAt));
    await queue(ctx, task, generation, 'deadline', new Date(Math.max(task.deadline.getTime(), now)));
  }
  if (task.crossDepartment) await queue(ctx, task, generation, 'weekly', new Date(now + WEEK_MS));
}

type Outcome = 'stale' | 'skipped' | 'owner_overdue' | 'reminded' | 'overdue' | 'weekly_report_missing' | 'weekly_report_ok';

export const taskTimer = defineCommand('tasks.timer', async (ctx, job: TaskTimerPayload): Promise<{ done: Outcome }> => {
  const [task] = await ctx.tx.select().from(trackedTasks).where(eq(trackedTasks.id, job.taskId)).for('update');
  // A newer generation means an owner was assigned or the task closed since this job was queued: nothing to do.
  if (!task || task.timerGeneration !== job.generation || task.status === 'closed') return { done: 'stale' };
  switch (job.timer) {
    case 'owner_window':
      return ownerWindow(ctx, task);
    case 'remind':
      return remind(ctx, task);
    case 'deadline':
      return deadlinePassed(ctx, task);
    case 'weekly':
      return weeklyCheck(ctx, task);
  }
});

async function ownerWindow(ctx: Ctx, task: TrackedTaskRow): Promise<{ done: Outcome }> {
  if (task.ownerId !== null || task.ownerOverdue) return { done: 'stale' };
  const head = await departmentHeadOf(ctx.tx, task.departmentId);
  const row = await saveTask(ctx, task.id, { ownerOverdue: true });
  await ctx.trace({
    action: 'tracked_task.owner_overdue',
    subjectType: 'tracked_task',
    subjectId: task.id,
    diff: { ownerOverdue: { before: false, after: true }, ownerDueAt: { after: task.ownerDueAt.toISOString() }, notified: { after: [task.assignerId, head].filter(Boolean) } },
  });
  await notifyTask(ctx, row, [task.assignerId, head], 'task.owner_overdue', { hours: taskRules().ownerHours }, true);
  return { done: 'owner_overdue' };
}

async function remind(ctx: Ctx, task: TrackedTaskRow): Promise<{ done: Outcome }> {
  // Nothing to remind of: no owner yet, or the owner has already asked to close it.
  if (task.ownerId === null || task.status !== 'in_progress' || task.overdue) return { done: 'skipped' };
  await ctx.trace({
    action: 'tracked_task.remind',
    subjectType: 'tracked_task',
    subjectId: task.id,
    diff: { to: { after: task.ownerId }, deadline: { after: task.deadline?.toISOString() ?? null } },
  });
  await notifyTask(ctx, task, [task.ownerId], 'task.deadline_reminder');
  return { done: 'reminded' };
}

async function deadlinePassed(ctx: Ctx, task: TrackedTaskRow): Promise<{ done: Outcome }> {
  if (task.overdue || !task.deadline) return { done: 'stale' };
  const row = await saveTask(ctx, task.id, { overdue: true });
  const supervisor = await superiorOf(ctx.tx, task.ownerId);
  const escalatedTo = task.ownerId !== null ? [supervisor].filter((id): id is string => id !== null) : [task.assignerId, await departmentHeadOf(ctx.tx, task.departmentId)].filter((id): id is string => id !== null);
  await ctx.trace({
    action: 'tracked_task.overdue',
    subjectType: 'tracked_task',
    subjectId: task.id,
    diff: { overdue: { before: false, after: true }, deadline: { after: task.deadline.toISOString() }, escalatedTo: { after: [...new Set(escalatedTo)] } },
  });
  if (task.ownerId !== null) {
    await notifyTask(ctx, row, [task.ownerId], 'task.due');
    await notifyTask(ctx, row, escalatedTo, 'task.escalated', { owner: await displayNameOf(ctx.tx, task.ownerId) });
  } else {
    await notifyTask(ctx, row, escalatedTo, 'task.overdue_unowned', {}, true);
  }
  return { done: 'overdue' };
}

async function weeklyCheck(ctx: Ctx, task: TrackedTaskRow): Promise<{ done: Outcome }> {
  if (!task.crossDepartment) return { done: 'stale' };
  const now = ctx.now.getTime();
  const next = new Date(now + WEEK_MS);
  // Only an owner at work owes the report: not a task still awaiting its owner, nor one waiting for acceptance.
  const due = task.ownerId !== null && task.status === 'in_progress';
  const missing = due && (task.lastReportAt === null || now - task.lastReportAt.getTime() >= WEEK_MS);
  await ctx.trace({
    action: missing ? 'tracked_task.weekly_report_missing' : 'tracked_task.weekly_check',
    subjectType: 'tracked_task',
    subjectId: task.id,
    diff: {
      lastReportAt: { after: task.lastReportAt?.toISOString() ?? null },
      reportDue: { after: due },
      nextCheckAt: { after: next.toISOString() },
    },
  });
  await queue(ctx, task, task.timerGeneration, 'weekly', next);
  if (!missing) return { done: 'weekly_report_ok' };
  // The owner is asked for the report; the assigner is told that the owner has not written it (not asked to write it).
  await notifyTask(ctx, task, [task.ownerId], 'task.weekly_report_missing');
  if (task.assignerId !== task.ownerId) {
    await notifyTask(ctx, task, [task.assignerId], 'task.weekly_report_missing_assigner', { owner: await displayNameOf(ctx.tx, task.ownerId) });
  }
  return { done: 'weekly_report_missing' };
}

registerJobHandler(TASK_TIMER_JOB, {
  mode: 'transactional',
  run: async (tx, job) => {
    await executeIn(tx, { actor: systemActor('task-timer'), meta: noRequest }, taskTimer, job.payload as TaskTimerPayload);
  },
});
