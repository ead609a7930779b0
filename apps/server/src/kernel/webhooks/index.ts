/** Outbound webhooks (K12): actions, policy, delivery job and routes. */
import './actions.ts';
import './policies.ts';
import './delivery.ts';

export { webhookRoutes } from './routes.ts';
export { enqueueDeliveries } from './delivery.ts';
