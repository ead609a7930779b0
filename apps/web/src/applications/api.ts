/**
 * Applications and approvals (F1, F3, F4): the catalogue of types, my applications, one application with its steps,
 * the actions on it, and the approver's inbox.
 */
import { hashKey, keepPreviousData, skipToken, useQuery, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Application,
  ApplicationActionInput,
  ApplicationListQuery as ApplicationListQuerySchema,
  ApplicationSummary,
  ApplicationType,
  CreateApplicationInput,
  InboxItem,
  InboxQuery as InboxQuerySchema,
  UpdateDraftInput,
} from '@henji/contracts';
import { api } from '../api/client.ts';
import { queryKeys as sharedKeys } from '../api/query-keys.ts';
import type { ItemsOf, PageOf } from '../api/types.ts';

/** The ledger subject type of an application; its trace panel and proof bundle query by it. */
export const APPLICATION_SUBJECT = 'application';

/** What the list of applications accepts; every member optional because the server fills the defaults. */
export type ApplicationListQuery = Partial<z.infer<typeof ApplicationListQuerySchema>>;
export type InboxQuery = Partial<z.infer<typeof InboxQuerySchema>>;
export type InboxTab = NonNullable<InboxQuery['tab']>;
export interface InboxCounts {
  todo: number;
  cc: number;
}

export const applicationKeys = {
  all: ['applications'] as const,
  types: (all: boolean) => ['applications', 'types', { all }] as const,
  type: (id: string) => ['applications', 'type', id] as const,
  list: (query: ApplicationListQuery) => ['applications', 'list', query] as const,
  detail: (id: string) => ['applications', 'detail', id] as const,
  inbox: {
    all: ['inbox'] as const,
    list: (query: InboxQuery) => ['inbox', 'list', query] as const,
    counts: ['inbox', 'counts'] as const,
  },
};

/** The catalogue changes when an administrator publishes; a minute of staleness is fine for browsing it. */
const CATALOGUE_STALE_MS = 60_000;
/** The badge in the menu: new work arrives without the user doing anything. */
export const INBOX_COUNTS_POLL_MS = 30_000;

export const useApplicationTypes = () =>
  useQuery({
    queryKey: applicationKeys.types(false),
    queryFn: () => api<ItemsOf<ApplicationType>>('/api/application-types').then((r) => r.items),
    staleTime: CATALOGUE_STALE_MS,
  });

export const useApplicationType = (id: string | undefined) =>
  useQuery({
    queryKey: applicationKeys.type(id ?? ''),
    queryFn: id ? () => api<ApplicationType>(`/api/application-types/${encodeURIComponent(id)}`) : skipToken,
    staleTime: CATALOGUE_STALE_MS,
  });

export const useApplications = (query: ApplicationListQuery) =>
  useQuery({
    queryKey: applicationKeys.list(query),
    queryFn: () => api<PageOf<ApplicationSummary>>('/api/applications', { query }),
    placeholderData: keepPreviousData,
  });

export const useApplication = (id: string | undefined) =>
  useQuery({
    queryKey: applicationKeys.detail(id ?? ''),
    queryFn: id ? () => api<Application>(`/api/applications/${encodeURIComponent(id)}`) : skipToken,
  });

export const useInbox = (query: InboxQuery) =>
  useQuery({
    queryKey: applicationKeys.inbox.list(query),
    queryFn: () => api<PageOf<InboxItem>>('/api/inbox', { query }),
    placeholderData: keepPreviousData,
  });

export const useInboxCounts = () =>
  useQuery({
    queryKey: applicationKeys.inbox.counts,
    queryFn: () => api<InboxCounts>('/api/inbox/counts'),
    refetchInterval: INBOX_COUNTS_POLL_MS,
    refetchOnWindowFocus: true,
  });

export const createApplication = (input: z.input<typeof CreateApplicationInput>) =>
  api<Application>('/api/applications', { method: 'POST', body: input });

export const updateDraft = (id: string, input: UpdateDraftInput) =>
  api<Application>(`/api/applications/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });

/** The application after the action; undefined after `discard`, which deletes the draft (204). */
export const actOnApplication = (id: string, input: ApplicationActionInput) =>
  api<Application | undefined>(`/api/applications/${encodeURIComponent(id)}/actions`, { method: 'POST', body: input });

export const signatureUrl = (applicationId: string, taskId: string) =>
  `/api/applications/${encodeURIComponent(applicationId)}/tasks/${encodeURIComponent(taskId)}/signature`;

/**
 * After anything done to an application: its detail and every list it appears in, the inbox and its counts, its
 * trace panel and the checkpoint (so the new entry shows as 待封存 at once). With `fresh`, the detail the server
 * answered with, that detail goes straight into the cache and is not fetched again.
 */
export async function afterApplicationChange(queryClient: QueryClient, id: string | null, fresh?: Application | null): Promise<void> {
  let freshHash: string | null = null;
  if (fresh) {
    queryClient.setQueryData(applicationKeys.detail(fresh.id), fresh);
    freshHash = hashKey(applicationKeys.detail(fresh.id));
  }
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: applicationKeys.all, predicate: (query) => query.queryHash !== freshHash }),
    queryClient.invalidateQueries({ queryKey: applicationKeys.inbox.all }),
    id ? queryClient.invalidateQueries({ queryKey: sharedKeys.ledger.subject(APPLICATION_SUBJECT, id) }) : Promise.resolve(),
    queryClient.invalidateQueries({ queryKey: sharedKeys.ledger.checkpoint }),
  ]);
}
