import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DELIVERY_STATES } from '@henji/contracts';

/** Where an outbound delivery (a notification or a webhook, both jobs) stands. */
export type DeliveryState = (typeof DELIVERY_STATES)[number];

const STATE_COLOURS: Record<DeliveryState, string> = { pending: 'blue', running: 'processing', done: 'success', failed: 'error', skipped: 'default' };

export function DeliveryStateTag({ state }: { state: DeliveryState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOURS[state]} data-testid={`delivery-${state}`}>
      {t(`notify.delivery.states.${state}`)}
    </Tag>
  );
}

/** The receiver's or the transport's reason for the last failed attempt, whole in a tooltip; use with `ellipsis: { showTitle: false }`. */
export function DeliveryLastError({ error }: { error: string | null }) {
  if (!error) return '—';
  return (
    <Tooltip title={error}>
      <Typography.Text type="danger">{error}</Typography.Text>
    </Tooltip>
  );
}
