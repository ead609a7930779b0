import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Flex, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Calendar, WeeklyTemplate, WorkingPeriod } from '@henji/contracts';
import { isApiError } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { can } from '../components/can.ts';
import { afterChange } from '../org/api.ts';
import { CALENDAR_SUBJECT, updateCalendar } from './api.ts';
import { hasProblems, hoursOf, templateProblems, WEEK_ORDER, WEEKDAY_KEYS, weeklyHours, type PeriodProblem, type Weekday } from './week.ts';

const NEW_PERIOD: WorkingPeriod = { start: '09:00', end: '18:00' };

/** The weekly template: read-only for everyone, editable (periods per weekday, checked as typed) with calendar.manage. */
export function WeeklyHoursEditor({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [draft, setDraft] = useState<WeeklyTemplate | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const editing = draft !== null;
  const weekly = draft ?? calendar.weekly;
  const problems = templateProblems(weekly);

  const save = useMutation({
    mutationFn: (next: WeeklyTemplate) => updateCalendar(calendar.id, { weekly: next }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      setDraft(null);
      setServerErrors({});
      await afterChange(queryClient, queryKeys.calendars.all, { type: CALENDAR_SUBJECT, id: calendar.id });
    },
    onError: (error) => {
      if (isApiError(error) && Object.keys(error.fieldErrors).length > 0) setServerErrors(error.fieldErrors);
      else reportError(error);
    },
  });

  const change = (weekday: Weekday, periods: WorkingPeriod[]) => {
    setServerErrors({});
    setDraft(weekly.map((day, d) => (d === weekday ? periods : day)));
  };

  const problemText = (problem: PeriodProblem | undefined) => (problem ? t(`calendar.weekly.${problem}`) : undefined);
  const errorOf = (key: string) => problemText(problems.fields[key]) ?? serverErrors[`weekly.${key}`]?.join(' ');

  const periodEditor = (weekday: Weekday, periods: WorkingPeriod[]) => (
    <Flex vertical gap={8}>
      {periods.map((period, index) => {
        const periodError = errorOf(`${weekday}.${index}`);
        const input = (side: 'start' | 'end') => {
          const error = errorOf(`${weekday}.${index}.${side}`);
          return (
            <Input
              size="small"
              style={{ width: 84 }}
              value={period[side]}
              status={error || periodError ? 'error' : undefined}
              aria-label={`${t(`calendar.weekday.${WEEKDAY_KEYS[weekday]}`)} ${t(`calendar.weekly.${side}`)} ${index + 1}`}
              placeholder="HH:MM"
              maxLength={5}
              onChange={(event) => change(weekday, periods.map((p, i) => (i === index ? { ...p, [side]: event.target.value.trim() } : p)))}
            />
          );
        };
        const errors = [errorOf(`${weekday}.${index}.start`), errorOf(`${weekday}.${index}.end`), periodError].filter(Boolean);
        return (
          <Flex key={index} vertical gap={2}>
            <Space size={4}>
              {input('start')}
              <span>–</span>
              {input('end')}
              <Button
                size="small"
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('calendar.weekly.removePeriod')}
                onClick={() => change(weekday, periods.filter((_, i) => i !== index))}
              />
            </Space>
            {errors.length > 0 && <Typography.Text type="danger">{[...new Set(errors)].join(' ')}</Typography.Text>}
          </Flex>
        );
      })}
      <div>
        <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => change(weekday, [...periods, periods.length === 0 ? NEW_PERIOD : { start: '', end: '' }])}>
          {t('calendar.weekly.addPeriod')}
        </Button>
      </div>
    </Flex>
  );

  const columns: TableColumnsType<{ weekday: Weekday; periods: WorkingPeriod[] }> = [
    { title: '', dataIndex: 'weekday', width: 90, render: (weekday: Weekday) => t(`calendar.weekday.${WEEKDAY_KEYS[weekday]}`) },
    {
      title: t('calendar.tabs.weekly'),
      dataIndex: 'periods',
      render: (periods: WorkingPeriod[], { weekday }) =>
        editing ? (
          periodEditor(weekday, periods)
        ) : periods.length === 0 ? (
          <Typography.Text type="secondary">{t('calendar.weekly.rest')}</Typography.Text>
        ) : (
          <Space size={4} wrap>
            {periods.map((p) => (
              <Tag key={`${p.start}-${p.end}`}>
                {p.start}–{p.end}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: '',
      key: 'hours',
      width: 100,
      align: 'right',
      render: (_: unknown, { periods }) => (periods.length > 0 ? t('calendar.weekly.perDay', { hours: hoursOf(periods) }) : '—'),
    },
  ];

  return (
    <Flex vertical gap={12} data-testid="weekly-hours">
      <Table
        rowKey="weekday"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={WEEK_ORDER.map((weekday) => ({ weekday, periods: weekly[weekday] ?? [] }))}
      />
      {problems.noWorkingTime && <Alert type="error" showIcon title={t('calendar.weekly.noWorkingTime')} />}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          {t('calendar.weekly.perWeek', { hours: weeklyHours(weekly) })} · {t('calendar.weekly.makeupNote')}
        </Typography.Text>
        {can(calendar, 'update') &&
          (editing ? (
            <Space>
              <Button onClick={() => (setDraft(null), setServerErrors({}))} disabled={save.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="primary" loading={save.isPending} disabled={hasProblems(problems)} onClick={() => save.mutate(weekly)}>
                {t('common.save')}
              </Button>
            </Space>
          ) : (
            <Button onClick={() => setDraft(calendar.weekly)}>{t('common.edit')}</Button>
          ))}
      </Flex>
    </Flex>
  );
}
