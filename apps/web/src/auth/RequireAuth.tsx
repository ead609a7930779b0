import { lazy, Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { MeContext, fetchMe } from './session.ts';

// Loaded only for the few who must replace a password: it brings the password rules (zod), which no other page needs.
const SetNewPasswordPage = lazy(() => import('./SetNewPasswordPage.tsx').then((m) => ({ default: m.SetNewPasswordPage })));

/** Renders the app for a signed-in user, and the login page (remembering where they were going) for anyone else. */
export function RequireAuth() {
  const location = useLocation();
  const me = useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 5 * 60_000 });

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  // A password someone else set comes first: the server refuses everything else until it is replaced.
  if (me.data.mustChangePassword) {
    return (
      <Suspense fallback={<FullPageSpin />}>
        <SetNewPasswordPage me={me.data} />
      </Suspense>
    );
  }
  return (
    <MeContext.Provider value={me.data}>
      <Outlet />
    </MeContext.Provider>
  );
}
