/** Applications and approval flows (F1–F8): actions, policies, the SLA timer job, routes, built-in types. */
import './actions.ts';
import './policies.ts';
import './describe.ts';
import './engine/notices.ts';
import './commands/timers.ts';

import type { App, AppDeps } from '../../http/context.ts';
import { applicationRoutes as flowRoutes } from './routes.ts';
import { comfortRoutes } from './comfort/index.ts';

export function applicationRoutes(app: App, deps: AppDeps) {
  flowRoutes(app, deps);
  comfortRoutes(app, deps);
}
export { bootstrapApplicationTypes } from './commands/builtin.ts';
