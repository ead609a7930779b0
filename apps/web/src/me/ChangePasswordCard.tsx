import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys.ts';
import type { ChangePasswordInput } from '../api/types.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { NewPasswordFields } from '../components/NewPasswordFields.tsx';
import { changePassword } from './api.ts';

interface PasswordValues extends ChangePasswordInput {
  confirm: string;
}

export function ChangePasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<PasswordValues>();

  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordValues) => changePassword({ currentPassword, newPassword }),
    onSuccess: async () => {
      void message.success(t('me.password.changed'));
      form.resetFields();
      // The server may rotate the session (and its CSRF token) on a password change.
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
    onError: (error) => reportError(error, form),
  });

  return (
    <Card title={t('me.password.title')}>
      <Form<PasswordValues> form={form} layout="vertical" onFinish={(values) => change.mutate(values)} style={{ maxWidth: 400 }}>
        <Form.Item name="currentPassword" label={t('me.password.current')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields name="newPassword" label={t('me.password.new')} confirmLabel={t('me.password.confirm')} extra={t('validation.password')} />
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('me.password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
