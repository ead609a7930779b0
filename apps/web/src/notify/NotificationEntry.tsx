import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NotificationItem } from '@henji/contracts';
import { formatDateTime } from '../i18n/format.ts';

/** One notification as the bell and 通知中心 show it: unread ones in bold with a dot, urgent ones tagged. */
export function NotificationEntry({ item, compact = false }: { item: NotificationItem; compact?: boolean }) {
  const { t } = useTranslation();
  const unread = item.readAt === null;
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }} data-testid="notification-entry">
      <Flex gap={6} align="center" wrap>
        {unread && <span aria-label={t('notify.center.unreadTag')} style={{ width: 8, height: 8, borderRadius: 4, background: '#1677ff', flex: 'none' }} />}
        {item.urgent && (
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {t('notify.center.urgent')}
          </Tag>
        )}
        <Typography.Text strong={unread} ellipsis={compact ? { tooltip: item.title } : false}>
          {item.title}
        </Typography.Text>
      </Flex>
      {item.body && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={compact ? { rows: 2 } : false}>
          {item.body}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(item.createdAt)}
      </Typography.Text>
    </Flex>
  );
}
