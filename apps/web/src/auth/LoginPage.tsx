import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import { LockOutlined, LoginOutlined, UserOutlined } from '@ant-design/icons';
import type { SignInMethods } from '@henji/contracts';
import { SSO_REFUSAL_REASONS, type SsoRefusalReason } from '@henji/contracts/values';
import { api } from '../api/client.ts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { errorText } from '../api/error-text.ts';
import { applyFieldErrors } from '../api/form-errors.ts';
import { queryKeys } from '../api/query-keys.ts';
import type { LoginInput } from '../api/types.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useDocumentTitle } from '../components/use-document-title.ts';
import { formatDateTime } from '../i18n/format.ts';
import { fetchMe, login } from './session.ts';
import { CompanyBrand } from '../home/CompanyBrand.tsx';
import styles from './LoginPage.module.css';

/** Only same-app paths: a crafted `?next=//evil.example` must not turn the login page into an open redirect. */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') ? value : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('login.title'));
  const [form] = Form.useForm<LoginInput>();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);

  const me = useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 5 * 60_000 });
  const methods = useQuery({
    queryKey: ['sign-in-methods'],
    queryFn: () => api<SignInMethods>('/api/auth/methods', { expectUnauthenticated: true }),
    staleTime: 5 * 60_000,
  });
  // A provider sign-in that was refused comes back as /login?sso_error=<reason> (kernel/sso/routes.ts).
  const ssoError = searchParams.get('sso_error');
  const ssoFailure = ssoError
    ? (SSO_REFUSAL_REASONS as readonly string[]).includes(ssoError)
      ? t(`sso.errors.${ssoError as SsoRefusalReason}`)
      : t('sso.errors.unknown')
    : null;
  const providers = methods.data?.methods ?? [];
  const signIn = useMutation({
    mutationFn: (input: LoginInput) => login(queryClient, input),
    onMutate: () => setFailure(null),
    onSuccess: () => void navigate(next, { replace: true }),
    onError: (error) => {
      if (applyFieldErrors(form, error).applied) return;
      setFailure(loginFailureText(error));
    },
  });

  function loginFailureText(error: unknown): string {
    if (!isApiError(error)) return errorText(t, error);
    switch (error.code) {
      case 'unauthenticated':
        return t('login.errors.invalid');
      case 'account_locked': {
        const until = error.details['lockedUntil'];
        return typeof until === 'string'
          ? t('login.errors.lockedUntil', { until: formatDateTime(until) })
          : t('login.errors.locked');
      }
      case 'rate_limited':
        return t('login.errors.rateLimited');
      default:
        return errorText(t, error);
    }
  }

  if (me.isPending) return <FullPageSpin />;
  if (me.data) return <Navigate to={next} replace />;

  return (
    <div className={styles.page}>
      <div className={styles.language}>
        <LanguageSwitch />
      </div>
      <Card className={styles.card}>
        <CompanyBrand />
        <Typography.Title level={2} className={styles.brand}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className={styles.tagline}>
          {t('app.tagline')}
        </Typography.Paragraph>
        {(failure ?? ssoFailure) && (
          <Alert type="error" showIcon title={failure ?? ssoFailure} className={styles.alert} data-testid="login-error" />
        )}
        <Form<LoginInput> form={form} layout="vertical" requiredMark={false} onFinish={(values) => signIn.mutate(values)}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
        {providers.length > 0 && (
          <>
            <Divider plain>{t('sso.or')}</Divider>
            {providers.map((method) => (
              // A plain link: the server answers with a redirect to the provider, which a fetch could not follow.
              <Button
                key={method}
                block
                icon={<LoginOutlined />}
                href={`/api/auth/${method}/start?next=${encodeURIComponent(next)}`}
                className={styles.provider}
                data-testid={`sign-in-${method}`}
              >
                {t(`sso.${method}`)}
              </Button>
            ))}
          </>
        )}
      </Card>
    </div>
  );
}
