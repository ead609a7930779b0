import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { CreateRoleInput, type Role } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import type { UpdateRoleInput } from '../api/types.ts';
import { changedFields, isEmptyPatch } from '../components/patch.ts';
import { SUBJECT, createRole, updateRole } from './api.ts';
import { CatalogFormModal } from './CatalogFormModal.tsx';

interface RoleValues {
  code: string;
  name: string;
  description: string;
}

/** 角色. As with positions, the code is what other records and policies refer to, so it does not change. */
export function RoleFormModal({ role, onClose }: { role?: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const initial: RoleValues = { code: role?.code ?? '', name: role?.name ?? '', description: role?.description ?? '' };

  const save = async (values: RoleValues): Promise<Role | null> => {
    const description = (values.description ?? '').trim();
    if (!role) return createRole({ code: values.code.trim(), name: values.name.trim(), description });
    const patch = changedFields<UpdateRoleInput>(initial, { name: values.name.trim(), description });
    return isEmptyPatch(patch) ? null : updateRole(role.id, patch);
  };

  return (
    <CatalogFormModal
      title={role ? t('org.role.edit') : t('org.role.create')}
      creating={!role}
      initialValues={initial}
      codeSchema={CreateRoleInput.shape.code}
      save={save}
      list={queryKeys.roles}
      subjectType={SUBJECT.role}
      onClose={onClose}
    >
      <Form.Item name="description" label={t('common.description')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </CatalogFormModal>
  );
}
