import { Badge, Card, Empty, Flex, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useCopies } from './api.ts';

/** 抄送 of an application: who was copied, by whom (or by the flow), and whether they have read it (已阅). */
export function CopiesCard({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const copies = useCopies(applicationId);
  return (
    <Card title={t('comfort.cc.card')} size="small" data-testid="copies-card">
      {copies.isError ? (
        <QueryError error={copies.error} onRetry={() => void copies.refetch()} />
      ) : (
        <List
          size="small"
          loading={copies.isPending}
          dataSource={copies.data ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('comfort.cc.empty')} /> }}
          renderItem={(copy) => (
            <List.Item key={copy.taskId}>
              <Flex vertical gap={0} style={{ width: '100%' }}>
                <Space size={8} wrap>
                  <Typography.Text strong>{copy.person.displayName}</Typography.Text>
                  {copy.read ? <Badge status="success" text={t('comfort.cc.read')} /> : <Badge status="processing" text={t('comfort.cc.unread')} />}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {copy.addedBy ? t('comfort.cc.addedBy', { name: copy.addedBy.displayName }) : t('comfort.cc.byFlow')} · {formatDateTime(copy.createdAt)}
                  {copy.readAt ? ` · ${t('comfort.cc.readAt', { time: formatDateTime(copy.readAt) })}` : ''}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
