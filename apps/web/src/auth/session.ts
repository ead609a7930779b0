/**
 * The signed-in user (Me) lives in the TanStack Query cache under `queryKeys.me`: `null` means signed out.
 * Everything that changes the session goes through here so the CSRF token and the cache never disagree.
 */
import { createContext, useContext } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { Me } from '@henji/contracts';
import { api, isApiError, setCsrfToken } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';
import type { LoginInput } from '../api/types.ts';
import { changeLocale, currentLocale, storedLocale } from '../i18n/index.ts';

function adopt(me: Me | null): Me | null {
  setCsrfToken(me?.csrfToken ?? null);
  // Follow the profile's language unless this browser has an explicit choice.
  if (me && !storedLocale() && me.locale !== currentLocale()) void changeLocale(me.locale, { remember: false });
  return me;
}

export async function fetchMe(): Promise<Me | null> {
  try {
    return adopt(await api<Me>('/api/me', { expectUnauthenticated: true }));
  } catch (error) {
    if (isApiError(error) && error.status === 401) return adopt(null);
    throw error;
  }
}

export async function login(queryClient: QueryClient, input: LoginInput): Promise<Me> {
  const me = await api<Me>('/api/auth/login', { method: 'POST', body: input, expectUnauthenticated: true });
  forgetAllBut(queryClient, adopt(me));
  return me;
}

export async function logout(queryClient: QueryClient): Promise<void> {
  try {
    await api<void>('/api/auth/logout', { method: 'POST', expectUnauthenticated: true });
  } finally {
    endSession(queryClient);
  }
}

/** Forget everything about the session; RequireAuth then sends the user to the login page. */
export function endSession(queryClient: QueryClient): void {
  forgetAllBut(queryClient, adopt(null));
}

/**
 * Nothing cached for one user may leak into the next session. The Me entry is updated in place rather than removed:
 * a removed query would leave RequireAuth observing a stale entry and never noticing the change.
 */
function forgetAllBut(queryClient: QueryClient, me: Me | null): void {
  queryClient.setQueryData(queryKeys.me, me);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in user. Only valid below RequireAuth, which guarantees one. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside RequireAuth');
  return me;
}

export const hasPermission = (me: Me, permission: string): boolean => me.permissions.includes(permission);
