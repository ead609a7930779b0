/** Notifications (K8): the inbox, my preferences, and — for administrators — channels and the delivery log. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChannelKindValue,
  ChannelTestResult,
  CreateChannelInput,
  MarkReadResult,
  NotificationChannel,
  NotificationDeliveryPage,
  NotificationPage,
  NotificationPreferences,
  UnreadCount,
  UpdateChannelInput,
  UpdateNotificationPreferencesInput,
} from '@henji/contracts';
import { api } from '../api/client.ts';
import type { ItemsOf } from '../api/types.ts';
import type { DeliveryState } from '../components/DeliveryState.tsx';

/** The ledger subject type of a channel; its trace panel queries by it. */
export const CHANNEL_SUBJECT = 'notification_channel';

/** How often the bell asks for the unread count; it also asks again whenever the window regains focus. */
const UNREAD_POLL_MS = 30_000;
/** Deliveries change on their own (the job runner sends and retries them): poll while the log is shown. */
const DELIVERY_POLL_MS = 5_000;

export type ReadFilter = 'all' | 'unread' | 'read';

export const notifyKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: (filter: ReadFilter, page: number, pageSize: number) => ['notifications', 'list', filter, page, pageSize] as const,
  preferences: ['notification-preferences'] as const,
  channels: ['notification-channels'] as const,
  deliveries: (filter: { status?: DeliveryState; kind?: ChannelKindValue; page: number }) => ['notification-deliveries', filter] as const,
  deliveriesAll: ['notification-deliveries'] as const,
};

/** The caller's unread count, polled every 30 s and on window focus; the bell and any menu badge share it. */
export const useUnreadCount = () =>
  useQuery({
    queryKey: notifyKeys.unread,
    queryFn: () => api<UnreadCount>('/api/notifications/unread-count').then((r) => r.unread),
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
  });

const readQuery = (filter: ReadFilter) => (filter === 'all' ? undefined : filter === 'unread' ? 'true' : 'false');

export const useNotifications = (filter: ReadFilter, page: number, pageSize: number, options: { poll?: boolean } = {}) =>
  useQuery({
    queryKey: notifyKeys.list(filter, page, pageSize),
    queryFn: () => api<NotificationPage>('/api/notifications', { query: { unread: readQuery(filter), page, pageSize } }),
    placeholderData: keepPreviousData,
    refetchInterval: options.poll ? UNREAD_POLL_MS : false,
  });

/** Marks some or all of my notifications read, and refreshes every list and the count. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { ids: string[] } | { all: true }) =>
      api<MarkReadResult>('/api/notifications/read', { method: 'POST', body: input }),
    onSuccess: async (result) => {
      queryClient.setQueryData(notifyKeys.unread, result.unread);
      await queryClient.invalidateQueries({ queryKey: notifyKeys.all });
    },
  });
}

export const usePreferences = () =>
  useQuery({
    queryKey: notifyKeys.preferences,
    queryFn: () => api<NotificationPreferences>('/api/me/notification-preferences'),
  });

export const savePreferences = (input: UpdateNotificationPreferencesInput) =>
  api<NotificationPreferences>('/api/me/notification-preferences', { method: 'PUT', body: input });

export const useChannels = () =>
  useQuery({
    queryKey: notifyKeys.channels,
    queryFn: () => api<ItemsOf<NotificationChannel>>('/api/notification-channels').then((r) => r.items),
  });

export const createChannel = (input: CreateChannelInput) =>
  api<NotificationChannel>('/api/notification-channels', { method: 'POST', body: input });
export const updateChannel = (id: string, input: UpdateChannelInput) =>
  api<NotificationChannel>(`/api/notification-channels/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });
export const testChannel = (id: string) =>
  api<ChannelTestResult>(`/api/notification-channels/${encodeURIComponent(id)}/test`, { method: 'POST' });

export const DELIVERY_PAGE_SIZE = 50;

export const useDeliveries = (filter: { status?: DeliveryState; kind?: ChannelKindValue; page: number }) =>
  useQuery({
    queryKey: notifyKeys.deliveries(filter),
    queryFn: () =>
      api<NotificationDeliveryPage>('/api/notification-deliveries', {
        query: { status: filter.status, kind: filter.kind, page: filter.page, pageSize: DELIVERY_PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: DELIVERY_POLL_MS,
  });
