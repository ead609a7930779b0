/**
 * Who may see and do what with a tracked task (K4). A task is visible to its owner (责任人), to whoever assigned it,
 * to the head or director of the responsible department, to the owner's supervisor (to whom an overdue task is
 * escalated), to administrators and to the audit role. Anyone else gets 404. A delegate acts for the owner through
 * the on-behalf-of header (代理), and so with the owner's rights.
 */
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Actor, UserActor } from '../actor.ts';
import { definePolicy, hasRole } from '../access/policy.ts';
import { isDirectorOf } from '../access/confidentiality.ts';
import { notFound } from '../errors.ts';
import { registerSubjectLoader } from '../ledger/subjects.ts';
import { departmentHeadOf, supervisorOf } from './people.ts';
import { trackedTasks, type TrackedTaskRow } from './schema.ts';

export interface TaskSubject {
  row: TrackedTaskRow;
  /** The responsible department's head (部门负责人), if any. */
  departmentHeadId: string | null;
  /** The owner's supervisor (users.manager_id), if any. */
  ownerSupervisorId: string | null;
}

const isOwner = (actor: UserActor, s: TaskSubject) => s.row.ownerId !== null && actor.userId === s.row.ownerId;
const isAssigner = (actor: UserActor, s: TaskSubject) => actor.userId === s.row.assignerId;
const leadsDepartment = (actor: UserActor, s: TaskSubject) => actor.userId === s.departmentHeadId || isDirectorOf(actor, s.row.departmentId);
const isAdmin = (actor: UserActor) => hasRole(actor, 'admin');

export const mayReadTask = (actor: UserActor, s: TaskSubject) =>
  isOwner(actor, s) ||
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
  report: (actor, s) => s.row.status === 'in_progress' && isOwner(actor, s),
  request_closure: (actor, s) => s.row.status === 'in_progress' && isOwner(actor, s),
  /** Closure is accepted (验收) by whoever assigned the task. */
  accept: (actor, s) => s.row.status === 'submitted' && isAssigner(actor, s),
  reject: (actor, s) => s.row.status === 'submitted' && isAssigner(actor, s),
});

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export async function taskSubjectOf(q: Queryable, row: TrackedTaskRow): Promise<TaskSubject> {
  return { row, departmentHeadId: await departmentHeadOf(q, row.departmentId), ownerSupervisorId: await supervisorOf(q, row.ownerId) };
}

export async function loadTaskSubject(q: Queryable, id: string): Promise<TaskSubject | null> {
  if (!isUuid(id)) return null;
  const [row] = await q.select().from(trackedTasks).where(eq(trackedTasks.id, id));
  return row ? taskSubjectOf(q, row) : null;
}

/** A task the actor may read, or 404 — never a hint that it exists. */
export async function readableTask(q: Queryable, actor: Actor, id: string): Promise<TaskSubject> {
  const subject = await loadTaskSubject(q, id);
  if (!subject || (actor.kind === 'user' && !mayReadTask(actor, subject))) throw notFound('tracked_task');
  return subject;
}

registerSubjectLoader('tracked_task', loadTaskSubject);
