import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Flex, Space, Tag, Typography } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Application } from '@henji/contracts';
import { isApiError } from '../api/client.ts';
import { errorText } from '../api/error-text.ts';
import {
  actionInput,
  applicationActions,
  findNode,
  isDanger,
  needsDialog,
  taskActionGroups,
  type ActionName,
  type ActionValues,
  type MyTask,
} from './action-logic.ts';
import { excludedSigners } from './progress.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { APPLICANT_CC_NODE } from '../comfort/logic.ts';
import { PhoneActionBar } from '../components/PhoneActionBar.tsx';
import { useIsPhone } from '../components/use-phone.ts';
import styles from './ActionBar.module.css';
import { actOnApplication, afterApplicationChange, applicationKeys } from './api.ts';

type RequestAction = Exclude<ActionName, 'edit'>;
interface Pending {
  action: RequestAction;
  task: MyTask | null;
}

const CONFIRM_TEXT = { submit: 'applications.action.confirm.submit', discard: 'applications.action.confirm.discard', read: 'applications.action.confirm.read' } as const;

/**
 * The buttons of the detail page: my tasks' decisions first (a group per task, "代 XX 办理" when acting for someone),
 * then what I may do to the application as a whole. Every decision sends the formHash of the application as loaded;
 * a 409 (someone acted first, or the form changed) says so and reloads.
 */
export function ActionBar({ application }: { application: Application }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Pending | null>(null);
  const phone = useIsPhone();

  const act = useMutation({
    mutationFn: ({ action, task, values }: Pending & { values: ActionValues }) =>
      actOnApplication(application.id, actionInput(action, { taskId: task?.taskId, formHash: application.formHash }, values)),
    onSuccess: async (result, { action }) => {
      setPending(null);
      void message.success(t(`applications.action.done.${action}`));
      if (action === 'discard') {
        queryClient.removeQueries({ queryKey: applicationKeys.detail(application.id) });
        void navigate('/applications', { replace: true });
      }
      // The answer is the application as it now is (nothing after discard), so the detail page need not ask again.
      await afterApplicationChange(queryClient, action === 'discard' ? null : application.id, result);
    },
    onError: async (error) => {
      if (isApiError(error) && error.status === 409) {
        setPending(null);
        void message.warning(`${t('applications.detail.reloaded')}（${error.message}）`, 6);
        await afterApplicationChange(queryClient, application.id);
        return;
      }
      void message.error(errorText(t, error));
    },
  });

  const start = (action: ActionName, task: MyTask | null) => {
    if (action === 'edit') {
      void navigate(`/applications/${application.id}/edit`);
      return;
    }
    if (needsDialog(action)) {
      setPending({ action, task });
      return;
    }
    const text = CONFIRM_TEXT[action as keyof typeof CONFIRM_TEXT];
    modal.confirm({
      title: t(`applications.action.${action}`),
      content: text ? t(text) : undefined,
      okText: t(`applications.action.${action}`),
      okButtonProps: { danger: isDanger(action) },
      cancelText: t('common.cancel'),
      onOk: () => act.mutateAsync({ action, task, values: {} }).catch(() => undefined),
    });
  };

  const button = (action: ActionName, task: MyTask | null, primary = false) => (
    <Button
      key={`${task?.taskId ?? 'application'}-${action}`}
      type={primary ? 'primary' : 'default'}
      danger={isDanger(action)}
      onClick={() => start(action, task)}
      disabled={act.isPending}
      block={phone}
      size={phone ? 'large' : undefined}
      data-testid={`action-${action}`}
    >
      {t(`applications.action.${action}`)}
    </Button>
  );

  const groups = taskActionGroups(application);
  const own = applicationActions(application);
  if (groups.length === 0 && own.length === 0) return null;

  const dialog = pending && (
    <ActionDialog
      action={pending.action}
      task={pending.task}
      node={pending.task ? findNode(application.definition, pending.task.nodeId) : undefined}
      excludedPeople={pending.task ? excludedSigners(application, pending.task.nodeId) : [application.initiator.id]}
      submitting={act.isPending}
      onSubmit={(values) => act.mutate({ ...pending, values })}
      onClose={() => setPending(null)}
    />
  );

  // Phones: the bar sticks to the bottom of the screen; four buttons fit a row, so past four the fourth place opens
  // the rest (更多). The first task's decisions come first, as on the desktop.
  if (phone) {
    const entries = [
      ...groups.flatMap(({ task, actions }, groupIndex) => actions.map((action, index) => ({ action, task, primary: groupIndex === 0 && index === 0 }))),
      ...own.map((action) => ({ action, task: null, primary: groups.length === 0 && (action === 'submit' || action === 'resubmit') })),
    ];
    const shown = entries.length > 4 ? entries.slice(0, 3) : entries;
    const more = entries.length > 4 ? entries.slice(3) : [];
    const first = groups[0];
    const firstNode = first ? findNode(application.definition, first.task.nodeId) : undefined;
    const behalf = (task: MyTask | null) => (task?.onBehalfOf ? ` · ${t('applications.action.onBehalf', { name: task.onBehalfOf.displayName })}` : '');
    return (
      <PhoneActionBar testId="action-bar">
        {first && (
          <Typography.Text type="secondary" ellipsis className={styles.caption}>
            {t('applications.action.myTask', { node: firstNode?.name ?? (first.task.nodeId === APPLICANT_CC_NODE ? t('comfort.cc.label') : first.task.nodeId) })}
            {behalf(first.task)}
          </Typography.Text>
        )}
        <div className={styles.grid} style={{ gridTemplateColumns: `repeat(${shown.length + (more.length > 0 ? 1 : 0)}, minmax(0, 1fr))` }}>
          {shown.map(({ action, task, primary }) => button(action, task, primary))}
          {more.length > 0 && (
            <Dropdown
              trigger={['click']}
              placement="topRight"
              disabled={act.isPending}
              menu={{
                items: more.map(({ action, task }) => ({
                  key: `${task?.taskId ?? 'application'}-${action}`,
                  danger: isDanger(action),
                  label: <span data-testid={`action-${action}`}>{`${t(`applications.action.${action}`)}${groups.length > 1 ? behalf(task) : ''}`}</span>,
                  onClick: () => start(action, task),
                })),
              }}
            >
              <Button block size="large" icon={<MoreOutlined />} data-testid="action-more">
                {t('common.more')}
              </Button>
            </Dropdown>
          )}
        </div>
        {dialog}
      </PhoneActionBar>
    );
  }

  return (
    <Flex vertical gap={12} data-testid="action-bar">
      {groups.map(({ task, actions }) => {
        const node = findNode(application.definition, task.nodeId);
        return (
          <Flex key={task.taskId} gap={8} wrap align="center">
            <Typography.Text strong>{t('applications.action.myTask', { node: node?.name ?? (task.nodeId === APPLICANT_CC_NODE ? t('comfort.cc.label') : task.nodeId) })}</Typography.Text>
            {task.onBehalfOf && <Tag color="purple">{t('applications.action.onBehalf', { name: task.onBehalfOf.displayName })}</Tag>}
            <Space wrap>{actions.map((action, index) => button(action, task, index === 0))}</Space>
          </Flex>
        );
      })}
      {own.length > 0 && <Space wrap>{own.map((action) => button(action, null, groups.length === 0 && (action === 'submit' || action === 'resubmit')))}</Space>}
      {dialog}
    </Flex>
  );
}
