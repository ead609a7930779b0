import { Suspense, useState, type ReactNode } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Descriptions, Flex, Skeleton, Space, Tabs, Tag } from 'antd';
import { BellOutlined, EditOutlined, FilePdfOutlined, LockOutlined, QrcodeOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { useMe } from '../auth/session.ts';
import { can } from '../components/can.ts';
import { lazyPart } from '../components/lazy-page.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { TracePanel } from '../components/TracePanel.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { afterMeetingChange, noticePdfUrl, remindMeeting, sendNotice, useMeeting } from './api.ts';
import { CancelMeetingModal } from './CancelMeetingModal.tsx';
import { MyReplyCard } from './MyReplyCard.tsx';
import { NoticePanel } from './NoticePanel.tsx';
import { RepliesPanel } from './RepliesPanel.tsx';
import { useScopeQuestion } from './ScopeModal.tsx';
import { MEETING_STEPS, MEETING_SUBJECT, MINUTES_SUBJECT, stepOf, type MeetingStep } from './steps.ts';
import { MeetingKindTag, MeetingStatusTag, MeetingTime } from './tags.tsx';


/** The parts other engineers build (sign-in M2, minutes and resolutions M3/M4), each downloaded when its tab opens. */
const signIn = lazyPart(() => import('./sign-in/SignInPanel.tsx').then((m) => m.SignInPanel));
const minutes = lazyPart(() => import('./minutes/MinutesPanel.tsx').then((m) => m.MinutesPanel));
const resolutions = lazyPart(() => import('./minutes/ResolutionsPanel.tsx').then((m) => m.ResolutionsPanel));

/** 会议: one meeting and its whole chain — notice → replies → sign-in → minutes → resolutions — each with its trace. */
export function MeetingPage() {
  const { id } = useParams();
  const meeting = useMeeting(id);
  if (meeting.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (meeting.isError) return <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  return <MeetingView meeting={meeting.data} />;
}

function MeetingView({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [searchParams, setSearchParams] = useSearchParams();
  const step = stepOf(searchParams.get('step'));
  const [busy, setBusy] = useState<'notice' | 'remind' | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const scope = useScopeQuestion();
  const mine = meeting.attendees.find((a) => a.user.id === me.id);

  const run = async (which: 'notice' | 'remind', work: () => Promise<string>) => {
    setBusy(which);
    try {
      void message.success(await work());
      await afterMeetingChange(queryClient, meeting.id);
    } catch (error) {
      report(error);
    } finally {
      setBusy(null);
    }
  };

  const notice = async () => {
    const chosen = meeting.series ? await scope.ask({ title: t('meetings.detail.actions.notice'), text: t('meetings.detail.noticeScope'), followingOnly: false }) : 'this';
    if (!chosen) return;
    await run('notice', async () => {
      await sendNotice(meeting.id, { scope: chosen });
      return t('meetings.detail.noticeSent');
    });
  };
  const remind = () =>
    void run('remind', async () => {
      const result = await remindMeeting(meeting.id);
      return result.reminded > 0 ? t('meetings.detail.reminded', { count: result.reminded }) : t('meetings.detail.nobodyToRemind');
    });

  const actions = (
    <>
      {can(meeting, 'update') && (
        <Button icon={<EditOutlined />} onClick={() => void navigate(`/meetings/${meeting.id}/edit`)} data-testid="meeting-edit">
          {t('meetings.detail.actions.edit')}
        </Button>
      )}
      {can(meeting, 'send_notice') && (
        <Button type={meeting.status === 'draft' ? 'primary' : 'default'} icon={<SendOutlined />} loading={busy === 'notice'} onClick={() => void notice()} data-testid="meeting-notice">
          {meeting.status === 'draft' ? t('meetings.detail.actions.notice') : t('meetings.detail.actions.renotice')}
        </Button>
      )}
      {can(meeting, 'remind') && (
        <Button icon={<BellOutlined />} loading={busy === 'remind'} disabled={meeting.replyCounts.pending === 0} onClick={remind} data-testid="meeting-remind">
          {t('meetings.detail.actions.remind')}
        </Button>
      )}
      {can(meeting, 'show_sign_in_code') && (
        <Button icon={<QrcodeOutlined />} href={`/meetings/${meeting.id}/screen`} target="_blank" rel="noopener" data-testid="meeting-screen">
          {t('meetings.detail.actions.screen')}
        </Button>
      )}
      {meeting.status !== 'draft' && (
        <Button icon={<FilePdfOutlined />} href={noticePdfUrl(meeting.id)} target="_blank" rel="noopener" data-testid="notice-pdf">
          {t('meetings.detail.actions.noticePdf')}
        </Button>
      )}
      {can(meeting, 'cancel') && (
        <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)} data-testid="meeting-cancel">
          {t('meetings.detail.actions.cancel')}
        </Button>
      )}
    </>
  );

  const place = meeting.room ? `${meeting.room.name}${meeting.room.location ? ` · ${meeting.room.location}` : ''}` : meeting.location || '—';
  const panels: Record<Exclude<MeetingStep, 'trace'>, ReactNode> = {
    notice: <NoticePanel meeting={meeting} />,
    replies: <RepliesPanel meeting={meeting} onRemind={remind} reminding={busy === 'remind'} />,
    signIn: <signIn.Part meeting={meeting} />,
    minutes: <minutes.Part meeting={meeting} />,
    resolutions: <resolutions.Part meeting={meeting} />,
  };

  return (
    <>
      <PageHeader
        title={meeting.topic}
        description={
          <Space size={8} wrap>
            <MeetingStatusTag status={meeting.status} />
            <MeetingKindTag kind={meeting.kind} />
            {meeting.confidential && (
              <Tag icon={<LockOutlined />} color="gold">
                {t('meetings.detail.confidential')}
              </Tag>
            )}
            {meeting.series && <span>{meeting.series.description}</span>}
          </Space>
        }
        extra={actions}
      />
      <Flex vertical gap={16}>
        {meeting.status === 'cancelled' && <Alert type="error" showIcon title={t('meetings.detail.cancelled', { reason: meeting.cancelReason ?? '' })} data-testid="meeting-cancelled" />}
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="meeting-facts">
            <Descriptions.Item label={t('meetings.detail.time')}>
              <MeetingTime startsAt={meeting.startsAt} endsAt={meeting.endsAt} />
            </Descriptions.Item>
            <Descriptions.Item label={t('meetings.detail.place')}>
              <Space size={4} wrap>
                <span>{place}</span>
                {meeting.booking && meeting.booking.status !== 'confirmed' && <Tag color={meeting.booking.status === 'pending' ? 'orange' : 'red'}>{t(`meetings.detail.booking.${meeting.booking.status}`)}</Tag>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('meetings.detail.chair')}>{meeting.chair.displayName}</Descriptions.Item>
            <Descriptions.Item label={t('meetings.detail.recorder')}>{meeting.recorder.displayName}</Descriptions.Item>
            <Descriptions.Item label={t('meetings.detail.organiser')}>{meeting.organiser.displayName}</Descriptions.Item>
            {meeting.equipment.length > 0 && <Descriptions.Item label={t('meetings.detail.equipment')}>{meeting.equipment.map((e) => e.name).join(t('common.listSeparator'))}</Descriptions.Item>}
            {meeting.departments.length > 0 && <Descriptions.Item label={t('meetings.detail.departments')}>{meeting.departments.map((d) => d.name).join(t('common.listSeparator'))}</Descriptions.Item>}
            {meeting.series && meeting.series.index !== null && (
              <Descriptions.Item label={t('meetings.detail.series')}>{t('meetings.detail.seriesIndex', { index: meeting.series.index + 1, count: meeting.series.count })}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('meetings.detail.noticeSentAt')}>{meeting.noticeSentAt ? formatDateTime(meeting.noticeSentAt) : t('meetings.detail.notNoticed')}</Descriptions.Item>
          </Descriptions>
        </Card>
        {mine && meeting.status !== 'draft' && <MyReplyCard meeting={meeting} mine={mine} />}
        <Card size="small">
          <Tabs
            activeKey={step}
            onChange={(key) => setSearchParams({ step: stepOf(key) }, { replace: true })}
            items={MEETING_STEPS.map((s, index) => ({
              key: s.key,
              label: (
                <span data-testid={`step-${s.key}`}>
                  {s.key === 'trace' ? t('meetings.detail.steps.trace') : `${index + 1} ${t(`meetings.detail.steps.${s.key}`)}`}
                  {s.key === 'replies' && meeting.status === 'noticed' && meeting.replyCounts.pending > 0 && <Badge count={meeting.replyCounts.pending} size="small" offset={[4, -2]} color="orange" />}
                </span>
              ),
              children:
                s.key === 'trace' ? (
                  <Flex vertical gap={24}>
                    <TracePanel subjectType={MEETING_SUBJECT} subjectId={meeting.id} />
                    <TracePanel subjectType={MINUTES_SUBJECT} subjectId={meeting.id} only={{ title: t('meetings.detail.minutesTrace'), actions: () => true }} />
                  </Flex>
                ) : (
                  <Flex vertical gap={24}>
                    <Suspense fallback={<Skeleton active paragraph={{ rows: 4 }} />}>{panels[s.key]}</Suspense>
                    <TracePanel subjectType={s.subjectType} subjectId={meeting.id} only={{ title: t('meetings.detail.stepTrace'), actions: s.actions }} />
                  </Flex>
                ),
            }))}
          />
        </Card>
      </Flex>
      {cancelling && <CancelMeetingModal meeting={meeting} onClose={() => setCancelling(false)} />}
      {scope.modal}
    </>
  );
}
