import { Link } from 'react-router-dom';
import { Badge, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useInboxCounts } from './api.ts';

/**
 * 待办 in the menu, with the number of tasks waiting for me plus unread copies. The count refreshes every 30 s, when
 * the window regains focus, and after every action (which invalidates the inbox queries).
 */
export function InboxMenuLabel() {
  const { t } = useTranslation();
  const counts = useInboxCounts();
  const waiting = (counts.data?.todo ?? 0) + (counts.data?.cc ?? 0);
  return (
    <Link to="/inbox">
      <Flex justify="space-between" align="center" gap={8}>
        <span>{t('applications.nav.inbox')}</span>
        {waiting > 0 && <Badge count={waiting} overflowCount={99} size="small" data-testid="inbox-badge" />}
      </Flex>
    </Link>
  );
}
