/**
 * 会议决议 on the meeting page: each resolution of the approved minutes with its tracked task's status, owner,
 * deadline and last progress report (a link opens the task), the 决议跟踪表 as xlsx, and — for a meeting of a series —
 * 上次会议决议落实情况, the previous meeting's resolutions and where each stands.
 */
import { Button, Card, Empty, Flex, Skeleton, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Meeting, MeetingResolution } from '@henji/contracts';
import { QueryError } from '../../components/QueryError.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { TaskStatusTag } from '../../tasks/tags.tsx';
import { resolutionsXlsxUrl, usePreviousResolutions, useResolutions } from './api.ts';

function ResolutionTable({ items, testId }: { items: MeetingResolution[]; testId: string }) {
  const { t } = useTranslation();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const columns: TableColumnsType<MeetingResolution> = [
    {
      title: t('meetingMinutes.resolutions.columns.content'),
      key: 'content',
      render: (_: unknown, r) => (
        <span>
          {r.content} {r.removed && <Tag>{t('meetingMinutes.resolutions.removed')}</Tag>}
        </span>
      ),
    },
    { title: t('meetingMinutes.resolutions.columns.item'), key: 'item', render: (_: unknown, r) => r.agendaItem?.title ?? none },
    { title: t('meetingMinutes.resolutions.columns.department'), key: 'department', render: (_: unknown, r) => r.department?.name ?? none },
    { title: t('meetingMinutes.resolutions.columns.owner'), key: 'owner', render: (_: unknown, r) => (r.task?.owner ?? r.owner)?.displayName ?? none },
    {
      title: t('meetingMinutes.resolutions.columns.deadline'),
      key: 'deadline',
      render: (_: unknown, r) => {
        const deadline = r.task?.deadline ?? r.deadline;
        return deadline ? (
          <Space size={4}>
            {formatDateTime(deadline)}
            {r.task?.overdue && <Tag color="error">{t('meetingMinutes.resolutions.overdue')}</Tag>}
          </Space>
        ) : (
          none
        );
      },
    },
    {
      title: t('meetingMinutes.resolutions.columns.task'),
      key: 'task',
      render: (_: unknown, r) =>
        r.task ? (
          <Space size={4} wrap>
            <TaskStatusTag status={r.task.status} />
            <Link to={`/tasks?task=${encodeURIComponent(r.task.id)}`}>{r.task.number ?? t('meetingMinutes.resolutions.openTask')}</Link>
          </Space>
        ) : (
          none
        ),
    },
    {
      title: t('meetingMinutes.resolutions.columns.lastReport'),
      key: 'lastReport',
      render: (_: unknown, r) =>
        r.task?.lastReport ? (
          <Flex vertical>
            <span>{r.task.lastReport.workDone}</span>
            <Typography.Text type="secondary">{formatDateTime(r.task.lastReport.at)}</Typography.Text>
          </Flex>
        ) : (
          none
        ),
    },
  ];
  return <ResponsiveTable<MeetingResolution> cardTitle="content" rowKey={(r) => r.id} columns={columns} dataSource={items} pagination={items.length > 20 ? { pageSize: 20 } : false} data-testid={testId} />;
}

export function ResolutionsPanel({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const resolutions = useResolutions(meeting.id);
  const previous = usePreviousResolutions(meeting.id, meeting.series !== null);

  return (
    <Flex vertical gap={16} data-testid="resolutions-panel">
      {meeting.series !== null && (
        <Card size="small" title={t('meetingMinutes.resolutions.previousTitle')}>
          {previous.isPending ? (
            <Skeleton active />
          ) : previous.error ? (
            <QueryError error={previous.error} onRetry={() => void previous.refetch()} compact />
          ) : previous.data.meeting === null ? (
            <Typography.Text type="secondary">{t('meetingMinutes.resolutions.noPrevious')}</Typography.Text>
          ) : (
            <Flex vertical gap={8}>
              <Link to={`/meetings/${previous.data.meeting.id}`}>
                {t('meetingMinutes.resolutions.previousOf', { topic: previous.data.meeting.topic, at: formatDateTime(previous.data.meeting.startsAt) })}
              </Link>
              {previous.data.items.length === 0 ? (
                <Typography.Text type="secondary">{t('meetingMinutes.resolutions.previousEmpty')}</Typography.Text>
              ) : (
                <ResolutionTable items={previous.data.items} testId="previous-resolutions" />
              )}
            </Flex>
          )}
        </Card>
      )}
      <Card
        size="small"
        title={t('meetingMinutes.resolutions.title')}
        extra={
          resolutions.data && resolutions.data.items.length > 0 ? (
            <Button icon={<FileExcelOutlined />} href={resolutionsXlsxUrl(meeting.id)} data-testid="resolutions-xlsx">
              {t('meetingMinutes.resolutions.export')}
            </Button>
          ) : null
        }
      >
        {resolutions.isPending ? (
          <Skeleton active />
        ) : resolutions.error ? (
          <QueryError error={resolutions.error} onRetry={() => void resolutions.refetch()} compact />
        ) : resolutions.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetingMinutes.resolutions.empty')} />
        ) : (
          <ResolutionTable items={resolutions.data.items} testId="resolutions" />
        )}
      </Card>
    </Flex>
  );
}
