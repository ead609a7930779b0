import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { FormModal } from '../components/FormModal.tsx';
import { NewPasswordFields } from '../components/NewPasswordFields.tsx';
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
      <NewPasswordFields name="password" label={t('org.user.newPassword')} confirmLabel={t('org.user.confirmPassword')} />
    </FormModal>
  );
}
