import { useSearchParams } from 'react-router-dom';
import { App, Button, Card, Empty, Flex, Pagination, Segmented, Skeleton } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useMarkRead, useNotifications, useUnreadCount, type ReadFilter } from './api.ts';
import { appPath } from './links.ts';
import { NotificationEntry } from './NotificationEntry.tsx';
import { useOpenNotification } from './use-open-notification.ts';

const PAGE_SIZE = 20;
const FILTERS: readonly ReadFilter[] = ['all', 'unread', 'read'];
const filterOf = (value: string | null): ReadFilter => FILTERS.find((f) => f === value) ?? 'all';

/** 通知中心: every notification of mine, newest first; the filter and page live in the URL. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params.get('filter'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useNotifications(filter, page, PAGE_SIZE, { poll: true });
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const reportError = useErrorReporter();
  const open = useOpenNotification();

  const show = (next: { filter?: ReadFilter; page?: number }) => {
    const out = new URLSearchParams();
    const f = next.filter ?? filter;
    const p = next.page ?? (next.filter ? 1 : page);
    if (f !== 'all') out.set('filter', f);
    if (p > 1) out.set('page', String(p));
    setParams(out);
  };

  const markAll = () =>
    markRead.mutate(
      { all: true },
      { onSuccess: (r) => void message.success(t('notify.center.markedAll', { count: r.marked })), onError: (e) => reportError(e) },
    );

  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('notify.nav.center')}
        description={t('notify.center.description')}
        extra={
          <Button icon={<CheckOutlined />} disabled={!unread.data} loading={markRead.isPending && 'all' in (markRead.variables ?? {})} onClick={markAll}>
            {t('notify.center.markAllRead')}
          </Button>
        }
      />
      <Card>
        <Flex vertical gap={16}>
          <Segmented<ReadFilter>
            value={filter}
            onChange={(value) => show({ filter: value })}
            options={FILTERS.map((f) => ({
              value: f,
              label: f === 'unread' && unread.data ? `${t('notify.center.filter.unread')} (${unread.data})` : t(`notify.center.filter.${f}`),
            }))}
          />
          {list.isPending ? (
            <Skeleton active paragraph={{ rows: 6 }} />
          ) : list.isError ? (
            <QueryError error={list.error} onRetry={() => void list.refetch()} />
          ) : items.length === 0 ? (
            <Empty description={filter === 'unread' ? t('notify.center.emptyUnread') : t('notify.center.empty')} />
          ) : (
            <Flex vertical>
              {items.map((item) => (
                <Flex
                  key={item.id}
                  justify="space-between"
                  align="flex-start"
                  gap={8}
                  wrap
                  style={{ padding: '12px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
                  data-testid="notification-item"
                >
                  {/* On a narrow screen the buttons go under the text instead of squeezing it. */}
                  <div style={{ flex: '1 1 240px', minWidth: 0 }}>
                    <NotificationEntry item={item} />
                  </div>
                  <Flex gap={8} style={{ flex: 'none', marginInlineStart: 'auto' }}>
                    {appPath(item.link) && (
                      <Button size="small" type="link" onClick={() => open(item)}>
                        {t('notify.center.open')}
                      </Button>
                    )}
                    {item.readAt === null && (
                      <Button
                        size="small"
                        loading={markRead.isPending && markRead.variables !== undefined && 'ids' in markRead.variables && markRead.variables.ids.includes(item.id)}
                        onClick={() => markRead.mutate({ ids: [item.id] }, { onError: (e) => reportError(e) })}
                      >
                        {t('notify.center.markRead')}
                      </Button>
                    )}
                  </Flex>
                </Flex>
              ))}
            </Flex>
          )}
          {list.data && list.data.total > PAGE_SIZE && (
            <Pagination
              align="end"
              current={page}
              pageSize={PAGE_SIZE}
              total={list.data.total}
              showSizeChanger={false}
              showTotal={(total) => t('common.total', { total })}
              onChange={(next) => show({ page: next })}
            />
          )}
        </Flex>
      </Card>
    </>
  );
}
