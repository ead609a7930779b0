import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Badge, Button, Card, DatePicker, Input, Segmented, Select, Space, Tabs } from 'antd';
import { AppstoreOutlined, CalendarOutlined, FilterOutlined, PieChartOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TASK_SOURCES, TASK_VIEWS, TRACKED_TASK_STATUSES, type TaskSource, type TaskView, type TrackedTaskStatus } from '@henji/contracts/values';
import { ExportButton } from '../comfort/ExportButton.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useIsPhone } from '../components/use-phone.ts';
import { DepartmentTreeSelect } from '../org/DepartmentTreeSelect.tsx';
import { UserSelect } from '../org/UserSelect.tsx';
import { useTasks, type TaskListQuery } from './api.ts';
import { CreateTaskModal } from './CreateTaskModal.tsx';
import { readTaskPageState, serverQuery, TASK_MODES, writeTaskPageState, type TaskMode, type TaskPageState } from './list-params.ts';
import { TaskBoard } from './TaskBoard.tsx';
import { TaskCalendar } from './TaskCalendar.tsx';
import { TaskDrawer } from './TaskDrawer.tsx';
import { TaskList } from './TaskList.tsx';
import { TaskSourceCounts } from './TaskSourceCounts.tsx';

const MODE_ICONS: Record<TaskMode, ReactNode> = {
  list: <UnorderedListOutlined />,
  board: <AppstoreOutlined />,
  source: <PieChartOutlined />,
  calendar: <CalendarOutlined />,
};

/** Which filters each mode uses: the board is one department's, the calendar sets the deadline range itself. */
const MODE_FILTERS: Record<TaskMode, { view: boolean; status: boolean; deadline: boolean; export: boolean }> = {
  list: { view: true, status: true, deadline: true, export: true },
  board: { view: false, status: false, deadline: false, export: false },
  source: { view: true, status: true, deadline: true, export: true },
  calendar: { view: true, status: true, deadline: false, export: false },
};

/**
 * 督办任务: the list by view (mine, assigned, my department's, overdue, all), a department's board, the counts by source
 * and a calendar of deadlines, with shared filters kept in the URL and the list exported as xlsx.
 */
