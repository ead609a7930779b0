/**
 * Who may see and do what with a tracked task (K4). A task is visible to its owner (责任人), to whoever assigned it,
 * to the head or director of the responsible department, to the owner's supervisor (to whom an overdue task is
 * escalated), to administrators and to the audit role, and to whoever acts for the owner today under a delegation
 * covering tracked tasks (代理). Anyone else gets 404. Such a delegate reports for the owner: the route runs the report
 * with the owner's authority and the delegate as acting, so the trace reads "delegate on behalf of owner".
 */
import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/client.ts';
import type { Actor, UserActor } from '../actor.ts';
import { definePolicy, hasRole } from '../access/policy.ts';
import { isDirectorOf } from '../access/confidentiality.ts';
import { notFound } from '../errors.ts';
import { registerSubjectLoader } from '../ledger/subjects.ts';
import { coversProcess, delegationsInForce } from '../org/queries.ts';
import { departments, users } from '../org/schema.ts';
import { trackedTasks, type TrackedTaskRow } from './schema.ts';
import { TRACKED_TASK_PROCESS } from '@henji/contracts';

export interface TaskSubject {
  row: TrackedTaskRow;
  /**
   * The responsible department's named head (departments.head_user_id), if any. Holders of the head or director
   * position in it are let in by `isDirectorOf`.
   */
  departmentHeadId: string | null;
  /** The owner's supervisor (users.manager_id), if any. */
  ownerSupervisorId: string | null;
  /**
   * Who acts for the owner today under a delegation covering tracked tasks (代理). A subject loaded for one reader
   * holds only what matters to them: nobody when the reader is the owner, at most the reader in a list.
   */
  ownerDelegateIds: readonly string[];
}


const isOwner = (actor: UserActor, s: TaskSubject) => s.row.ownerId !== null && actor.userId === s.row.ownerId;
const isAssigner = (actor: UserActor, s: TaskSubject) => actor.userId === s.row.assignerId;
const leadsDepartment = (actor: UserActor, s: TaskSubject) => actor.userId === s.departmentHeadId || isDirectorOf(actor, s.row.departmentId);
const isAdmin = (actor: UserActor) => hasRole(actor, 'admin');
const actsForOwner = (actor: UserActor, s: TaskSubject) => s.ownerDelegateIds.includes(actor.userId);

export const mayReadTask = (actor: UserActor, s: TaskSubject) =>
  isOwner(actor, s) ||
  actsForOwner(actor, s) ||
  isAssigner(actor, s) ||
  leadsDepartment(actor, s) ||
  actor.userId === s.ownerSupervisorId ||
  isAdmin(actor) ||
  hasRole(actor, 'audit');

const open = (s: TaskSubject) => s.row.status === 'awaiting_owner' || s.row.status === 'in_progress';

export const trackedTaskPolicy = definePolicy<TaskSubject>('tracked_task', {
  read: mayReadTask,
  /** 分配责任人: the assigner, the responsible department's head, or an administrator. */
  assign: (actor, s) => open(s) && (isAssigner(actor, s) || leadsDepartment(actor, s) || isAdmin(actor)),
  /** The owner, or their delegate (the route then runs it with the owner's authority). */
  report: (actor, s) => s.row.status === 'in_progress' && (isOwner(actor, s) || actsForOwner(actor, s)),
  request_closure: (actor, s) => s.row.status === 'in_progress' && (isOwner(actor, s) || actsForOwner(actor, s)),
  /** Closure is accepted (验收) by whoever assigned the task. */
  accept: (actor, s) => s.row.status === 'submitted' && isAssigner(actor, s),
  reject: (actor, s) => s.row.status === 'submitted' && isAssigner(actor, s),
});

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

const taskOwner = alias(users, 'task_owner');

/**
 * Tasks with what their policy needs of the organisation, in one statement: the department's named head and the
 * owner's supervisor come joined to each row. Add `where`, order and (to lock) `.for('update', { of: trackedTasks })`.
 */
export const selectTaskSubjects = (q: Queryable) =>
  q
    .select({ row: trackedTasks, departmentHeadId: departments.headUserId, ownerSupervisorId: taskOwner.managerId })
    .from(trackedTasks)
    .leftJoin(departments, eq(departments.id, trackedTasks.departmentId))
    .leftJoin(taskOwner, eq(taskOwner.id, trackedTasks.ownerId));

/** The owners `delegateId` acts for today under a delegation covering tracked tasks. */
export async function taskPrincipalsOf(q: Queryable, delegateId: string): Promise<string[]> {
  const rows = await delegationsInForce(q, { delegateId });
  return [...new Set(rows.filter((d) => coversProcess(d.scope, TRACKED_TASK_PROCESS)).map((d) => d.principalId))];
}

/** Adds who acts for the owner today; for a `reader` who is the owner nothing is read, since nobody else's rights matter. */
export async function withDelegates(q: Queryable, subject: Omit<TaskSubject, 'ownerDelegateIds'>, reader: Actor | null): Promise<TaskSubject> {
  const ownerId = subject.row.ownerId;
  if (ownerId === null || (reader?.kind === 'user' && reader.userId === ownerId)) return { ...subject, ownerDelegateIds: [] };
  const rows = await delegationsInForce(q, { principalIds: [ownerId] });
  return { ...subject, ownerDelegateIds: rows.filter((d) => coversProcess(d.scope, TRACKED_TASK_PROCESS)).map((d) => d.delegateId) };
}

/** The task and what its policy needs; `reader`: see `withDelegates` (null: everything, for any reader). */
export async function loadTaskSubject(q: Queryable, id: string, reader: Actor | null = null): Promise<TaskSubject | null> {
  if (!isUuid(id)) return null;
  const [subject] = await selectTaskSubjects(q).where(eq(trackedTasks.id, id));
  return subject ? withDelegates(q, subject, reader) : null;
}

/** A task the actor may read, or 404 — never a hint that it exists. */
export async function readableTask(q: Queryable, actor: Actor, id: string): Promise<TaskSubject> {
  const subject = await loadTaskSubject(q, id, actor);
  if (!subject || (actor.kind === 'user' && !mayReadTask(actor, subject))) throw notFound('tracked_task');
  return subject;
}

registerSubjectLoader('tracked_task', (q, id) => loadTaskSubject(q, id));
