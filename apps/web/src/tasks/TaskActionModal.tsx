import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskActionName, TrackedTaskSummary } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { useMe } from '../auth/session.ts';
import { FormModal } from '../components/FormModal.tsx';
import { AttachmentUpload } from '../files/AttachmentUpload.tsx';
import { DepartmentTreeSelect } from '../org/DepartmentTreeSelect.tsx';
import { UserSelect } from '../org/UserSelect.tsx';
import { actOnTask, afterTaskChange } from './api.ts';

interface Values {
  ownerId?: string | null;
  departmentId?: string | null;
  comment?: string;
  workDone?: string;
  problems?: string;
  nextSteps?: string;
  fileIds?: string[];
  reason?: string;
}

const TITLES = {
  assign: 'tasks.dialogs.assignTitle',
  report: 'tasks.dialogs.reportTitle',
  request_closure: 'tasks.dialogs.closureTitle',
  accept: 'tasks.dialogs.acceptTitle',
  reject: 'tasks.dialogs.rejectTitle',
} as const;

function inputOf(action: TaskActionName, v: Values) {
  switch (action) {
    case 'assign':
      return { action, ownerId: v.ownerId ?? '', ...(v.departmentId ? { departmentId: v.departmentId } : {}), ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) };
    case 'report':
    case 'request_closure':
      return { action, workDone: v.workDone ?? '', problems: v.problems ?? '', nextSteps: v.nextSteps ?? '', fileIds: v.fileIds ?? [] };
    case 'accept':
      return { action, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) };
    case 'reject':
      return { action, reason: v.reason ?? '' };
  }
}

/** One action on a task, with the form it needs: an owner, a report in the policy's shape, a comment or a reason. */
export function TaskActionModal({ task, action, onClose }: { task: TrackedTaskSummary; action: TaskActionName; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const me = useMe();
  // Someone else's task offers a report only to whoever acts for its owner today (代理); the server records it so.
  const forOwner = task.owner && task.owner.id !== me.id ? task.owner : null;

  const run = useMutation({
    mutationFn: (values: Values) => actOnTask(task.id, inputOf(action, values)),
    onSuccess: async () => {
      // Each action says what it did: a progress report is submitted, not "done".
      void message.success(t(`tasks.dialogs.done.${action}`));
      await afterTaskChange(queryClient, task.id);
      onClose();
    },
    onError: (error) => reportError(error, form),
  });

  const reportFields = (
    <>
      {forOwner && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('tasks.dialogs.onBehalf', { owner: forOwner.displayName })} />}
      {action === 'request_closure' && <Typography.Paragraph type="secondary">{t('tasks.dialogs.closureHelp')}</Typography.Paragraph>}
      <Form.Item name="workDone" label={t('tasks.report.workDone')} rules={[{ required: true, whitespace: true, message: t('tasks.report.workDoneRequired') }]}>
        <Input.TextArea rows={4} maxLength={5000} />
      </Form.Item>
      <Form.Item name="problems" label={t('tasks.report.problems')}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item name="nextSteps" label={t('tasks.report.nextSteps')}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item name="fileIds" label={t('tasks.report.files')}>
        <AttachmentUpload valueType="ids" multiple maxCount={20} />
      </Form.Item>
    </>
  );

  let body;
  switch (action) {
    case 'assign':
      body = (
        <>
          <Form.Item name="ownerId" label={t('tasks.form.owner')} rules={[{ required: true, message: t('tasks.dialogs.ownerRequired') }]}>
            <UserSelect />
          </Form.Item>
          <Form.Item name="departmentId" label={t('tasks.form.department')} extra={t('tasks.form.departmentHelp')}>
            <DepartmentTreeSelect />
          </Form.Item>
          <Form.Item name="comment" label={t('tasks.dialogs.comment')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      );
      break;
    case 'report':
    case 'request_closure':
      body = reportFields;
      break;
    case 'accept':
      body = (
        <Form.Item name="comment" label={t('tasks.dialogs.acceptComment')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      );
      break;
    case 'reject':
      body = (
        <Form.Item name="reason" label={t('tasks.dialogs.rejectReason')} rules={[{ required: true, whitespace: true, message: t('tasks.dialogs.rejectReasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      );
      break;
  }

  return (
    <FormModal<Values>
      title={`${t(TITLES[action])} · ${task.title}`}
      form={form}
      initialValues={action === 'assign' ? { ownerId: task.owner?.id ?? null, departmentId: task.department?.id ?? null } : {}}
      submitting={run.isPending}
      onSubmit={(values) => run.mutate(values)}
      onClose={onClose}
      okText={t(`tasks.actions.${action}`)}
      width={action === 'report' || action === 'request_closure' ? 680 : 560}
    >
      {body}
    </FormModal>
  );
}
