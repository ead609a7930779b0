import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '@henji/contracts';
import { USER_STATUSES } from '@henji/contracts/values';
import { columnSortOrder, listTableChange } from '../api/list-params.ts';
import { queryKeys } from '../api/query-keys.ts';
import type { UserListQuery, UserSort } from '../api/types.ts';
import { hasPermission, useMe } from '../auth/session.ts';
import { FilterBar } from '../components/FilterBar.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { fetchUsers, useDepartments, usePositions, useRoles } from './api.ts';
import { DepartmentTreeSelect } from './DepartmentTreeSelect.tsx';
import { useReferenceLabels } from './reference-labels.ts';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserActions } from './UserActions.tsx';
import { UserDrawer } from './UserDrawer.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import { UserImportModal } from './UserImportModal.tsx';
import { readUserListQuery, USER_SORTS, writeUserListQuery } from './user-list-params.ts';
import { UserStatusTag } from './UserStatusTag.tsx';

/** 用户: the directory, paginated, sorted and filtered on the server. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = readUserListQuery(searchParams);
  const users = useQuery({ queryKey: queryKeys.users.list(query), queryFn: () => fetchUsers(query), placeholderData: keepPreviousData });
  const departments = useDepartments();
  const positions = usePositions();
  const roles = useRoles();
  const labels = useReferenceLabels();

  const [search, setSearch] = useState(query.q ?? '');
  const [editing, setEditing] = useState<{ user?: User } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [importing, setImporting] = useState(false);
  const [detailId, setDetailId] = useState<string | null>(null);

  /** Any change of filter or sort starts again from the first page. */
  const update = (changes: Partial<UserListQuery>, { keepPage = false } = {}) =>
    setSearchParams(writeUserListQuery({ ...query, ...(keepPage ? {} : { page: 1 }), ...changes }));

  const sortOrderOf = (key: UserSort) => columnSortOrder({ sort: query.sort ?? 'username', order: query.order ?? 'asc' }, key);

  const departmentName = (id: string | null) => departments.data?.find((d) => d.id === id)?.name ?? '—';
  const positionName = (id: string | null) => {
    const position = positions.data?.find((p) => p.id === id);
    return position ? labels.position(position) : '—';
  };
  const roleName = (code: string) => {
    const role = roles.data?.find((r) => r.code === code);
    return role ? labels.role(role) : code;
  };

  const columns: TableColumnsType<User> = [
    {
      title: t('org.user.username'),
      dataIndex: 'username',
      key: 'username',
      sorter: true,
      sortOrder: sortOrderOf('username'),
      render: (username: string) => <Typography.Text code>{username}</Typography.Text>,
    },
    {
      title: t('org.user.displayName'),
      dataIndex: 'displayName',
      key: 'displayName',
      sorter: true,
      sortOrder: sortOrderOf('displayName'),
      render: (name: string, user) => <Typography.Link onClick={() => setDetailId(user.id)}>{name}</Typography.Link>,
    },
    { title: t('org.user.department'), dataIndex: 'departmentId', render: departmentName },
    { title: t('org.user.position'), dataIndex: 'positionId', render: positionName },
    {
      title: t('org.user.roles'),
      dataIndex: 'roles',
      render: (codes: string[]) => (
        <Space size={[4, 4]} wrap>
          {codes.map((code) => (
            <Tag key={code}>{roleName(code)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('common.status'), key: 'status', render: (_: unknown, user) => <UserStatusTag user={user} /> },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: sortOrderOf('createdAt'),
      render: formatDateTime,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, user) => <UserActions user={user} onEdit={(u) => setEditing({ user: u })} onResetPassword={setResetting} />,
    },
  ];

  const onTableChange = listTableChange<User, UserSort>(USER_SORTS, query.pageSize, update);

  const filtered = Boolean(query.q || query.departmentId || query.status || query.role);
  const filters = (
    <FilterBar>
      <Input.Search
        allowClear
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        placeholder={t('org.user.searchPlaceholder')}
        style={{ width: 240 }}
        aria-label={t('org.user.searchPlaceholder')}
      />
      <div style={{ width: 220 }}>
        <DepartmentTreeSelect
          value={query.departmentId ?? null}
          onChange={(departmentId) => update({ departmentId: departmentId ?? undefined })}
          placeholder={t('org.user.filterDepartment')}
        />
      </div>
      <Select<User['status']>
        allowClear
        value={query.status}
        onChange={(status) => update({ status })}
        placeholder={t('org.user.filterStatus')}
        style={{ width: 140 }}
        options={USER_STATUSES.map((status) => ({ value: status, label: t(`org.user.status.${status}`) }))}
      />
      <Select<string>
        allowClear
        value={query.role}
        onChange={(role) => update({ role })}
        placeholder={t('org.user.filterRole')}
        style={{ width: 160 }}
        loading={roles.isPending}
        options={(roles.data ?? []).map((r) => ({ value: r.code, label: labels.role(r) }))}
      />
      {filtered && (
        <Button
          onClick={() => {
            setSearch('');
            update({ q: undefined, departmentId: undefined, status: undefined, role: undefined });
          }}
        >
          {t('common.resetFilters')}
        </Button>
      )}
    </FilterBar>
  );

  const canManage = hasPermission(me, 'org.manage');
  return (
    <>
      <PageHeader
        title={t('nav.users')}
        description={t('org.user.description')}
        extra={
          canManage && (
            <>
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                {t('org.import.open')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
                {t('org.user.create')}
              </Button>
            </>
          )
        }
      />
      <Card>
        {filters}
        {users.isError ? (
          <QueryError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            columns={columns}
            dataSource={users.data?.items ?? []}
            loading={users.isFetching}
            onChange={onTableChange}
            onRow={(user) => ({ onClick: () => setDetailId(user.id), style: { cursor: 'pointer' } })}
            locale={{ emptyText: <Empty description={filtered ? t('org.user.noMatch') : t('org.user.empty')} /> }}
            pagination={{
              current: users.data?.page ?? query.page,
              pageSize: users.data?.pageSize ?? query.pageSize,
              total: users.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.total', { total }),
            }}
            scroll={{ x: 'max-content' }}
          />
        )}
      </Card>
      {editing && <UserFormModal user={editing.user} onClose={() => setEditing(null)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
      {importing && <UserImportModal onClose={() => setImporting(false)} />}
      <UserDrawer userId={detailId} onClose={() => setDetailId(null)} />
    </>
  );
}
