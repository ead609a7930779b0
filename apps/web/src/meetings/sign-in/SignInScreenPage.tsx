/**
 * 签到屏 (`/meetings/:id/screen`): a page for a wall tablet or a projector — the meeting's topic, time and place, a big QR
 * code that changes every 30 s (read again from the server just after it changes, `refresh.ts#nextReadInMs`), 已签到 / 应到
 * and the names of those signed in, latest first. The current code is on the QR image as `data-sign-in-code`.
 */
import { Button, Flex, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ExpandOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorText } from '../../api/error-text.ts';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { StatusResult } from '../../components/StatusResult.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { formatMeetingTime } from '../time.ts';
import { useSignInCode } from './api.ts';
import styles from './SignInScreen.module.css';

const enterFullScreen = () => {
  document.documentElement.requestFullscreen?.().catch(() => undefined);
};

export function SignInScreenPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const code = useSignInCode(id);
  useDocumentTitle(code.data ? `${t('meetingSignIn.screen.title')} · ${code.data.meeting.topic}` : t('meetingSignIn.screen.title'));
  const back = (
    <Link to={`/meetings/${encodeURIComponent(id)}`}>
      <ArrowLeftOutlined /> {t('meetingSignIn.screen.back')}
    </Link>
  );

  if (code.isPending) return <FullPageSpin />;
  // A screen left on after the end shows why, not a stale code.
  if (code.error) {
    return (
      <div className={styles.screen}>
        <StatusResult
          status="error"
          title={t('meetingSignIn.screen.closedTitle')}
          subTitle={errorText(t, code.error)}
          extra={
            <Flex gap={12} justify="center" wrap>
              <Button onClick={() => void code.refetch()}>{t('common.retry')}</Button>
              <Button type="link">{back}</Button>
            </Flex>
          }
        />
      </div>
    );
  }

  const view = code.data;
  return (
    <main className={styles.screen} data-testid="sign-in-screen">
      <header className={styles.header}>
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <h1 className={styles.topic}>{view.meeting.topic}</h1>
          <span className={styles.meta}>{t('meetingSignIn.screen.time', { time: formatMeetingTime(view.meeting.startsAt, view.meeting.endsAt) })}</span>
          {view.meeting.location && <span className={styles.meta}>{t('meetingSignIn.screen.place', { place: view.meeting.location })}</span>}
        </Flex>
        <Flex gap={8} align="center">
          <Button type="text">{back}</Button>
          <Button icon={<ExpandOutlined />} onClick={enterFullScreen}>
            {t('meetingSignIn.screen.fullScreen')}
          </Button>
        </Flex>
      </header>
      <div className={styles.body}>
        <section className={styles.qrCard} aria-label={t('meetingSignIn.screen.scan')}>
          <img
            className={styles.qr}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(view.qrSvg)}`}
            alt={t('meetingSignIn.screen.scan')}
            data-sign-in-code={view.code}
            data-testid="sign-in-qr"
          />
          <span className={styles.scan}>{t('meetingSignIn.screen.scan')}</span>
          <Typography.Text type="secondary">{t('meetingSignIn.screen.refresh')}</Typography.Text>
        </section>
        <section className={styles.side}>
          <div className={styles.counts} aria-live="polite">
            <div className={styles.count}>
              <div className={styles.countValue} data-testid="signed-in-count">
                {view.counts.signedIn}
              </div>
              <div className={styles.countLabel}>{t('meetingSignIn.screen.signedIn')}</div>
            </div>
            <div className={styles.count}>
              <div className={styles.countValue} data-testid="expected-count">
                {view.counts.expected}
              </div>
              <div className={styles.countLabel}>{t('meetingSignIn.screen.expected')}</div>
            </div>
          </div>
          <div className={styles.names} data-testid="signed-in-names">
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {t('meetingSignIn.screen.recent')}
            </Typography.Title>
            {view.signedIn.length === 0 ? (
              <Typography.Text type="secondary">{t('meetingSignIn.screen.nobody')}</Typography.Text>
            ) : (
              view.signedIn.map((s) => (
                <span key={s.user.id} className={styles.name}>
                  {s.user.displayName}
                  {s.attendance === 'late' && <Tag color="warning">{t('meetingSignIn.screen.late')}</Tag>}
                </span>
              ))
            )}
          </div>
        </section>
      </div>
    </main>
  );
}
