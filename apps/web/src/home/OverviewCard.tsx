import { lazy, Suspense, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HomeOverview } from '@henji/contracts';
import { hasPermission, useMe } from '../auth/session.ts';
import { formatDateTime } from '../i18n/format.ts';
import { fetchOverview, homeKeys } from './api.ts';
import { SectionState } from './SectionState.tsx';
import { byNodeLines, byPersonLines, chartHeight, stackedBarOption } from './home-logic.ts';

/** ECharts is large: loaded only when an overview has something to draw (as the flow monitor does). */
const EChart = lazy(() => import('../flow-admin/EChart.tsx').then((module) => ({ default: module.EChart })));

/**
 * What waits on whom, for the CEO (the whole company) and department heads (their departments with sub-departments):
 * open approvals by step and by approver with what is overdue, and the tracked tasks in the scope. Nothing for
 * people who oversee nobody (the server answers null).
 */
export function OverviewCard() {
  const overview = useQuery({ queryKey: homeKeys.overview, queryFn: fetchOverview });
  if (overview.isPending || overview.isError) return <SectionState query={overview} />;
  if (overview.data === null) return null;
  return <Overview data={overview.data} />;
}

function Overview({ data }: { data: HomeOverview }) {
  const { t } = useTranslation();
  const me = useMe();
  const labels = { pending: t('firstRun.overview.chartPending'), overdue: t('firstRun.overview.chartOverdue') };
  const nodeOption = useMemo(() => stackedBarOption(byNodeLines(data), labels), [data, labels.pending, labels.overdue]); // eslint-disable-line react-hooks/exhaustive-deps
  const personOption = useMemo(() => stackedBarOption(byPersonLines(data), labels), [data, labels.pending, labels.overdue]); // eslint-disable-line react-hooks/exhaustive-deps
  const scope =
    data.scope === 'company'
      ? t('firstRun.overview.scopeCompany')
      : t('firstRun.overview.scopeDepartments', { names: data.departments.map((d) => d.name).join(t('common.listSeparator')) });

  return (
    <Card
      title={t('firstRun.overview.title')}
      extra={hasPermission(me, 'flow.monitor') ? <Link to="/admin/monitor">{t('firstRun.overview.monitor')}</Link> : undefined}
      style={{ marginBottom: 16 }}
      data-testid="home-overview"
    >
      <Typography.Paragraph type="secondary">{scope}</Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('firstRun.overview.pending')} value={data.pending} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('firstRun.overview.overdue')} value={data.overdue} styles={{ content: { color: data.overdue > 0 ? '#cf1322' : undefined } }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('firstRun.overview.trackedOpen')} value={data.trackedTasks.open} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('firstRun.overview.trackedOverdue')}
            value={data.trackedTasks.overdue}
            suffix={data.trackedTasks.awaitingOwner > 0 ? <Typography.Text type="warning" style={{ fontSize: 12 }}>{` ${t('firstRun.overview.awaitingOwner')} ${data.trackedTasks.awaitingOwner}`}</Typography.Text> : undefined}
            styles={{ content: { color: data.trackedTasks.overdue > 0 ? '#cf1322' : undefined } }}
          />
        </Col>
      </Row>
      {data.pending === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('firstRun.overview.empty')} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Typography.Title level={5}>{t('firstRun.overview.byNode')}</Typography.Title>
              <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: chartHeight(data.byNode.length) }} />}>
                <EChart option={nodeOption} height={chartHeight(data.byNode.length)} ariaLabel={t('firstRun.overview.byNode')} />
              </Suspense>
            </Col>
            <Col xs={24} lg={12}>
              <Typography.Title level={5}>{t('firstRun.overview.byPerson')}</Typography.Title>
              <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: chartHeight(data.byPerson.length) }} />}>
                <EChart option={personOption} height={chartHeight(data.byPerson.length)} ariaLabel={t('firstRun.overview.byPerson')} />
              </Suspense>
            </Col>
          </Row>
          <Table
            size="small"
            style={{ marginTop: 16 }}
            rowKey={(p) => p.user.id}
            dataSource={data.byPerson}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="overview-people"
            columns={[
              { title: t('firstRun.overview.person'), render: (_, p) => p.user.displayName },
              { title: t('firstRun.overview.department'), render: (_, p) => p.departmentName ?? '—' },
              { title: t('firstRun.overview.chartPending'), dataIndex: 'pending', align: 'right' },
              {
                title: t('firstRun.overview.chartOverdue'),
                dataIndex: 'overdue',
                align: 'right',
                render: (n: number) => <Typography.Text type={n > 0 ? 'danger' : undefined}>{n}</Typography.Text>,
              },
              { title: t('firstRun.overview.oldestSince'), render: (_, p) => formatDateTime(p.oldestSince) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
