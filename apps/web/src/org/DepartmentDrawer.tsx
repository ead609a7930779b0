import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Department } from '@henji/contracts';
import { DetailDrawer } from '../components/DetailDrawer.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { SUBJECT } from './api.ts';
import { UserName } from './UserName.tsx';

interface DepartmentDrawerProps {
  department: Department | null;
  departments: readonly Department[];
  onClose: () => void;
}

export function DepartmentDrawer({ department, departments, onClose }: DepartmentDrawerProps) {
  const { t } = useTranslation();
  const parent = department?.parentId ? departments.find((d) => d.id === department.parentId) : undefined;
  return (
    <DetailDrawer
      title={department ? `${department.name} (${department.code})` : ''}
      open={department !== null}
      onClose={onClose}
      subjectType={SUBJECT.department}
      subjectId={department?.id ?? null}
    >
      {department && (
        <Descriptions
          column={2}
          size="small"
          bordered
          items={[
            { key: 'name', label: t('org.department.name'), children: department.name },
            { key: 'code', label: t('org.department.code'), children: <Tag>{department.code}</Tag> },
            { key: 'parent', label: t('org.department.parent'), children: parent ? parent.name : '—' },
            { key: 'head', label: t('org.department.head'), children: <UserName id={department.headUserId} /> },
            { key: 'members', label: t('org.department.memberCount'), children: department.memberCount },
            { key: 'sortOrder', label: t('org.department.sortOrder'), children: department.sortOrder },
            {
              key: 'active',
              label: t('common.status'),
              children: department.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
            },
            { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(department.createdAt) },
            { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(department.updatedAt) },
          ]}
        />
      )}
    </DetailDrawer>
  );
}
