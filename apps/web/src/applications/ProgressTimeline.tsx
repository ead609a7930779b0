import { Flex, Image, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Application, ApplicationTask } from '@henji/contracts';
import { formatDateTime } from '../i18n/format.ts';
import { signatureUrl } from './api.ts';
import { outcomeOf, stepColor } from './progress.ts';
import { Deadline } from './tags.tsx';

type Step = Application['steps'][number];

const TASK_STATUS_COLOR: Record<ApplicationTask['status'], string | undefined> = { waiting: undefined, pending: 'processing', done: 'success', cancelled: undefined };
const DECISION_COLOR: Partial<Record<NonNullable<ApplicationTask['decision']>, string>> = {
  approve: 'green',
  countersign: 'green',
  auto_approve: 'green',
  reject: 'red',
  auto_reject: 'red',
  object: 'red',
  return: 'orange',
  transfer: 'blue',
  read: 'default',
};

/**
 * 查询进度: the application's way so far, a step per node it reached — who held it, what each decided and wrote
 * ("张三 代 李四 同意：……"), their signatures, since when, and the deadline with its SLA state.
 */
export function ProgressTimeline({ application }: { application: Application }) {
  const { t } = useTranslation();
  const items = [
    ...(application.submittedAt
      ? [
          {
            key: 'submitted',
            color: 'green' as const,
            content: (
              <Flex vertical gap={2}>
                <Typography.Text strong>{t('applications.step.submitted')}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {application.initiator.displayName} · {formatDateTime(application.submittedAt)}
                </Typography.Text>
              </Flex>
            ),
          },
        ]
      : []),
    ...application.steps.map((step) => ({ key: step.id, color: stepColor(step), content: <StepItem application={application} step={step} /> })),
  ];
  return <Timeline items={items} data-testid="progress-timeline" />;
}

function StepItem({ application, step }: { application: Application; step: Step }) {
  const { t } = useTranslation();
  const outcome = outcomeOf(step.outcome);
  const running = step.status === 'active' || step.status === 'paused';
  return (
    <Flex vertical gap={4} data-testid="progress-step">
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>{step.nodeName}</Typography.Text>
        {running ? (
          <Tag color={step.status === 'paused' ? 'orange' : 'processing'}>{t(`applications.step.${step.status}`)}</Tag>
        ) : step.status === 'cancelled' ? (
          <Tag>{step.outcome === 'restarted' ? t('applications.step.restarted') : t('applications.step.cancelled')}</Tag>
        ) : outcome ? (
          <Tag>{t(`applications.step.outcome.${outcome.key}`, { number: outcome.number ?? '' })}</Tag>
        ) : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {step.leftAt ? t('applications.step.left', { time: formatDateTime(step.leftAt) }) : t('applications.step.since', { time: formatDateTime(step.enteredAt) })}
        {step.remindersSent > 0 && ` · ${t('applications.step.remindersSent', { count: step.remindersSent })}`}
      </Typography.Text>
      {step.substitution && (
        <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="step-substitution">
          {t('applications.step.substitution', { reason: step.substitution })}
        </Typography.Text>
      )}
      {running && step.deadline && (
        <Space size={4} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('applications.sla.deadline')}
          </Typography.Text>
          <Deadline deadline={step.deadline} slaState={step.slaState} explanation={step.deadlineExplanation} beyondKnownRange={step.deadlineBeyondKnownRange} />
        </Space>
      )}
      {step.tasks.map((task) => (
        <TaskLine key={task.id} application={application} task={task} />
      ))}
    </Flex>
  );
}

function TaskLine({ application, task }: { application: Application; task: ApplicationTask }) {
  const { t } = useTranslation();
  const delegated = task.actedBy && task.actedBy.id !== task.assignee.id;
  const who = delegated ? t('applications.task.actedFor', { actor: task.actedBy!.displayName, assignee: task.assignee.displayName }) : task.assignee.displayName;
  const sawOtherForm = task.formHash !== null && task.formHash !== application.formHash;
  return (
    <Flex vertical gap={2} style={{ paddingInlineStart: 8, borderInlineStart: '2px solid #f0f0f0' }} data-testid="progress-task">
      <Flex gap={6} wrap align="center">
        <Typography.Text>{who}</Typography.Text>
        {task.kind !== 'approve' && <Tag>{t(`applications.task.kind.${task.kind}`)}</Tag>}
        {task.decision ? (
          <Tag color={DECISION_COLOR[task.decision]}>{t(`applications.task.decision.${task.decision}`)}</Tag>
        ) : (
          <Tag color={TASK_STATUS_COLOR[task.status]}>{t(`applications.task.status.${task.status}`)}</Tag>
        )}
        {task.transferredFrom && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('applications.task.transferredFrom', { name: task.transferredFrom.displayName })}
          </Typography.Text>
        )}
        {task.addedBy && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('applications.task.addedBy', { name: task.addedBy.displayName })}
          </Typography.Text>
        )}
        {task.actedAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(task.actedAt)}
          </Typography.Text>
        )}
        {sawOtherForm && (
          <Tooltip title={`${t('applications.detail.formHash')} ${task.formHash}`}>
            <Tag color="warning">{t('applications.task.formHashMismatch')}</Tag>
          </Tooltip>
        )}
      </Flex>
      {task.opinion && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>“{task.opinion}”</Typography.Paragraph>}
      {task.hasSignature && (
        <Image
          src={signatureUrl(application.id, task.id)}
          alt={t('applications.task.signature')}
          width={168}
          height={56}
          style={{ border: '1px solid #f0f0f0', borderRadius: 4, background: '#fff', objectFit: 'contain' }}
          data-testid="task-signature"
        />
      )}
    </Flex>
  );
}
