/**
 * The 督办 page keeps its mode (列表 / 看板 / 按来源 / 截止日历), view, filters, sort, page, the calendar's month and
 * the open task in the URL (see api/list-params.ts), so a notification's link (/tasks?task=<id>) opens the task and
 * every view can be bookmarked.
 */
import dayjs from 'dayjs';
import { TASK_SORTS, TASK_SOURCES, TASK_VIEWS, TRACKED_TASK_STATUSES } from '@henji/contracts/values';
import { oneOf, readPaging, searchParam, SORT_ORDERS, uuidParam, writeListParams } from '../api/list-params.ts';
import type { TaskListQuery } from './api.ts';

export { TASK_SORTS };
export type { TaskSort } from '@henji/contracts/values';

export const TASK_MODES = ['list', 'board', 'source', 'calendar'] as const;
export type TaskMode = (typeof TASK_MODES)[number];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const OVERDUE = ['true', 'false'] as const;

export interface TaskPageState {
  mode: TaskMode;
  query: TaskListQuery & { view: NonNullable<TaskListQuery['view']> };
  /** The calendar's month, `YYYY-MM`; none for the current one. */
  month: string | undefined;
  /** The task open in the drawer. */
  taskId: string | null;
}

/** A day `YYYY-MM-DD` as the deadline filter's bound, read as local midnight by the caller; invalid text is dropped. */
export const dayParam = (value: string | null): string | undefined => (value && DAY.test(value) ? value : undefined);

export function readTaskPageState(params: URLSearchParams): TaskPageState {
  const month = params.get('month');
  return {
    mode: oneOf(TASK_MODES, params.get('mode')) ?? 'list',
    query: {
      view: oneOf(TASK_VIEWS, params.get('view')) ?? 'mine',
      status: oneOf(TRACKED_TASK_STATUSES, params.get('status')),
      source: oneOf(TASK_SOURCES, params.get('source')),
      departmentId: uuidParam(params.get('departmentId')),
      ownerId: uuidParam(params.get('ownerId')),
      deadlineFrom: dayParam(params.get('deadlineFrom')),
      deadlineTo: dayParam(params.get('deadlineTo')),
      overdue: oneOf(OVERDUE, params.get('overdue')),
      q: searchParam(params.get('q')),
      sort: oneOf(TASK_SORTS, params.get('sort')),
      order: oneOf(SORT_ORDERS, params.get('order')),
      ...readPaging(params),
    },
    month: month && MONTH.test(month) ? month : undefined,
    taskId: uuidParam(params.get('task')) ?? null,
  };
}

export const writeTaskPageState = (state: TaskPageState) =>
  writeListParams({ mode: state.mode, ...state.query, month: state.month, task: state.taskId ?? undefined }, { view: 'mine', mode: 'list' });

/**
 * What the server is sent: the deadline filter's days become instants — from the start of the first day (local time)
 * to the start of the day after the last, so both days are included.
 */
export function serverQuery<Q extends TaskListQuery>(query: Q): Q {
  const { deadlineFrom, deadlineTo } = query;
  return {
    ...query,
    deadlineFrom: deadlineFrom ? dayjs(deadlineFrom).startOf('day').toISOString() : undefined,
    deadlineTo: deadlineTo ? dayjs(deadlineTo).add(1, 'day').startOf('day').toISOString() : undefined,
  };
}
