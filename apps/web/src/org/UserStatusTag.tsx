import { Space, Tag, Tooltip } from 'antd';
import { KeyOutlined, LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '@henji/contracts';
import { formatDateTime, isFuture } from '../i18n/format.ts';

const STATUS_COLORS: Record<User['status'], string> = { active: 'green', disabled: 'orange', left: 'default' };

/**
 * Account status, plus a lock while a lockout (too many failed logins) is in force, and 待设置新密码 while the password
 * someone else set has not been replaced (the server lets the person do nothing else until they do).
 */
export function UserStatusTag({ user }: { user: Pick<User, 'status' | 'lockedUntil'> & Partial<Pick<User, 'mustChangePassword'>> }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLORS[user.status]}>{t(`org.user.status.${user.status}`)}</Tag>
      {isFuture(user.lockedUntil) && (
        <Tooltip title={t('org.user.lockedUntil', { until: formatDateTime(user.lockedUntil) })}>
          <Tag color="red" icon={<LockOutlined />}>
            {t('org.user.locked')}
          </Tag>
        </Tooltip>
      )}
      {user.mustChangePassword && (
        <Tooltip title={t('firstRun.user.mustChangeHelp')}>
          <Tag color="gold" icon={<KeyOutlined />} data-testid="must-change-password">
            {t('firstRun.user.mustChange')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}
