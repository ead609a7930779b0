import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { CreateRoleInput, type Role } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import type { UpdateRoleInput } from '../api/types.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { FormModal } from '../components/FormModal.tsx';
import { changedFields, isEmptyPatch } from '../components/patch.ts';
import { schemaRule } from '../components/rules.ts';
import { SUBJECT, afterChange, createRole, updateRole } from './api.ts';

interface RoleValues {
  code: string;
  name: string;
  description: string;
}

/** 角色. As with positions, the code is what other records and policies refer to, so it does not change. */
export function RoleFormModal({ role, onClose }: { role?: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<RoleValues>();
  const initial: RoleValues = { code: role?.code ?? '', name: role?.name ?? '', description: role?.description ?? '' };

  const save = useMutation({
    mutationFn: async (values: RoleValues): Promise<Role | null> => {
      const description = (values.description ?? '').trim();
      if (!role) return createRole({ code: values.code.trim(), name: values.name.trim(), description });
      const patch = changedFields<UpdateRoleInput>(initial, { name: values.name.trim(), description });
      return isEmptyPatch(patch) ? null : updateRole(role.id, patch);
    },
    onSuccess: async (saved) => {
      if (saved === null) void message.info(t('common.noChanges'));
      else {
        void message.success(t('common.saved'));
        await afterChange(queryClient, queryKeys.roles, { type: SUBJECT.role, id: saved.id });
      }
      onClose();
    },
    onError: (error) => reportError(error, form),
  });

  return (
    <FormModal<RoleValues>
      title={role ? t('org.role.edit') : t('org.role.create')}
      form={form}
      initialValues={initial}
      submitting={save.isPending}
      onSubmit={(values) => save.mutate(values)}
      onClose={onClose}
    >
      <Form.Item
        name="code"
        label={t('common.code')}
        extra={role ? undefined : t('validation.code')}
        rules={role ? [] : [{ required: true, message: t('validation.required') }, schemaRule(CreateRoleInput.shape.code, t('validation.code'))]}
      >
        <Input disabled={Boolean(role)} autoComplete="off" maxLength={40} />
      </Form.Item>
      <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="description" label={t('common.description')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
