/**
 * 签到 on the meeting page: the sign-in sheet (签到表) with each attendee's reply, attendance, time, way and — when
 * recorded by hand — who and why; for the recorder and the chair 补签 / 迟到 / 缺席 with a required reason; a link to
 * the room screen for those who may show the code, and the sheet as a PDF.
 */
import { useState } from 'react';
import { App, Button, Dropdown, Empty, Flex, Form, Input, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { DesktopOutlined, DownOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Meeting, SignInSheetRow } from '@henji/contracts';
import { MEETING_ATTENDANCE, type MeetingAttendance } from '@henji/contracts/values';
import { errorText } from '../../api/error-text.ts';
import { can } from '../../components/can.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { AttendanceTag, ReplyTag } from '../tags.tsx';
import { afterAttendanceChange, recordAttendance, signInSheetPdfUrl, useSignInSheet } from './api.ts';

const PAGE_SIZE = 20;
type Shown = 'all' | 'signed_in' | 'not_signed_in';

interface Recording {
  row: SignInSheetRow;
  attendance: MeetingAttendance;
}

export function SignInPanel({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const sheet = useSignInSheet(meeting.id);
  const [shown, setShown] = useState<Shown>('all');
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState<Recording | null>(null);

  if (meeting.status === 'draft') return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetingSignIn.panel.notNoticed')} />;
  if (sheet.isPending) return <ResponsiveTable<SignInSheetRow> cardTitle="person" loading columns={[]} dataSource={[]} rowKey={(r) => r.user.id} />;
  if (sheet.error) return <QueryError error={sheet.error} onRetry={() => void sheet.refetch()} compact />;

  const data = sheet.data;
  const mayRecord = can(data, 'record_attendance');
  const rows = data.rows.filter((r) => (shown === 'all' ? true : shown === 'signed_in' ? r.signedInAt !== null : r.signedInAt === null));
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const columns: TableColumnsType<SignInSheetRow> = [
    {
      title: t('meetingSignIn.panel.columns.person'),
      key: 'person',
      render: (_: unknown, r) => (
        <span>
          {r.user.displayName} {!r.required && <Tag>{t('meetingSignIn.panel.optional')}</Tag>}
        </span>
      ),
    },
    { title: t('meetingSignIn.panel.columns.department'), key: 'department', render: (_: unknown, r) => r.user.department?.name ?? none },
    { title: t('meetingSignIn.panel.columns.reply'), key: 'reply', render: (_: unknown, r) => <ReplyTag reply={r.reply} /> },
    {
      title: t('meetingSignIn.panel.columns.attendance'),
      key: 'attendance',
      render: (_: unknown, r) => (r.attendance ? <AttendanceTag attendance={r.attendance} /> : <Tag>{t('meetingSignIn.panel.notSignedIn')}</Tag>),
    },
    { title: t('meetingSignIn.panel.columns.time'), key: 'time', render: (_: unknown, r) => (r.signedInAt ? formatDateTime(r.signedInAt) : none) },
    { title: t('meetingSignIn.panel.columns.method'), key: 'method', render: (_: unknown, r) => (r.method ? t(`meetingSignIn.panel.methods.${r.method}`) : none) },
    {
      title: t('meetingSignIn.panel.columns.note'),
      key: 'note',
      render: (_: unknown, r) => (r.signedInBy && r.reason ? t('meetingSignIn.panel.recordedBy', { name: r.signedInBy.displayName, reason: r.reason }) : none),
    },
    ...(mayRecord
      ? [
          {
            title: t('meetingSignIn.panel.columns.actions'),
            key: 'actions',
            render: (_: unknown, r: SignInSheetRow) =>
              r.reply === 'delegated' ? (
                none
              ) : (
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: MEETING_ATTENDANCE.filter((a) => a !== r.attendance).map((a) => ({ key: a, label: t(`meetingSignIn.panel.actions.${a}`) })),
                    onClick: ({ key }) => setRecording({ row: r, attendance: key as MeetingAttendance }),
                  }}
                >
                  <Button size="small" data-testid={`record-${r.user.id}`}>
                    {t('meetingSignIn.panel.columns.actions')} <DownOutlined />
                  </Button>
                </Dropdown>
              ),
          },
        ]
      : []),
  ];

  const signedIn = data.rows.filter((r) => r.signedInAt !== null).length;
  return (
    <Flex vertical gap={12} data-testid="sign-in-panel">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong data-testid="sign-in-summary">
          {t('meetingSignIn.panel.summary', { ...data.counts })}
        </Typography.Text>
        <Flex gap={8} wrap>
          {can(meeting, 'show_sign_in_code') && (
            <Link to={`/meetings/${encodeURIComponent(meeting.id)}/screen`} target="_blank" rel="noopener">
              <Button icon={<DesktopOutlined />} data-testid="open-sign-in-screen">
                {t('meetingSignIn.panel.openScreen')}
              </Button>
            </Link>
          )}
          <Button icon={<FilePdfOutlined />} href={signInSheetPdfUrl(meeting.id)} data-testid="sign-in-sheet-pdf">
            {t('meetingSignIn.panel.pdf')}
          </Button>
        </Flex>
      </Flex>
      <Segmented<Shown>
        value={shown}
        onChange={(value) => {
          setShown(value);
          setPage(1);
        }}
        options={[
          { value: 'all', label: `${t('common.all')} ${data.rows.length}` },
          { value: 'signed_in', label: `${t('meetingSignIn.screen.signedIn')} ${signedIn}` },
          { value: 'not_signed_in', label: `${t('meetingSignIn.panel.notSignedIn')} ${data.rows.length - signedIn}` },
        ]}
      />
      <ResponsiveTable<SignInSheetRow>
        cardTitle="person"
        rowKey={(r) => r.user.id}
        columns={columns}
        dataSource={rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
        locale={{ emptyText: t('meetingSignIn.panel.empty') }}
        pagination={rows.length > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: rows.length, showSizeChanger: false } : false}
        onChange={(pagination, _filters, _sorter, extra) => extra.action === 'paginate' && setPage(pagination.current ?? 1)}
        size="small"
        scroll={{ x: 900 }}
        data-testid="sign-in-sheet"
      />
      {recording && <RecordModal meetingId={meeting.id} recording={recording} onClose={() => setRecording(null)} />}
    </Flex>
  );
}

function RecordModal({ meetingId, recording, onClose }: { meetingId: string; recording: Recording; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const action = t(`meetingSignIn.panel.actions.${recording.attendance}`);
  const name = recording.row.user.displayName;
  const save = useMutation({
    mutationFn: (reason: string) => recordAttendance(meetingId, { userId: recording.row.user.id, attendance: recording.attendance, reason }),
    onSuccess: async () => {
      void message.success(t('meetingSignIn.panel.saved', { action, name }));
      await afterAttendanceChange(queryClient, meetingId);
      onClose();
    },
    onError: (error) => void message.error(errorText(t, error)),
  });
  return (
    <FormModal<{ reason: string }>
      title={t('meetingSignIn.panel.modalTitle', { action, name })}
      form={form}
      submitting={save.isPending}
      onSubmit={(values) => save.mutate(values.reason.trim())}
      onClose={onClose}
      okText={action}
    >
      <Form.Item
        name="reason"
        label={t('meetingSignIn.panel.reason')}
        rules={[{ required: true, whitespace: true, message: t('meetingSignIn.panel.reasonRequired') }, { max: 500 }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('meetingSignIn.panel.reasonPlaceholder')} data-testid="attendance-reason" />
      </Form.Item>
    </FormModal>
  );
}
