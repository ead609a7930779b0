import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Space, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Calendar } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { hasPermission, useMe } from '../auth/session.ts';
import { can } from '../components/can.ts';
import { DetailDrawer } from '../components/DetailDrawer.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryTable } from '../components/QueryTable.tsx';
import { afterChange } from '../org/api.ts';
import { CALENDAR_SUBJECT, setDefaultCalendar, useCalendars } from './api.ts';
import { CalendarFormModal } from './CalendarFormModal.tsx';
import { DeadlineCalculator } from './DeadlineCalculator.tsx';
import { WeeklyHoursEditor } from './WeeklyHoursEditor.tsx';
import { weeklyHours } from './week.ts';
import { YearView } from './YearView.tsx';

/**
 * 系统设置 → 工作日历 (K6): the calendars, each with its weekly hours, its holidays and 调休 make-up workdays by year,
 * and a deadline calculator. Everyone may look; changes need calendar.manage, and the buttons follow allowedActions.
 */
export function CalendarsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const calendars = useCalendars();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ calendar?: Calendar } | null>(null);
  const [traceOpen, setTraceOpen] = useState(false);

  const list = calendars.data?.items ?? [];
  const selected = list.find((c) => c.id === selectedId) ?? list[0] ?? null;

  const columns: TableColumnsType<Calendar> = [
    {
      title: t('calendar.name'),
      dataIndex: 'name',
      render: (name: string, calendar) => (
        <Space size={4} wrap>
          <Typography.Link data-testid="calendar-name">{name}</Typography.Link>
          {calendar.isDefault && <Tag color="blue">{t('calendar.isDefault')}</Tag>}
        </Space>
      ),
    },
    { title: t('calendar.code'), dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
  ];

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        description={t('calendar.description')}
        extra={
          hasPermission(me, 'calendar.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
              {t('calendar.create')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={7}>
          <Card size="small" title={t('calendar.list')}>
            <QueryTable<Calendar>
              query={calendars}
              rows={list}
              skeletonRows={3}
              emptyText={t('calendar.empty')}
              onOpen={(calendar) => setSelectedId(calendar.id)}
              columns={columns}
              size="small"
              pagination={false}
              rowClassName={(calendar) => (calendar.id === selected?.id ? 'ant-table-row-selected' : '')}
            />
          </Card>
        </Col>
        <Col xs={24} lg={17}>
          {selected ? (
            <CalendarDetail
              key={selected.id}
              calendar={selected}
              shippedYears={calendars.data?.shippedYears ?? []}
              onEdit={() => setEditing({ calendar: selected })}
              onTrace={() => setTraceOpen(true)}
            />
          ) : (
            !calendars.isPending && <Empty description={t('calendar.select')} />
          )}
        </Col>
      </Row>
      {editing && (
        <CalendarFormModal calendar={editing.calendar} onSaved={(calendar) => setSelectedId(calendar.id)} onClose={() => setEditing(null)} />
      )}
      <DetailDrawer
        title={selected?.name ?? t('calendar.title')}
        open={traceOpen && selected !== null}
        onClose={() => setTraceOpen(false)}
        subjectType={CALENDAR_SUBJECT}
        subjectId={selected?.id ?? null}
      >
        {selected && <CalendarSummary calendar={selected} />}
      </DetailDrawer>
    </>
  );
}

function CalendarSummary({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      column={2}
      size="small"
      bordered
      items={[
        { key: 'code', label: t('calendar.code'), children: <Typography.Text code>{calendar.code}</Typography.Text> },
        { key: 'timezone', label: t('calendar.timezone'), children: calendar.timezone },
        { key: 'hours', label: t('calendar.tabs.weekly'), children: t('calendar.weekly.perWeek', { hours: weeklyHours(calendar.weekly) }) },
        {
          key: 'official',
          label: t('calendar.followsOfficial'),
          children: calendar.followsOfficial ? `${t('common.yes')} · ${calendar.officialYears.join(t('common.listSeparator'))}` : t('common.no'),
        },
      ]}
    />
  );
}

interface CalendarDetailProps {
  calendar: Calendar;
  shippedYears: readonly number[];
  onEdit: () => void;
  onTrace: () => void;
}

function CalendarDetail({ calendar, shippedYears, onEdit, onTrace }: CalendarDetailProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const makeDefault = useMutation({
    mutationFn: () => setDefaultCalendar(calendar.id),
    onSuccess: async () => {
      void message.success(t('calendar.defaultSet'));
      await afterChange(queryClient, queryKeys.calendars.all, { type: CALENDAR_SUBJECT, id: calendar.id });
    },
    onError: (error) => reportError(error),
  });

  return (
    <Card
      data-testid="calendar-detail"
      title={
        <Space wrap>
          <span>{calendar.name}</span>
          {calendar.isDefault && <Tag color="blue">{t('calendar.defaultTag')}</Tag>}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {calendar.timezone}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space size={4} wrap>
          {can(calendar, 'set_default') && (
            <Popconfirm
              title={t('calendar.confirmSetDefault', { name: calendar.name })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => makeDefault.mutateAsync().catch(() => undefined)}
            >
              <Button size="small" loading={makeDefault.isPending}>
                {t('calendar.setDefault')}
              </Button>
            </Popconfirm>
          )}
          {can(calendar, 'update') && (
            <Button size="small" onClick={onEdit}>
              {t('common.edit')}
            </Button>
          )}
          <Button size="small" icon={<HistoryOutlined />} onClick={onTrace}>
            {t('calendar.trace')}
          </Button>
        </Space>
      }
    >
      <Tabs
        items={[
          { key: 'days', label: t('calendar.tabs.days'), children: <YearView calendar={calendar} shippedYears={shippedYears} /> },
          { key: 'weekly', label: t('calendar.tabs.weekly'), children: <WeeklyHoursEditor calendar={calendar} /> },
          { key: 'deadline', label: t('calendar.tabs.deadline'), children: <DeadlineCalculator calendar={calendar} /> },
        ]}
      />
    </Card>
  );
}
