/** Reading tracked tasks: the list of the 督办 page (a view, filters, sorting) with the counts of the views, and one task. */
import { and, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { TaskListQuery, TaskPage, TaskReport, TaskView, TrackedTask, TrackedTaskSummary } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { Actor, UserActor } from '../actor.ts';
import { allowedActions } from '../access/policy.ts';
import { isBeyondKnownRange, loadCalendar, type CalendarSpec } from '../calendar/index.ts';
import { listAttachments, presentFile } from '../files/index.ts';
import { departmentNames, userNames } from '../org/queries.ts';
import { readableTask, selectTaskSubjects, type TaskSubject } from './policies.ts';
import { taskReports, trackedTasks } from './schema.ts';
import { filterConditions, forReader, readerOf, viewCondition, visibleTo, type Reader } from './visibility.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const person = (names: Map<string, string>, id: string) => ({ id, displayName: names.get(id) ?? '' });

export async function presentSummaries(q: Queryable, actor: Actor, subjects: TaskSubject[]): Promise<TrackedTaskSummary[]> {
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
  number: trackedTasks.number,
} as const;

/** Tasks without a deadline (or never reported, or not numbered) come last in either direction; ties by id. */
export function taskOrder(sort: keyof typeof SORTS, order: 'asc' | 'desc'): SQL[] {
  const column = SORTS[sort];
  return [order === 'asc' ? sql`${column} asc nulls last` : sql`${column} desc nulls last`, desc(trackedTasks.id)];
}

/** The tasks the reader sees in a view under the filters, as conditions to AND together. */
export const listConditions = (reader: Reader, query: Omit<TaskListQuery, 'page' | 'pageSize' | 'sort' | 'order'>) => [
  visibleTo(reader),
  viewCondition(query.view, reader),
  ...filterConditions(query),
];

export async function listTasks(q: Queryable, actor: UserActor, query: TaskListQuery): Promise<TaskPage> {
  const reader = await readerOf(q, actor);
  const visible = visibleTo(reader);
  const filters = and(viewCondition(query.view, reader), ...filterConditions(query));
  const [rows, [counts]] = await Promise.all([
    selectTaskSubjects(q)
      .where(and(visible, filters))
      .orderBy(...taskOrder(query.sort, query.order))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    countTasks(q, reader, visible, filters),
  ]);
  // An aggregate without GROUP BY always gives one row.
  const { total, ...views } = counts!;
  return { items: await presentSummaries(q, actor, forReader(reader, rows)), total, page: query.page, pageSize: query.pageSize, counts: views };
}

/** In one statement over the visible tasks: how many match the page's filters, and the open tasks in each view (the tabs). */
function countTasks(q: Queryable, reader: Reader, visible: SQL | undefined, filters: SQL | undefined) {
  const countWhere = (condition: SQL | undefined) => (condition ? sql<number>`(count(*) filter (where ${condition}))::int` : sql<number>`count(*)::int`);
  const open = ne(trackedTasks.status, 'closed');
  const view = (name: TaskView) => countWhere(and(open, viewCondition(name, reader)));
  return q
    .select({ total: countWhere(filters), mine: view('mine'), assigned: view('assigned'), department: view('department'), overdue: view('overdue'), all: view('all') })
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
