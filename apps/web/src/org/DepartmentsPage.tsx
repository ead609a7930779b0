import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Department } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { hasPermission, useMe } from '../auth/session.ts';
import { can } from '../components/can.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { SUBJECT, afterChange, updateDepartment, useDepartments } from './api.ts';
import { buildDepartmentTree, type DepartmentNode } from './department-tree.ts';
import { DepartmentDrawer } from './DepartmentDrawer.tsx';
import { DepartmentFormModal } from './DepartmentFormModal.tsx';
import { UserName } from './UserName.tsx';

/** 组织架构 → 部门: the department tree with its heads and member counts. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const departments = useDepartments();
  const [editing, setEditing] = useState<{ department?: Department } | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);

  const setActive = useMutation({
    mutationFn: ({ department, active }: { department: Department; active: boolean }) => updateDepartment(department.id, { active }),
    onSuccess: async (saved, { active }) => {
      void message.success(active ? t('org.department.reactivated') : t('org.department.deactivated'));
      await afterChange(queryClient, queryKeys.departments, { type: SUBJECT.department, id: saved.id });
    },
    onError: (error) => reportError(error),
  });

  const list = departments.data ?? [];
  const detail = list.find((d) => d.id === detailId) ?? null;

  const columns: TableColumnsType<DepartmentNode> = [
    {
      title: t('org.department.name'),
      dataIndex: 'name',
      render: (name: string, department) => (
        <Typography.Link onClick={() => setDetailId(department.id)} data-testid="department-name">
          {name}
        </Typography.Link>
      ),
    },
    { title: t('org.department.code'), dataIndex: 'code', width: 120, render: (code: string) => <Tag>{code}</Tag> },
    { title: t('org.department.head'), dataIndex: 'headUserId', width: 160, render: (id: string | null) => <UserName id={id} /> },
    { title: t('org.department.memberCount'), dataIndex: 'memberCount', width: 120, align: 'right' },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 100,
      render: (active: boolean) => (active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      render: (_: unknown, department) =>
        can(department, 'update') && (
          // Clicks here must not also open the detail drawer, which the row's own click does.
          <Space size={0} onClick={(event) => event.stopPropagation()}>
            <Button type="link" size="small" onClick={() => setEditing({ department })}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={department.active ? t('org.department.confirmDeactivate', { name: department.name }) : t('org.department.confirmReactivate', { name: department.name })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => setActive.mutateAsync({ department, active: !department.active }).catch(() => undefined)}
            >
              <Button type="link" size="small" danger={department.active}>
                {department.active ? t('org.department.deactivate') : t('org.department.reactivate')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  let body;
  if (departments.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (departments.isError) body = <QueryError error={departments.error} onRetry={() => void departments.refetch()} />;
  else if (list.length === 0) body = <Empty description={t('org.department.empty')} />;
  else
    body = (
      <Table<DepartmentNode>
        rowKey="id"
        columns={columns}
        dataSource={buildDepartmentTree(list)}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        onRow={(department) => ({ onClick: () => setDetailId(department.id), style: { cursor: 'pointer' } })}
        size="middle"
      />
    );

  return (
    <>
      <PageHeader
        title={t('nav.departments')}
        description={t('org.department.description')}
        extra={
          hasPermission(me, 'org.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
              {t('org.department.create')}
            </Button>
          )
        }
      />
      <Card>{body}</Card>
      {editing && <DepartmentFormModal department={editing.department} onClose={() => setEditing(null)} />}
      <DepartmentDrawer department={detail} departments={list} onClose={() => setDetailId(null)} />
    </>
  );
}
