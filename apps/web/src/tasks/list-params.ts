/**
 * The 督办 page keeps its view, filters, sort, page and the open task in the URL (see api/list-params.ts), so a
 * notification's link (/tasks?task=<id>) opens the task as well.
 */
import { TASK_VIEWS, TRACKED_TASK_STATUSES } from '@henji/contracts/values';
import { oneOf, readPaging, searchParam, SORT_ORDERS, uuidParam, writeListParams } from '../api/list-params.ts';
import type { TaskListQuery } from './api.ts';

export const TASK_SORTS = ['deadline', 'createdAt', 'updatedAt', 'lastReportAt'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export interface TaskPageState {
  query: TaskListQuery & { view: NonNullable<TaskListQuery['view']> };
  /** The task open in the drawer. */
  taskId: string | null;
}

export function readTaskPageState(params: URLSearchParams): TaskPageState {
  return {
    query: {
      view: oneOf(TASK_VIEWS, params.get('view')) ?? 'mine',
      status: oneOf(TRACKED_TASK_STATUSES, params.get('status')),
      q: searchParam(params.get('q')),
      sort: oneOf(TASK_SORTS, params.get('sort')),
      order: oneOf(SORT_ORDERS, params.get('order')),
      ...readPaging(params),
    },
    taskId: uuidParam(params.get('task')) ?? null,
  };
}

export const writeTaskPageState = (state: TaskPageState) => writeListParams({ ...state.query, task: state.taskId ?? undefined }, { view: 'mine' });
