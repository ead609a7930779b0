/** Minutes and resolutions (M3–M4): the working minutes, their actions, versions and diff, resolutions and exports. */
import { skipToken, useQuery, type QueryClient } from '@tanstack/react-query';
import type {
  MeetingResolutions,
  Minutes,
  MinutesContent,
  MinutesVersionDetail,
  PreviousResolutions,
  VersionDiff,
} from '@henji/contracts';
import type { ApproveMinutesInput } from '@henji/contracts';
import { api, apiUrl } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';
import { afterMeetingChange } from '../api.ts';

export const minutesKeys = {
  minutes: (id: string) => ['meetings', 'minutes', id] as const,
  version: (id: string, n: number) => ['meetings', 'minutes', id, 'version', n] as const,
  diff: (id: string, n: number, against: number) => ['meetings', 'minutes', id, 'diff', n, against] as const,
  resolutions: (id: string) => ['meetings', 'resolutions', id] as const,
  previous: (id: string) => ['meetings', 'previous-resolutions', id] as const,
};

const path = (id: string, rest: string) => `/api/meetings/${encodeURIComponent(id)}${rest}`;

export const fetchMinutes = (id: string) => api<Minutes>(path(id, '/minutes'));
export const useMinutes = (id: string) => useQuery({ queryKey: minutesKeys.minutes(id), queryFn: () => fetchMinutes(id) });
export const useMinutesVersion = (id: string, n: number | null) =>
  useQuery({ queryKey: minutesKeys.version(id, n ?? 0), queryFn: n ? () => api<MinutesVersionDetail>(path(id, `/minutes/versions/${n}`)) : skipToken });
export const useVersionDiff = (id: string, n: number | null, against: number | null) =>
  useQuery({
    queryKey: minutesKeys.diff(id, n ?? 0, against ?? 0),
    queryFn: n && against ? () => api<VersionDiff>(path(id, `/minutes/versions/${n}/diff`), { query: { against } }) : skipToken,
  });
export const useResolutions = (id: string) => useQuery({ queryKey: minutesKeys.resolutions(id), queryFn: () => api<MeetingResolutions>(path(id, '/resolutions')) });
export const usePreviousResolutions = (id: string, enabled: boolean) =>
  useQuery({ queryKey: minutesKeys.previous(id), queryFn: enabled ? () => api<PreviousResolutions>(path(id, '/previous-resolutions')) : skipToken });

export const saveMinutesDraft = (id: string, content: MinutesContent, baseRevision: number) =>
  api<Minutes>(path(id, '/minutes'), { method: 'PUT', body: { content, baseRevision } });
export const submitMinutes = (id: string, baseRevision: number) => api<Minutes>(path(id, '/minutes/submit'), { method: 'POST', body: { baseRevision } });
export const approveMinutes = (id: string, body: ApproveMinutesInput) => api<Minutes>(path(id, '/minutes/approve'), { method: 'POST', body });
export const returnMinutes = (id: string, comment: string) => api<Minutes>(path(id, '/minutes/return'), { method: 'POST', body: { comment } });
export const reviseMinutes = (id: string, note: string) => api<Minutes>(path(id, '/minutes/revise'), { method: 'POST', body: { note } });
export const sendMinutesFeedback = (id: string, body: string) => api<Minutes>(path(id, '/minutes/feedback'), { method: 'POST', body: { body } });

/** 会议纪要 of a version as PDF, in the interface's language (an approved version comes as archived). */
export const minutesPdfUrl = (id: string, n: number) => apiUrl(path(id, `/minutes/versions/${n}.pdf`), { locale: currentLocale() });
export const resolutionsXlsxUrl = (id: string) => apiUrl(path(id, '/resolutions.xlsx'));

/** After a change of the minutes: the minutes, resolutions, the meeting and both traces. */
export async function afterMinutesChange(queryClient: QueryClient, id: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['meetings', 'minutes', id] }),
    queryClient.invalidateQueries({ queryKey: minutesKeys.resolutions(id) }),
    afterMeetingChange(queryClient, id),
  ]);
}
