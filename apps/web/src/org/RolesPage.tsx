import { useTranslation } from 'react-i18next';
import type { Role } from '@henji/contracts';
import { SUBJECT, useRoles } from './api.ts';
import { CatalogPage } from './CatalogPage.tsx';
import { useReferenceLabels } from './reference-labels.ts';
import { RoleFormModal } from './RoleFormModal.tsx';

/** 角色: finance, CEO, HR, audit, custodian, PM committee, admin, and any added ones. */
export function RolesPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const labels = useReferenceLabels();

  return (
    <CatalogPage<Role>
      title={t('nav.roles')}
      description={t('org.role.description')}
      createText={t('org.role.create')}
      emptyText={t('org.role.empty')}
      entries={roles}
      label={labels.role}
      subjectType={SUBJECT.role}
      skeletonRows={6}
      columns={({ name, code, kind, actions }) => [
        name,
        code,
        { title: t('common.description'), dataIndex: 'description', ellipsis: true },
        { title: t('org.role.memberCount'), dataIndex: 'memberCount', width: 120, align: 'right' },
        kind,
        actions,
      ]}
      details={(role, { name, code, kind }) => [
        name,
        code,
        { key: 'members', label: t('org.role.memberCount'), children: role.memberCount },
        kind,
        { key: 'description', label: t('common.description'), span: 2, children: role.description || '—' },
      ]}
      renderForm={(role, onClose) => <RoleFormModal role={role} onClose={onClose} />}
    />
  );
}
