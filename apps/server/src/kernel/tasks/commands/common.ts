/** What the task commands share: locking a task the caller may act on, saving it, and the fields a trace shows. */
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../command.ts';
import { authorize, can } from '../../access/policy.ts';
import { conflict, notFound } from '../../errors.ts';
import type { Message } from '../../messages.ts';
import { selectTaskSubjects, withDelegates, type TaskSubject } from '../policies.ts';
import { trackedTasks, type TrackedTaskRow } from '../schema.ts';

/** The task's fields a trace diff records. */
export const TASK_FIELDS = [
  'number',
  'title',
  'description',
  'source',
  'sourceRef',
  'departmentId',
  'ownerId',
  'assignerId',
  'deadline',
  'crossDepartment',
  'status',
  'ownerDueAt',
] as const;

/**
 * Locks the task (FOR UPDATE, so two people acting at once are serialised) and checks the caller may take `action`:
 * 404 when they may not see it, 409 with `stateProblem` when the task is not in a state for it, 403 otherwise.
 */
export async function lockTask(ctx: Ctx, id: string, action: string, stateOk: (row: TrackedTaskRow) => boolean, stateProblem: Message): Promise<TaskSubject> {
  const [locked] = await selectTaskSubjects(ctx.tx).where(eq(trackedTasks.id, id)).for('update', { of: trackedTasks });
  const subject = locked ? await withDelegates(ctx.tx, locked, ctx.actor) : null;
  if (!subject || !can(ctx.actor, 'read', 'tracked_task', subject)) throw notFound('tracked_task');
  if (!stateOk(subject.row)) throw conflict(stateProblem);
  authorize(ctx.actor, action, 'tracked_task', subject, 'tracked_task');
  return subject;
}

export async function saveTask(ctx: Ctx, id: string, changes: Partial<TrackedTaskRow>): Promise<TrackedTaskRow> {
  const [row] = await ctx.tx
    .update(trackedTasks)
    .set({ ...changes, updatedAt: ctx.now })
    .where(eq(trackedTasks.id, id))
    .returning();
  return row!;
}
