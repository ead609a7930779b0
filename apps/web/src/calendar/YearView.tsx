import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, InputNumber, Popconfirm, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { YEAR_MAX, YEAR_MIN, type Calendar } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { can } from '../components/can.ts';
import { QueryError } from '../components/QueryError.tsx';
import { afterChange } from '../org/api.ts';
import { CALENDAR_SUBJECT, resetCalendarYear, useCalendarDays } from './api.ts';
import styles from './YearView.module.css';
import { DayOverrideModal } from './DayOverrideModal.tsx';
import { ImportHolidaysModal } from './ImportHolidaysModal.tsx';
import { monthWeeks, WEEK_ORDER, WEEKDAY_KEYS, weekdayOf } from './week.ts';

interface YearViewProps {
  calendar: Calendar;
  shippedYears: readonly number[];
}

/** Twelve months of one year: 休 marks holidays, 班 make-up workdays; a click on a day edits its override. */
export function YearView({ calendar, shippedYears }: YearViewProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [editing, setEditing] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const days = useCalendarDays(calendar.id, year);
  const editable = can(calendar, 'edit_days');

  const byDate = useMemo(() => new Map((days.data?.items ?? []).map((d) => [d.date, d])), [days.data]);
  const holidays = days.data?.items.filter((d) => d.kind === 'holiday').length ?? 0;
  const workdays = days.data?.items.filter((d) => d.kind === 'workday').length ?? 0;

  const reset = useMutation({
    mutationFn: () => resetCalendarYear(calendar.id, year),
    onSuccess: async () => {
      void message.success(t('calendar.days.resetDone', { year }));
      await afterChange(queryClient, queryKeys.calendars.all, { type: CALENDAR_SUBJECT, id: calendar.id });
    },
    onError: (error) => reportError(error),
  });

  const dayCell = (date: string | null, index: number) => {
    if (!date) return <td key={index} />;
    const day = byDate.get(date);
    const rest = (calendar.weekly[weekdayOf(date)] ?? []).length === 0;
    const className = [styles.day, day?.kind === 'holiday' && styles.holiday, day?.kind === 'workday' && styles.workday, !day && rest && styles.rest]
      .filter(Boolean)
      .join(' ');
    const content = (
      <button
        type="button"
        className={className}
        disabled={!editable}
        onClick={() => setEditing(date)}
        data-testid={`calendar-day-${date}`}
        aria-label={day ? `${date} ${day.name}` : date}
      >
        <span>{Number(date.slice(8))}</span>
        {day && <span className={styles.mark}>{day.kind === 'holiday' ? t('calendar.days.holiday') : t('calendar.days.workday')}</span>}
      </button>
    );
    return <td key={date}>{day?.name ? <Tooltip title={day.name}>{content}</Tooltip> : content}</td>;
  };

  const month = (m: number) => (
    <Col xs={24} sm={12} lg={8} xxl={6} key={m}>
      <Card size="small" title={`${year}-${String(m).padStart(2, '0')}`}>
        <table className={styles.month}>
          <thead>
            <tr>
              {WEEK_ORDER.map((weekday) => (
                <th key={weekday}>{t(`calendar.weekdayShort.${WEEKDAY_KEYS[weekday]}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthWeeks(year, m).map((week, w) => (
              <tr key={w}>{week.map(dayCell)}</tr>
            ))}
          </tbody>
        </table>
      </Card>
    </Col>
  );

  const shipped = shippedYears.includes(year);
  return (
    <Flex vertical gap={12} data-testid="calendar-year">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          <Button icon={<LeftOutlined />} aria-label="-1" disabled={year <= YEAR_MIN} onClick={() => setYear(year - 1)} />
          <InputNumber<number>
            aria-label={t('calendar.days.year')}
            min={YEAR_MIN}
            max={YEAR_MAX}
            precision={0}
            value={year}
            onChange={(value) => value !== null && setYear(value)}
          />
          <Button icon={<RightOutlined />} aria-label="+1" disabled={year >= YEAR_MAX} onClick={() => setYear(year + 1)} />
          {days.data && <Typography.Text type="secondary">{t('calendar.days.count', { holidays, workdays })}</Typography.Text>}
        </Space>
        {editable && (
          <Space wrap>
            <Button onClick={() => setImporting(true)} data-testid="calendar-import">
              {t('calendar.import.open')}
            </Button>
            {shipped ? (
              <Popconfirm
                title={t('calendar.days.confirmReset', { year })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => reset.mutateAsync().catch(() => undefined)}
              >
                <Button loading={reset.isPending}>{t('calendar.days.reset')}</Button>
              </Popconfirm>
            ) : (
              <Tooltip title={t('calendar.days.notShipped', { year, years: shippedYears.join(t('common.listSeparator')) })}>
                <Button disabled>{t('calendar.days.reset')}</Button>
              </Tooltip>
            )}
          </Space>
        )}
      </Flex>
      <Space size={12} wrap>
        <Tag color="red">{t('calendar.days.legendHoliday')}</Tag>
        <Tag color="blue">{t('calendar.days.legendWorkday')}</Tag>
        <Tag>{t('calendar.days.legendWeekend')}</Tag>
      </Space>
      {days.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : days.isError ? (
        <QueryError error={days.error} onRetry={() => void days.refetch()} />
      ) : (
        <Row gutter={[12, 12]}>{Array.from({ length: 12 }, (_, i) => month(i + 1))}</Row>
      )}
      {importing && <ImportHolidaysModal calendar={calendar} onClose={() => setImporting(false)} onImported={setYear} />}
      {editing && <DayOverrideModal calendar={calendar} date={editing} day={byDate.get(editing)} onClose={() => setEditing(null)} />}
    </Flex>
  );
}
