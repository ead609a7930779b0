import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { NewPasswordFields } from '../components/NewPasswordFields.tsx';
import { useDocumentTitle } from '../components/use-document-title.ts';
import { CompanyBrand } from '../home/CompanyBrand.tsx';
import { changePassword } from '../me/api.ts';
import { logout } from './session.ts';
import styles from './LoginPage.module.css';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * 设置新密码: shown instead of the whole app while the server says the password was set by someone else
 * (`Me.mustChangePassword`); the server refuses every other call meanwhile (403 password_change_required).
 */
export function SetNewPasswordPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  useDocumentTitle(t('firstRun.password.title'));
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<Values>();

  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: Values) => changePassword({ currentPassword, newPassword }),
    onSuccess: async () => {
      void message.success(t('firstRun.password.done'));
      // Me now says mustChangePassword: false, and the app opens where the person was going.
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
    onError: (error) => reportError(error, form),
  });
  const signOut = useMutation({ mutationFn: () => logout(queryClient) });

  return (
    <div className={styles.page}>
      <div className={styles.language}>
        <LanguageSwitch />
      </div>
      <Card className={styles.card} data-testid="set-new-password">
        <CompanyBrand />
        <Typography.Title level={3}>{t('firstRun.password.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {me.displayName}（{me.username}）
        </Typography.Paragraph>
        <Alert type="info" showIcon title={t('firstRun.password.intro')} className={styles.alert} />
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(values) => change.mutate(values)}>
          <Form.Item
            name="currentPassword"
            label={t('firstRun.password.current')}
            extra={t('firstRun.password.currentHelp')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
          </Form.Item>
          <NewPasswordFields
            name="newPassword"
            label={t('firstRun.password.new')}
            confirmLabel={t('firstRun.password.confirm')}
            extra={t('firstRun.password.rules')}
            differentFrom={{ field: 'currentPassword', message: t('firstRun.password.rules') }}
            withIcon
          />
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            {t('firstRun.password.submit')}
          </Button>
        </Form>
        <Button type="link" block icon={<LogoutOutlined />} onClick={() => signOut.mutate()} loading={signOut.isPending} style={{ marginTop: 8 }}>
          {t('firstRun.password.signOut')}
        </Button>
      </Card>
    </div>
  );
}
