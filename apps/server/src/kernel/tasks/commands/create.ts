/** Creating a tracked task: by hand (from a resolution, a finding, a demand …) or by a flow's create-task action. */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { CreateTaskInput, TaskSource } from '@henji/contracts';
import { actorId } from '../../actor.ts';
import { defineCommand, type Ctx } from '../../command.ts';
import { forbidden, invalid } from '../../errors.ts';
import { diffOf } from '../../ledger/append.ts';
import { msg } from '../../messages.ts';
import { assignNumber } from '../../numbering/index.ts';
import { departments } from '../../org/schema.ts';
import { notifyTask } from '../notices.ts';
import { activeUser } from '../people.ts';
import { HOUR_MS, taskRules } from '../rules.ts';
import { trackedTasks, type TrackedTaskRow } from '../schema.ts';
import { scheduleTimers } from '../timers.ts';
import { TASK_FIELDS } from './common.ts';

/** What another area (a flow's action node) passes to create a task inside its own command. */
export interface NewTrackedTask {
  title: string;
  description?: string;
  source: TaskSource;
  /** What the source is, e.g. the application id. */
  sourceRef?: string | null;
  /** 责任部门; defaults to the owner's department. */
  departmentId?: string | null;
  /** 责任人; null or absent: the task awaits an owner, who must be assigned within the owner window. */
  ownerId?: string | null;
  /** Who assigned the task and accepts its closure (for a flow: the applicant). */
  assignerId: string;
  deadline?: Date | null;
  /** 跨部门: a progress report is due every week. */
  crossDepartment?: boolean;
}

/** 督办编号: DB, the year and a sequence that restarts every year (DB20260001). */
export const TASK_NUMBER_RULE = 'DB{YYYY}{SEQ:4}';

export async function activeDepartment(ctx: Ctx, id: string): Promise<boolean> {
  const [row] = await ctx.tx.select({ id: departments.id }).from(departments).where(and(eq(departments.id, id), eq(departments.active, true)));
  return row !== undefined;
}

/**
 * Creates a task inside the caller's command and transaction, numbered, traced `tracked_task.create` on the task, with
 * its T2 timers queued and the owner (if any) told. Field errors name the input's fields (ownerId, departmentId, deadline).
 */
export async function createTrackedTask(ctx: Ctx, input: NewTrackedTask): Promise<TrackedTaskRow> {
  const owner = input.ownerId ? await activeUser(ctx.tx, input.ownerId) : null;
  if (input.ownerId && !owner) throw invalid({ ownerId: msg('tasks.no_such_owner') });
  if (input.departmentId && !(await activeDepartment(ctx, input.departmentId))) throw invalid({ departmentId: msg('tasks.no_such_department') });
  if (input.deadline && input.deadline.getTime() <= ctx.now.getTime()) throw invalid({ deadline: msg('tasks.deadline_past') });
  if (!(await activeUser(ctx.tx, input.assignerId))) throw invalid({ assignerId: msg('tasks.no_such_owner') });

  const id = randomUUID();
  // Issued once the input is checked, just before the row and its trace: the year's counter stays locked until commit.
  const number = await assignNumber(ctx, { rule: TASK_NUMBER_RULE, subject: { type: 'tracked_task', id } });
  const [row] = await ctx.tx
    .insert(trackedTasks)
    .values({
      id,
      number,
      title: input.title,
      description: input.description ?? '',
      source: input.source,
      sourceRef: input.sourceRef ?? null,
      departmentId: input.departmentId ?? owner?.departmentId ?? null,
      ownerId: owner?.id ?? null,
      assignerId: input.assignerId,
      deadline: input.deadline ?? null,
      crossDepartment: input.crossDepartment ?? false,
      status: owner ? 'in_progress' : 'awaiting_owner',
      ownerDueAt: new Date(ctx.now.getTime() + taskRules().ownerHours * HOUR_MS),
      createdById: actorId(ctx.actor),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  await ctx.trace({ action: 'tracked_task.create', subjectType: 'tracked_task', subjectId: row!.id, diff: diffOf(null, row!, TASK_FIELDS) });
  await scheduleTimers(ctx, row!);
  if (owner) await notifyTask(ctx, row!, [owner.id], 'task.assigned');
  return row!;
}

/** 交办: anyone may create a task for now; they become its assigner, who accepts its closure. */
export const createTask = defineCommand('tasks.create', async (ctx, input: CreateTaskInput) => {
  if (ctx.actor.kind !== 'user') throw forbidden(msg('tasks.needs_user'));
  return createTrackedTask(ctx, {
    title: input.title,
    description: input.description,
    source: input.source,
    sourceRef: input.sourceRef ?? null,
    departmentId: input.departmentId ?? null,
    ownerId: input.ownerId ?? null,
    assignerId: ctx.actor.userId,
    deadline: input.deadline ? new Date(input.deadline) : null,
    crossDepartment: input.crossDepartment,
  });
});
