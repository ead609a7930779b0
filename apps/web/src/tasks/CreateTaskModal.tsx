import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MANUAL_TASK_SOURCES } from '@henji/contracts/values';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { FormModal } from '../components/FormModal.tsx';
import { DepartmentTreeSelect } from '../org/DepartmentTreeSelect.tsx';
import { UserSelect } from '../org/UserSelect.tsx';
import { afterTaskChange, createTask } from './api.ts';
import { DeadlinePicker } from './DeadlinePicker.tsx';

interface Values {
  title: string;
  description?: string;
  source: (typeof MANUAL_TASK_SOURCES)[number];
  sourceRef?: string;
  departmentId?: string | null;
  ownerId?: string | null;
  deadline?: Dayjs | null;
  crossDepartment?: boolean;
}

/** 交办任务: the caller becomes the task's assigner, who accepts its closure. Mount only while open. */
export function CreateTaskModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();

  const create = useMutation({
    mutationFn: (values: Values) =>
      createTask({
        title: values.title.trim(),
        description: values.description?.trim() ?? '',
        source: values.source,
        sourceRef: values.sourceRef?.trim() || null,
        departmentId: values.departmentId ?? null,
        ownerId: values.ownerId ?? null,
        deadline: values.deadline ? values.deadline.toISOString() : null,
        crossDepartment: values.crossDepartment ?? false,
      }),
    onSuccess: async (task) => {
      void message.success(t('tasks.form.created'));
      await afterTaskChange(queryClient, task.id);
      onCreated(task.id);
    },
    onError: (error) => reportError(error, form),
  });

  return (
    <FormModal<Values>
      title={t('tasks.create')}
      form={form}
      initialValues={{ source: 'meeting_resolution', crossDepartment: false }}
      submitting={create.isPending}
      onSubmit={(values) => create.mutate(values)}
      onClose={onClose}
      okText={t('tasks.create')}
      width={640}
    >
      <Form.Item name="title" label={t('tasks.form.title')} rules={[{ required: true, whitespace: true, message: t('tasks.form.titleRequired') }]}>
        <Input maxLength={200} showCount />
      </Form.Item>
      <Form.Item name="description" label={t('tasks.form.description')}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item name="source" label={t('tasks.form.source')} rules={[{ required: true }]}>
        <Select options={MANUAL_TASK_SOURCES.map((source) => ({ value: source, label: t(`tasks.source.${source}`) }))} />
      </Form.Item>
      <Form.Item name="sourceRef" label={t('tasks.form.sourceRef')} extra={t('tasks.form.sourceRefHelp')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="ownerId" label={t('tasks.form.owner')} extra={t('tasks.form.ownerHelp')}>
        <UserSelect />
      </Form.Item>
      <Form.Item name="departmentId" label={t('tasks.form.department')} extra={t('tasks.form.departmentHelp')}>
        <DepartmentTreeSelect />
      </Form.Item>
      <Form.Item
        name="deadline"
        label={t('tasks.form.deadline')}
        extra={t('tasks.form.deadlineHelp')}
        rules={[{ validator: async (_rule, value: Dayjs | null | undefined) => (value && !value.isAfter(dayjs()) ? Promise.reject(new Error(t('tasks.form.deadlineFuture'))) : Promise.resolve()) }]}
      >
        <DeadlinePicker />
      </Form.Item>
      <Form.Item name="crossDepartment" valuePropName="checked">
        <Checkbox>{t('tasks.form.crossDepartment')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
