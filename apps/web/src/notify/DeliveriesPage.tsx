import { useSearchParams } from 'react-router-dom';
import { Card, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NotificationDelivery } from '@henji/contracts';
import { CHANNEL_KIND_VALUES, DELIVERY_STATES, type ChannelKindValue } from '@henji/contracts/values';
import { hasPermission, useMe } from '../auth/session.ts';
import { DeliveryLastError, DeliveryStateTag, type DeliveryState } from '../components/DeliveryState.tsx';
import { NotFoundPage } from '../components/NotFoundPage.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { DELIVERY_PAGE_SIZE, useDeliveries } from './api.ts';
import { deliveryNote, recipientsText } from './delivery-text.ts';

const stateOf = (value: string | null) => DELIVERY_STATES.find((s) => s === value);
const kindOf = (value: string | null) => CHANNEL_KIND_VALUES.find((k) => k === value);

/** 系统集成 → 发送记录: every external delivery, filterable by state and channel kind; it refreshes while shown. */
export function DeliveriesPage() {
  const me = useMe();
  return hasPermission(me, 'notify.manage') ? <Deliveries /> : <NotFoundPage />;
}

function Deliveries() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = stateOf(params.get('status'));
  const kind = kindOf(params.get('kind'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const deliveries = useDeliveries({ status, kind, page });

  const show = (next: { status?: DeliveryState | null; kind?: ChannelKindValue | null; page?: number }) => {
    const out = new URLSearchParams();
    const s = next.status === undefined ? status : next.status;
    const k = next.kind === undefined ? kind : next.kind;
    if (s) out.set('status', s);
    if (k) out.set('kind', k);
    if (next.page && next.page > 1) out.set('page', String(next.page));
    setParams(out);
  };

  const columns: TableColumnsType<NotificationDelivery> = [
    { title: t('notify.delivery.time'), dataIndex: 'createdAt', render: formatDateTime },
    {
      title: t('notify.delivery.notification'),
      key: 'notification',
      render: (_: unknown, d) => (
        <Flex gap={4} align="center">
          {d.urgent && <Tag color="red">{t('notify.center.urgent')}</Tag>}
          <span title={d.template ?? undefined}>{d.title ?? '—'}</span>
        </Flex>
      ),
    },
    { title: t('notify.delivery.recipient'), key: 'recipient', render: (_: unknown, d) => recipientsText(d, t('common.listSeparator')) },
    {
      title: t('notify.delivery.channel'),
      key: 'channel',
      render: (_: unknown, d) => `${t(`notify.channel.kinds.${d.channel.kind}`)}${d.channel.name ? ` · ${d.channel.name}` : ''}`,
    },
    {
      title: t('notify.delivery.state'),
      dataIndex: 'state',
      render: (state: DeliveryState) => <DeliveryStateTag state={state} />,
    },
    { title: t('notify.delivery.attempts'), key: 'attempts', align: 'right', render: (_: unknown, d) => `${d.attempts} / ${d.maxAttempts}` },
    {
      title: t('notify.delivery.lastError'),
      key: 'lastError',
      ellipsis: { showTitle: false },
      render: (_: unknown, d) => {
        const note = deliveryNote(d);
        if (note && 'skipped' in note) return <Typography.Text type="secondary">{t(note.skipped)}</Typography.Text>;
        return <DeliveryLastError error={note?.error ?? null} />;
      },
    },
    {
      title: t('notify.delivery.nextAttempt'),
      key: 'next',
      render: (_: unknown, d) => (d.state === 'pending' ? formatDateTime(d.runAt) : '—'),
    },
    { title: t('notify.delivery.finishedAt'), dataIndex: 'finishedAt', render: formatDateTime },
  ];

  return (
    <>
      <PageHeader title={t('notify.nav.deliveries')} description={t('notify.delivery.description')} />
      <Card>
        <Flex vertical gap={16}>
          <Flex gap={8} wrap>
            <Select<DeliveryState | ''>
              value={status ?? ''}
              onChange={(value) => show({ status: value || null })}
              style={{ width: 160 }}
              options={[
                { value: '', label: t('notify.delivery.allStates') },
                ...DELIVERY_STATES.map((s) => ({ value: s, label: t(`notify.delivery.states.${s}`) })),
              ]}
              aria-label={t('notify.delivery.state')}
            />
            <Select<ChannelKindValue | ''>
              value={kind ?? ''}
              onChange={(value) => show({ kind: value || null })}
              style={{ width: 200 }}
              options={[
                { value: '', label: t('notify.delivery.allKinds') },
                ...CHANNEL_KIND_VALUES.map((k) => ({ value: k, label: t(`notify.channel.kinds.${k}`) })),
              ]}
              aria-label={t('notify.delivery.channel')}
            />
          </Flex>
          {deliveries.isError ? (
            <QueryError error={deliveries.error} onRetry={() => void deliveries.refetch()} />
          ) : (
            <Table<NotificationDelivery>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={deliveries.data?.items ?? []}
              loading={deliveries.isPending}
              locale={{ emptyText: t('notify.delivery.empty') }}
              scroll={{ x: 'max-content' }}
              pagination={{
                current: page,
                pageSize: DELIVERY_PAGE_SIZE,
                total: deliveries.data?.total ?? 0,
                showSizeChanger: false,
                hideOnSinglePage: true,
                showTotal: (total) => t('common.total', { total }),
                onChange: (next) => show({ page: next }),
              }}
            />
          )}
        </Flex>
      </Card>
    </>
  );
}

