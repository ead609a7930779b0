import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Role } from '@henji/contracts';
import { hasPermission, useMe } from '../auth/session.ts';
import { can } from '../components/can.ts';
import { DetailDrawer } from '../components/DetailDrawer.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { SUBJECT, useRoles } from './api.ts';
import { useReferenceLabels } from './reference-labels.ts';
import { RoleFormModal } from './RoleFormModal.tsx';

/** 角色: finance, CEO, HR, audit, custodian, PM committee, admin, and any added ones. */
export function RolesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const roles = useRoles();
  const labels = useReferenceLabels();
  const [editing, setEditing] = useState<{ role?: Role } | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const list = roles.data ?? [];
  const detail = list.find((r) => r.id === detailId) ?? null;

  const columns: TableColumnsType<Role> = [
    {
      title: t('common.name'),
      key: 'name',
      render: (_: unknown, role) => <Typography.Link onClick={() => setDetailId(role.id)}>{labels.role(role)}</Typography.Link>,
    },
    { title: t('common.code'), dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    { title: t('common.description'), dataIndex: 'description', ellipsis: true },
    { title: t('org.role.memberCount'), dataIndex: 'memberCount', width: 120, align: 'right' },
    { title: t('common.kind'), dataIndex: 'builtin', width: 120, render: (builtin: boolean) => (builtin ? <Tag>{t('common.builtin')}</Tag> : <Tag color="blue">{t('common.custom')}</Tag>) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_: unknown, role) =>
        can(role, 'update') && (
          <Button
            type="link"
            size="small"
            onClick={(event) => {
              event.stopPropagation();
              setEditing({ role });
            }}
          >
            {t('common.edit')}
          </Button>
        ),
    },
  ];

  let body;
  if (roles.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (roles.isError) body = <QueryError error={roles.error} onRetry={() => void roles.refetch()} />;
  else if (list.length === 0) body = <Empty description={t('org.role.empty')} />;
  else
    body = (
      <Table<Role>
        rowKey="id"
        columns={columns}
        dataSource={list}
        pagination={false}
        onRow={(role) => ({ onClick: () => setDetailId(role.id), style: { cursor: 'pointer' } })}
      />
    );

  return (
    <>
      <PageHeader
        title={t('nav.roles')}
        description={t('org.role.description')}
        extra={
          hasPermission(me, 'org.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
              {t('org.role.create')}
            </Button>
          )
        }
      />
      <Card>{body}</Card>
      {editing && <RoleFormModal role={editing.role} onClose={() => setEditing(null)} />}
      <DetailDrawer
        title={detail ? labels.role(detail) : ''}
        open={detail !== null}
        onClose={() => setDetailId(null)}
        subjectType={SUBJECT.role}
        subjectId={detail?.id ?? null}
      >
        {detail && (
          <Descriptions
            column={2}
            size="small"
            bordered
            items={[
              { key: 'name', label: t('common.name'), children: labels.role(detail) },
              { key: 'code', label: t('common.code'), children: detail.code },
              { key: 'members', label: t('org.role.memberCount'), children: detail.memberCount },
              { key: 'builtin', label: t('common.kind'), children: detail.builtin ? t('common.builtin') : t('common.custom') },
              { key: 'description', label: t('common.description'), span: 2, children: detail.description || '—' },
            ]}
          />
        )}
      </DetailDrawer>
    </>
  );
}
