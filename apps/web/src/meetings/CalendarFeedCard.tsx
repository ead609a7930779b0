import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CalendarFeedIssued } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { QueryError } from '../components/QueryError.tsx';
import { SecretOnceModal } from '../components/SecretOnceModal.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { issueCalendarFeed, meetingKeys, revokeCalendarFeed, useCalendarFeed } from './api.ts';

/**
 * 日历订阅 (个人设置): my meetings as an iCalendar feed for Outlook, Apple or Feishu calendars. The address holds a secret
 * token, shown once when it is made (the server keeps only its hash); making a new one or 停用 ends the old one at once.
 */
export function CalendarFeedCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const feed = useCalendarFeed();
  const [issued, setIssued] = useState<CalendarFeedIssued | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: meetingKeys.feed });

  const issue = useMutation({
    mutationFn: issueCalendarFeed,
    onSuccess: async (result) => {
      setIssued(result);
      await refresh();
    },
    onError: (error) => report(error),
  });
  const revoke = useMutation({
    mutationFn: revokeCalendarFeed,
    onSuccess: async () => {
      void message.success(t('meetings.feed.revoked'));
      await refresh();
    },
    onError: (error) => report(error),
  });

  let body;
  if (feed.isPending) body = <Skeleton active paragraph={{ rows: 2 }} />;
  else if (feed.isError) body = <QueryError compact error={feed.error} onRetry={() => void feed.refetch()} />;
  else {
    const status = feed.data;
    body = (
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('meetings.feed.description')}</Typography.Text>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="calendar-feed-status">
          <Descriptions.Item label={t('common.status')}>
            {status.active ? <Tag color="green">{t('meetings.feed.active')}</Tag> : <Tag>{t('meetings.feed.inactive')}</Tag>}
          </Descriptions.Item>
          {status.active && <Descriptions.Item label={t('meetings.feed.createdAt')}>{formatDateTime(status.createdAt)}</Descriptions.Item>}
        </Descriptions>
        <Flex gap={8} wrap>
          {status.active ? (
            <>
              <Popconfirm title={t('meetings.feed.recreateConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => issue.mutateAsync().catch(() => undefined)}>
                <Button loading={issue.isPending}>{t('meetings.feed.recreate')}</Button>
              </Popconfirm>
              <Popconfirm title={t('meetings.feed.revokeConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => revoke.mutateAsync().catch(() => undefined)}>
                <Button danger loading={revoke.isPending} data-testid="calendar-feed-revoke">
                  {t('meetings.feed.revoke')}
                </Button>
              </Popconfirm>
            </>
          ) : (
            <Button type="primary" icon={<CalendarOutlined />} loading={issue.isPending} onClick={() => issue.mutate()} data-testid="calendar-feed-create">
              {t('meetings.feed.create')}
            </Button>
          )}
        </Flex>
      </Flex>
    );
  }

  return (
    <Card title={t('meetings.feed.title')} id="calendar-feed">
      {body}
      {issued && (
        <SecretOnceModal
          // Without a configured public address the server gives the path only: this browser's origin completes it.
          secret={issued.url ?? `${window.location.origin}${issued.path}`}
          testId="calendar-feed-url"
          texts={{ title: t('meetings.feed.secretTitle'), warning: t('meetings.feed.secretWarning'), usage: t('meetings.feed.secretUsage'), done: t('meetings.feed.secretDone') }}
          onClose={() => setIssued(null)}
        />
      )}
    </Card>
  );
}
