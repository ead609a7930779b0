import { Button, Card, DatePicker, Empty, Flex, Grid, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '@henji/contracts';
import type { LedgerFilter } from '../api/query-keys.ts';
import { hasPermission, useMe } from '../auth/session.ts';
import { FilterBar } from '../components/FilterBar.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useLedgerLabels } from '../i18n/labels.ts';
import { DepartmentTreeSelect } from '../org/DepartmentTreeSelect.tsx';
import { UserSelect } from '../org/UserSelect.tsx';
import { CheckpointCard } from './CheckpointCard.tsx';
import { GlossaryButton } from './GlossaryButton.tsx';
import { Jargon } from './Jargon.tsx';
import { LedgerEntryDetails } from './LedgerEntryDetails.tsx';
import { actionChoice, groupActions, readLedgerFilter, withActionChoice, writeLedgerFilter } from './ledger-params.ts';
import { DescribedFields, EntryVerification } from './TraceEntry.tsx';
import { useLedgerFeed } from './use-ledger-feed.ts';

const ISO_DATE = 'YYYY-MM-DD';

/**
 * 痕迹账本: the signed state of the ledger and its entries, newest first, each in plain words ("张三 登录（来自 …）",
 * "李会计 在「财务部审核」同意") with its object named, filtered on the server by person, department, action, object type,
 * dates and business number — the filters live in the URL — and each verifiable in the browser.
 */
export function LedgerPage() {
  const { t } = useTranslation();
  const labels = useLedgerLabels();
  // Everyone else sees their own entries only (the server narrows the list): no person or department to choose.
  const readsAll = hasPermission(useMe(), 'ledger.read_all');
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = readLedgerFilter(searchParams);
  const feed = useLedgerFeed(filter);
  const update = (next: LedgerFilter) => setSearchParams(writeLedgerFilter(next));
  const set = <K extends keyof LedgerFilter>(key: K, value: LedgerFilter[K] | null | undefined) => {
    const next = { ...filter };
    if (value === null || value === undefined || value === '') delete next[key];
    else next[key] = value;
    update(next);
  };

  // A phone shows one column: the sentence, with the time and the object under it.
  const compact = !Grid.useBreakpoint().sm;
  const phoneColumns: TableColumnsType<LedgerEntry> = [
    {
      title: t('evidence.what'),
      key: 'sentence',
      render: (_: unknown, entry) => (
        <Flex vertical gap={2}>
          <Typography.Text data-testid="ledger-sentence">{entry.description.sentence}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(entry.recordedAt)} · <span data-testid="ledger-subject">{entry.description.subjectLabel}</span>
          </Typography.Text>
        </Flex>
      ),
    },
  ];
  const columns: TableColumnsType<LedgerEntry> = [
    {
      title: <Jargon term="leaf">#</Jargon>,
      dataIndex: 'leafIndex',
      width: 90,
      responsive: ['md'],
      render: (leaf: number | null) => leaf ?? <Tag>{t('ledger.unsequenced')}</Tag>,
    },
    { title: t('ledger.time'), dataIndex: 'recordedAt', width: 170, render: formatDateTime },
    { title: t('ledger.actor'), key: 'actor', width: 140, responsive: ['lg'], render: (_: unknown, entry) => entry.description.actorLabel },
    {
      title: t('evidence.what'),
      key: 'sentence',
      render: (_: unknown, entry) => (
        <Typography.Text title={entry.action} data-testid="ledger-sentence">
          {entry.description.sentence}
        </Typography.Text>
      ),
    },
    {
      title: t('evidence.object'),
      key: 'subject',
      width: 260,
      responsive: ['sm'],
      render: (_: unknown, entry) => <span data-testid="ledger-subject">{entry.description.subjectLabel}</span>,
    },
  ];

  const actionOptions = groupActions(
    Object.fromEntries(labels.actions.map((o) => [o.value, o.label])),
    (group) => (group === 'auth' ? t('evidence.groups.auth') : labels.subjectType(group)),
    (label) => t('evidence.groups.all', { label }),
  );
  const hasFilter = Object.keys(filter).length > 0;

  return (
    <>
      <PageHeader title={t('nav.ledger')} description={t('ledger.description')} extra={<GlossaryButton />} />
      <Flex vertical gap={16}>
        <CheckpointCard />
        <Card title={t('ledger.entries')}>
          <FilterBar testId="ledger-filters">
            <Input.Search
              allowClear
              aria-label={t('evidence.filters.number')}
              placeholder={t('evidence.filters.number')}
              style={{ width: 240 }}
              defaultValue={filter.number}
              key={`number-${filter.number ?? ''}`}
              onSearch={(number) => set('number', number.trim() || undefined)}
              data-testid="ledger-filter-number"
            />
            {readsAll && (
              <>
                <div style={{ width: 220 }}>
                  <UserSelect value={filter.actorId ?? null} onChange={(id) => set('actorId', id)} placeholder={t('evidence.filters.person')} includeInactive />
                </div>
                <div style={{ width: 240 }}>
                  <DepartmentTreeSelect value={filter.departmentId ?? null} onChange={(id) => set('departmentId', id)} placeholder={t('evidence.filters.department')} />
                </div>
              </>
            )}
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('evidence.filters.action')}
              placeholder={t('evidence.filters.action')}
              style={{ width: 240 }}
              value={actionChoice(filter)}
              onChange={(choice) => update(withActionChoice(filter, choice))}
              options={actionOptions}
              data-testid="ledger-filter-action"
            />
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('evidence.filters.subjectType')}
              placeholder={t('evidence.filters.subjectType')}
              style={{ width: 180 }}
              value={filter.subjectType}
              onChange={(subjectType) => set('subjectType', subjectType)}
              options={labels.subjectTypes}
            />
            <DatePicker.RangePicker
              format={ISO_DATE}
              allowEmpty={[true, true]}
              placeholder={t('evidence.filters.dateRange', { returnObjects: true }) as [string, string]}
              value={[filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]}
              onChange={(range) => {
                const next = { ...filter };
                delete next.from;
                delete next.to;
                const [from, to] = range ?? [null, null];
                update({ ...next, ...(from ? { from: from.format(ISO_DATE) } : {}), ...(to ? { to: to.format(ISO_DATE) } : {}) });
              }}
            />
            {hasFilter && (
              <Button onClick={() => update({})} data-testid="ledger-filter-clear">
                {t('evidence.filters.clear')}
              </Button>
            )}
          </FilterBar>
          {feed.isError ? (
            <QueryError error={feed.error} onRetry={() => void feed.refetch()} />
          ) : (
            <>
              <Table<LedgerEntry>
                rowKey="id"
                size="middle"
                columns={compact ? phoneColumns : columns}
                dataSource={feed.entries}
                loading={feed.isPending}
                pagination={false}
                expandable={{ expandedRowRender: (entry) => <ExpandedEntry entry={entry} />, expandRowByClick: true }}
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

/** An opened row: the entry's changes in plain words and the written opinion, then 详情 (the original record). */
function ExpandedEntry({ entry }: { entry: LedgerEntry }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      <Space wrap>
        <Typography.Text strong>{entry.description.sentence}</Typography.Text>
        <EntryVerification entry={entry} />
      </Space>
      {entry.comment && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{entry.comment}</Typography.Paragraph>}
      {entry.description.fields.length > 0 && (
        <>
          <Typography.Text type="secondary">{t('evidence.fields')}</Typography.Text>
          <DescribedFields fields={entry.description.fields} />
        </>
      )}
      <details>
        <summary>
          <Typography.Text type="secondary">{t('evidence.details')}</Typography.Text>
        </summary>
        <LedgerEntryDetails entry={entry} />
      </details>
    </Flex>
  );
}
