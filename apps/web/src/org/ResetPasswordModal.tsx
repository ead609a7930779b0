import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Password, type User } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { FormModal } from '../components/FormModal.tsx';
import { schemaRule } from '../components/rules.ts';
import { SUBJECT, afterChange, resetUserPassword } from './api.ts';

interface ResetValues {
  password: string;
  confirm: string;
}

/** An administrator sets a new password for a user (e.g. a forgotten one); the old one is not needed. */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<ResetValues>();

  const reset = useMutation({
    mutationFn: (values: ResetValues) => resetUserPassword(user.id, values.password),
    onSuccess: async () => {
      void message.success(t('org.user.passwordReset'));
      await afterChange(queryClient, queryKeys.users.all, { type: SUBJECT.user, id: user.id });
      onClose();
    },
    onError: (error) => reportError(error, form),
  });

  return (
    <FormModal<ResetValues>
      title={t('org.user.resetPasswordFor', { name: user.displayName })}
      form={form}
      submitting={reset.isPending}
      onSubmit={(values) => reset.mutate(values)}
      onClose={onClose}
      okText={t('org.user.resetPassword')}
    >
      <Typography.Paragraph type="secondary">{t('org.user.resetPasswordHelp')}</Typography.Paragraph>
      <Form.Item
        name="password"
        label={t('org.user.newPassword')}
        rules={[{ required: true, message: t('validation.required') }, schemaRule(Password, t('validation.password'))]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('org.user.confirmPassword')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              if (value && value !== getFieldValue('password')) throw new Error(t('validation.passwordMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
