import { registerActions } from '../ledger/actions.ts';

export const WEBHOOK_ACTIONS = registerActions({
  'webhook.create': 'webhook',
  'webhook.update': 'webhook',
  'webhook.secret_rotate': 'webhook',
  'webhook.ping': 'webhook',
});

type WebhookActions = { [K in keyof typeof WEBHOOK_ACTIONS]: true };

declare module '../ledger/actions.ts' {
  interface ActionCatalogue extends WebhookActions {}
}
