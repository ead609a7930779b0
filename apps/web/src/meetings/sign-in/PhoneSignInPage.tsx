/**
 * 扫码签到 (`/m/sign-in?m=<meeting>&c=<code>`): the page an attendee's phone opens from the room screen's QR code.
 * Signed out, the app's guard sends them to the login page and back here; then the code is sent once and the page shows
 * the sign-in time, or why it did not work — an expired code reads 二维码已过期，请重新扫描.
 */
import { useEffect, useRef } from 'react';
import { Button, Flex, Spin, Typography, theme } from 'antd';
import { CheckCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { uuidParam } from '../../api/list-params.ts';
import { errorText } from '../../api/error-text.ts';
import { StatusResult } from '../../components/StatusResult.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { afterAttendanceChange, signInToMeeting } from './api.ts';

export function PhoneSignInPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const queryClient = useQueryClient();
  useDocumentTitle(t('meetingSignIn.phone.title'));
  const [params] = useSearchParams();
  const meetingId = uuidParam(params.get('m')) ?? '';
  const code = params.get('c') ?? '';
  const complete = meetingId !== '' && code !== '';
  const signIn = useMutation({
    mutationFn: () => signInToMeeting(meetingId, code),
    onSuccess: () => afterAttendanceChange(queryClient, meetingId),
  });
  // Once per page: a reload of this page sends the code again and is told it was used (已签到), not signed in twice.
  const sent = useRef(false);
  useEffect(() => {
    if (!complete || sent.current) return;
    sent.current = true;
    signIn.mutate();
  }, [complete, signIn]);

  const meetingLink = (
    <Link to={`/meetings/${encodeURIComponent(meetingId)}`}>
      <Button type="primary" size="large">
        {t('meetingSignIn.phone.openMeeting')}
      </Button>
    </Link>
  );

  if (!complete) {
    return <StatusResult status="error" title={t('meetingSignIn.phone.failed')} subTitle={t('meetingSignIn.phone.incomplete')} extra={<Link to="/">{t('meetingSignIn.phone.home')}</Link>} />;
  }
  if (signIn.isPending || signIn.isIdle) {
    return (
      <Flex vertical align="center" gap={16} style={{ padding: '64px 24px' }} role="status">
        <Spin size="large" />
        <Typography.Text>{t('meetingSignIn.phone.signingIn')}</Typography.Text>
      </Flex>
    );
  }
  if (signIn.error) {
    const error = signIn.error;
    const reason = isApiError(error) ? error.details['reason'] : undefined;
    if (reason === 'already_signed_in') {
      return (
        <Flex vertical align="center" gap={12} style={{ padding: '48px 24px', textAlign: 'center' }} role="status" data-testid="sign-in-result" data-outcome="already">
          <InfoCircleFilled style={{ fontSize: 64, color: token.colorInfo }} aria-hidden />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('meetingSignIn.phone.already')}
          </Typography.Title>
          <Typography.Text type="secondary">{error.message}</Typography.Text>
          {meetingLink}
        </Flex>
      );
    }
    return (
      <div data-testid="sign-in-result" data-outcome={typeof reason === 'string' ? reason : 'error'}>
        <StatusResult
          status="error"
          title={reason === 'expired' ? t('meetingSignIn.phone.expired') : t('meetingSignIn.phone.failed')}
          subTitle={reason === 'expired' ? undefined : errorText(t, error)}
          extra={isApiError(error) && error.status === 404 ? <Link to="/">{t('meetingSignIn.phone.home')}</Link> : meetingLink}
        />
      </div>
    );
  }
  const result = signIn.data;
  return (
    <Flex vertical align="center" gap={12} style={{ padding: '48px 24px', textAlign: 'center' }} role="status" data-testid="sign-in-result" data-outcome={result.attendance}>
      <CheckCircleFilled style={{ fontSize: 72, color: result.attendance === 'late' ? token.colorWarning : token.colorSuccess }} aria-hidden />
      <Typography.Title level={3} style={{ margin: 0 }}>
        {result.attendance === 'late' ? t('meetingSignIn.phone.successLate') : t('meetingSignIn.phone.success')}
      </Typography.Title>
      <Typography.Text strong style={{ fontSize: 16 }}>
        {result.topic}
      </Typography.Text>
      <Typography.Text type="secondary">{t('meetingSignIn.phone.at', { time: formatDateTime(result.signedInAt) })}</Typography.Text>
      {meetingLink}
    </Flex>
  );
}
