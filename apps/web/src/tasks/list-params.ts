/**
 * The 督办 page keeps its view, filters, sort, page and the open task in the URL, so a view can be bookmarked, a
 * notification's link (/tasks?task=<id>) opens the task, and the back button steps through earlier views. Values the
 * server would reject are dropped here instead of being sent to fail.
 */
import { TASK_VIEWS, TRACKED_TASK_STATUSES } from '@henji/contracts';
import type { TaskListQuery } from './api.ts';

export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 200;
const MAX_PAGE = 100_000;
const SORTS = ['deadline', 'createdAt', 'updatedAt', 'lastReportAt'] as const;
const ORDERS = ['asc', 'desc'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TaskSort = (typeof SORTS)[number];
export const isTaskSort = (key: unknown): key is TaskSort => SORTS.some((s) => s === key);

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | undefined => allowed.find((a) => a === value);
const positiveInt = (value: string | null): number | undefined => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

export interface TaskPageState {
  query: TaskListQuery & { view: NonNullable<TaskListQuery['view']> };
  /** The task open in the drawer. */
  taskId: string | null;
}

export function readTaskPageState(params: URLSearchParams): TaskPageState {
  const q = params.get('q')?.trim().slice(0, 100);
  const task = params.get('task');
  return {
    query: {
      view: oneOf(TASK_VIEWS, params.get('view')) ?? 'mine',
      status: oneOf(TRACKED_TASK_STATUSES, params.get('status')),
      q: q || undefined,
      sort: oneOf(SORTS, params.get('sort')),
      order: oneOf(ORDERS, params.get('order')),
      page: Math.min(positiveInt(params.get('page')) ?? 1, MAX_PAGE),
      pageSize: Math.min(positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    },
    taskId: task && UUID.test(task) ? task : null,
  };
}

const DEFAULTS: Record<string, string | number> = { view: 'mine', page: 1, pageSize: DEFAULT_PAGE_SIZE };

export function writeTaskPageState(state: TaskPageState): URLSearchParams {
  const params = new URLSearchParams();
  const values: Record<string, string | number | undefined> = { ...state.query, task: state.taskId ?? undefined };
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === '' || DEFAULTS[key] === value) continue;
    params.set(key, String(value));
  }
  return params;
}
