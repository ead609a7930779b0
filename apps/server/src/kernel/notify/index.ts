/**
 * Notifications (K8): the in-app inbox, email, WeCom / DingTalk / Feishu group robots and SMS, with per-user
 * preferences and quiet hours. Other areas call `notify(ctx, …)` inside their commands and register their templates.
 */
import './actions.ts';
import './policies.ts';
import './templates.ts';
import './describe.ts';
import './delivery.ts';

export { notify, type NotifyInput, type NotifyResult } from './send.ts';
export {
  registerNotificationTemplates,
  type NotificationTemplateCatalogue,
  type NotificationTemplateKey,
  type NotificationTemplate,
} from './templates.ts';
export type { SmsProvider } from './channels/sms.ts';
export { notifyRoutes } from './routes.ts';
export { configureNotifyLinks } from './delivery.ts';
