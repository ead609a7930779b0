import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Button, Divider, Empty, Flex, Popover, Skeleton, Tooltip, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { QueryError } from '../components/QueryError.tsx';
import { useMarkRead, useNotifications, useUnreadCount } from './api.ts';
import { NotificationEntry } from './NotificationEntry.tsx';
import { useOpenNotification } from './use-open-notification.ts';

const LATEST = 8;

/** The latest notifications, fetched only while the panel is open. */
function LatestPanel({ onClose }: { onClose: () => void }) {
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

/** The bell in the header: the unread count (polled), and a panel of the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  const label = count > 0 ? `${t('notify.bell.label')} (${t('notify.bell.unread', { count })})` : t('notify.bell.label');
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      destroyOnHidden
      content={<LatestPanel onClose={() => setOpen(false)} />}
    >
      <Tooltip title={open ? undefined : label}>
        <Button type="text" aria-label={label} data-testid="notification-bell">
          <Badge count={count} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        </Button>
      </Tooltip>
    </Popover>
  );
}
