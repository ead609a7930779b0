/** The bell's panel: the latest notifications, fetched only while it is open (its code too: see NotificationBell). */
import { Link } from 'react-router-dom';
import { Button, Divider, Empty, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { QueryError } from '../components/QueryError.tsx';
import { useMarkRead, useNotifications, useUnreadCount } from './api.ts';
import { NotificationEntry } from './NotificationEntry.tsx';
import { useOpenNotification } from './use-open-notification.ts';

const LATEST = 8;

export function LatestPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const latest = useNotifications('all', 1, LATEST);
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const reportError = useErrorReporter();
  const open = useOpenNotification(onClose);
  const items = latest.data?.items ?? [];

  return (
    <Flex vertical style={{ width: 360, maxWidth: '80vw' }} data-testid="notification-panel">
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t('notify.bell.latest')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={!unread.data}
          loading={markRead.isPending}
          onClick={() => markRead.mutate({ all: true }, { onError: (error) => reportError(error) })}
        >
          {t('notify.bell.markAllRead')}
        </Button>
      </Flex>
      <Divider style={{ margin: '8px 0' }} />
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        {latest.isPending ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : latest.isError ? (
          <QueryError error={latest.error} onRetry={() => void latest.refetch()} />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.bell.empty')} />
        ) : (
          <Flex vertical gap={4}>
            {items.map((item) => (
              <Button
                key={item.id}
                type="text"
                block
                onClick={() => open(item)}
                style={{ height: 'auto', padding: '6px 8px', textAlign: 'start', whiteSpace: 'normal', display: 'block' }}
              >
                <NotificationEntry item={item} compact />
              </Button>
            ))}
          </Flex>
        )}
      </div>
      <Divider style={{ margin: '8px 0' }} />
      <Link to="/notifications" onClick={onClose} style={{ textAlign: 'center' }}>
        {t('notify.bell.viewAll')}
      </Link>
    </Flex>
  );
}
