import type { ReactNode } from 'react';
import { Descriptions, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Webhook, WebhookDelivery } from '@henji/contracts';
import { DeliveryLastError, DeliveryStateTag } from '../components/DeliveryState.tsx';
import { DetailDrawer } from '../components/DetailDrawer.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useLedgerLabels } from '../i18n/labels.ts';
import { WEBHOOK_SUBJECT, useDeliveries } from './api.ts';

export const EventTags = ({ events }: { events: readonly string[] }) => (
  <Space size={[4, 4]} wrap>
    {events.map((event) => (
      <Tag key={event}>{event}</Tag>
    ))}
  </Space>
);

/** The latest deliveries of one subscription, refreshed while shown: state, attempts, the last error, the next try. */
function DeliveriesTable({ webhookId }: { webhookId: string }) {
  const { t } = useTranslation();
  const labels = useLedgerLabels();
  const deliveries = useDeliveries(webhookId);
  if (deliveries.isError) return <QueryError compact error={deliveries.error} onRetry={() => void deliveries.refetch()} />;

  const columns: TableColumnsType<WebhookDelivery> = [
    { title: t('system.webhook.delivery.time'), dataIndex: 'createdAt', render: formatDateTime },
    {
      title: t('system.webhook.delivery.action'),
      dataIndex: 'action',
      render: (action: string | null) => (action ? <span title={action}>{labels.action(action)}</span> : '—'),
    },
    { title: t('common.status'), dataIndex: 'state', render: (state: WebhookDelivery['state']) => <DeliveryStateTag state={state} /> },
    { title: t('system.webhook.delivery.attempts'), dataIndex: 'attempts', align: 'right' },
    {
      title: t('system.webhook.delivery.lastError'),
      dataIndex: 'lastError',
      ellipsis: { showTitle: false },
      render: (error: string | null) => <DeliveryLastError error={error} />,
    },
    { title: t('system.webhook.delivery.nextAttempt'), dataIndex: 'nextAttemptAt', render: formatDateTime },
  ];
  return (
    <div data-testid="webhook-deliveries">
      <Table<WebhookDelivery>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={deliveries.data ?? []}
        loading={deliveries.isPending}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('system.webhook.delivery.empty') }}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}

interface WebhookDrawerProps {
  webhook: Webhook | null;
  onClose: () => void;
  /** The subscription's actions, in the drawer's header. */
  extra?: ReactNode;
}

/** One subscription: its settings, its deliveries and its traces. */
export function WebhookDrawer({ webhook, onClose, extra }: WebhookDrawerProps) {
  const { t } = useTranslation();
  return (
    <DetailDrawer
      title={webhook?.name ?? t('system.webhook.detail')}
      open={webhook !== null}
      onClose={onClose}
      subjectType={WEBHOOK_SUBJECT}
      subjectId={webhook?.id ?? null}
      extra={extra}
    >
      {webhook && (
        <>
          <Descriptions
            column={2}
            size="small"
            bordered
            items={[
              { key: 'url', label: t('system.webhook.url'), span: 2, children: <Typography.Text copyable>{webhook.url}</Typography.Text> },
              { key: 'events', label: t('system.webhook.events'), span: 2, children: <EventTags events={webhook.events} /> },
              {
                key: 'active',
                label: t('common.status'),
                children: webhook.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
              },
              { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(webhook.createdAt) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('system.webhook.delivery.title')}
          </Typography.Title>
          <DeliveriesTable webhookId={webhook.id} />
        </>
      )}
    </DetailDrawer>
  );
}
