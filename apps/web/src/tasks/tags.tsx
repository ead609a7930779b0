import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskSource, TrackedTaskStatus } from '@henji/contracts';

const STATUS_COLOURS: Record<TrackedTaskStatus, string> = { awaiting_owner: 'orange', in_progress: 'processing', submitted: 'purple', closed: 'success' };

export function TaskStatusTag({ status }: { status: TrackedTaskStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`tasks.status.${status}`)}</Tag>;
}

export function TaskSourceTag({ source }: { source: TaskSource }) {
  const { t } = useTranslation();
  return <Tag>{t(`tasks.source.${source}`)}</Tag>;
}

/** The flags a task may carry: overdue (逾期), no owner in time, cross-department. */
export function TaskFlags({ task }: { task: { overdue: boolean; ownerOverdue: boolean; crossDepartment: boolean; status: TrackedTaskStatus } }) {
  const { t } = useTranslation();
  return (
    <>
      {task.overdue && task.status !== 'closed' && <Tag color="error">{t('tasks.overdueTag')}</Tag>}
      {task.ownerOverdue && task.status === 'awaiting_owner' && <Tag color="warning">{t('tasks.ownerOverdueTag')}</Tag>}
      {task.crossDepartment && <Tag color="blue">{t('tasks.crossDepartmentTag')}</Tag>}
    </>
  );
}
