import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Flex, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SLA_STATES, type SlaState } from '@henji/contracts/values';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { FLOW_MONITOR, RequirePermission } from './admin-only.tsx';
import { useApplicationTypes, useMonitor, type MonitorFilter, type MonitorRow } from './api.ts';
import { useWorkingTimeUnits } from './labels.ts';
import styles from './MonitorPage.module.css';
import { NodeStatsPanel } from './NodeStatsPanel.tsx';
import { SLA_TAG_COLORS, earliestDeadline, worstSla } from './sla.ts';
import { formatWorkingMinutes, workingHours } from './working-time.ts';

const SORTS = ['waiting', 'deadline', 'submittedAt'] as const;
const PAGE_SIZE = 20;

const isSla = (value: string | null): value is SlaState => SLA_STATES.some((s) => s === value);
const isSort = (value: string | null): value is MonitorFilter['sort'] => SORTS.some((s) => s === value);

/** 流程监控 (F8): running applications, where each waits and for how long, and per-node durations of a type. */
export function MonitorPage() {
  return (
    <RequirePermission permission={FLOW_MONITOR}>
      <Monitor />
    </RequirePermission>
  );
}

/** The filter lives in the address, so a view of the monitor can be bookmarked or sent to a colleague. */
function useMonitorFilter(): [MonitorFilter, (patch: Partial<MonitorFilter>) => void] {
  const [search, setSearch] = useSearchParams();
  const sla = search.get('sla');
  const sort = search.get('sort');
  const filter: MonitorFilter = {
    typeId: search.get('typeId') ?? undefined,
    sla: isSla(sla) ? sla : undefined,
    sort: isSort(sort) ? sort : 'waiting',
    page: Math.max(1, Number(search.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const update = (patch: Partial<MonitorFilter>) => {
    const next = { ...filter, page: 1, ...patch };
    const params: Record<string, string> = {};
    if (next.typeId) params['typeId'] = next.typeId;
    if (next.sla) params['sla'] = next.sla;
    if (next.sort !== 'waiting') params['sort'] = next.sort;
    if (next.page > 1) params['page'] = String(next.page);
    setSearch(params, { replace: true });
  };
  return [filter, update];
}

function Monitor() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filter, setFilter] = useMonitorFilter();
  const types = useApplicationTypes();
  const monitor = useMonitor(filter);
  const units = useWorkingTimeUnits();

  const columns: TableColumnsType<MonitorRow> = [
    { title: t('flowAdmin.monitor.number'), dataIndex: 'number', render: (n: string | null) => <Typography.Text code>{n ?? '—'}</Typography.Text> },
    {
      title: t('flowAdmin.monitor.title'),
      dataIndex: 'title',
      render: (title: string, row) => (
        <Space size={4}>
          {row.urgent && <Tag color="red">{t('flowAdmin.monitor.urgent')}</Tag>}
          <Typography.Link>{title}</Typography.Link>
        </Space>
      ),
    },
    { title: t('flowAdmin.monitor.type'), key: 'type', render: (_: unknown, row) => row.type.name },
    { title: t('flowAdmin.monitor.currentNode'), key: 'node', render: (_: unknown, row) => row.currentNodes.map((n) => n.nodeName).join(t('common.listSeparator')) || '—' },
    { title: t('flowAdmin.monitor.holders'), key: 'holders', render: (_: unknown, row) => row.currentAssignees.map((u) => u.displayName).join(t('common.listSeparator')) || '—' },
    {
      title: t('flowAdmin.monitor.waiting'),
      dataIndex: 'waitingMinutes',
      align: 'right',
      // Days are the usual working day of the calendar the row's times count on.
      render: (minutes: number, row) => (
        <Tooltip title={t('flowAdmin.monitor.waitingExact', { hours: workingHours(minutes), dayHours: workingHours(row.minutesPerDay) })}>
          <span>{formatWorkingMinutes(minutes, units, row.minutesPerDay)}</span>
        </Tooltip>
      ),
    },
    { title: t('flowAdmin.monitor.deadline'), key: 'deadline', render: (_: unknown, row) => formatDateTime(earliestDeadline(row.currentNodes)) },
    {
      title: t('flowAdmin.monitor.slaState'),
      key: 'sla',
      render: (_: unknown, row) => {
        const state = worstSla(row.currentNodes.map((n) => n.slaState));
        return (
          <Space size={4} wrap>
            <Tag color={SLA_TAG_COLORS[state]}>{t(`flowAdmin.monitor.slaStates.${state}`)}</Tag>
            {row.overdueMinutes > 0 && (
              <Typography.Text type="danger">{t('flowAdmin.monitor.overdueBy', { time: formatWorkingMinutes(row.overdueMinutes, units, row.minutesPerDay) })}</Typography.Text>
            )}
            {row.deviation && (
              <Tooltip
                title={t('flowAdmin.monitor.deviationHint', {
                  node: row.deviation.nodeName,
                  waiting: formatWorkingMinutes(row.deviation.waitingMinutes, units, row.minutesPerDay),
                  usual: formatWorkingMinutes(row.deviation.usualMinutes, units, row.minutesPerDay),
                })}
              >
                <Tag color="purple" data-testid="monitor-deviation">
                  {t('flowAdmin.monitor.deviation')}
                </Tag>
              </Tooltip>
            )}
          </Space>
        );
      },
    },
  ];

  const rowClass = (row: MonitorRow) => {
    const state = worstSla(row.currentNodes.map((n) => n.slaState));
    return (state === 'overdue' ? styles.overdue : state === 'due_soon' ? styles.dueSoon : undefined) ?? '';
  };

  return (
    <>
      <PageHeader
        title={t('flowAdmin.nav.monitor')}
        description={t('flowAdmin.monitor.description')}
        extra={
          <Space>
            {monitor.dataUpdatedAt > 0 && (
              <Typography.Text type="secondary">
                {t('flowAdmin.monitor.refreshedAt', { time: formatDateTime(new Date(monitor.dataUpdatedAt).toISOString()) })}
              </Typography.Text>
            )}
            <Button icon={<ReloadOutlined />} loading={monitor.isFetching} onClick={() => void monitor.refetch()}>
              {t('flowAdmin.monitor.refresh')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<string>
            allowClear
            value={filter.typeId}
            placeholder={t('flowAdmin.monitor.allTypes')}
            loading={types.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(types.data ?? []).map((type) => ({ value: type.id, label: type.name }))}
            onChange={(typeId) => setFilter({ typeId: typeId ?? undefined })}
            style={{ minWidth: 200 }}
            aria-label={t('flowAdmin.monitor.type')}
          />
          <Select<SlaState>
            allowClear
            value={filter.sla}
            placeholder={t('flowAdmin.monitor.allSla')}
            options={SLA_STATES.map((s) => ({ value: s, label: t(`flowAdmin.monitor.slaStates.${s}`) }))}
            onChange={(sla) => setFilter({ sla: sla ?? undefined })}
            style={{ minWidth: 160 }}
            aria-label={t('flowAdmin.monitor.sla')}
          />
          <Select<MonitorFilter['sort']>
            value={filter.sort}
            options={SORTS.map((s) => ({ value: s, label: t(`flowAdmin.monitor.sorts.${s}`) }))}
            onChange={(sort) => setFilter({ sort })}
            style={{ minWidth: 140 }}
            aria-label={t('flowAdmin.monitor.sort')}
          />
        </Flex>
        {monitor.isError && !monitor.data ? (
          <QueryError error={monitor.error} onRetry={() => void monitor.refetch()} />
        ) : (
          <Table<MonitorRow>
            rowKey="id"
            loading={monitor.isPending}
            dataSource={monitor.data?.items ?? []}
            columns={columns}
            rowClassName={rowClass}
            locale={{ emptyText: t('flowAdmin.monitor.empty') }}
            onRow={(row) => ({ onClick: () => void navigate(`/applications/${row.id}`), style: { cursor: 'pointer' } })}
            pagination={{
              current: filter.page,
              pageSize: PAGE_SIZE,
              total: monitor.data?.total ?? 0,
              hideOnSinglePage: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page) => setFilter({ page }),
            }}
            scroll={{ x: 'max-content' }}
            data-testid="monitor-table"
          />
        )}
      </Card>
      <NodeStatsPanel typeId={filter.typeId} />
    </>
  );
}
