/** How the delivery log (发送记录) words one delivery: who it is for, and why it failed or was not sent. Pure: tested. */
import type { NotificationDelivery } from '@henji/contracts';

/** Everyone the delivery is for — one person, or all a group robot's one message names — joined by `separator`. */
export const recipientsText = (d: Pick<NotificationDelivery, 'recipient' | 'recipients'>, separator: string): string =>
  (d.recipients.length > 0 ? d.recipients : [d.recipient]).map((r) => r.displayName ?? r.id).join(separator);

/** The note of the last column: a failure's error as the transport said it, or the i18n key of why it was not sent. */
export function deliveryNote(d: Pick<NotificationDelivery, 'state' | 'lastError' | 'skipReason'>): { error: string } | { skipped: `notify.delivery.skipReasons.${NonNullable<NotificationDelivery['skipReason']>}` } | null {
  if (d.state === 'skipped' && d.skipReason) return { skipped: `notify.delivery.skipReasons.${d.skipReason}` };
  return d.lastError ? { error: d.lastError } : null;
}
