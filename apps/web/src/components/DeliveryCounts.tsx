import { Space, Tag, Tooltip } from 'antd';

interface DeliveryCountsProps {
  /** `skipped` (not sent: a paused channel, a recipient who left) where the deliveries can be skipped. */
  counts: { pending: number; done: number; failed: number; skipped?: number };
  /** Says what the numbers are, as the column heading does. */
  title: string;
}

/** A channel's or a subscription's deliveries as tags: waiting, delivered, failed (red when any), not sent. */
export function DeliveryCounts({ counts: { pending, done, failed, skipped }, title }: DeliveryCountsProps) {
  return (
    <Tooltip title={title}>
      <Space size={4} data-testid="delivery-counts">
        <Tag color="blue">{pending}</Tag>
        <Tag color="green">{done}</Tag>
        <Tag color={failed > 0 ? 'red' : undefined}>{failed}</Tag>
        {skipped !== undefined && <Tag>{skipped}</Tag>}
      </Space>
    </Tooltip>
  );
}
