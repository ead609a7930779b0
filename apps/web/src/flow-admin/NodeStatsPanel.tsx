import { lazy, Suspense, useMemo } from 'react';
import { Card, Empty, Skeleton, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NodeStats } from '@henji/contracts';
import { QueryError } from '../components/QueryError.tsx';
import { useNodeStats } from './api.ts';
import { useWorkingTimeUnits } from './labels.ts';
import { nodeStatsOption } from './stats-chart.ts';
import { formatWorkingMinutes } from './working-time.ts';

type NodeRow = NodeStats['nodes'][number];

/** ECharts is large and only this panel draws with it: loaded when a chart is first shown. */
const EChart = lazy(() => import('./EChart.tsx').then((module) => ({ default: module.EChart })));
const CHART_HEIGHT = 280;

/** 节点耗时统计: how long each node of a type takes (average and P90 in working time) and how many are overdue. */
export function NodeStatsPanel({ typeId }: { typeId: string | undefined }) {
  const { t } = useTranslation();
  const stats = useNodeStats(typeId);
  const units = useWorkingTimeUnits();
  const option = useMemo(
    () =>
      stats.data &&
      nodeStatsOption(stats.data, {
        avg: t('flowAdmin.monitor.stats.avgSeries'),
        p90: t('flowAdmin.monitor.stats.p90Series'),
        axis: t('flowAdmin.monitor.stats.hoursAxis'),
      }),
    [stats.data, t],
  );
  const duration = (minutes: number | null) => (minutes === null ? '—' : formatWorkingMinutes(minutes, units, stats.data?.minutesPerDay));

  let body;
  if (!typeId) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flowAdmin.monitor.stats.pickType')} />;
  else if (stats.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (stats.isError) body = <QueryError compact error={stats.error} onRetry={() => void stats.refetch()} />;
  else if (stats.data.nodes.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flowAdmin.monitor.stats.empty')} />;
  else
    body = (
      <>
        {option && (
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: CHART_HEIGHT }} />}>
            <EChart option={option} height={CHART_HEIGHT} ariaLabel={t('flowAdmin.monitor.stats.title')} />
          </Suspense>
        )}
        <Table<NodeRow>
          rowKey="nodeId"
          size="small"
          pagination={false}
          dataSource={stats.data.nodes}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('flowAdmin.monitor.stats.node'), dataIndex: 'nodeName' },
            { title: t('flowAdmin.monitor.stats.completed'), dataIndex: 'completed', align: 'right' },
            { title: t('flowAdmin.monitor.stats.running'), dataIndex: 'running', align: 'right' },
            {
              title: t('flowAdmin.monitor.stats.overdue'),
              dataIndex: 'overdue',
              align: 'right',
              render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n),
            },
            { title: t('flowAdmin.monitor.stats.avg'), dataIndex: 'avgMinutes', align: 'right', render: duration },
            { title: t('flowAdmin.monitor.stats.p90'), dataIndex: 'p90Minutes', align: 'right', render: duration },
          ]}
        />
      </>
    );

  return (
    <Card size="small" title={t('flowAdmin.monitor.stats.title')} style={{ marginTop: 16 }}>
      {body}
    </Card>
  );
}
