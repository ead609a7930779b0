import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, DatePicker, Input, Select, Space, Tabs, Typography, type TableColumnsType } from 'antd';
import { LockOutlined, PlusOutlined, RetweetOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '@henji/contracts';
import { MEETING_KINDS, MEETING_STATUSES, type MeetingKind, type MeetingStatus } from '@henji/contracts/values';
import { columnSortOrder, listTableChange } from '../api/list-params.ts';
import { useMe } from '../auth/session.ts';
import { FilterBar } from '../components/FilterBar.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ResponsiveTable } from '../components/ResponsiveTable.tsx';
import { useMeetings } from './api.ts';
import { defaultOrder, MEETING_SORTS, MEETING_VIEWS, meetingListQuery, readMeetingPageState, writeMeetingPageState, type MeetingPageState, type MeetingSort } from './list-params.ts';
import { MeetingKindTag, MeetingStatusTag, MeetingTime, ReplyTag } from './tags.tsx';

/** Administrators and audit see every meeting (the server answers 403 to anyone else asking for `all`). */
const seesAll = (roles: readonly string[]) => roles.includes('admin') || roles.includes('audit');

/** 我的会议: upcoming, past, organised (and all, for administrators and audit); filtered, sorted and paged on the server. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readMeetingPageState(searchParams);
  const views = MEETING_VIEWS.filter((v) => v !== 'all' || seesAll(me.roles));
  const view = views.includes(state.view) ? state.view : 'upcoming';
  const meetings = useMeetings(meetingListQuery({ ...state, view }));
  const [search, setSearch] = useState(state.q ?? '');

  const go = (next: MeetingPageState) => setSearchParams(writeMeetingPageState(next));
  const update = (changes: Partial<MeetingPageState>, { keepPage = false } = {}) => go({ ...state, view, ...(keepPage ? {} : { page: 1 }), ...changes });
  const sortOrderOf = (key: MeetingSort) => columnSortOrder({ sort: state.sort ?? 'startsAt', order: state.order ?? defaultOrder(view) }, key);
  const none = <Typography.Text type="secondary">—</Typography.Text>;

  const columns: TableColumnsType<MeetingSummary> = [
    {
      title: t('meetings.list.columns.topic'),
      key: 'topic',
      sorter: true,
      sortOrder: sortOrderOf('topic'),
      render: (_: unknown, m) => (
        <Space size={4} wrap>
          <Link to={`/meetings/${m.id}`} data-testid="meeting-topic">
            {m.topic}
          </Link>
          {m.seriesId && <RetweetOutlined aria-label={t('meetings.list.series')} title={t('meetings.list.series')} />}
          {m.confidential && <LockOutlined aria-label={t('meetings.form.confidential')} title={t('meetings.form.confidential')} />}
        </Space>
      ),
    },
    {
      title: t('meetings.list.columns.time'),
      key: 'startsAt',
      sorter: true,
      sortOrder: sortOrderOf('startsAt'),
      render: (_: unknown, m) => <MeetingTime startsAt={m.startsAt} endsAt={m.endsAt} />,
    },
    { title: t('meetings.list.columns.kind'), key: 'kind', render: (_: unknown, m) => <MeetingKindTag kind={m.kind} /> },
    { title: t('meetings.list.columns.place'), key: 'place', render: (_: unknown, m) => m.room?.name ?? (m.location || none) },
    { title: t('meetings.list.columns.chair'), key: 'chair', render: (_: unknown, m) => m.chair.displayName },
    {
      title: t('meetings.list.columns.replies'),
      key: 'replies',
      render: (_: unknown, m) =>
        m.status === 'draft' ? none : t('meetings.list.replyCounts', { accepted: m.replyCounts.accepted, total: m.attendeeCount }),
    },
    {
      title: t('meetings.list.columns.myReply'),
      key: 'myReply',
      render: (_: unknown, m) => (m.myReply && m.status === 'noticed' ? <ReplyTag reply={m.myReply} /> : none),
    },
    { title: t('meetings.list.columns.status'), key: 'status', render: (_: unknown, m) => <MeetingStatusTag status={m.status} /> },
  ];

  const onTableChange = listTableChange<MeetingSummary, MeetingSort>(MEETING_SORTS, state.pageSize, (change, options) =>
    update('page' in change ? change : { sort: change.sort, order: change.order }, options),
  );

  const filtered = Boolean(state.q || state.kind || state.status || state.fromDay || state.toDay);
  const filters = (
    <FilterBar testId="meeting-filters">
      <Input.Search
        allowClear
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        placeholder={t('meetings.list.filters.search')}
        aria-label={t('meetings.list.filters.search')}
        style={{ width: 240 }}
      />
      <Select<MeetingKind>
        allowClear
        value={state.kind}
        onChange={(kind) => update({ kind })}
        placeholder={t('meetings.list.filters.kind')}
        aria-label={t('meetings.list.filters.kind')}
        style={{ width: 150 }}
        options={MEETING_KINDS.map((kind) => ({ value: kind, label: t(`meetings.kinds.${kind}`) }))}
      />
      <Select<MeetingStatus>
        allowClear
        value={state.status}
        onChange={(status) => update({ status })}
        placeholder={t('meetings.list.filters.status')}
        aria-label={t('meetings.list.filters.status')}
        style={{ width: 130 }}
        options={MEETING_STATUSES.map((status) => ({ value: status, label: t(`meetings.status.${status}`) }))}
      />
      <DatePicker.RangePicker
        value={[state.fromDay ? dayjs(state.fromDay) : null, state.toDay ? dayjs(state.toDay) : null]}
        onChange={(range) => update({ fromDay: range?.[0]?.format('YYYY-MM-DD'), toDay: range?.[1]?.format('YYYY-MM-DD') })}
        placeholder={[t('meetings.list.filters.from'), t('meetings.list.filters.to')]}
        allowEmpty={[true, true]}
        inputReadOnly
        style={{ width: 260 }}
      />
      {filtered && (
        <Button
          onClick={() => {
            setSearch('');
            update({ q: undefined, kind: undefined, status: undefined, fromDay: undefined, toDay: undefined });
          }}
        >
          {t('common.resetFilters')}
        </Button>
      )}
    </FilterBar>
  );

  return (
    <>
      <PageHeader
        title={t('meetings.list.title')}
        description={t('meetings.list.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/meetings/new')} data-testid="new-meeting">
            {t('meetings.list.create')}
          </Button>
        }
      />
      <Card>
        <Tabs
          activeKey={view}
          items={views.map((v) => ({ key: v, label: t(`meetings.list.views.${v}`) }))}
          onChange={(key) => update({ view: views.find((v) => v === key) ?? 'upcoming', sort: undefined, order: undefined })}
        />
        {filters}
        {meetings.isError ? (
          <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} />
        ) : (
          <ResponsiveTable<MeetingSummary>
            cardTitle="topic"
            rowKey="id"
            columns={columns}
            dataSource={meetings.data?.items ?? []}
            loading={meetings.isPending || meetings.isFetching}
            onChange={onTableChange}
            locale={{ emptyText: filtered ? t('meetings.list.empty.filtered') : t(`meetings.list.empty.${view}`) }}
            pagination={{ current: state.page, pageSize: state.pageSize, total: meetings.data?.total ?? 0, showSizeChanger: true }}
            scroll={{ x: 1100 }}
            data-testid="meetings-table"
          />
        )}
      </Card>
    </>
  );
}

