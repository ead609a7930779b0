import { registerActions } from '../ledger/actions.ts';

export const NOTIFY_ACTIONS = registerActions({
  /** One entry per notify() call, about the batch: the template and the recipients, never the rendered text. */
  'notification.send': 'notification',
  /** About the reader: which of their notifications they marked read. */
  'notification.read': 'user',
  'notification.preferences_update': 'user',
  'notification_channel.create': 'notification_channel',
  'notification_channel.update': 'notification_channel',
  'notification_channel.test': 'notification_channel',
});

type NotifyActions = { [K in keyof typeof NOTIFY_ACTIONS]: true };

declare module '../ledger/actions.ts' {
  interface ActionCatalogue extends NotifyActions {}
}