export function TasksPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readTaskPageState(searchParams);
  const { mode, query, taskId } = state;
  const uses = MODE_FILTERS[mode];
  const sent = serverQuery(query);
  // The list shows in the list and by-source modes; elsewhere one row is read for the counts of the view tabs.
  const tasks = useTasks(mode === 'list' || mode === 'source' ? sent : { ...sent, page: 1, pageSize: 1 });
  const [search, setSearch] = useState(query.q ?? '');
  const [creating, setCreating] = useState(false);
  const [moreFilters, setMoreFilters] = useState(false);
  const phone = useIsPhone();

  const go = (next: TaskPageState) => setSearchParams(writeTaskPageState(next));
  const update = (changes: Partial<TaskListQuery>, { keepPage = false } = {}) =>
    go({ ...state, query: { ...query, ...(keepPage ? {} : { page: 1 }), ...changes } });
  const open = (id: string | null) => go({ ...state, taskId: id });

  const counts = tasks.data?.counts;
  const tabs = TASK_VIEWS.map((view: TaskView) => ({
    key: view,
    label: (
      <Space size={6}>
        {t(`tasks.views.${view}`)}
        {counts && <Badge count={counts[view]} showZero color={view === 'overdue' && counts.overdue > 0 ? 'red' : 'blue'} overflowCount={999} />}
      </Space>
    ),
  }));

  const activeFilters = [query.status, query.source, query.departmentId, query.ownerId, query.deadlineFrom ?? query.deadlineTo, query.overdue].filter(Boolean).length;
  const filtered = Boolean(query.q) || activeFilters > 0;
  // On a phone the filters past the search fold under one button, so the list, board or calendar shows without scrolling.
  const showAll = !phone || moreFilters;
  // The other views take the list's filters without its paging and order (their queries are strict).
  const { page: _page, pageSize: _pageSize, sort, order, ...shared } = sent;
  const exportQuery = { ...shared, sort, order };
  const { source: _source, ...withoutSource } = shared;
  const { deadlineFrom: _from, deadlineTo: _to, ...withoutDeadline } = shared;
  const filters = (
    <FilterBar testId="task-filters">
      <Input.Search
        allowClear
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        placeholder={t('tasks.filters.search')}
        aria-label={t('tasks.filters.search')}
        style={{ width: 220 }}
      />
      {phone && (
        <Button icon={<FilterOutlined />} onClick={() => setMoreFilters(!moreFilters)} aria-expanded={showAll} data-testid="task-more-filters">
          {t('tasks.filters.more')}
          {activeFilters > 0 && <Badge count={activeFilters} size="small" style={{ marginInlineStart: 6 }} />}
        </Button>
      )}
      {showAll && uses.status && (
        <Select<TrackedTaskStatus>
          allowClear
          value={query.status}
          onChange={(status) => update({ status })}
          placeholder={t('tasks.filters.status')}
          aria-label={t('tasks.filters.status')}
          style={{ width: 140 }}
          options={TRACKED_TASK_STATUSES.map((status) => ({ value: status, label: t(`tasks.status.${status}`) }))}
        />
      )}
      {showAll && mode !== 'source' && (
        <Select<TaskSource>
          allowClear
          value={query.source}
          onChange={(source) => update({ source })}
          placeholder={t('tasks.filters.source')}
          aria-label={t('tasks.filters.source')}
          style={{ width: 140 }}
          options={TASK_SOURCES.map((source) => ({ value: source, label: t(`tasks.source.${source}`) }))}
        />
      )}
      {showAll && mode !== 'board' && (
        <div style={{ width: 180 }}>
          <DepartmentTreeSelect value={query.departmentId ?? null} onChange={(departmentId) => update({ departmentId: departmentId ?? undefined })} placeholder={t('tasks.filters.department')} />
        </div>
      )}
      {showAll && (
        <div style={{ width: 180 }}>
          <UserSelect value={query.ownerId ?? null} onChange={(ownerId) => update({ ownerId: ownerId ?? undefined })} placeholder={t('tasks.filters.owner')} />
        </div>
      )}
      {showAll && uses.deadline && (
        <DatePicker.RangePicker
          value={[query.deadlineFrom ? dayjs(query.deadlineFrom) : null, query.deadlineTo ? dayjs(query.deadlineTo) : null]}
          onChange={(range) => update({ deadlineFrom: range?.[0]?.format('YYYY-MM-DD'), deadlineTo: range?.[1]?.format('YYYY-MM-DD') })}
          placeholder={[t('tasks.filters.deadlineFrom'), t('tasks.filters.deadlineTo')]}
          aria-label={t('tasks.filters.deadline')}
          allowEmpty={[true, true]}
          style={{ width: 260 }}
        />
      )}
      {filtered && (
        <Button
          onClick={() => {
            setSearch('');
            update({ q: undefined, status: undefined, source: undefined, departmentId: undefined, ownerId: undefined, deadlineFrom: undefined, deadlineTo: undefined, overdue: undefined });
          }}
        >
          {t('common.resetFilters')}
        </Button>
      )}
      {uses.export && <ExportButton path="/api/tasks/export.xlsx" query={exportQuery} fallbackName={`${t('tasks.title')}.xlsx`} />}
    </FilterBar>
  );

  const list = <TaskList tasks={tasks} query={query} update={update} open={(id) => open(id)} />;
  let content;
  switch (mode) {
    case 'list':
      content = list;
      break;
    case 'source':
      content = (
        <>
          <TaskSourceCounts filters={withoutSource} selected={query.source} pick={(source) => update({ source })} />
          {list}
        </>
      );
      break;
    case 'board':
      content = <TaskBoard filters={query} pickDepartment={(departmentId) => update({ departmentId })} open={(id) => open(id)} />;
      break;
    case 'calendar':
      content = (
        <TaskCalendar
          filters={withoutDeadline}
          month={state.month}
          setMonth={(month) => go({ ...state, month })}
          open={(id) => open(id)}
        />
      );
      break;
  }

  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        description={t('tasks.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tasks.create')}
          </Button>
        }
      />
      <Card>
        <Segmented<TaskMode>
          value={mode}
          onChange={(next) => go({ ...state, mode: next, query: { ...query, page: 1 } })}
          options={TASK_MODES.map((value) => ({ value, label: t(`tasks.modes.${value}`), icon: MODE_ICONS[value] }))}
          style={{ marginBottom: 12 }}
          data-testid="task-modes"
        />
        {uses.view && <Tabs activeKey={query.view} items={tabs} onChange={(view) => update({ view: TASK_VIEWS.find((v) => v === view) ?? 'mine' })} />}
        {filters}
        {content}
      </Card>
      {creating && (
        <CreateTaskModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            go({ ...state, mode: 'list', query: { ...query, view: 'assigned', page: 1 }, taskId: id });
          }}
        />
      )}
      <TaskDrawer taskId={taskId} onClose={() => open(null)} />
    </>
  );
}
