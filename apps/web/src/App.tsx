import { useEffect, useState } from 'react';
import { createBrowserRouter, createRoutesFromElements, Navigate, Route, RouterProvider } from 'react-router-dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import antdEnUS from 'antd/locale/en_US';
import antdZhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { setSessionHandlers } from './api/client.ts';
import { queryKeys } from './api/query-keys.ts';
import { LoginPage } from './auth/LoginPage.tsx';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { endSession } from './auth/session.ts';
import { ApplicationDetailPage } from './applications/ApplicationDetailPage.tsx';
import { CatalogPage } from './applications/CatalogPage.tsx';
import { EditApplicationPage } from './applications/EditApplicationPage.tsx';
import { InboxPage } from './applications/InboxPage.tsx';
import { MyApplicationsPage } from './applications/MyApplicationsPage.tsx';
import { NewApplicationPage } from './applications/NewApplicationPage.tsx';
import { AppLayout } from './components/AppLayout.tsx';
import { NotFoundPage } from './components/NotFoundPage.tsx';
import { HomePage } from './home/HomePage.tsx';
import { LedgerPage } from './ledger/LedgerPage.tsx';
import { MePage } from './me/MePage.tsx';
import { MyFilesPage } from './files/MyFilesPage.tsx';
import { DelegationsPage } from './org/DelegationsPage.tsx';
import { DepartmentsPage } from './org/DepartmentsPage.tsx';
import { PositionsPage } from './org/PositionsPage.tsx';
import { RolesPage } from './org/RolesPage.tsx';
import { UsersPage } from './org/UsersPage.tsx';
import { createQueryClient } from './query-client.ts';
import { WebhooksPage } from './system/WebhooksPage.tsx';
import { ChannelsPage } from './notify/ChannelsPage.tsx';
import { DeliveriesPage } from './notify/DeliveriesPage.tsx';
import { NotificationsPage } from './notify/NotificationsPage.tsx';
import { CalendarsPage } from './calendar/CalendarsPage.tsx';
import { ApplicationTypesPage } from './flow-admin/ApplicationTypesPage.tsx';
import { DesignerPage } from './flow-admin/DesignerPage.tsx';
import { MonitorPage } from './flow-admin/MonitorPage.tsx';
import { TasksPage } from './tasks/TasksPage.tsx';

/**
 * A data router, so pages can hold navigation back (the flow designer asks before unsaved changes are left behind,
 * `useBlocker`); the routes themselves are plain elements.
 */
const router = createBrowserRouter(
  createRoutesFromElements(
    <>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          <Route index element={<HomePage />} />
          <Route path="org" element={<Navigate to="/org/departments" replace />} />
          <Route path="org/departments" element={<DepartmentsPage />} />
          <Route path="org/users" element={<UsersPage />} />
          <Route path="org/positions" element={<PositionsPage />} />
          <Route path="org/roles" element={<RolesPage />} />
          <Route path="org/delegations" element={<DelegationsPage />} />
          <Route path="system/webhooks" element={<WebhooksPage />} />
          <Route path="system/notification-channels" element={<ChannelsPage />} />
          <Route path="system/notification-deliveries" element={<DeliveriesPage />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route path="system/calendars" element={<CalendarsPage />} />
          <Route path="admin/application-types" element={<ApplicationTypesPage />} />
          <Route path="admin/application-types/:id" element={<DesignerPage />} />
          <Route path="admin/monitor" element={<MonitorPage />} />
          <Route path="applications" element={<MyApplicationsPage />} />
          <Route path="applications/catalog" element={<CatalogPage />} />
          <Route path="applications/new/:typeId" element={<NewApplicationPage />} />
          <Route path="applications/:id" element={<ApplicationDetailPage />} />
          <Route path="applications/:id/edit" element={<EditApplicationPage />} />
          <Route path="inbox" element={<InboxPage />} />
          <Route path="tasks" element={<TasksPage />} />
          <Route path="ledger" element={<LedgerPage />} />
          <Route path="me" element={<MePage />} />
          <Route path="me/files" element={<MyFilesPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </>,
  ),
);

export function App() {
  const { i18n } = useTranslation();
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
      <ConfigProvider locale={i18n.language === 'en-US' ? antdEnUS : antdZhCN} theme={{ token: { colorPrimary: '#1677ff' } }}>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
