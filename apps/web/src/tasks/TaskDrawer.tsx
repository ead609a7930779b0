import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Descriptions, Empty, Flex, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskReport, TrackedTask } from '@henji/contracts';
import { TASK_ACTIONS, type TaskActionName } from '@henji/contracts/values';
import { DetailDrawer } from '../components/DetailDrawer.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { AttachmentList } from '../files/AttachmentList.tsx';
import { BeyondKnownRangeTag } from '../calendar/DeadlineTags.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { TASK_SUBJECT, useTask } from './api.ts';
import { TaskActionModal } from './TaskActionModal.tsx';
import { TaskFlags, TaskSourceTag, TaskStatusTag } from './tags.tsx';

const isTaskAction = (action: string): action is TaskActionName => TASK_ACTIONS.some((a) => a === action);
/** The closing decision is the main one on a submitted task; the rest follow in the order of the work. */
const PRIMARY: readonly TaskActionName[] = ['accept', 'request_closure', 'assign'];

/** 督办任务详情: the task, the actions the caller may take, the progress reports, and its trace. */
export function TaskDrawer({ taskId, onClose }: { taskId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const task = useTask(taskId);
  const [acting, setActing] = useState<TaskActionName | null>(null);
  const data = task.data;

  let body;
  if (task.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (task.isError) body = <QueryError error={task.error} onRetry={() => void task.refetch()} />;
  else if (data) body = <TaskDetails task={data} />;

  const actions = (data?.allowedActions ?? []).filter(isTaskAction);
  const extra = actions.length > 0 && (
    <Space wrap data-testid="task-actions">
      {actions.map((action) => (
        <Button key={action} type={PRIMARY.includes(action) ? 'primary' : 'default'} danger={action === 'reject'} onClick={() => setActing(action)}>
          {t(`tasks.actions.${action}`)}
        </Button>
      ))}
    </Space>
  );

  return (
    <DetailDrawer title={data?.title ?? t('tasks.detail.title')} open={taskId !== null} onClose={onClose} subjectType={TASK_SUBJECT} subjectId={taskId} extra={extra}>
      {body}
      {data && acting && <TaskActionModal task={data} action={acting} onClose={() => setActing(null)} />}
    </DetailDrawer>
  );
}

function TaskDetails({ task }: { task: TrackedTask }) {
  const { t } = useTranslation();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={16}>
      <Flex gap={4} wrap>
        <TaskStatusTag status={task.status} />
        <TaskFlags task={task} />
      </Flex>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label={t('tasks.columns.number')} span={2}>
          {task.number ?? none}
        </Descriptions.Item>
        <Descriptions.Item label={t('tasks.columns.source')}>
          <TaskSourceTag source={task.source} />
          {task.source === 'application' && task.sourceRef && <Link to={`/applications/${task.sourceRef}`}>{t('tasks.detail.openApplication')}</Link>}
        </Descriptions.Item>
        <Descriptions.Item label={t('tasks.detail.sourceRef')}>{task.source !== 'application' && task.sourceRef ? task.sourceRef : none}</Descriptions.Item>
        <Descriptions.Item label={t('tasks.columns.owner')}>{task.owner ? task.owner.displayName : <Tag color="orange">{t('tasks.noOwner')}</Tag>}</Descriptions.Item>
        <Descriptions.Item label={t('tasks.columns.department')}>{task.department?.name ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('tasks.columns.assigner')}>{task.assigner.displayName}</Descriptions.Item>
        <Descriptions.Item label={t('tasks.columns.deadline')}>
          {task.deadline ? formatDateTime(task.deadline) : t('tasks.noDeadline')}
          {task.deadlineBeyondKnownRange && task.status !== 'closed' && <BeyondKnownRangeTag years={[]} text={t('calendar.beyond.task')} flagged />}
        </Descriptions.Item>
        {task.status === 'awaiting_owner' && <Descriptions.Item label={t('tasks.detail.ownerDueAt')}>{formatDateTime(task.ownerDueAt)}</Descriptions.Item>}
        <Descriptions.Item label={t('tasks.columns.lastReport')}>{task.lastReportAt ? formatDateTime(task.lastReportAt) : t('tasks.never')}</Descriptions.Item>
        {task.closedAt && <Descriptions.Item label={t('tasks.detail.closedAt')}>{formatDateTime(task.closedAt)}</Descriptions.Item>}
      </Descriptions>
      <section>
        <Typography.Title level={5}>{t('tasks.detail.description')}</Typography.Title>
        {task.description ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{task.description}</Typography.Paragraph> : <Typography.Text type="secondary">{t('tasks.detail.noDescription')}</Typography.Text>}
      </section>
      <section aria-label={t('tasks.detail.reports')}>
        <Typography.Title level={5}>{t('tasks.detail.reports')}</Typography.Title>
        {task.reports.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.detail.noReports')} />
        ) : (
          <Timeline
            data-testid="task-reports"
            items={[...task.reports].reverse().map((report) => ({ key: report.id, color: report.kind === 'final' ? 'green' : 'blue', content: <ReportItem report={report} /> }))}
          />
        )}
      </section>
    </Flex>
  );
}

function ReportItem({ report }: { report: TaskReport }) {
  const { t } = useTranslation();
  const text = (value: string) => (value ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{value}</Typography.Paragraph> : <Typography.Text type="secondary">{t('tasks.report.none')}</Typography.Text>);
  return (
    <Flex vertical gap={4}>
      <Space size={8} wrap>
        <Typography.Text strong>{report.kind === 'final' ? t('tasks.detail.finalReport') : t('tasks.detail.progressReport')}</Typography.Text>
        <Typography.Text type="secondary">
          {report.actedBy ? t('tasks.detail.onBehalf', { delegate: report.actedBy.displayName, author: report.author.displayName }) : report.author.displayName}
          {' · '}
          <time dateTime={report.createdAt}>{formatDateTime(report.createdAt)}</time>
        </Typography.Text>
      </Space>
      <Typography.Text type="secondary">{t('tasks.report.workDone')}</Typography.Text>
      {text(report.workDone)}
      <Typography.Text type="secondary">{t('tasks.report.problems')}</Typography.Text>
      {text(report.problems)}
      <Typography.Text type="secondary">{t('tasks.report.nextSteps')}</Typography.Text>
      {text(report.nextSteps)}
      {report.files.length > 0 && (
        <>
          <Typography.Text type="secondary">{t('tasks.detail.evidence')}</Typography.Text>
          <AttachmentList files={report.files} />
        </>
      )}
    </Flex>
  );
}
