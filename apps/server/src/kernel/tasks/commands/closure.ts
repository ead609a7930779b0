/** 验收: whoever assigned the task accepts its closure, or rejects it with a written reason, which reopens it. */
import { defineCommand } from '../../command.ts';
import { invalid } from '../../errors.ts';
import { msg } from '../../messages.ts';
import { notifyTask } from '../notices.ts';
import { lockTask, saveTask } from './common.ts';

const submitted = (r: { status: string }) => r.status === 'submitted';

export const acceptClosure = defineCommand('tasks.acceptClosure', async (ctx, input: { id: string; comment?: string }) => {
  const { row } = await lockTask(ctx, input.id, 'accept', submitted, msg('tasks.not_submitted'));
  // A new timer generation stops every timer: jobs already queued find it and do nothing.
  const closed = await saveTask(ctx, row.id, { status: 'closed', closedAt: ctx.now, timerGeneration: row.timerGeneration + 1 });
  await ctx.trace({
    action: 'tracked_task.accept_closure',
    subjectType: 'tracked_task',
    subjectId: row.id,
    diff: { status: { before: row.status, after: 'closed' }, closedAt: { after: ctx.now.toISOString() } },
    comment: input.comment?.trim() || null,
  });
  await notifyTask(ctx, closed, [closed.ownerId], 'task.closure_accepted');
  return closed;
});

export const rejectClosure = defineCommand('tasks.rejectClosure', async (ctx, input: { id: string; reason: string }) => {
  const reason = input.reason.trim();
  if (reason === '') throw invalid({ reason: msg('tasks.reason_required') });
  const { row } = await lockTask(ctx, input.id, 'reject', submitted, msg('tasks.not_submitted'));
  const reopened = await saveTask(ctx, row.id, { status: 'in_progress' });
  await ctx.trace({
    action: 'tracked_task.reject_closure',
    subjectType: 'tracked_task',
    subjectId: row.id,
    diff: { status: { before: row.status, after: 'in_progress' } },
    comment: reason,
  });
  await notifyTask(ctx, reopened, [reopened.ownerId], 'task.closure_rejected', { reason });
  return reopened;
});
