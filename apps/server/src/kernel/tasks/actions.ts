import { registerActions } from '../ledger/actions.ts';

export const TASK_ACTIONS = registerActions({
  'tracked_task.create': 'tracked_task',
  'tracked_task.assign': 'tracked_task',
  'tracked_task.report': 'tracked_task',
  'tracked_task.request_closure': 'tracked_task',
  'tracked_task.accept_closure': 'tracked_task',
  'tracked_task.reject_closure': 'tracked_task',
  /** T2 timers, run by the system. */
  'tracked_task.owner_overdue': 'tracked_task',
  'tracked_task.remind': 'tracked_task',
  'tracked_task.overdue': 'tracked_task',
  'tracked_task.weekly_report_missing': 'tracked_task',
  /** A cross-department task had its weekly report: recorded, with the next check (督办 keeps its own record). */
  'tracked_task.weekly_check': 'tracked_task',
  /** The 督办 list downloaded as xlsx by the user: the view, its filters and how many rows. */
  'user.task_export': 'user',
});

type TaskActions = { [K in keyof typeof TASK_ACTIONS]: true };

declare module '../ledger/actions.ts' {
  interface ActionCatalogue extends TaskActions {}
}
