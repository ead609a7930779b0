/** Meetings (M1): the list, one meeting, the form's check, the notice, replies, reminders, cancelling, the calendar feed. */
import { keepPreviousData, skipToken, useQuery, type QueryClient } from '@tanstack/react-query';
import type {
  CalendarFeedIssued,
  CalendarFeedStatus,
  CancelMeetingInput,
  Meeting,
  MeetingCheck,
  MeetingCheckInput,
  MeetingInput,
  MeetingListQuery as MeetingListQuerySchema,
  MeetingPage,
  MeetingPatch,
  MeetingReplyInput,
  RemindResult,
  SendNoticeInput,
} from '@henji/contracts';
import type { z } from 'zod';
import { api } from '../api/client.ts';
import { queryKeys as sharedKeys } from '../api/query-keys.ts';

import { MEETING_SUBJECT, MINUTES_SUBJECT } from './steps.ts';

/** What the list accepts; every member optional because the server fills the defaults. */
export type MeetingListQuery = Partial<z.infer<typeof MeetingListQuerySchema>>;

export const meetingKeys = {
  all: ['meetings'] as const,
  list: (query: MeetingListQuery) => ['meetings', 'list', query] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
  feed: ['meetings', 'calendar-feed'] as const,
};

const path = (id: string, rest = '') => `/api/meetings/${encodeURIComponent(id)}${rest}`;

export const useMeetings = (query: MeetingListQuery) =>
  useQuery({ queryKey: meetingKeys.list(query), queryFn: () => api<MeetingPage>('/api/meetings', { query }), placeholderData: keepPreviousData });

export const useMeeting = (id: string | undefined) =>
  useQuery({ queryKey: meetingKeys.detail(id ?? ''), queryFn: id ? () => api<Meeting>(path(id)) : skipToken });

export const createMeeting = (body: z.input<typeof MeetingInput>) => api<Meeting>('/api/meetings', { method: 'POST', body });
export const updateMeeting = (id: string, body: z.input<typeof MeetingPatch>) => api<Meeting>(path(id), { method: 'PATCH', body });
export const checkMeeting = (body: z.input<typeof MeetingCheckInput>, signal?: AbortSignal) =>
  api<MeetingCheck>('/api/meetings/check', { method: 'POST', body, ...(signal ? { signal } : {}) });
export const sendNotice = (id: string, body: z.input<typeof SendNoticeInput> = {}) => api<Meeting>(path(id, '/notice'), { method: 'POST', body });
export const replyToMeeting = (id: string, body: MeetingReplyInput) => api<Meeting>(path(id, '/replies'), { method: 'POST', body });
export const remindMeeting = (id: string) => api<RemindResult>(path(id, '/remind'), { method: 'POST', body: {} });
export const cancelMeeting = (id: string, body: z.input<typeof CancelMeetingInput>) => api<Meeting>(path(id, '/cancel'), { method: 'POST', body });
/** 会议通知 as a PDF: a link the browser opens (the download is traced by the server). */
export const noticePdfUrl = (id: string) => path(id, '/notice.pdf');

export const useCalendarFeed = () => useQuery({ queryKey: meetingKeys.feed, queryFn: () => api<CalendarFeedStatus>('/api/me/calendar-feed') });
export const issueCalendarFeed = () => api<CalendarFeedIssued>('/api/me/calendar-feed', { method: 'POST', body: {} });
export const revokeCalendarFeed = () => api<void>('/api/me/calendar-feed', { method: 'DELETE' });

/** After anything done to a meeting: every list, its detail, its traces (the meeting's and its minutes') and the checkpoint. */
export async function afterMeetingChange(queryClient: QueryClient, id: string | null): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: meetingKeys.all }),
    id ? queryClient.invalidateQueries({ queryKey: sharedKeys.ledger.subject(MEETING_SUBJECT, id) }) : Promise.resolve(),
    id ? queryClient.invalidateQueries({ queryKey: sharedKeys.ledger.subject(MINUTES_SUBJECT, id) }) : Promise.resolve(),
    queryClient.invalidateQueries({ queryKey: sharedKeys.ledger.checkpoint }),
  ]);
}
