import { useEffect, useState } from 'react';
import { createBrowserRouter, createRoutesFromElements, Navigate, Route, RouterProvider } from 'react-router-dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { useTranslation } from 'react-i18next';
import { antdLocale } from './i18n/index.ts';
import { setSessionHandlers } from './api/client.ts';
import { queryKeys } from './api/query-keys.ts';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { endSession } from './auth/session.ts';
import { lazyPage } from './components/lazy-page.tsx';
import { createQueryClient } from './query-client.ts';

/**
 * A data router, so pages can hold navigation back (the flow designer asks before unsaved changes are left behind,
 * `useBlocker`). Every page is `{...lazyPage(() => import(…), 'Name')}` (components/lazy-page.tsx): its own chunk,
 * fetched by the route's loader as a navigation starts, with a spinner until it has arrived.
 */
const router = createBrowserRouter(
  createRoutesFromElements(
    <>
      <Route path="/login" {...lazyPage(() => import('./auth/LoginPage.tsx'), 'LoginPage')} />
      <Route element={<RequireAuth />}>
        {/* The room screen (签到屏) fills a wall tablet or projector: no menu, no header. */}
        <Route path="meetings/:id/screen" {...lazyPage(() => import('./meetings/sign-in/SignInScreenPage.tsx'), 'SignInScreenPage')} />
        <Route {...lazyPage(() => import('./components/AppLayout.tsx'), 'AppLayout')}>
          <Route index {...lazyPage(() => import('./home/HomePage.tsx'), 'HomePage')} />
          <Route path="org" element={<Navigate to="/org/departments" replace />} />
          <Route path="org/departments" {...lazyPage(() => import('./org/DepartmentsPage.tsx'), 'DepartmentsPage')} />
          <Route path="org/users" {...lazyPage(() => import('./org/UsersPage.tsx'), 'UsersPage')} />
          <Route path="org/positions" {...lazyPage(() => import('./org/PositionsPage.tsx'), 'PositionsPage')} />
          <Route path="org/roles" {...lazyPage(() => import('./org/RolesPage.tsx'), 'RolesPage')} />
          <Route path="org/delegations" {...lazyPage(() => import('./org/DelegationsPage.tsx'), 'DelegationsPage')} />
          <Route path="system/webhooks" {...lazyPage(() => import('./system/WebhooksPage.tsx'), 'WebhooksPage')} />
          <Route path="system/notification-channels" {...lazyPage(() => import('./notify/ChannelsPage.tsx'), 'ChannelsPage')} />
          <Route path="system/notification-deliveries" {...lazyPage(() => import('./notify/DeliveriesPage.tsx'), 'DeliveriesPage')} />
          <Route path="notifications" {...lazyPage(() => import('./notify/NotificationsPage.tsx'), 'NotificationsPage')} />
          <Route path="system/calendars" {...lazyPage(() => import('./calendar/CalendarsPage.tsx'), 'CalendarsPage')} />
          <Route path="system/company" {...lazyPage(() => import('./system/CompanySettingsPage.tsx'), 'CompanySettingsPage')} />
          <Route path="admin/application-types" {...lazyPage(() => import('./flow-admin/ApplicationTypesPage.tsx'), 'ApplicationTypesPage')} />
          <Route path="admin/application-types/:id" {...lazyPage(() => import('./flow-admin/DesignerPage.tsx'), 'DesignerPage')} />
          <Route path="admin/monitor" {...lazyPage(() => import('./flow-admin/MonitorPage.tsx'), 'MonitorPage')} />
          <Route path="applications" {...lazyPage(() => import('./applications/MyApplicationsPage.tsx'), 'MyApplicationsPage')} />
          <Route path="applications/catalog" {...lazyPage(() => import('./applications/CatalogPage.tsx'), 'CatalogPage')} />
          <Route path="applications/new/:typeId" {...lazyPage(() => import('./applications/NewApplicationPage.tsx'), 'NewApplicationPage')} />
          <Route path="applications/:id" {...lazyPage(() => import('./applications/ApplicationDetailPage.tsx'), 'ApplicationDetailPage')} />
          <Route path="applications/:id/edit" {...lazyPage(() => import('./applications/EditApplicationPage.tsx'), 'EditApplicationPage')} />
          <Route path="inbox" {...lazyPage(() => import('./applications/InboxPage.tsx'), 'InboxPage')} />
          <Route path="tasks" {...lazyPage(() => import('./tasks/TasksPage.tsx'), 'TasksPage')} />
          <Route path="meetings" {...lazyPage(() => import('./meetings/MeetingsPage.tsx'), 'MeetingsPage')} />
          <Route path="meetings/new" {...lazyPage(() => import('./meetings/MeetingFormPage.tsx'), 'NewMeetingPage')} />
          <Route path="meetings/:id" {...lazyPage(() => import('./meetings/MeetingPage.tsx'), 'MeetingPage')} />
          <Route path="meetings/:id/edit" {...lazyPage(() => import('./meetings/MeetingFormPage.tsx'), 'EditMeetingPage')} />
          <Route path="m/sign-in" {...lazyPage(() => import('./meetings/sign-in/PhoneSignInPage.tsx'), 'PhoneSignInPage')} />
          <Route path="rooms" {...lazyPage(() => import('./rooms/BookingPage.tsx'), 'BookingPage')} />
          <Route path="rooms/bookings" {...lazyPage(() => import('./rooms/BookingsPage.tsx'), 'BookingsPage')} />
          <Route path="rooms/admin" {...lazyPage(() => import('./rooms/RoomsAdminPage.tsx'), 'RoomsAdminPage')} />
          <Route path="ledger" {...lazyPage(() => import('./ledger/LedgerPage.tsx'), 'LedgerPage')} />
          <Route path="me" {...lazyPage(() => import('./me/MePage.tsx'), 'MePage')} />
          <Route path="me/files" {...lazyPage(() => import('./files/MyFilesPage.tsx'), 'MyFilesPage')} />
          <Route path="*" {...lazyPage(() => import('./components/NotFoundPage.tsx'), 'NotFoundPage')} />
        </Route>
      </Route>
    </>,
  ),
);

export function App() {
  // Re-renders on a language change, so Ant Design's texts follow it.
  useTranslation();
  const [queryClient] = useState(createQueryClient);

  // A 401 on any request means the session is gone (expired, revoked, signed out elsewhere): drop everything
  // cached and let RequireAuth show the login page, which returns here afterwards.
  useEffect(() => {
    setSessionHandlers({
      unauthenticated: () => endSession(queryClient),
      csrfFailed: () => void queryClient.invalidateQueries({ queryKey: queryKeys.me }),
    });
    return () => setSessionHandlers(null);
  }, [queryClient]);

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={antdLocale()} theme={{ token: { colorPrimary: '#1677ff' } }}>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
