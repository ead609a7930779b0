/** Approver comfort (issue 9 §7): actions, notification template and routes. */
import './actions.ts';

export { comfortRoutes } from './routes.ts';
export { addCopies, APPLICANT_CC_NODE } from './cc.ts';
