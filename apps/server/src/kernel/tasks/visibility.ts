/**
 * What a reader may see of tracked tasks, as SQL: the twin of the policy's read rule (policies.ts), the views of the
 * 督办 page and the filters every view shares, so lists, counts, the board, the calendar and the export hold exactly
 * the rows each row's policy allows.
 */
import { and, eq, gte, ilike, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { TaskFilters, TaskView } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { UserActor } from '../actor.ts';
import { hasRole } from '../access/policy.ts';
import { invalid } from '../errors.ts';
import { msg } from '../messages.ts';
import { departments } from '../org/schema.ts';
import { taskPrincipalsOf, type TaskSubject } from './policies.ts';
import { trackedTasks } from './schema.ts';

/** What the conditions need to know of the reader: the departments they lead and whose tasks they act for (代理). */
export interface Reader {
  actor: UserActor;
  led: string[];
  principals: string[];
}

/** The departments the actor leads: named head of, or head/director by position in their own department. */
async function ledDepartments(q: Queryable, actor: UserActor): Promise<string[]> {
  const rows = await q.select({ id: departments.id }).from(departments).where(eq(departments.headUserId, actor.userId));
  const ids = rows.map((r) => r.id);
  if (actor.departmentId && (actor.positionCode === 'head' || actor.positionCode === 'director')) ids.push(actor.departmentId);
  return [...new Set(ids)];
}

export async function readerOf(q: Queryable, actor: UserActor): Promise<Reader> {
  const [led, principals] = await Promise.all([ledDepartments(q, actor), taskPrincipalsOf(q, actor.userId)]);
  return { actor, led, principals };
}

/** Only the reader's own delegation matters to what they may do with each row they list. */
export const forReader = (reader: Reader, subjects: Omit<TaskSubject, 'ownerDelegateIds'>[]): TaskSubject[] =>
  subjects.map((s) => ({ ...s, ownerDelegateIds: s.row.ownerId !== null && reader.principals.includes(s.row.ownerId) ? [reader.actor.userId] : [] }));

const inList = (column: typeof trackedTasks.departmentId, ids: string[]) => (ids.length > 0 ? inArray(column, ids) : sql`false`);

/** The owner is the reader or someone the reader acts for today. */
const ownedFor = (reader: Reader) => inArray(trackedTasks.ownerId, [reader.actor.userId, ...reader.principals]);

/** The SQL twin of the policy's read rule; undefined for those who see every task. */
export function visibleTo(reader: Reader): SQL | undefined {
  const { actor, led } = reader;
  if (hasRole(actor, 'admin') || hasRole(actor, 'audit')) return undefined;
  return or(
    ownedFor(reader),
    eq(trackedTasks.assignerId, actor.userId),
    inList(trackedTasks.departmentId, led),
    sql`${trackedTasks.ownerId} in (select id from users where manager_id = ${actor.userId})`,
  );
}

export const openTask = ne(trackedTasks.status, 'closed');
const overdueOpen = and(eq(trackedTasks.overdue, true), openTask);

export function viewCondition(view: TaskView, reader: Reader): SQL | undefined {
  const { actor, led } = reader;
  switch (view) {
    case 'mine':
      return ownedFor(reader);
    case 'assigned':
      return eq(trackedTasks.assignerId, actor.userId);
    case 'department':
      return inList(trackedTasks.departmentId, [...new Set([...led, ...(actor.departmentId ? [actor.departmentId] : [])])]);
    case 'overdue':
      return overdueOpen;
    case 'all':
      return undefined;
  }
}

/** Words of a title or a number, `%` and `_` taken literally. */
function textCondition(text: string | undefined): SQL | undefined {
  if (!text) return undefined;
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(ilike(trackedTasks.title, like), ilike(trackedTasks.number, like));
}

type Filters = Omit<TaskFilters, 'view'>;

/** The filters shared by the views, beside the view itself; a deadline range that ends before it starts is a 400. */
export function filterConditions(filters: Partial<Filters>): (SQL | undefined)[] {
  const { deadlineFrom, deadlineTo } = filters;
  if (deadlineFrom && deadlineTo && new Date(deadlineTo).getTime() <= new Date(deadlineFrom).getTime()) {
    throw invalid({ deadlineTo: msg('tasks.range_backwards') });
  }
  return [
    filters.status ? eq(trackedTasks.status, filters.status) : undefined,
    filters.source ? eq(trackedTasks.source, filters.source) : undefined,
    filters.departmentId ? eq(trackedTasks.departmentId, filters.departmentId) : undefined,
    filters.ownerId ? eq(trackedTasks.ownerId, filters.ownerId) : undefined,
    deadlineFrom ? gte(trackedTasks.deadline, new Date(deadlineFrom)) : undefined,
    deadlineTo ? lt(trackedTasks.deadline, new Date(deadlineTo)) : undefined,
    filters.overdue === 'true' ? overdueOpen : filters.overdue === 'false' ? or(eq(trackedTasks.overdue, false), eq(trackedTasks.status, 'closed')) : undefined,
    textCondition(filters.q),
  ];
}
