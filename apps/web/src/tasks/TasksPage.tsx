import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Badge, Button, Card, Flex, Input, Select, Space, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TrackedTaskSummary } from '@henji/contracts';
import { TASK_VIEWS, TRACKED_TASK_STATUSES, type TaskView, type TrackedTaskStatus } from '@henji/contracts/values';
import { columnSortOrder, listTableChange } from '../api/list-params.ts';
import { FilterBar } from '../components/FilterBar.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ResponsiveTable } from '../components/ResponsiveTable.tsx';
import { BeyondKnownRangeTag } from '../calendar/DeadlineTags.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useTasks, type TaskListQuery } from './api.ts';
import { CreateTaskModal } from './CreateTaskModal.tsx';
import { readTaskPageState, TASK_SORTS, writeTaskPageState, type TaskPageState, type TaskSort } from './list-params.ts';
import { TaskDrawer } from './TaskDrawer.tsx';
import { TaskFlags, TaskSourceTag, TaskStatusTag } from './tags.tsx';

/** 督办任务: my tasks, those I assigned, my department's and the overdue ones; paged, sorted and filtered on the server. */
export function TasksPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readTaskPageState(searchParams);
  const { query, taskId } = state;
  const tasks = useTasks(query);
  const [search, setSearch] = useState(query.q ?? '');
  const [creating, setCreating] = useState(false);

  const go = (next: TaskPageState) => setSearchParams(writeTaskPageState(next));
  const update = (changes: Partial<TaskListQuery>, { keepPage = false } = {}) =>
    go({ ...state, query: { ...query, ...(keepPage ? {} : { page: 1 }), ...changes } });
  const open = (id: string | null) => go({ ...state, taskId: id });

  const sortOrderOf = (key: TaskSort) => columnSortOrder({ sort: query.sort ?? 'deadline', order: query.order ?? 'asc' }, key);
  const none = <Typography.Text type="secondary">—</Typography.Text>;

  const columns: TableColumnsType<TrackedTaskSummary> = [
    { title: t('tasks.columns.number'), dataIndex: 'number', width: 120, render: (number: string | null) => number ?? none },
    {
      title: t('tasks.columns.title'),
      dataIndex: 'title',
      render: (title: string, row) => (
        <Flex vertical gap={2}>
          <Typography.Link onClick={() => open(row.id)} data-testid="task-title">
            {title}
          </Typography.Link>
          <span>
            <TaskFlags task={row} />
          </span>
        </Flex>
      ),
    },
    { title: t('tasks.columns.source'), dataIndex: 'source', render: (_: unknown, row) => <TaskSourceTag source={row.source} /> },
    { title: t('tasks.columns.owner'), key: 'owner', render: (_: unknown, row) => row.owner?.displayName ?? <Tag color="orange">{t('tasks.noOwner')}</Tag> },
    { title: t('tasks.columns.department'), key: 'department', render: (_: unknown, row) => row.department?.name ?? none },
    {
      title: t('tasks.columns.deadline'),
      dataIndex: 'deadline',
      key: 'deadline',
      sorter: true,
      sortOrder: sortOrderOf('deadline'),
      render: (deadline: string | null, row) =>
        deadline ? (
          <Space size={4}>
            <span>{formatDateTime(deadline)}</span>
            {row.overdue && row.status !== 'closed' && <Tag color="error">{t('tasks.overdueTag')}</Tag>}
            {row.deadlineBeyondKnownRange && row.status !== 'closed' && <BeyondKnownRangeTag years={[]} text={t('calendar.beyond.task')} flagged />}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('tasks.noDeadline')}</Typography.Text>
        ),
    },
    { title: t('tasks.columns.status'), dataIndex: 'status', render: (status: TrackedTaskStatus) => <TaskStatusTag status={status} /> },
    {
      title: t('tasks.columns.lastReport'),
      dataIndex: 'lastReportAt',
      key: 'lastReportAt',
      sorter: true,
      sortOrder: sortOrderOf('lastReportAt'),
      render: (at: string | null) => (at ? formatDateTime(at) : <Typography.Text type="secondary">{t('tasks.never')}</Typography.Text>),
    },
  ];

  const onTableChange = listTableChange<TrackedTaskSummary, TaskSort>(TASK_SORTS, query.pageSize, update);

  const counts = tasks.data?.counts;
  const tabs = TASK_VIEWS.map((view: TaskView) => ({
    key: view,
    label: (
      <Space size={6}>
        {t(`tasks.views.${view}`)}
        {counts && <Badge count={counts[view]} showZero color={view === 'overdue' && counts.overdue > 0 ? 'red' : 'blue'} overflowCount={999} />}
      </Space>
    ),
  }));

  const filtered = Boolean(query.q || query.status);
  const filters = (
    <FilterBar>
      <Input.Search
        allowClear
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        placeholder={t('tasks.filters.search')}
        aria-label={t('tasks.filters.search')}
        style={{ width: 240 }}
      />
      <Select<TrackedTaskStatus>
        allowClear
        value={query.status}
        onChange={(status) => update({ status })}
        placeholder={t('tasks.filters.status')}
        style={{ width: 160 }}
        options={TRACKED_TASK_STATUSES.map((status) => ({ value: status, label: t(`tasks.status.${status}`) }))}
      />
      {filtered && (
        <Button
          onClick={() => {
            setSearch('');
            update({ q: undefined, status: undefined });
          }}
        >
          {t('common.resetFilters')}
        </Button>
      )}
    </FilterBar>
  );

  let table;
  if (tasks.isError) table = <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />;
  else
    table = (
      <ResponsiveTable<TrackedTaskSummary>
        cardTitle="title"
        rowKey="id"
        columns={columns}
        dataSource={tasks.data?.items ?? []}
        loading={tasks.isPending || tasks.isFetching}
        onChange={onTableChange}
        onRow={(row) => ({ onClick: () => open(row.id), style: { cursor: 'pointer' } })}
        locale={{ emptyText: t(`tasks.empty.${query.view}`) }}
        pagination={{ current: query.page, pageSize: query.pageSize, total: tasks.data?.total ?? 0, showSizeChanger: true }}
        scroll={{ x: 1080 }}
        data-testid="tasks-table"
      />
    );

  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        description={t('tasks.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tasks.create')}
          </Button>
        }
      />
      <Card>
        <Tabs activeKey={query.view} items={tabs} onChange={(view) => update({ view: TASK_VIEWS.find((v) => v === view) ?? 'mine' })} />
        {filters}
        {table}
      </Card>
      {creating && (
        <CreateTaskModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            go({ query: { ...query, view: 'assigned', page: 1 }, taskId: id });
          }}
        />
      )}
      <TaskDrawer taskId={taskId} onClose={() => open(null)} />
    </>
  );
}
