/**
 * 我的会议 keeps its view, filters, sort and page in the URL (see api/list-params.ts), so a view can be bookmarked and
 * the back button steps through earlier ones. The date range is kept as calendar days (`from=2026-06-01&to=2026-06-30`)
 * and sent as the instants where those days begin and end in the browser's zone.
 */
import dayjs from 'dayjs';
import { MEETING_KINDS, MEETING_STATUSES } from '@henji/contracts/values';
import { oneOf, readPaging, searchParam, SORT_ORDERS, writeListParams } from '../api/list-params.ts';
import type { SortOrder } from '../api/types.ts';
import type { MeetingListQuery } from './api.ts';

/** The list's views (MEETING_VIEWS of the contracts); `all` only for administrators and audit. */
export const MEETING_VIEWS = ['upcoming', 'past', 'organised', 'all'] as const satisfies readonly NonNullable<MeetingListQuery['view']>[];
export type MeetingView = (typeof MEETING_VIEWS)[number];
export const MEETING_SORTS = ['startsAt', 'createdAt', 'topic'] as const satisfies readonly NonNullable<MeetingListQuery['sort']>[];
export type MeetingSort = (typeof MEETING_SORTS)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayParam = (value: string | null): string | undefined => (value && DAY.test(value) && dayjs(value).isValid() ? value : undefined);

export interface MeetingPageState {
  view: MeetingView;
  kind?: MeetingListQuery['kind'];
  status?: MeetingListQuery['status'];
  q?: string;
  /** Calendar days, inclusive. */
  fromDay?: string;
  toDay?: string;
  sort?: MeetingSort;
  order?: SortOrder;
  page: number;
  pageSize: number;
}

export function readMeetingPageState(params: URLSearchParams): MeetingPageState {
  const fromDay = dayParam(params.get('from'));
  const toDay = dayParam(params.get('to'));
  return {
    view: oneOf(MEETING_VIEWS, params.get('view')) ?? 'upcoming',
    kind: oneOf(MEETING_KINDS, params.get('kind')),
    status: oneOf(MEETING_STATUSES, params.get('status')),
    q: searchParam(params.get('q')),
    // A range given backwards is read as the days between the two.
    ...(fromDay && toDay && fromDay > toDay ? { fromDay: toDay, toDay: fromDay } : { fromDay, toDay }),
    sort: oneOf(MEETING_SORTS, params.get('sort')),
    order: oneOf(SORT_ORDERS, params.get('order')),
    ...readPaging(params),
  };
}

export const writeMeetingPageState = (state: MeetingPageState) =>
  writeListParams(
    {
      view: state.view,
      kind: state.kind,
      status: state.status,
      q: state.q,
      from: state.fromDay,
      to: state.toDay,
      sort: state.sort,
      order: state.order,
      page: state.page,
      pageSize: state.pageSize,
    },
    { view: 'upcoming' },
  );

/** The server's query: days become the instants where the first begins and the day after the last begins. */
export function meetingListQuery(state: MeetingPageState): MeetingListQuery {
  return {
    view: state.view,
    kind: state.kind,
    status: state.status,
    q: state.q,
    from: state.fromDay ? dayjs(state.fromDay).startOf('day').toISOString() : undefined,
    to: state.toDay ? dayjs(state.toDay).add(1, 'day').startOf('day').toISOString() : undefined,
    sort: state.sort,
    order: state.order,
    page: state.page,
    pageSize: state.pageSize,
  };
}

/** The order the server uses when none is asked for: upcoming soonest first, everything else latest first. */
export const defaultOrder = (view: MeetingView): SortOrder => (view === 'upcoming' ? 'asc' : 'desc');
