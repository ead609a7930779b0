import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Meeting, MeetingAttendee, MeetingReplyInput } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { can } from '../components/can.ts';
import { FormModal } from '../components/FormModal.tsx';
import { PhoneActionBar } from '../components/PhoneActionBar.tsx';
import { useIsPhone } from '../components/use-phone.ts';
import { AttachmentList } from '../files/AttachmentList.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { UserSelect } from '../org/UserSelect.tsx';
import { afterMeetingChange, replyToMeeting } from './api.ts';
import { AttendanceTag, ReplyTag } from './tags.tsx';

type Asking = 'decline' | 'delegate' | null;

/**
 * The attendee's own box: my reply (确认参加 / 请假 with a reason / 委托他人 to a colleague with a reason), the materials
 * I must prepare and the documents to read before the meeting. On a phone the three answers sit in the bottom bar.
 */
export function MyReplyCard({ meeting, mine }: { meeting: Meeting; mine: MeetingAttendee }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const mayReply = can(meeting, 'reply');

  /** Sends a reply; a failure is thrown to the caller, which shows it (on the dialog's fields, or as a message). */
  const send = async (input: MeetingReplyInput, done: string) => {
    setBusy(true);
    try {
      await replyToMeeting(meeting.id, input);
      void message.success(done);
      setAsking(null);
      await afterMeetingChange(queryClient, meeting.id);
    } finally {
      setBusy(false);
    }
  };
  const accept = () => send({ reply: 'accept' }, t('meetings.reply.accepted')).catch((error: unknown) => report(error));

  const buttons = mayReply && (
    <>
      <Button type="primary" icon={<CheckOutlined />} loading={busy && asking === null} disabled={mine.reply === 'accepted'} onClick={() => void accept()} data-testid="reply-accept">
        {t('meetings.reply.accept')}
      </Button>
      <Button icon={<CloseOutlined />} onClick={() => setAsking('decline')} data-testid="reply-decline">
        {t('meetings.reply.decline')}
      </Button>
      <Button icon={<SwapOutlined />} onClick={() => setAsking('delegate')} data-testid="reply-delegate">
        {t('meetings.reply.delegate')}
      </Button>
    </>
  );

  return (
    <Card title={t('meetings.reply.title')} size="small" data-testid="my-reply">
      <Flex vertical gap={12}>
        <Flex gap={8} align="center" wrap>
          <ReplyTag reply={mine.reply} />
          {mine.reason && <Typography.Text type="secondary">{mine.reason}</Typography.Text>}
          {mine.delegatedTo && <Typography.Text type="secondary">{t('meetings.detail.delegatedTo', { name: mine.delegatedTo.displayName })}</Typography.Text>}
          {mine.delegatedFrom && <Typography.Text type="secondary">{t('meetings.detail.delegatedFrom', { name: mine.delegatedFrom.displayName })}</Typography.Text>}
          {mine.repliedAt && <Typography.Text type="secondary">{formatDateTime(mine.repliedAt)}</Typography.Text>}
        </Flex>
        {buttons && !phone && <Flex gap={8} wrap>{buttons}</Flex>}
        {mine.attendance && (
          <Flex gap={8} align="center" wrap data-testid="my-attendance">
            <AttendanceTag attendance={mine.attendance} />
            {mine.signedInAt && <Typography.Text type="secondary">{t('meetings.reply.signedInAt', { time: formatDateTime(mine.signedInAt) })}</Typography.Text>}
          </Flex>
        )}
        {!mayReply && meeting.status === 'noticed' && mine.reply !== 'delegated' && !mine.signedInAt && <Typography.Text type="secondary">{t('meetings.reply.closed')}</Typography.Text>}
        <div>
          <Typography.Text strong>{t('meetings.reply.materials')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} type={mine.materials ? undefined : 'secondary'} data-testid="my-materials">
            {mine.materials || t('meetings.reply.noMaterials')}
          </Typography.Paragraph>
          {meeting.preparation && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{meeting.preparation}</Typography.Paragraph>}
        </div>
        <Flex vertical gap={4}>
          <Typography.Text strong>{t('meetings.reply.attachments')}</Typography.Text>
          <AttachmentList files={meeting.attachments} />
        </Flex>
      </Flex>
      {buttons && phone && (
        <PhoneActionBar testId="reply-bar">
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 6 }}>{buttons}</div>
        </PhoneActionBar>
      )}
      {asking === 'decline' && (
        <ReasonModal
          title={t('meetings.reply.declineTitle')}
          label={t('meetings.reply.declineReason')}
          okText={t('meetings.reply.decline')}
          submitting={busy}
          onClose={() => setAsking(null)}
          onSubmit={({ reason }) => send({ reply: 'decline', reason }, t('meetings.reply.declined'))}
        />
      )}
      {asking === 'delegate' && (
        <ReasonModal
          title={t('meetings.reply.delegateTitle')}
          label={t('meetings.reply.delegateReason')}
          okText={t('meetings.reply.delegate')}
          submitting={busy}
          delegateAmong={meeting.attendees.map((a) => a.user.id)}
          onClose={() => setAsking(null)}
          onSubmit={({ reason, userId }) => send({ reply: 'delegate', userId: userId ?? '', reason }, t('meetings.reply.delegated'))}
        />
      )}
    </Card>
  );
}

interface ReasonValues {
  reason: string;
  userId?: string | null;
}

/** 请假 (a reason) or 委托他人 (a colleague not already invited, and a reason). */
function ReasonModal(props: {
  title: string;
  label: string;
  okText: string;
  submitting: boolean;
  /** Delegating: the people already invited, who cannot take the seat. */
  delegateAmong?: string[];
  onClose: () => void;
  onSubmit: (values: ReasonValues) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReasonValues>();
  const report = useErrorReporter();
  return (
    <FormModal<ReasonValues>
      title={props.title}
      form={form}
      submitting={props.submitting}
      okText={props.okText}
      onClose={props.onClose}
      onSubmit={(values) => void props.onSubmit({ reason: values.reason.trim(), userId: values.userId ?? null }).catch((error: unknown) => report(error, form))}
    >
      {props.delegateAmong && (
        <Form.Item name="userId" label={t('meetings.reply.delegateTo')} rules={[{ required: true, message: t('validation.required') }]}>
          <UserSelect excludeIds={props.delegateAmong} id="delegate-to" />
        </Form.Item>
      )}
      <Form.Item name="reason" label={props.label} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="reply-reason" />
      </Form.Item>
    </FormModal>
  );
}
