import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CreateUserInput, type UpdateUserInput, type User } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { FormModal } from '../components/FormModal.tsx';
import { changedFields, isEmptyPatch } from '../components/patch.ts';
import { emptyToNull, schemaRule } from '../components/rules.ts';
import type { Locale } from '../i18n/index.ts';
import { SUBJECT, afterChange, createUser, updateUser, usePositions, useRoles } from './api.ts';
import { DepartmentTreeSelect } from './DepartmentTreeSelect.tsx';
import { useReferenceLabels } from './reference-labels.ts';
import { UserSelect } from './UserSelect.tsx';

interface UserValues {
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  departmentId: string | null;
  positionId: string | null;
  managerId: string | null;
  roles: string[];
  password?: string;
  locale: Locale;
}

/** The server's own field schemas, so the form rejects exactly what the server would. */
const fields = CreateUserInput.shape;

interface UserFormModalProps {
  /** Edit this user; create a new one when absent. */
  user?: User;
  onClose: () => void;
}

export function UserFormModal({ user, onClose }: UserFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<UserValues>();
  const positions = usePositions();
  const roles = useRoles();
  const labels = useReferenceLabels();

  const initial: UserValues = {
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    email: user?.email ?? null,
    phone: user?.phone ?? null,
    departmentId: user?.departmentId ?? null,
    positionId: user?.positionId ?? null,
    managerId: user?.managerId ?? null,
    roles: user?.roles ?? [],
    locale: user?.locale ?? 'zh-CN',
  };

  const save = useMutation({
    mutationFn: async (values: UserValues): Promise<User | null> => {
      const common = {
        displayName: values.displayName.trim(),
        email: emptyToNull(values.email),
        phone: emptyToNull(values.phone),
        departmentId: values.departmentId ?? null,
        positionId: values.positionId ?? null,
        managerId: values.managerId ?? null,
        roles: values.roles,
        locale: values.locale,
      };
      if (!user) return createUser({ ...common, username: values.username.trim(), password: values.password || undefined });
      const patch = changedFields<UpdateUserInput>(initial, common);
      return isEmptyPatch(patch) ? null : updateUser(user.id, patch);
    },
    onSuccess: async (saved) => {
      if (saved === null) void message.info(t('common.noChanges'));
      else {
        void message.success(t('common.saved'));
        // Member counts on departments and roles move with the user.
        await Promise.all([
          afterChange(queryClient, queryKeys.users.all, { type: SUBJECT.user, id: saved.id }),
          queryClient.invalidateQueries({ queryKey: queryKeys.departments }),
          queryClient.invalidateQueries({ queryKey: queryKeys.roles }),
        ]);
      }
      onClose();
    },
    onError: (error) => reportError(error, form),
  });

  const required = { required: true, whitespace: true, message: t('validation.required') };

  return (
    <FormModal<UserValues>
      title={user ? t('org.user.edit') : t('org.user.create')}
      form={form}
      initialValues={initial}
      submitting={save.isPending}
      onSubmit={(values) => save.mutate(values)}
      onClose={onClose}
      width={720}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="username"
            label={t('org.user.username')}
            extra={user ? undefined : t('org.user.usernameHelp')}
            rules={user ? [] : [required, schemaRule(fields.username, t('validation.username'))]}
          >
            <Input disabled={Boolean(user)} autoComplete="off" maxLength={32} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="displayName" label={t('org.user.displayName')} rules={[required, { max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="email" label={t('org.user.email')} rules={[schemaRule(fields.email, t('validation.email'))]}>
            <Input type="email" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="phone" label={t('org.user.phone')} rules={[schemaRule(fields.phone, t('validation.phone'))]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="departmentId" label={t('org.user.department')}>
            <DepartmentTreeSelect />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="positionId" label={t('org.user.position')}>
            <Select
              allowClear
              loading={positions.isPending}
              placeholder={t('org.position.pick')}
              options={(positions.data ?? []).map((p) => ({ value: p.id, label: labels.position(p) }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="managerId" label={t('org.user.manager')} extra={t('org.user.managerHelp')}>
            <UserSelect excludeId={user?.id} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="roles" label={t('org.user.roles')}>
            <Select
              mode="multiple"
              allowClear
              loading={roles.isPending}
              placeholder={t('org.role.pick')}
              options={(roles.data ?? []).map((r) => ({ value: r.code, label: labels.role(r) }))}
            />
          </Form.Item>
        </Col>
        {!user && (
          <Col span={12}>
            <Form.Item
              name="password"
              label={t('org.user.initialPassword')}
              extra={t('org.user.initialPasswordHelp')}
              rules={[schemaRule(fields.password, t('validation.password'))]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
        )}
        <Col span={12}>
          <Form.Item name="locale" label={t('org.user.locale')}>
            <Select
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en-US', label: 'English' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
