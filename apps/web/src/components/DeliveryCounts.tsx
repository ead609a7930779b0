import { Space, Tag, Tooltip } from 'antd';

interface DeliveryCountsProps {
  counts: { pending: number; done: number; failed: number };
  /** Says what the three numbers are, as the column heading does. */
  title: string;
}

/** A channel's or a subscription's deliveries as three tags: waiting, delivered, failed (red when any). */
export function DeliveryCounts({ counts: { pending, done, failed }, title }: DeliveryCountsProps) {
  return (
    <Tooltip title={title}>
      <Space size={4} data-testid="delivery-counts">
        <Tag color="blue">{pending}</Tag>
        <Tag color="green">{done}</Tag>
        <Tag color={failed > 0 ? 'red' : undefined}>{failed}</Tag>
      </Space>
    </Tooltip>
  );
}
