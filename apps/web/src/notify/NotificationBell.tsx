import { Suspense, useState } from 'react';
import { Badge, Button, Popover, Spin, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { lazyPart } from '../components/lazy-page.tsx';
import { useUnreadCount } from './api.ts';

/** The panel's code downloads when the bell is first pointed at, not with every page. */
const panel = lazyPart(() => import('./LatestPanel.tsx').then((m) => m.LatestPanel));

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
      content={
        <Suspense fallback={<Spin size="small" />}>
          <panel.Part onClose={() => setOpen(false)} />
        </Suspense>
      }
    >
      <Tooltip title={open ? undefined : label}>
        <Button type="text" aria-label={label} data-testid="notification-bell" onPointerEnter={panel.preload} onFocus={panel.preload}>
          <Badge count={count} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        </Button>
      </Tooltip>
    </Popover>
  );
}
