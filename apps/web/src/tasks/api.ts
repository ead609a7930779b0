/** Tracked tasks (督办, T1–T3): the views with their counts, one task with its reports, creating and acting on tasks. */
import { keepPreviousData, skipToken, useQuery, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateTaskInput,
  TaskActionInput,
  TaskBoard,
  TaskBoardQuery,
  TaskCalendar,
  TaskCalendarQuery,
  TaskListQuery as TaskListQuerySchema,
  TaskPage,
  TaskSourceCounts,
  TaskSourceCountsQuery,
  TrackedTask,
} from '@henji/contracts';
import { api } from '../api/client.ts';
import { queryKeys as sharedKeys } from '../api/query-keys.ts';

/** The ledger subject type of a tracked task; its trace panel queries by it. */
export const TASK_SUBJECT = 'tracked_task';

/** What the list accepts; every member optional because the server fills the defaults. */
export type TaskListQuery = Partial<z.infer<typeof TaskListQuerySchema>>;

export const taskKeys = {
  all: ['tasks'] as const,
  list: (query: TaskListQuery) => ['tasks', 'list', query] as const,
  detail: (id: string) => ['tasks', 'detail', id] as const,
  board: (query: Partial<TaskBoardQuery>) => ['tasks', 'board', query] as const,
  bySource: (query: Partial<TaskSourceCountsQuery>) => ['tasks', 'by-source', query] as const,
  calendar: (query: Partial<TaskCalendarQuery>) => ['tasks', 'calendar', query] as const,
};

export const useTasks = (query: TaskListQuery) =>
  useQuery({
    queryKey: taskKeys.list(query),
    queryFn: () => api<TaskPage>('/api/tasks', { query }),
    placeholderData: keepPreviousData,
  });

export const useTaskBoard = (query: Partial<TaskBoardQuery>) =>
  useQuery({
    queryKey: taskKeys.board(query),
    queryFn: () => api<TaskBoard>('/api/tasks/board', { query }),
    placeholderData: keepPreviousData,
  });

export const useTaskSourceCounts = (query: Partial<TaskSourceCountsQuery>) =>
  useQuery({
    queryKey: taskKeys.bySource(query),
    queryFn: () => api<TaskSourceCounts>('/api/tasks/by-source', { query }),
    placeholderData: keepPreviousData,
  });

export const useTaskCalendar = (query: Partial<TaskCalendarQuery>) =>
  useQuery({
    queryKey: taskKeys.calendar(query),
    queryFn: () => api<TaskCalendar>('/api/tasks/calendar', { query }),
    placeholderData: keepPreviousData,
  });

export const useTask = (id: string | null) =>
  useQuery({
    queryKey: taskKeys.detail(id ?? ''),
    queryFn: id ? () => api<TrackedTask>(`/api/tasks/${encodeURIComponent(id)}`) : skipToken,
  });

export const createTask = (input: z.input<typeof CreateTaskInput>) => api<TrackedTask>('/api/tasks', { method: 'POST', body: input });

export const actOnTask = (id: string, input: z.input<typeof TaskActionInput>) =>
  api<TrackedTask>(`/api/tasks/${encodeURIComponent(id)}/actions`, { method: 'POST', body: input });

/** After anything done to a task: every list and count, its detail, its trace panel and the checkpoint. */
export async function afterTaskChange(queryClient: QueryClient, id: string | null): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: taskKeys.all }),
    id ? queryClient.invalidateQueries({ queryKey: sharedKeys.ledger.subject(TASK_SUBJECT, id) }) : Promise.resolve(),
    queryClient.invalidateQueries({ queryKey: sharedKeys.ledger.checkpoint }),
  ]);
}
