import { Flex, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskPage, TrackedTaskSummary } from '@henji/contracts';
import type { TrackedTaskStatus, TaskView } from '@henji/contracts/values';
import type { UseQueryResult } from '@tanstack/react-query';
import { columnSortOrder, listTableChange, type ListTableChange } from '../api/list-params.ts';
import { QueryError } from '../components/QueryError.tsx';
import { ResponsiveTable } from '../components/ResponsiveTable.tsx';
import { BeyondKnownRangeTag } from '../calendar/DeadlineTags.tsx';
import { formatDateTime } from '../i18n/format.ts';
import type { TaskListQuery } from './api.ts';
import { TASK_SORTS, type TaskSort } from './list-params.ts';
import { TaskFlags, TaskSourceTag, TaskStatusTag } from './tags.tsx';

interface TaskListProps {
  tasks: UseQueryResult<TaskPage>;
  query: TaskListQuery & { view: TaskView };
  update: (change: ListTableChange<TaskSort>, options?: { keepPage?: boolean }) => void;
  open: (id: string) => void;
}

/** The 督办 list: paged, sorted and filtered on the server; a row opens the task. */
export function TaskList({ tasks, query, update, open }: TaskListProps) {
  const { t } = useTranslation();
  const sortOrderOf = (key: TaskSort) => columnSortOrder({ sort: query.sort ?? 'deadline', order: query.order ?? 'asc' }, key);
  const none = <Typography.Text type="secondary">—</Typography.Text>;

  const columns: TableColumnsType<TrackedTaskSummary> = [
    { title: t('tasks.columns.number'), dataIndex: 'number', key: 'number', width: 120, sorter: true, sortOrder: sortOrderOf('number'), render: (number: string | null) => number ?? none },
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

  if (tasks.isError) return <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />;
  const filtered = Boolean(query.q || query.status || query.source || query.departmentId || query.ownerId || query.deadlineFrom || query.deadlineTo || query.overdue);
  return (
    <ResponsiveTable<TrackedTaskSummary>
      cardTitle="title"
      rowKey="id"
      columns={columns}
      dataSource={tasks.data?.items ?? []}
      loading={tasks.isPending || tasks.isFetching}
      onChange={listTableChange<TrackedTaskSummary, TaskSort>(TASK_SORTS, query.pageSize, update)}
      onRow={(row) => ({ onClick: () => open(row.id), style: { cursor: 'pointer' } })}
      locale={{ emptyText: filtered ? t('tasks.empty.filtered') : t(`tasks.empty.${query.view}`) }}
      pagination={{ current: query.page, pageSize: query.pageSize, total: tasks.data?.total ?? 0, showSizeChanger: true }}
      scroll={{ x: 1080 }}
      data-testid="tasks-table"
    />
  );
}
