import { useMemo, useState } from 'react';
import { Alert, Badge, Calendar, Empty, Flex, List, Skeleton, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TrackedTaskSummary } from '@henji/contracts';
import { QueryError } from '../components/QueryError.tsx';
import { useIsPhone } from '../components/use-phone.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useTaskCalendar, type TaskListQuery } from './api.ts';
import { TaskFlags, TaskStatusTag } from './tags.tsx';

/** How many tasks a day's cell lists before "+N" on a wide screen. */
const PER_CELL = 3;
const DAY_KEY = 'YYYY-MM-DD';

interface TaskCalendarProps {
  filters: Omit<TaskListQuery, 'deadlineFrom' | 'deadlineTo' | 'page' | 'pageSize' | 'sort' | 'order'>;
  /** `YYYY-MM`; the current month when none. */
  month: string | undefined;
  setMonth: (month: string) => void;
  open: (id: string) => void;
}

const isLate = (task: TrackedTaskSummary) => task.overdue && task.status !== 'closed';

/**
 * 截止日历: a month of deadlines. The range read covers the month's whole grid (a week either side, well within the
 * server's 62 days); overdue tasks are red; a task opens its drawer; a day lists its tasks below the calendar.
 */
export function TaskCalendar({ filters, month, setMonth, open }: TaskCalendarProps) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const shown = month ? dayjs(`${month}-01`) : dayjs().startOf('month');
  const [selected, setSelected] = useState<Dayjs | null>(null);
  const from = shown.startOf('month').subtract(7, 'day').startOf('day');
  const to = shown.endOf('month').add(14, 'day').startOf('day');
  const calendar = useTaskCalendar({ ...filters, from: from.toISOString(), to: to.toISOString() });

  const byDay = useMemo(() => {
    const days = new Map<string, TrackedTaskSummary[]>();
    for (const task of calendar.data?.items ?? []) {
      if (!task.deadline) continue;
      const key = dayjs(task.deadline).format(DAY_KEY);
      days.set(key, [...(days.get(key) ?? []), task]);
    }
    return days;
  }, [calendar.data]);

  if (calendar.isError) return <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />;
  if (calendar.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;

  const cell = (date: Dayjs) => {
    const tasks = byDay.get(date.format(DAY_KEY)) ?? [];
    if (tasks.length === 0) return null;
    const late = tasks.some(isLate);
    if (phone) {
      // A corner badge, so a day with deadlines keeps its number where the others have theirs.
      return (
        <span style={{ position: 'absolute', top: -6, insetInlineEnd: -10, lineHeight: 1 }}>
          <Badge count={tasks.length} size="small" color={late ? 'red' : 'blue'} data-testid="calendar-day-count" />
        </span>
      );
    }
    return (
      <Flex vertical gap={2}>
        {tasks.slice(0, PER_CELL).map((task) => (
          <Typography.Link
            key={task.id}
            type={isLate(task) ? 'danger' : undefined}
            delete={task.status === 'closed'}
            ellipsis
            onClick={(event) => {
              event.stopPropagation();
              open(task.id);
            }}
            data-testid="calendar-task"
            data-overdue={isLate(task) ? 'true' : undefined}
            style={{ fontSize: 12 }}
          >
            {task.title}
          </Typography.Link>
        ))}
        {tasks.length > PER_CELL && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('tasks.calendar.more', { count: tasks.length - PER_CELL })}</Typography.Text>}
      </Flex>
    );
  };

  const dayTasks = selected ? (byDay.get(selected.format(DAY_KEY)) ?? []) : [];
  return (
    <Flex vertical gap={12} data-testid="task-calendar">
      {calendar.data.truncated && <Alert type="warning" showIcon title={t('tasks.calendar.truncated')} />}
      {calendar.data.items.length === 0 && <Typography.Text type="secondary">{t('tasks.calendar.empty')}</Typography.Text>}
      <Calendar
        fullscreen={!phone}
        value={selected && selected.isSame(shown, 'month') ? selected : dayjs().isSame(shown, 'month') ? dayjs() : shown}
        cellRender={(date, info) => (info.type === 'date' ? cell(date) : info.originNode)}
        onPanelChange={(date) => setMonth(date.format('YYYY-MM'))}
        onSelect={(date, info) => {
          if (!date.isSame(shown, 'month')) setMonth(date.format('YYYY-MM'));
          if (info.source === 'date') setSelected(date);
        }}
      />
      {selected && (
        <section aria-label={t('tasks.calendar.dayTasks', { date: selected.format(DAY_KEY) })} data-testid="calendar-day">
          <Typography.Title level={5}>{t('tasks.calendar.dayTasks', { date: selected.format(DAY_KEY) })}</Typography.Title>
          {dayTasks.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.calendar.noDayTasks')} />
          ) : (
            <List
              size="small"
              dataSource={dayTasks}
              renderItem={(task) => (
                <List.Item key={task.id} onClick={() => open(task.id)} style={{ cursor: 'pointer' }}>
                  <Flex vertical gap={2} style={{ width: '100%' }}>
                    <Typography.Link type={isLate(task) ? 'danger' : undefined} onClick={() => open(task.id)}>
                      {task.title}
                    </Typography.Link>
                    <Flex gap={4} wrap align="center">
                      <TaskStatusTag status={task.status} />
                      <TaskFlags task={task} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(task.deadline)} · {task.owner?.displayName ?? t('tasks.noOwner')}
                      </Typography.Text>
                    </Flex>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </section>
      )}
    </Flex>
  );
}
