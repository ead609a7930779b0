/** Minutes and resolutions (M3–M4): register actions, policy, describer and notices; export the routes. */
import './actions.ts';
import './policies.ts';
import './describe.ts';
import './notices.ts';

export { minutesRoutes } from './routes.ts';
export { approveMinutes, returnMinutes, reviseMinutes, saveMinutesDraft, sendMinutesFeedback, submitMinutes } from './commands.ts';
