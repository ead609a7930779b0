import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Empty, Flex, Input, Segmented, Select, Space, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '@henji/contracts';
import { APPLICATION_STATUSES, type ApplicationStatus } from '@henji/contracts/values';
import { columnSortOrder, listTableChange } from '../api/list-params.ts';
import { hasPermission, useMe } from '../auth/session.ts';
import { FilterBar, FILTER_HALF } from '../components/FilterBar.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ResponsiveTable } from '../components/ResponsiveTable.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useApplications, useApplicationTypes, type ApplicationListQuery } from './api.ts';
import { APPLICATION_SORTS, readApplicationListQuery, writeApplicationListQuery, type ApplicationSort } from './list-params.ts';
import { worstSla } from './progress.ts';
import { SlaTag, StatusTag, UrgentTag } from './tags.tsx';
import { ExportButton } from '../comfort/ExportButton.tsx';

/** 我的申请: my applications, paged and sorted on the server; holders of flow.monitor may switch to everyone's. */
export function MyApplicationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const mayListAll = hasPermission(me, 'flow.monitor');
  const parsed = readApplicationListQuery(searchParams);
  const query: ApplicationListQuery = mayListAll ? parsed : { ...parsed, scope: 'mine' };
  const applications = useApplications(query);
  const types = useApplicationTypes();
  const [search, setSearch] = useState(query.q ?? '');

  const update = (changes: Partial<ApplicationListQuery>, { keepPage = false } = {}) =>
    setSearchParams(writeApplicationListQuery({ ...query, ...(keepPage ? {} : { page: 1 }), ...changes }));

  const sortOrderOf = (key: ApplicationSort) => columnSortOrder({ sort: query.sort ?? 'updatedAt', order: query.order ?? 'desc' }, key);
  const all = query.scope === 'all';

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: t('applications.list.number'),
      dataIndex: 'number',
      render: (number: string | null) => (number ? <Typography.Text code>{number}</Typography.Text> : <Typography.Text type="secondary">{t('applications.list.noNumber')}</Typography.Text>),
    },
    {
      title: t('applications.list.title'),
      dataIndex: 'title',
      render: (title: string, row) => (
        <Space size={4}>
          <Link to={`/applications/${row.id}`} onClick={(e) => e.stopPropagation()} data-testid="application-title">
            {title}
          </Link>
          {row.urgent && <UrgentTag />}
        </Space>
      ),
    },
    { title: t('applications.list.type'), key: 'type', render: (_: unknown, row) => row.type.name },
    ...(all ? [{ title: t('applications.list.applicant'), key: 'initiator', render: (_: unknown, row: ApplicationSummary) => row.initiator.displayName }] : []),
    { title: t('applications.list.status'), dataIndex: 'status', render: (status: ApplicationStatus) => <StatusTag status={status} /> },
    {
      title: t('applications.list.current'),
      key: 'current',
      render: (_: unknown, row) =>
        row.currentNodes.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Flex vertical gap={2}>
            <span>{row.currentNodes.map((n) => n.nodeName).join(t('common.listSeparator'))}</span>
            {row.currentAssignees.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.currentAssignees.map((u) => u.displayName).join(t('common.listSeparator'))}
              </Typography.Text>
            )}
          </Flex>
        ),
    },
    {
      title: t('applications.list.sla'),
      key: 'sla',
      render: (_: unknown, row) => {
        const state = worstSla(row.currentNodes.map((n) => n.slaState));
        return state === 'none' ? <Typography.Text type="secondary">—</Typography.Text> : <SlaTag state={state} />;
      },
    },
    {
      title: t('applications.list.submittedAt'),
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      sorter: true,
      sortOrder: sortOrderOf('submittedAt'),
      render: formatDateTime,
    },
    { title: t('applications.list.updatedAt'), dataIndex: 'updatedAt', key: 'updatedAt', sorter: true, sortOrder: sortOrderOf('updatedAt'), render: formatDateTime },
  ];

  const onTableChange = listTableChange<ApplicationSummary, ApplicationSort>(APPLICATION_SORTS, query.pageSize, update);

  const filtered = Boolean(query.q || query.status || query.typeId);
  const filters = (
    <FilterBar>
      {mayListAll && (
        <Segmented<'mine' | 'all'>
          value={all ? 'all' : 'mine'}
          onChange={(scope) => update({ scope })}
          options={[
            { value: 'mine', label: t('applications.list.scopeMine') },
            { value: 'all', label: t('applications.list.scopeAll') },
          ]}
          data-testid="scope-toggle"
        />
      )}
      <Input.Search
        allowClear
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        placeholder={t('applications.list.searchPlaceholder')}
        aria-label={t('applications.list.searchPlaceholder')}
        style={{ width: 240 }}
      />
      <Select<ApplicationStatus>
        allowClear
        value={query.status}
        onChange={(status) => update({ status })}
        placeholder={t('applications.list.filterStatus')}
        className={FILTER_HALF}
        style={{ width: 140 }}
        options={APPLICATION_STATUSES.map((status) => ({ value: status, label: t(`applications.status.${status}`) }))}
      />
      <Select<string>
        allowClear
        value={query.typeId}
        onChange={(typeId) => update({ typeId })}
        placeholder={t('applications.list.filterType')}
        className={FILTER_HALF}
        style={{ width: 200 }}
        loading={types.isPending}
        options={(types.data ?? []).map((type) => ({ value: type.id, label: type.name }))}
        showSearch={{ optionFilterProp: 'label' }}
      />
      {filtered && (
        <Button
          onClick={() => {
            setSearch('');
            update({ q: undefined, status: undefined, typeId: undefined });
          }}
        >
          {t('common.resetFilters')}
        </Button>
      )}
    </FilterBar>
  );

  const empty = filtered ? (
    <Empty description={t('applications.list.noMatch')} />
  ) : (
    <Empty description={t('applications.list.empty')}>
      <Link to="/applications/catalog">
        <Button type="primary">{t('applications.list.toCatalog')}</Button>
      </Link>
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={all ? t('applications.list.scopeAll') : t('applications.nav.mine')}
        description={all ? t('applications.list.allDescription') : t('applications.list.description')}
        extra={
          <Space wrap>
            {!all && <ExportButton path="/api/applications/export" query={{ status: query.status, typeId: query.typeId, q: query.q }} fallbackName={`${t('applications.nav.mine')}.xlsx`} />}
            <Link to="/applications/catalog">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('applications.catalog.start')}
              </Button>
            </Link>
          </Space>
        }
      />
      <Card>
        {filters}
        {applications.isError ? (
          <QueryError error={applications.error} onRetry={() => void applications.refetch()} />
        ) : (
          <ResponsiveTable<ApplicationSummary>
            cardTitle="title"
            rowKey="id"
            columns={columns}
            dataSource={applications.data?.items ?? []}
            loading={applications.isFetching}
            onChange={onTableChange}
            onRow={(row) => ({ onClick: () => void navigate(`/applications/${row.id}`), style: { cursor: 'pointer' } })}
            locale={{ emptyText: applications.isPending ? ' ' : empty }}
            pagination={{
              current: applications.data?.page ?? query.page,
              pageSize: applications.data?.pageSize ?? query.pageSize,
              total: applications.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.total', { total }),
            }}
            scroll={{ x: 'max-content' }}
            data-testid="applications-table"
          />
        )}
      </Card>
    </>
  );
}
