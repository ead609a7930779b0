/** Reading tracked tasks: the views of the 督办 page (mine, assigned, department, overdue) with counts, and one task. */
import { and, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { TaskCounts, TaskListQuery, TaskPage, TaskReport, TaskView, TrackedTask, TrackedTaskSummary } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { Actor, UserActor } from '../actor.ts';
import { allowedActions, hasRole } from '../access/policy.ts';
import { listAttachments, presentFile } from '../files/index.ts';
import { departments, users } from '../org/schema.ts';
import { departmentNames, userNames } from '../org/queries.ts';
import { departmentHeadOf } from './people.ts';
import { readableTask, type TaskSubject } from './policies.ts';
import { taskReports, trackedTasks, type TrackedTaskRow } from './schema.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const person = (names: Map<string, string>, id: string) => ({ id, displayName: names.get(id) ?? '' });

/** The departments the actor leads: named head of, or head/director by position in their own department. */
async function ledDepartments(q: Queryable, actor: UserActor): Promise<string[]> {
  const rows = await q.select({ id: departments.id }).from(departments).where(eq(departments.headUserId, actor.userId));
  const ids = rows.map((r) => r.id);
  if (actor.departmentId && (actor.positionCode === 'head' || actor.positionCode === 'director')) ids.push(actor.departmentId);
  return [...new Set(ids)];
}

const inList = (column: typeof trackedTasks.departmentId, ids: string[]) => (ids.length > 0 ? inArray(column, ids) : sql`false`);

/** The SQL twin of the policy's read rule (policies.ts), so lists and counts hold only what each row's policy allows. */
function visibleTo(actor: UserActor, led: string[]): SQL | undefined {
  if (hasRole(actor, 'admin') || hasRole(actor, 'audit')) return undefined;
  return or(
    eq(trackedTasks.ownerId, actor.userId),
    eq(trackedTasks.assignerId, actor.userId),
    inList(trackedTasks.departmentId, led),
    sql`${trackedTasks.ownerId} in (select id from users where manager_id = ${actor.userId})`,
  );
}

function viewCondition(view: TaskView, actor: UserActor, led: string[]): SQL | undefined {
  switch (view) {
    case 'mine':
      return eq(trackedTasks.ownerId, actor.userId);
    case 'assigned':
      return eq(trackedTasks.assignerId, actor.userId);
    case 'department':
      return inList(trackedTasks.departmentId, [...new Set([...led, ...(actor.departmentId ? [actor.departmentId] : [])])]);
    case 'overdue':
      return and(eq(trackedTasks.overdue, true), ne(trackedTasks.status, 'closed'));
  }
}

/** Subjects for the policy, with one lookup per distinct department and one query for the owners' supervisors. */
async function subjectsOf(q: Queryable, rows: TrackedTaskRow[]): Promise<TaskSubject[]> {
  const heads = new Map<string, string | null>();
  for (const id of new Set(rows.map((r) => r.departmentId).filter((d): d is string => d !== null))) heads.set(id, await departmentHeadOf(q, id));
  const owners = [...new Set(rows.map((r) => r.ownerId).filter((o): o is string => o !== null))];
  const managers = owners.length > 0 ? await q.select({ id: users.id, managerId: users.managerId }).from(users).where(inArray(users.id, owners)) : [];
  const managerOf = new Map(managers.map((m) => [m.id, m.managerId]));
  return rows.map((row) => ({
    row,
    departmentHeadId: row.departmentId ? (heads.get(row.departmentId) ?? null) : null,
    ownerSupervisorId: row.ownerId ? (managerOf.get(row.ownerId) ?? null) : null,
  }));
}

async function presentSummaries(q: Queryable, actor: Actor, rows: TrackedTaskRow[]): Promise<TrackedTaskSummary[]> {
  if (rows.length === 0) return [];
  const [subjects, names, deptName] = await Promise.all([
    subjectsOf(q, rows),
    userNames(q, rows.flatMap((r) => [r.ownerId, r.assignerId])),
    departmentNames(q, rows.map((r) => r.departmentId)),
  ]);
  return subjects.map((subject) => summaryOf(actor, subject, names, deptName));
}

function summaryOf(actor: Actor, subject: TaskSubject, names: Map<string, string>, deptName: Map<string, string>): TrackedTaskSummary {
  const { row } = subject;
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    source: row.source,
    sourceRef: row.sourceRef,
    department: row.departmentId ? { id: row.departmentId, name: deptName.get(row.departmentId) ?? '' } : null,
    owner: row.ownerId ? person(names, row.ownerId) : null,
    assigner: person(names, row.assignerId),
    deadline: iso(row.deadline),
    crossDepartment: row.crossDepartment,
    status: row.status,
    overdue: row.overdue,
    ownerDueAt: row.ownerDueAt.toISOString(),
    ownerOverdue: row.ownerOverdue,
    lastReportAt: iso(row.lastReportAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: iso(row.closedAt),
    allowedActions: allowedActions(actor, 'tracked_task', subject),
  };
}

const SORTS = {
  deadline: trackedTasks.deadline,
  createdAt: trackedTasks.createdAt,
  updatedAt: trackedTasks.updatedAt,
  lastReportAt: trackedTasks.lastReportAt,
} as const;

export async function listTasks(q: Queryable, actor: UserActor, query: TaskListQuery): Promise<TaskPage> {
  const led = await ledDepartments(q, actor);
  const visible = visibleTo(actor, led);
  const conditions: (SQL | undefined)[] = [visible, viewCondition(query.view, actor, led)];
  if (query.status) conditions.push(eq(trackedTasks.status, query.status));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(trackedTasks.title, like), ilike(trackedTasks.number, like)));
  }
  const where = and(...conditions);
  const column = SORTS[query.sort];
  // Tasks without a deadline (or never reported) come last in either direction.
  const order = query.order === 'asc' ? sql`${column} asc nulls last` : sql`${column} desc nulls last`;
  const [rows, [count]] = await Promise.all([
    q.select().from(trackedTasks).where(where).orderBy(order, desc(trackedTasks.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    q.select({ n: sql<number>`count(*)::int` }).from(trackedTasks).where(where),
  ]);
  return {
    items: await presentSummaries(q, actor, rows),
    total: count?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    counts: await countViews(q, actor, led, visible),
  };
}

/** Open (not closed) tasks in each view, for the tabs. */
async function countViews(q: Queryable, actor: UserActor, led: string[], visible: SQL | undefined): Promise<TaskCounts> {
  const open = ne(trackedTasks.status, 'closed');
  const count = async (view: TaskView) => {
    const [row] = await q.select({ n: sql<number>`count(*)::int` }).from(trackedTasks).where(and(visible, open, viewCondition(view, actor, led)));
    return row?.n ?? 0;
  };
  return { mine: await count('mine'), assigned: await count('assigned'), department: await count('department'), overdue: await count('overdue') };
}

export async function getTask(q: Queryable, actor: Actor, id: string): Promise<TrackedTask> {
  const subject = await readableTask(q, actor, id);
  const reports = await q.select().from(taskReports).where(eq(taskReports.taskId, id)).orderBy(taskReports.createdAt, taskReports.id);
  const names = await userNames(q, [subject.row.ownerId, subject.row.assignerId, ...reports.flatMap((r) => [r.authorId, r.actedById])]);
  const deptName = await departmentNames(q, [subject.row.departmentId]);
  // Evidence is attached to the task; each report lists the files it brought.
  const files = new Map((await listAttachments(q, 'tracked_task', id)).map((f) => [f.id, f]));
  const presentReport = (r: (typeof reports)[number]): TaskReport => ({
    id: r.id,
    kind: r.kind,
    author: person(names, r.authorId),
    actedBy: r.actedById ? person(names, r.actedById) : null,
    workDone: r.workDone,
    problems: r.problems,
    nextSteps: r.nextSteps,
    files: r.fileIds.flatMap((fileId) => {
      const file = files.get(fileId);
      return file ? [presentFile(actor, { row: file, parent: subject })] : [];
    }),
    createdAt: r.createdAt.toISOString(),
  });
  return { ...summaryOf(actor, subject, names, deptName), description: subject.row.description, reports: reports.map(presentReport) };
}
