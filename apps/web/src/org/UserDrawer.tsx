import { Descriptions, Skeleton, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { DetailDrawer } from '../components/DetailDrawer.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { SUBJECT, useDepartments, usePositions, useRoles, useUser } from './api.ts';
import { useReferenceLabels } from './reference-labels.ts';
import { UserName } from './UserName.tsx';
import { UserStatusTag } from './UserStatusTag.tsx';

/** One user's profile, read fresh from GET /api/users/:id, and their traces. */
export function UserDrawer({ userId, onClose }: { userId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useUser(userId);
  const departments = useDepartments();
  const positions = usePositions();
  const roles = useRoles();
  const labels = useReferenceLabels();

  let details;
  if (user.isPending) details = <Skeleton active />;
  else if (user.isError) details = <QueryError compact error={user.error} onRetry={() => void user.refetch()} />;
  else {
    const u = user.data;
    const department = departments.data?.find((d) => d.id === u.departmentId);
    const position = positions.data?.find((p) => p.id === u.positionId);
    const roleLabel = (code: string) => {
      const role = roles.data?.find((r) => r.code === code);
      return role ? labels.role(role) : code;
    };
    details = (
      <Descriptions
        column={2}
        size="small"
        bordered
        items={[
          { key: 'username', label: t('org.user.username'), children: u.username },
          { key: 'displayName', label: t('org.user.displayName'), children: u.displayName },
          { key: 'email', label: t('org.user.email'), children: u.email ?? '—' },
          { key: 'phone', label: t('org.user.phone'), children: u.phone ?? '—' },
          { key: 'department', label: t('org.user.department'), children: department?.name ?? '—' },
          { key: 'position', label: t('org.user.position'), children: position ? labels.position(position) : '—' },
          { key: 'manager', label: t('org.user.manager'), children: <UserName id={u.managerId} /> },
          { key: 'status', label: t('common.status'), children: <UserStatusTag user={u} /> },
          {
            key: 'roles',
            label: t('org.user.roles'),
            span: 2,
            children:
              u.roles.length > 0 ? (
                <Space size={[4, 4]} wrap>
                  {u.roles.map((code) => (
                    <Tag key={code}>{roleLabel(code)}</Tag>
                  ))}
                </Space>
              ) : (
                '—'
              ),
          },
          { key: 'locale', label: t('org.user.locale'), children: u.locale === 'en-US' ? 'English' : '中文' },
          { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(u.createdAt) },
        ]}
      />
    );
  }

  return (
    <DetailDrawer
      title={user.data ? `${user.data.displayName} (${user.data.username})` : t('org.user.detail')}
      open={userId !== null}
      onClose={onClose}
      subjectType={SUBJECT.user}
      subjectId={userId}
    >
      {details}
    </DetailDrawer>
  );
}
