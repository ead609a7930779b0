/**
 * The other views of the 督办 page (T3): counts by source, the calendar of deadlines and a department's board in
 * columns by status — each over what the reader may see, with the list's filters.
 */
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import {
  TASK_CALENDAR_MAX_DAYS,
  TASK_SOURCES,
  TRACKED_TASK_STATUSES,
  type TaskSource,
  type TrackedTaskStatus,
  type TaskBoard,
  type TaskBoardQuery,
  type TaskCalendar,
  type TaskCalendarQuery,
  type TaskSourceCounts,
  type TaskSourceCountsQuery,
} from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { UserActor } from '../actor.ts';
import { invalid } from '../errors.ts';
import { msg } from '../messages.ts';
import { departmentNames } from '../org/queries.ts';
import { departments } from '../org/schema.ts';
import { selectTaskSubjects } from './policies.ts';
import { listConditions, presentSummaries } from './queries.ts';
import { trackedTasks } from './schema.ts';
import { filterConditions, forReader, openTask, readerOf, visibleTo } from './visibility.ts';

const DAY_MS = 86_400_000;
/** The calendar sends at most this many tasks; more in one range says `truncated`. */
export const CALENDAR_MAX_TASKS = 1000;
/** A board column holds at most this many cards; its `total` says how many there are. */
export const BOARD_COLUMN_MAX = 50;

/** 按来源: every source with its tasks in the view under the filters — all, open, overdue. */
export async function taskSourceCounts(q: Queryable, actor: UserActor, query: TaskSourceCountsQuery): Promise<TaskSourceCounts> {
  const reader = await readerOf(q, actor);
  const rows = await q
    .select({
      source: trackedTasks.source,
      total: sql<number>`count(*)::int`,
      open: sql<number>`(count(*) filter (where ${openTask}))::int`,
      overdue: sql<number>`(count(*) filter (where ${and(openTask, eq(trackedTasks.overdue, true))}))::int`,
    })
    .from(trackedTasks)
    .where(and(...listConditions(reader, query)))
    .groupBy(trackedTasks.source);
  const bySource = new Map<TaskSource, (typeof rows)[number]>(rows.map((r) => [r.source, r]));
  return { items: TASK_SOURCES.map((source) => ({ source, total: 0, open: 0, overdue: 0, ...bySource.get(source) })) };
}

/** 截止日历: the tasks whose deadline falls in `[from, to)` (at most 62 days), earliest first. */
export async function taskCalendar(q: Queryable, actor: UserActor, query: TaskCalendarQuery): Promise<TaskCalendar> {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (to.getTime() <= from.getTime()) throw invalid({ to: msg('tasks.range_backwards') });
  if (to.getTime() - from.getTime() > TASK_CALENDAR_MAX_DAYS * DAY_MS) throw invalid({ to: msg('tasks.range_too_wide', { days: TASK_CALENDAR_MAX_DAYS }) });
  const reader = await readerOf(q, actor);
  const rows = await selectTaskSubjects(q)
    .where(and(...listConditions(reader, { ...query, deadlineFrom: from.toISOString(), deadlineTo: to.toISOString() })))
    .orderBy(asc(trackedTasks.deadline), desc(trackedTasks.id))
    .limit(CALENDAR_MAX_TASKS + 1);
  const items = await presentSummaries(q, actor, forReader(reader, rows.slice(0, CALENDAR_MAX_TASKS)));
  return { from: from.toISOString(), to: to.toISOString(), items, truncated: rows.length > CALENDAR_MAX_TASKS };
}

/**
 * 看板: one department's tasks the reader may see, in a column per status. The departments offered are those of the
 * tasks the reader sees; by default the reader's own department, else one they lead, else the first by name.
 */
export async function taskBoard(q: Queryable, actor: UserActor, query: TaskBoardQuery): Promise<TaskBoard> {
  const reader = await readerOf(q, actor);
  const visible = visibleTo(reader);
  const perDepartment = await q
    .select({ id: trackedTasks.departmentId, open: sql<number>`(count(*) filter (where ${openTask}))::int` })
    .from(trackedTasks)
    .where(and(visible, isNotNull(trackedTasks.departmentId)))
    .groupBy(trackedTasks.departmentId);
  const seen = perDepartment.flatMap((d) => (d.id ? [{ id: d.id, open: d.open }] : []));
  const names = await departmentNames(q, seen.map((d) => d.id));
  const offered = seen.map((d) => ({ ...d, name: names.get(d.id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));

  let chosen = query.departmentId ?? null;
  if (chosen) {
    const [exists] = await q.select({ id: departments.id }).from(departments).where(eq(departments.id, chosen));
    if (!exists) throw invalid({ departmentId: msg('tasks.no_such_department') });
  } else {
    const ids = offered.map((d) => d.id);
    const own = actor.departmentId && ids.includes(actor.departmentId) ? actor.departmentId : null;
    chosen = own ?? reader.led.find((id) => ids.includes(id)) ?? ids[0] ?? actor.departmentId ?? reader.led[0] ?? null;
  }
  if (!chosen) return { departments: offered, department: null, columns: TRACKED_TASK_STATUSES.map((status) => ({ status, total: 0, items: [] })) };

  const where = and(visible, eq(trackedTasks.departmentId, chosen), ...filterConditions({ source: query.source, ownerId: query.ownerId, q: query.q }));
  const cardsOf = (status: TrackedTaskStatus) => {
    const order = status === 'closed' ? [desc(trackedTasks.closedAt), desc(trackedTasks.id)] : [sql`${trackedTasks.deadline} asc nulls last`, desc(trackedTasks.id)];
    return selectTaskSubjects(q).where(and(where, eq(trackedTasks.status, status))).orderBy(...order).limit(BOARD_COLUMN_MAX);
  };
  const [totals, ...columns] = await Promise.all([
    q.select({ status: trackedTasks.status, n: sql<number>`count(*)::int` }).from(trackedTasks).where(where).groupBy(trackedTasks.status),
    ...TRACKED_TASK_STATUSES.map(cardsOf),
  ]);
  // One presentation for every card: names and the calendar are read once.
  const cards = await presentSummaries(q, actor, forReader(reader, columns.flat()));
  const byId = new Map(cards.map((card) => [card.id, card]));
  const items = columns.map((rows) => rows.flatMap(({ row }) => byId.get(row.id) ?? []));
  const totalOf = new Map(totals.map((t) => [t.status, t.n]));
  const chosenName = (await departmentNames(q, [chosen])).get(chosen) ?? '';
  return {
    departments: offered,
    department: { id: chosen, name: chosenName },
    columns: TRACKED_TASK_STATUSES.map((status, i) => ({ status, total: totalOf.get(status) ?? 0, items: items[i] ?? [] })),
  };
}
