/** 分配责任人: the assigner, the responsible department's head or an administrator names (or changes) the owner. */
import { msg } from '../../messages.ts';
import { conflict, invalid } from '../../errors.ts';
import { defineCommand } from '../../command.ts';
import { notifyTask } from '../notices.ts';
import { activeUser } from '../people.ts';
import { scheduleTimers } from '../timers.ts';
import { activeDepartment } from './create.ts';
import { lockTask, saveTask } from './common.ts';

export interface AssignOwnerInput {
  id: string;
  ownerId: string;
  /** A new responsible department; absent keeps the task's, or takes the owner's when the task has none. */
  departmentId?: string | null;
  comment?: string;
}

export const assignOwner = defineCommand('tasks.assignOwner', async (ctx, input: AssignOwnerInput) => {
  const { row } = await lockTask(ctx, input.id, 'assign', (r) => r.status === 'awaiting_owner' || r.status === 'in_progress', msg('tasks.not_assignable'));
  const owner = await activeUser(ctx.tx, input.ownerId);
  if (!owner) throw invalid({ ownerId: msg('tasks.no_such_owner') });
  if (input.departmentId && !(await activeDepartment(ctx, input.departmentId))) throw invalid({ departmentId: msg('tasks.no_such_department') });
  const departmentId = input.departmentId !== undefined && input.departmentId !== null ? input.departmentId : (row.departmentId ?? owner.departmentId);
  if (owner.id === row.ownerId && departmentId === row.departmentId) throw conflict(msg('tasks.same_owner'));

  // The new owner gets fresh timers; anything queued for the previous state is stale from here on.
  const saved = await saveTask(ctx, row.id, { ownerId: owner.id, departmentId, status: 'in_progress', timerGeneration: row.timerGeneration + 1 });
  await ctx.trace({
    action: 'tracked_task.assign',
    subjectType: 'tracked_task',
    subjectId: row.id,
    diff: {
      ownerId: { before: row.ownerId, after: owner.id },
      ...(departmentId !== row.departmentId ? { departmentId: { before: row.departmentId, after: departmentId } } : {}),
      ...(row.status !== 'in_progress' ? { status: { before: row.status, after: 'in_progress' } } : {}),
    },
    comment: input.comment?.trim() || null,
  });
  await scheduleTimers(ctx, saved);
  if (owner.id !== row.ownerId) await notifyTask(ctx, saved, [owner.id], 'task.assigned');
  return saved;
});
