/**
 * Tracked tasks (督办, T1–T3): actions, policy, notification templates, the T2 timers and routes. Other areas create
 * tasks inside their own commands with `createTrackedTask(ctx, input)` (a flow's create-task action does).
 */
import './actions.ts';
import './policies.ts';
import './describe.ts';
import './notices.ts';
import './timers.ts';

export { taskRoutes } from './routes.ts';
export { createTrackedTask, type NewTrackedTask } from './commands/create.ts';
export { configureTaskRules, type TaskRules } from './rules.ts';
