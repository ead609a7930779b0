import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Space, type MenuProps } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '@henji/contracts';
import { USER_STATUSES } from '@henji/contracts/values';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { can } from '../components/can.ts';
import { SUBJECT, afterChange, unlockUser, updateUser } from './api.ts';

interface UserActionsProps {
  user: User;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
}

/**
 * Edit, and the less frequent actions in a menu. Each appears only when the server lists it in `allowedActions`:
 * `update` (edit, status), `reset_password`, `unlock` (and only while a lock is set).
 */
export function UserActions({ user, onEdit, onResetPassword }: UserActionsProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();

  const refresh = () =>
    Promise.all([
      afterChange(queryClient, queryKeys.users.all, { type: SUBJECT.user, id: user.id }),
      queryClient.invalidateQueries({ queryKey: queryKeys.departments }),
    ]);

  const unlock = useMutation({
    mutationFn: () => unlockUser(user.id),
    onSuccess: async () => {
      void message.success(t('org.user.unlocked'));
      await refresh();
    },
    onError: (error) => reportError(error),
  });

  const setStatus = useMutation({
    mutationFn: (status: User['status']) => updateUser(user.id, { status }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await refresh();
    },
    onError: (error) => reportError(error),
  });

  const confirmStatus = (status: User['status']) =>
    modal.confirm({
      title: t('org.user.confirmStatus', { name: user.displayName, status: t(`org.user.status.${status}`) }),
      content: status === 'active' ? undefined : t('org.user.statusHelp'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => setStatus.mutateAsync(status).catch(() => undefined),
    });

  const items: NonNullable<MenuProps['items']> = [];
  if (can(user, 'reset_password')) items.push({ key: 'reset', label: t('org.user.resetPassword'), onClick: () => onResetPassword(user) });
  if (can(user, 'unlock') && user.lockedUntil)
    items.push({ key: 'unlock', label: t('org.user.unlock'), onClick: () => unlock.mutate() });
  if (can(user, 'update')) {
    const others = USER_STATUSES.filter((s) => s !== user.status);
    if (items.length > 0) items.push({ type: 'divider' });
    for (const status of others)
      items.push({
        key: `status-${status}`,
        label: t(`org.user.setStatus.${status}`),
        danger: status !== 'active',
        onClick: () => confirmStatus(status),
      });
  }

  if (!can(user, 'update') && items.length === 0) return null;
  return (
    // The row opens the detail drawer on click; clicks on these controls are not meant for the row.
    <Space size={0} onClick={(event) => event.stopPropagation()}>
      {can(user, 'update') && (
        <Button type="link" size="small" onClick={() => onEdit(user)}>
          {t('common.edit')}
        </Button>
      )}
      {items.length > 0 && (
        <Dropdown menu={{ items }} trigger={['click']}>
          <Button type="link" size="small" loading={unlock.isPending || setStatus.isPending}>
            {t('common.more')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
    </Space>
  );
}
