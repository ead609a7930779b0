import { Suspense, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Badge, Card, Empty, Flex, Select, Space, Tabs, Tag, Typography, type TableColumnsType, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '@henji/contracts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ResponsiveTable } from '../components/ResponsiveTable.tsx';
import { useIsPhone } from '../components/use-phone.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useApplicationTypes, useInbox, useInboxCounts, type InboxQuery, type InboxTab } from './api.ts';
import { readInboxQuery, writeInboxQuery } from './list-params.ts';
import { Deadline, StatusTag, UrgentTag } from './tags.tsx';
import { ExportButton } from '../comfort/ExportButton.tsx';
import { BatchButton, SelectAll, useSelectColumn } from '../comfort/InboxBatch.tsx';
import { lazyPart } from '../components/lazy-page.tsx';

/** 批量同意's dialog downloads once something is selected, not with the inbox. */
const batchModal = lazyPart(() => import('../comfort/BatchApproveModal.tsx').then((m) => m.BatchApproveModal));

const TABS: readonly InboxTab[] = ['todo', 'done', 'cc'];
const EMPTY = { todo: 'applications.inbox.emptyTodo', done: 'applications.inbox.emptyDone', cc: 'applications.inbox.emptyCc' } as const;

/** 待办: tasks waiting for me (or for someone I act for), those I have handled, and copies sent to me. */
export function InboxPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = readInboxQuery(searchParams);
  const tab = query.tab ?? 'todo';
  const inbox = useInbox(query);
  const counts = useInboxCounts();
  const types = useApplicationTypes();
  const phone = useIsPhone();
  // 批量同意: the to-dos chosen on this page (checkboxes, phones included).
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [batchOpen, setBatchOpen] = useState(false);
  useEffect(() => {
    if (selected.size > 0) batchModal.preload();
  }, [selected]);
  const selectColumn = useSelectColumn(inbox.data?.items ?? [], selected, setSelected, phone);

  const update = (changes: Partial<InboxQuery>, { keepPage = false } = {}) =>
    setSearchParams(writeInboxQuery({ ...query, ...(keepPage ? {} : { page: 1 }), ...changes }));

  const columns: TableColumnsType<InboxItem> = [
    ...(tab === 'todo' ? [selectColumn] : []),
    {
      title: t('applications.inbox.title'),
      key: 'title',
      render: (_: unknown, item) => (
        <Flex vertical gap={2}>
          <Space size={4} wrap>
            <Typography.Link data-testid="inbox-title">{item.application.title}</Typography.Link>
            {item.application.urgent && <UrgentTag />}
            {tab === 'cc' && item.status === 'pending' && <Badge status="processing" text={t('applications.inbox.unread')} />}
          </Space>
          {item.application.number && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.application.number}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('applications.inbox.type'), key: 'type', render: (_: unknown, item) => item.application.typeName },
    { title: t('applications.inbox.applicant'), key: 'applicant', render: (_: unknown, item) => item.application.initiator.displayName },
    {
      title: t('applications.inbox.node'),
      key: 'node',
      render: (_: unknown, item) => (
        <Space size={4} wrap>
          <span>{item.nodeName}</span>
          {item.onBehalfOf && <Tag color="purple">{t('applications.inbox.onBehalf', { name: item.onBehalfOf.displayName })}</Tag>}
        </Space>
      ),
    },
    { title: t('applications.inbox.receivedAt'), dataIndex: 'receivedAt', render: formatDateTime },
    ...(tab === 'todo'
      ? [{ title: t('applications.inbox.deadline'), key: 'deadline', render: (_: unknown, item: InboxItem) => <Deadline deadline={item.deadline} slaState={item.slaState} /> }]
      : [
          { title: t('applications.inbox.actedAt'), dataIndex: 'actedAt', render: formatDateTime },
          {
            title: t('applications.inbox.decision'),
            key: 'decision',
            render: (_: unknown, item: InboxItem) => (
              <Space size={4} wrap>
                {item.decision && <Tag>{t(`applications.task.decision.${item.decision}`)}</Tag>}
                <StatusTag status={item.application.status} />
              </Space>
            ),
          },
        ]),
  ];

  const onTableChange: TableProps<InboxItem>['onChange'] = (pagination, _filters, _sorter, extra) => {
    if (extra.action === 'paginate') update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? query.pageSize }, { keepPage: true });
  };

  const countOf = (key: InboxTab) => (key === 'done' ? 0 : (counts.data?.[key] ?? 0));
  const table = inbox.isError ? (
    <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />
  ) : (
    <ResponsiveTable<InboxItem>
      cardTitle="title"
      rowKey="taskId"
      columns={columns}
      dataSource={inbox.data?.items ?? []}
      loading={inbox.isFetching}
      onChange={onTableChange}
      onRow={(item) => ({ onClick: () => void navigate(`/applications/${item.application.id}`), style: { cursor: 'pointer' } })}
      locale={{ emptyText: inbox.isPending ? ' ' : <Empty description={t(EMPTY[tab])} /> }}
      pagination={{
        current: inbox.data?.page ?? query.page,
        pageSize: inbox.data?.pageSize ?? query.pageSize,
        total: inbox.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (total) => t('common.total', { total }),
      }}
      scroll={{ x: 'max-content' }}
      data-testid="inbox-table"
    />
  );

  const chosen = (inbox.data?.items ?? []).filter((item) => selected.has(item.taskId)).length;
  const tools = (
    <Flex gap={8} wrap align="center">
      {tab === 'todo' && phone && <SelectAll items={inbox.data?.items ?? []} selected={selected} onChange={setSelected} label />}
      {tab === 'todo' && <BatchButton count={chosen} onClick={() => setBatchOpen(true)} />}
      <ExportButton path="/api/inbox/export" query={{ tab, typeId: query.typeId }} fallbackName={`${t(`applications.inbox.${tab}`)}.xlsx`} />
    </Flex>
  );

  const typeFilter = (
    <Select<string>
      allowClear
      value={query.typeId}
      onChange={(typeId) => update({ typeId })}
      placeholder={t('applications.inbox.filterType')}
      style={{ width: phone ? '100%' : 200 }}
      loading={types.isPending}
      options={(types.data ?? []).map((type) => ({ value: type.id, label: type.name }))}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );

  return (
    <>
      <PageHeader title={t('applications.nav.inbox')} description={t('applications.inbox.description')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            setSelected(new Set());
            update({ tab: TABS.find((k) => k === key) ?? 'todo' });
          }}
          tabBarExtraContent={phone ? undefined : typeFilter}
          items={TABS.map((key) => ({
            key,
            label: (
              <Space size={6}>
                {t(`applications.inbox.${key}`)}
                {countOf(key) > 0 && <Badge count={countOf(key)} overflowCount={99} color={key === 'todo' ? 'red' : 'blue'} />}
              </Space>
            ),
            // On a phone the type filter leaves the tab bar for a row of its own above the tools.
            children:
              key === tab ? (
                <Flex vertical gap={12}>
                  {phone && typeFilter}
                  {tools}
                  {table}
                </Flex>
              ) : null,
          }))}
        />
      </Card>
      {batchOpen && (
        <Suspense fallback={null}>
          <batchModal.Part
            items={inbox.data?.items ?? []}
            selected={selected}
            onClose={() => setBatchOpen(false)}
            onDone={(approved) => setSelected((current) => new Set([...current].filter((id) => !approved.includes(id))))}
          />
        </Suspense>
      )}
    </>
  );
}
