/** Sign-in (M2): the room screen's code, signing in with it, attendance by hand, the sign-in sheet and its PDF. */
import { skipToken, useQuery, type QueryClient } from '@tanstack/react-query';
import type { AttendanceInput, SignInCode, SignInResult, SignInSheet } from '@henji/contracts';
import { api, apiUrl } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';
import { afterMeetingChange } from '../api.ts';
import { nextReadInMs } from './refresh.ts';

export const signInKeys = {
  code: (id: string) => ['meetings', 'sign-in', 'code', id] as const,
  sheet: (id: string) => ['meetings', 'sign-in', 'sheet', id] as const,
};

const path = (id: string, rest: string) => `/api/meetings/${encodeURIComponent(id)}${rest}`;

export const useSignInCode = (id: string | undefined) =>
  useQuery({
    queryKey: signInKeys.code(id ?? ''),
    queryFn: id ? () => api<SignInCode>(path(id, '/sign-in/code')) : skipToken,
    refetchInterval: (query) => (query.state.data && !query.state.error ? nextReadInMs(query.state.data) : false),
    refetchIntervalInBackground: true,
    retry: false,
  });

export const useSignInSheet = (id: string) => useQuery({ queryKey: signInKeys.sheet(id), queryFn: () => api<SignInSheet>(path(id, '/sign-in-sheet')) });

export const signInToMeeting = (id: string, code: string) => api<SignInResult>(path(id, '/sign-in'), { method: 'POST', body: { code } });
export const recordAttendance = (id: string, body: AttendanceInput) => api<SignInSheet>(path(id, '/attendance'), { method: 'POST', body });

/** 签到表 as a PDF in the interface's language (the download is traced by the server). */
export const signInSheetPdfUrl = (id: string) => apiUrl(path(id, '/sign-in-sheet.pdf'), { locale: currentLocale() });

export async function afterAttendanceChange(queryClient: QueryClient, id: string): Promise<void> {
  await Promise.all([queryClient.invalidateQueries({ queryKey: ['meetings', 'sign-in'] }), afterMeetingChange(queryClient, id)]);
}
