/** Applications and approval flows (F1–F8): actions, policies, the SLA timer job, routes, built-in types. */
import './actions.ts';
import './policies.ts';
import './describe.ts';
import './engine/notices.ts';
import './commands/timers.ts';

export { applicationRoutes } from './routes.ts';
export { bootstrapApplicationTypes } from './commands/builtin.ts';
