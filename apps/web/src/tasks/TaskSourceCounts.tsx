import { Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskSource } from '@henji/contracts/values';
import { QueryError } from '../components/QueryError.tsx';
import { useTaskSourceCounts, type TaskListQuery } from './api.ts';

interface TaskSourceCountsProps {
  filters: Omit<TaskListQuery, 'source' | 'page' | 'pageSize' | 'sort' | 'order'>;
  selected: TaskSource | undefined;
  pick: (source: TaskSource | undefined) => void;
}

/** 按来源: a card per source with its tasks in the view (all, open, overdue); a card filters the list below it. */
export function TaskSourceCounts({ filters, selected, pick }: TaskSourceCountsProps) {
  const { t } = useTranslation();
  const counts = useTaskSourceCounts(filters);
  if (counts.isError) return <QueryError error={counts.error} onRetry={() => void counts.refetch()} />;
  if (counts.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="task-source-counts">
      {counts.data.items.map((item) => {
        const active = selected === item.source;
        const toggle = () => pick(active ? undefined : item.source);
        return (
          <Col key={item.source} xs={12} md={8} xl={4}>
            <Card
              size="small"
              hoverable
              role="button"
              tabIndex={0}
              aria-pressed={active}
              onClick={toggle}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  toggle();
                }
              }}
              style={active ? { borderColor: '#1677ff', boxShadow: '0 0 0 1px #1677ff' } : undefined}
              data-testid={`source-${item.source}`}
            >
              <Typography.Text type="secondary">{t(`tasks.source.${item.source}`)}</Typography.Text>
              <Typography.Title level={3} style={{ margin: '4px 0' }}>
                {item.total}
              </Typography.Title>
              <Space size={8} wrap style={{ fontSize: 12 }}>
                <Typography.Text type="secondary">{t('tasks.bySource.open', { count: item.open })}</Typography.Text>
                <Typography.Text type={item.overdue > 0 ? 'danger' : 'secondary'}>{t('tasks.bySource.overdue', { count: item.overdue })}</Typography.Text>
              </Space>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
