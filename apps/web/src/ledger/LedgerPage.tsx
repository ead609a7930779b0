import { useState } from 'react';
import { Button, Card, Empty, Flex, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '@henji/contracts';
import type { LedgerFilter } from '../api/query-keys.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useLedgerLabels } from '../i18n/labels.ts';
import { CheckpointCard } from './CheckpointCard.tsx';
import { LedgerEntryDetails } from './LedgerEntryDetails.tsx';
import { ActorLabel } from './TraceEntry.tsx';
import { useLedgerFeed } from './use-ledger-feed.ts';

/** 痕迹账本: the signed state of the ledger and its entries, newest first, each verifiable in the browser. */
export function LedgerPage() {
  const { t } = useTranslation();
  const labels = useLedgerLabels();
  const [filter, setFilter] = useState<LedgerFilter>({});
  const feed = useLedgerFeed(filter);

  const columns: TableColumnsType<LedgerEntry> = [
    { title: '#', dataIndex: 'leafIndex', width: 80, render: (leaf: number | null) => leaf ?? <Tag>{t('ledger.unsequenced')}</Tag> },
    { title: t('ledger.time'), dataIndex: 'recordedAt', width: 180, render: formatDateTime },
    { title: t('ledger.actor'), key: 'actor', width: 200, render: (_: unknown, entry) => <ActorLabel entry={entry} /> },
    {
      title: t('ledger.action'),
      dataIndex: 'action',
      width: 180,
      render: (action: string) => (
        <Tag color="blue" title={action}>
          {labels.action(action)}
        </Tag>
      ),
    },
    {
      title: t('ledger.subject'),
      key: 'subject',
      width: 200,
      render: (_: unknown, entry) => (
        <Space size={4}>
          <span>{labels.subjectType(entry.subjectType)}</span>
          <Typography.Text type="secondary" title={entry.subjectId}>
            {entry.subjectId.slice(0, 8)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('ledger.comment'), dataIndex: 'comment', ellipsis: true, render: (comment: string | null) => comment ?? '' },
  ];

  // Known actions plus any the server produced that this UI has no label for yet.
  const seen = [...new Set(feed.entries.map((e) => e.action))].filter((a) => !labels.actions.some((o) => o.value === a));
  const actionOptions = [...labels.actions, ...seen.map((action) => ({ value: action, label: action }))];

  return (
    <>
      <PageHeader title={t('nav.ledger')} description={t('ledger.description')} />
      <Flex vertical gap={16}>
        <CheckpointCard />
        <Card title={t('ledger.entries')}>
          <Flex gap={8} wrap style={{ marginBottom: 16 }}>
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('ledger.filterSubjectType')}
              style={{ width: 180 }}
              value={filter.subjectType}
              onChange={(subjectType) => setFilter((f) => ({ ...f, subjectType }))}
              options={labels.subjectTypes}
            />
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('ledger.filterAction')}
              style={{ width: 220 }}
              value={filter.action}
              onChange={(action) => setFilter((f) => ({ ...f, action }))}
              options={actionOptions}
            />
          </Flex>
          {feed.isError ? (
            <QueryError error={feed.error} onRetry={() => void feed.refetch()} />
          ) : (
            <>
              <Table<LedgerEntry>
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={feed.entries}
                loading={feed.isPending}
                pagination={false}
                expandable={{ expandedRowRender: (entry) => <LedgerEntryDetails entry={entry} />, expandRowByClick: true }}
                locale={{ emptyText: <Empty description={t('ledger.empty')} /> }}
                // Fixed layout: the expanded rows hold long hashes and payloads that must wrap, not widen the table.
                tableLayout="fixed"
                data-testid="ledger-entries"
              />
              {feed.hasNextPage && (
                <Button block style={{ marginTop: 16 }} onClick={() => void feed.fetchNextPage()} loading={feed.isFetchingNextPage}>
                  {t('ledger.loadMore')}
                </Button>
              )}
            </>
          )}
        </Card>
      </Flex>
    </>
  );
}
