import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { FormModal } from '../components/FormModal.tsx';
import { afterMeetingChange, cancelMeeting } from './api.ts';

interface CancelValues {
  reason: string;
  scope: 'this' | 'following';
}

/** 取消会议 with the reason attendees are told (and, for a series, this meeting or this and every later one). */
export function CancelMeetingModal({ meeting, onClose }: { meeting: Meeting; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CancelValues>();
  const [submitting, setSubmitting] = useState(false);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = useErrorReporter();

  const submit = async (values: CancelValues) => {
    setSubmitting(true);
    try {
      await cancelMeeting(meeting.id, { reason: values.reason.trim(), scope: values.scope });
      void message.success(t('meetings.detail.cancelledMessage'));
      await afterMeetingChange(queryClient, meeting.id);
      onClose();
    } catch (error) {
      report(error, form);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormModal<CancelValues>
      title={t('meetings.detail.cancelTitle')}
      form={form}
      submitting={submitting}
      onSubmit={(values) => void submit(values)}
      onClose={onClose}
      okText={t('meetings.detail.cancelConfirm')}
      initialValues={{ scope: 'this' }}
    >
      <Form.Item name="reason" label={t('meetings.detail.cancelReason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="cancel-reason" />
      </Form.Item>
      {meeting.series && (
        <Form.Item name="scope" label={t('meetings.detail.cancelScope')}>
          <Radio.Group
            options={[
              { value: 'this', label: t('meetings.form.scopeThis') },
              { value: 'following', label: t('meetings.form.scopeFollowing') },
            ]}
          />
        </Form.Item>
      )}
    </FormModal>
  );
}
