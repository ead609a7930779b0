/** Reading tracked tasks: the views of the 督办 page (mine, assigned, department, overdue) with counts, and one task. */
import { and, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { TaskListQuery, TaskPage, TaskReport, TaskView, TrackedTask, TrackedTaskSummary } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { Actor, UserActor } from '../actor.ts';
import { allowedActions, hasRole } from '../access/policy.ts';
import { isBeyondKnownRange, loadCalendar, type CalendarSpec } from '../calendar/index.ts';
import { listAttachments, presentFile } from '../files/index.ts';
import { departments } from '../org/schema.ts';
import { departmentNames, userNames } from '../org/queries.ts';
import { readableTask, selectTaskSubjects, taskPrincipalsOf, type TaskSubject } from './policies.ts';
import { taskReports, trackedTasks } from './schema.ts';

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

/** What the list conditions need to know of the reader: the departments they lead and whose tasks they act for (代理). */
interface Reader {
  actor: UserActor;
  led: string[];
  principals: string[];
}

/** The owner is the reader or someone the reader acts for today. */
const ownedFor = (reader: Reader) => inArray(trackedTasks.ownerId, [reader.actor.userId, ...reader.principals]);

/** The SQL twin of the policy's read rule (policies.ts), so lists and counts hold only what each row's policy allows. */
function visibleTo(reader: Reader): SQL | undefined {
  const { actor, led } = reader;
  if (hasRole(actor, 'admin') || hasRole(actor, 'audit')) return undefined;
  return or(
    ownedFor(reader),
    eq(trackedTasks.assignerId, actor.userId),
    inList(trackedTasks.departmentId, led),
    sql`${trackedTasks.ownerId} in (select id from users where manager_id = ${actor.userId})`,
  );
}

function viewCondition(view: TaskView, reader: Reader): SQL | undefined {
  const { actor, led } = reader;
  switch (view) {
    case 'mine':
      return ownedFor(reader);
    case 'assigned':
      return eq(trackedTasks.assignerId, actor.userId);
    case 'department':
      return inList(trackedTasks.departmentId, [...new Set([...led, ...(actor.departmentId ? [actor.departmentId] : [])])]);
    case 'overdue':
      return and(eq(trackedTasks.overdue, true), ne(trackedTasks.status, 'closed'));
  }
}

async function presentSummaries(q: Queryable, actor: Actor, subjects: TaskSubject[]): Promise<TrackedTaskSummary[]> {
  if (subjects.length === 0) return [];
  const [names, deptName, calendar] = await Promise.all([
    userNames(q, subjects.flatMap(({ row }) => [row.ownerId, row.assignerId])),
    departmentNames(q, subjects.map(({ row }) => row.departmentId)),
    loadCalendar(q, null),
  ]);
  return subjects.map((subject) => summaryOf(actor, subject, names, deptName, calendar));
}

/** Task deadlines are read against the default calendar: one in a year it does not know yet is flagged (K6). */
function summaryOf(actor: Actor, subject: TaskSubject, names: Map<string, string>, deptName: Map<string, string>, calendar: CalendarSpec): TrackedTaskSummary {
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
    deadlineBeyondKnownRange: row.deadline !== null && isBeyondKnownRange(calendar, row.deadline),
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
  const [led, principals] = await Promise.all([ledDepartments(q, actor), taskPrincipalsOf(q, actor.userId)]);
  const reader: Reader = { actor, led, principals };
  const visible = visibleTo(reader);
  const conditions: (SQL | undefined)[] = [viewCondition(query.view, reader)];
  if (query.status) conditions.push(eq(trackedTasks.status, query.status));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(trackedTasks.title, like), ilike(trackedTasks.number, like)));
  }
  const column = SORTS[query.sort];
  // Tasks without a deadline (or never reported) come last in either direction.
  const order = query.order === 'asc' ? sql`${column} asc nulls last` : sql`${column} desc nulls last`;
  const [rows, [counts]] = await Promise.all([
    selectTaskSubjects(q)
      .where(and(visible, ...conditions))
      .orderBy(order, desc(trackedTasks.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    countTasks(q, reader, visible, and(...conditions)),
  ]);
  // Only the reader's own delegation matters to what they may do with each row.
  const subjects = rows.map((s) => ({ ...s, ownerDelegateIds: s.row.ownerId !== null && principals.includes(s.row.ownerId) ? [actor.userId] : [] }));
  // An aggregate without GROUP BY always gives one row.
  const { total, ...views } = counts!;
  return { items: await presentSummaries(q, actor, subjects), total, page: query.page, pageSize: query.pageSize, counts: views };
}

/** In one statement over the visible tasks: how many match the page's filters, and the open tasks in each view (the tabs). */
function countTasks(q: Queryable, reader: Reader, visible: SQL | undefined, filters: SQL | undefined) {
  const countWhere = (condition: SQL | undefined) => (condition ? sql<number>`(count(*) filter (where ${condition}))::int` : sql<number>`count(*)::int`);
  const open = ne(trackedTasks.status, 'closed');
  const view = (name: TaskView) => countWhere(and(open, viewCondition(name, reader)));
  return q
    .select({ total: countWhere(filters), mine: view('mine'), assigned: view('assigned'), department: view('department'), overdue: view('overdue') })
    .from(trackedTasks)
    .where(visible);
}

export async function getTask(q: Queryable, actor: Actor, id: string): Promise<TrackedTask> {
  const subject = await readableTask(q, actor, id);
  const reports = await q.select().from(taskReports).where(eq(taskReports.taskId, id)).orderBy(taskReports.createdAt, taskReports.id);
  const names = await userNames(q, [subject.row.ownerId, subject.row.assignerId, ...reports.flatMap((r) => [r.authorId, r.actedById])]);
  const deptName = await departmentNames(q, [subject.row.departmentId]);
  const calendar = await loadCalendar(q, null);
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
  return { ...summaryOf(actor, subject, names, deptName, calendar), description: subject.row.description, reports: reports.map(presentReport) };
}
