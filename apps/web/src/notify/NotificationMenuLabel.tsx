import { Link } from 'react-router-dom';
import { Badge, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from './api.ts';

/** The menu entry of 通知中心, with the same unread count as the bell (one shared query). */
export function NotificationMenuLabel() {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  return (
    <Flex justify="space-between" align="center" gap={8}>
      <Link to="/notifications">{t('notify.nav.center')}</Link>
      <Badge count={unread.data ?? 0} size="small" overflowCount={99} />
    </Flex>
  );
}
