/**
 * Application types, their versions, the publish check, migration and monitoring (F1, F2, F8). Types are for holders
 * of flow.manage, the monitor for holders of flow.monitor; the server answers 404 to anyone else.
 */
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import type {
  ApplicationDefinition,
  ApplicationSummary,
  ApplicationType,
  ApplicationTypeVersion,
  Calendar,
  CreateApplicationTypeInput,
  ImportApplicationTypeInput,
  MigrateInstancesInput,
  MigrationResult,
  MonitorPage as MonitorPageBody,
  MonitorRow as MonitorRowSchema,
  NodeStats,
  SlaState,
  UpdateApplicationTypeInput,
} from '@henji/contracts';
import type { z } from 'zod';
import { api } from '../api/client.ts';
import type { ItemsOf, PageOf } from '../api/types.ts';
import type { Problem } from './problem-path.ts';

/** A running application as the monitor lists it: where it waits, for how many working minutes, how late. */
export type MonitorRow = z.infer<typeof MonitorRowSchema>;

/** The ledger subject type of an application type, whose trace panel shows its changes. */
export const APPLICATION_TYPE_SUBJECT = 'application_type';

/** The monitor refreshes itself: waiting times grow and deadlines pass while it is open. */
export const MONITOR_REFRESH_MS = 60_000;

export interface MonitorFilter {
  typeId?: string;
  sla?: SlaState;
  sort: 'waiting' | 'deadline' | 'submittedAt';
  page: number;
  pageSize: number;
}

export const flowAdminKeys = {
  types: ['application-types'] as const,
  typeList: ['application-types', 'list', 'all'] as const,
  type: (id: string) => ['application-types', 'detail', id] as const,
  versions: (id: string) => ['application-types', 'versions', id] as const,
  stats: (id: string) => ['application-types', 'stats', id] as const,
  validation: (definition: ApplicationDefinition) => ['application-types', 'validate', definition] as const,
  running: (typeId: string) => ['applications', 'running', typeId] as const,
  monitor: (filter: MonitorFilter) => ['applications', 'monitor', filter] as const,
  calendars: ['calendars'] as const,
};

const typePath = (id: string) => `/api/application-types/${encodeURIComponent(id)}`;

export const useApplicationTypes = () =>
  useQuery({
    queryKey: flowAdminKeys.typeList,
    queryFn: () => api<ItemsOf<ApplicationType>>('/api/application-types', { query: { all: true } }).then((r) => r.items),
  });

export const useApplicationType = (id: string) =>
  useQuery({ queryKey: flowAdminKeys.type(id), queryFn: () => api<ApplicationType>(typePath(id)) });

export const useVersions = (id: string) =>
  useQuery({
    queryKey: flowAdminKeys.versions(id),
    queryFn: () => api<ItemsOf<ApplicationTypeVersion>>(`${typePath(id)}/versions`).then((r) => r.items),
  });

/** Business calendars to choose from; the definition stores a code, so a missing list only loses the suggestions. */
export const useCalendars = () =>
  useQuery({
    queryKey: flowAdminKeys.calendars,
    queryFn: () => api<ItemsOf<Calendar>>('/api/calendars').then((r) => r.items),
    staleTime: 60_000,
    retry: false,
  });

export const createApplicationType = (input: CreateApplicationTypeInput) =>
  api<ApplicationType>('/api/application-types', { method: 'POST', body: input });
export const updateApplicationType = (id: string, input: UpdateApplicationTypeInput) =>
  api<ApplicationType>(typePath(id), { method: 'PATCH', body: input });
export const importApplicationType = (input: ImportApplicationTypeInput) =>
  api<ApplicationType>('/api/application-types/import', { method: 'POST', body: input });

export const saveDraft = (id: string, definition: ApplicationDefinition) =>
  api<ApplicationTypeVersion>(`${typePath(id)}/draft`, { method: 'PUT', body: { definition } });
export const publishVersion = (id: string, versionId: string) =>
  api<ApplicationTypeVersion>(`${typePath(id)}/versions/${encodeURIComponent(versionId)}/publish`, { method: 'POST' });
export const validateDefinition = (definition: ApplicationDefinition, signal?: AbortSignal, description?: string) =>
  api<{ ok: boolean; problems: Problem[]; warnings: Problem[] }>('/api/application-types/validate', {
    method: 'POST',
    body: description ? { definition, description } : { definition },
    signal,
  });
export const exportVersionYaml = (id: string, versionId: string) =>
  api<{ yaml: string }>(`${typePath(id)}/versions/${encodeURIComponent(versionId)}/yaml`).then((r) => r.yaml);
/** Migrates (or, with `dryRun`, previews) and says which forms the target version would find incomplete. */
export const migrateInstances = (id: string, input: MigrateInstancesInput) =>
  api<MigrationResult>(`${typePath(id)}/migrate`, { method: 'POST', body: input });

/** The migration's preview while the administrator chooses: refused node maps and incomplete forms, nothing moved. */
export const useMigrationPreview = (id: string, input: MigrateInstancesInput | null) =>
  useQuery({
    queryKey: ['application-types', id, 'migration-preview', input] as const,
    queryFn: input ? () => migrateInstances(id, input) : skipToken,
    retry: false,
  });

/** The largest page the applications list serves. */
const LIST_PAGE_SIZE = 200;
/** Enough for the migration tool's limit of 1000 applications per run, with room to show what is left. */
const MAX_RUNNING_PAGES = 10;

/**
 * Every application of a type still under way — running, or returned to its applicant — up to 2000 of each, for the
 * migration tool to see where they wait. Both move when a version's applications are migrated.
 */
async function fetchRunning(typeId: string, signal: AbortSignal): Promise<{ items: ApplicationSummary[]; total: number }> {
  const items: ApplicationSummary[] = [];
  let total = 0;
  for (const status of ['running', 'returned'] as const) {
    for (let page = 1, seen = 0; page <= MAX_RUNNING_PAGES; page++) {
      const result = await api<PageOf<ApplicationSummary>>('/api/applications', {
        query: { scope: 'all', typeId, status, page, pageSize: LIST_PAGE_SIZE },
        signal,
      });
      items.push(...result.items);
      seen += result.items.length;
      if (page === 1) total += result.total;
      if (seen >= result.total || result.items.length === 0) break;
    }
  }
  return { items, total };
}

export const useRunningApplications = (typeId: string | null) =>
  useQuery({
    queryKey: flowAdminKeys.running(typeId ?? ''),
    queryFn: typeId ? ({ signal }) => fetchRunning(typeId, signal) : skipToken,
  });

export const useMonitor = (filter: MonitorFilter) =>
  useQuery({
    queryKey: flowAdminKeys.monitor(filter),
    queryFn: () =>
      api<MonitorPageBody>('/api/monitor/applications', {
        query: { typeId: filter.typeId, sla: filter.sla, sort: filter.sort, page: filter.page, pageSize: filter.pageSize },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: MONITOR_REFRESH_MS,
  });

export const useNodeStats = (typeId: string | undefined) =>
  useQuery({
    queryKey: flowAdminKeys.stats(typeId ?? ''),
    queryFn: typeId ? () => api<NodeStats>(`${typePath(typeId)}/stats`) : skipToken,
    refetchInterval: MONITOR_REFRESH_MS,
  });
