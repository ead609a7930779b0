import { useState } from 'react';
import { Button, Empty, Flex, Segmented, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Meeting, MeetingAttendee } from '@henji/contracts';
import { MEETING_REPLIES, type MeetingReply } from '@henji/contracts/values';
import { can } from '../components/can.ts';
import { ResponsiveTable } from '../components/ResponsiveTable.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { ReplyTag } from './tags.tsx';

const PAGE_SIZE = 20;

/**
 * 回执: who confirmed, who asked for leave and why, who handed their seat to whom, who has not answered — with the
 * counts as a filter and, for the organiser, chair and recorder, 提醒未回复的人.
 */
export function RepliesPanel({ meeting, onRemind, reminding }: { meeting: Meeting; onRemind: () => void; reminding: boolean }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<MeetingReply | 'all'>('all');
  const [page, setPage] = useState(1);
  if (meeting.status === 'draft') return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.detail.notNoticedYet')} />;
  if (meeting.attendees.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.detail.noReplies')} />;

  const rows = shown === 'all' ? meeting.attendees : meeting.attendees.filter((a) => a.reply === shown);
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const columns: TableColumnsType<MeetingAttendee> = [
    { title: t('meetings.detail.replyColumns.person'), key: 'person', render: (_: unknown, a) => a.user.displayName },
    { title: t('meetings.detail.replyColumns.department'), key: 'department', render: (_: unknown, a) => a.user.department?.name ?? none },
    {
      title: t('meetings.detail.replyColumns.required'),
      key: 'required',
      render: (_: unknown, a) => (a.required ? t('meetings.form.required') : <Tag>{t('meetings.form.optional')}</Tag>),
    },
    { title: t('meetings.detail.replyColumns.reply'), key: 'reply', render: (_: unknown, a) => <ReplyTag reply={a.reply} /> },
    {
      title: t('meetings.detail.replyColumns.reason'),
      key: 'reason',
      render: (_: unknown, a) => (
        <Space size={4} wrap>
          {a.delegatedTo && <span>{t('meetings.detail.delegatedTo', { name: a.delegatedTo.displayName })}</span>}
          {a.delegatedFrom && <span>{t('meetings.detail.delegatedFrom', { name: a.delegatedFrom.displayName })}</span>}
          {a.reason ? <span>{a.reason}</span> : !a.delegatedTo && !a.delegatedFrom && none}
        </Space>
      ),
    },
    { title: t('meetings.detail.replyColumns.repliedAt'), key: 'repliedAt', render: (_: unknown, a) => (a.repliedAt ? formatDateTime(a.repliedAt) : none) },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Segmented<MeetingReply | 'all'>
          value={shown}
          onChange={(value) => {
            setShown(value);
            setPage(1);
          }}
          options={[
            { value: 'all', label: `${t('common.all')} ${meeting.attendees.length}` },
            ...MEETING_REPLIES.map((reply) => ({ value: reply, label: `${t(`meetings.detail.replyCounts.${reply}`)} ${meeting.replyCounts[reply]}` })),
          ]}
          data-testid="reply-counts"
        />
        {can(meeting, 'remind') && (
          <Button icon={<BellOutlined />} onClick={onRemind} loading={reminding} disabled={meeting.replyCounts.pending === 0} data-testid="remind">
            {t('meetings.detail.actions.remind')}
          </Button>
        )}
      </Flex>
      {meeting.lastRemindedAt && (
        <Typography.Text type="secondary">{t('meetings.detail.lastReminded', { at: formatDateTime(meeting.lastRemindedAt) })}</Typography.Text>
      )}
      <ResponsiveTable<MeetingAttendee>
        cardTitle="person"
        rowKey={(a) => a.user.id}
        columns={columns}
        // Paged here (the meeting came whole): the table and the phone's cards both show the page they are given.
        dataSource={rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
        locale={{ emptyText: t('meetings.detail.noneWithReply') }}
        pagination={rows.length > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: rows.length, showSizeChanger: false } : false}
        onChange={(pagination, _filters, _sorter, extra) => extra.action === 'paginate' && setPage(pagination.current ?? 1)}
        size="small"
        scroll={{ x: 760 }}
        data-testid="replies-table"
      />
    </Flex>
  );
}
