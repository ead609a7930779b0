import { Suspense, useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { PageErrorBoundary } from './PageErrorBoundary.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Flex, Layout, Menu, Space, Tooltip, Typography, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  AppstoreOutlined,
  CheckSquareOutlined,
  FileDoneOutlined,
  FlagOutlined,
  ScheduleOutlined,
  InboxOutlined,
  BellOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FormOutlined,
  HistoryOutlined,
  HomeOutlined,
  IdcardOutlined,
  LogoutOutlined,
  MenuOutlined,
  NotificationOutlined,
  PaperClipOutlined,
  PartitionOutlined,
  PlusCircleOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { hasPermission, logout, useMe } from '../auth/session.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { InboxMenuLabel } from '../applications/InboxMenuLabel.tsx';
import { NotificationBell } from '../notify/NotificationBell.tsx';
import { NotificationMenuLabel } from '../notify/NotificationMenuLabel.tsx';
import { ShopOutlined } from '@ant-design/icons';
import { CompanyMark } from '../home/CompanyMark.tsx';
import { mayManageFlows, mayMonitorFlows } from '../flow-admin/admin-only.tsx';
import { useIsPhone } from './use-phone.ts';
import { lazyPart } from './lazy-page.tsx';
import styles from './AppLayout.module.css';

/** The phone's menu drawer: phones download it with the layout, desktops (which show the menu in a sider) never. */
const drawer = lazyPart(() => import('antd/es/drawer').then((m) => m.default));

const ORG_PATHS = ['/org/departments', '/org/users', '/org/positions', '/org/roles', '/org/delegations'];
const SYSTEM_PATHS = ['/system/company', '/system/webhooks', '/system/calendars', '/system/notification-channels', '/system/notification-deliveries'];
const FLOW_ADMIN_PATHS = ['/admin/application-types', '/admin/monitor'];
const APPLICATION_PATHS = ['/applications/catalog', '/applications', '/inbox'];
const TASK_PATHS = ['/tasks'];
const MEETING_PATHS = ['/meetings', '/meetings/new', '/rooms', '/rooms/bookings', '/rooms/admin'];

/** The menu key for a location: the longest menu path the location starts with. */
function selectedKey(pathname: string): string {
  const keys = ['/', '/ledger', '/me', '/me/files', '/notifications', ...ORG_PATHS, ...SYSTEM_PATHS, ...FLOW_ADMIN_PATHS, ...APPLICATION_PATHS, ...TASK_PATHS, ...MEETING_PATHS];
  return keys.filter((k) => pathname === k || pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0] ?? '/';
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [collapsed, setCollapsed] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const phone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // A page opened from the drawer (or by a link anywhere) closes it.
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const link = (path: string, label: string) => <Link to={path}>{label}</Link>;
  const systemItems = [
    ...(hasPermission(me, 'org.manage')
      ? [{ key: '/system/company', icon: <ShopOutlined />, label: link('/system/company', t('firstRun.nav.company')) }]
      : []),
    ...(hasPermission(me, 'system.integrations')
      ? [{ key: '/system/webhooks', icon: <SendOutlined />, label: link('/system/webhooks', t('nav.webhooks')) }]
      : []),
    ...(hasPermission(me, 'calendar.manage')
      ? [{ key: '/system/calendars', icon: <CalendarOutlined />, label: link('/system/calendars', t('calendar.nav')) }]
      : []),
    ...(hasPermission(me, 'notify.manage')
      ? [
          {
            key: '/system/notification-channels',
            icon: <NotificationOutlined />,
            label: link('/system/notification-channels', t('notify.nav.channels')),
          },
          {
            key: '/system/notification-deliveries',
            icon: <HistoryOutlined />,
            label: link('/system/notification-deliveries', t('notify.nav.deliveries')),
          },
        ]
      : []),
  ];
  const items: MenuProps['items'] = [
    { key: '/', icon: <HomeOutlined />, label: link('/', t('nav.home')) },
    { key: '/notifications', icon: <BellOutlined />, label: <NotificationMenuLabel /> },
    // 审批: everyone starts applications, follows them and handles what is waiting for them.
    {
      key: 'approvals',
      icon: <CheckSquareOutlined />,
      label: t('applications.nav.group'),
      children: [
        { key: '/applications/catalog', icon: <AppstoreOutlined />, label: link('/applications/catalog', t('applications.nav.catalog')) },
        { key: '/applications', icon: <FileDoneOutlined />, label: link('/applications', t('applications.nav.mine')) },
        { key: '/inbox', icon: <InboxOutlined />, label: <InboxMenuLabel /> },
      ],
    },
    // 督办任务: tracked tasks everyone owns, assigns or oversees.
    { key: '/tasks', icon: <FlagOutlined />, label: link('/tasks', t('tasks.title')) },
    // 会议: everyone organises and attends meetings and books rooms; administrators and the custodian manage rooms and equipment.
    {
      key: 'meetings',
      icon: <ScheduleOutlined />,
      label: t('meetings.nav.group'),
      children: [
        { key: '/meetings', icon: <TeamOutlined />, label: link('/meetings', t('meetings.nav.mine')) },
        { key: '/meetings/new', icon: <PlusCircleOutlined />, label: link('/meetings/new', t('meetings.nav.new')) },
        { key: '/rooms', icon: <CalendarOutlined />, label: link('/rooms', t('rooms.nav.booking')) },
        { key: '/rooms/bookings', icon: <FileDoneOutlined />, label: link('/rooms/bookings', t('rooms.nav.mine')) },
        ...(me.roles.includes('admin') || me.roles.includes('custodian')
          ? [{ key: '/rooms/admin', icon: <SettingOutlined />, label: link('/rooms/admin', t('rooms.nav.admin')) }]
          : []),
      ],
    },
    {
      key: 'org',
      icon: <ApartmentOutlined />,
      label: t('nav.org'),
      children: [
        { key: '/org/departments', icon: <ApartmentOutlined />, label: link('/org/departments', t('nav.departments')) },
        { key: '/org/users', icon: <UserOutlined />, label: link('/org/users', t('nav.users')) },
        { key: '/org/positions', icon: <IdcardOutlined />, label: link('/org/positions', t('nav.positions')) },
        { key: '/org/roles', icon: <TeamOutlined />, label: link('/org/roles', t('nav.roles')) },
        { key: '/org/delegations', icon: <SwapOutlined />, label: link('/org/delegations', t('nav.delegations')) },
      ],
    },
    // 流程管理: application types for administrators (flow.manage), the monitor also for audit and the CEO (flow.monitor).
    ...(mayManageFlows(me) || mayMonitorFlows(me)
      ? [
          {
            key: 'flow-admin',
            icon: <PartitionOutlined />,
            label: t('flowAdmin.nav.group'),
            children: [
              ...(mayManageFlows(me)
                ? [{ key: '/admin/application-types', icon: <FormOutlined />, label: link('/admin/application-types', t('flowAdmin.nav.types')) }]
                : []),
              ...(mayMonitorFlows(me) ? [{ key: '/admin/monitor', icon: <DashboardOutlined />, label: link('/admin/monitor', t('flowAdmin.nav.monitor')) }] : []),
            ],
          },
        ]
      : []),
    // 系统 settings, each item for those who manage it: webhooks and notification channels (the server hides them from
    // everyone else too) and business calendars (readable by all, but only calendar.manage holders have anything to do there).
    ...(systemItems.length > 0 ? [{ key: 'system', icon: <ApiOutlined />, label: t('nav.system'), children: systemItems }] : []),
    { key: '/ledger', icon: <AuditOutlined />, label: link('/ledger', t('nav.ledger')) },
    { key: '/me/files', icon: <PaperClipOutlined />, label: link('/me/files', t('files.nav')) },
    { key: '/me', icon: <SettingOutlined />, label: link('/me', t('nav.me')) },
  ];

  async function signOut() {
    setSigningOut(true);
    try {
      await logout(queryClient);
    } finally {
      setSigningOut(false);
      void navigate('/login', { replace: true });
    }
  }

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selectedKey(location.pathname)]}
      defaultOpenKeys={['approvals', 'meetings', 'org', 'system', 'flow-admin']}
      className={phone ? styles.drawerMenu : undefined}
    />
  );
  const actingFor =
    me.actingFor.length > 0 ? (
      <Typography.Text type="secondary">{t('layout.actingFor', { names: me.actingFor.map((p) => p.displayName).join(t('common.listSeparator')) })}</Typography.Text>
    ) : null;
  const content = (
    <Layout.Content className={phone ? styles.phoneContent : styles.content}>
      <PageErrorBoundary key={location.pathname}>
        <Outlet />
      </PageErrorBoundary>
    </Layout.Content>
  );

  // Phones: a compact header (menu button, name, notifications, account) and the menu in a drawer from the left.
  if (phone) {
    return (
      <Layout className={styles.shell}>
        <Layout.Header className={styles.phoneHeader}>
          <Button type="text" icon={<MenuOutlined />} aria-label={t('layout.openMenu')} onClick={() => setDrawerOpen(true)} data-testid="menu-button" className={styles.headerButton} />
          <Link to="/" className={styles.phoneBrand}>
            <SafetyCertificateOutlined className={styles.brandIcon} />
            <span>{t('app.name')}</span>
          </Link>
          <Flex align="center" gap={4} style={{ flex: 'none' }}>
            <NotificationBell />
            <Dropdown
              trigger={['click']}
              placement="bottomRight"
              menu={{
                items: [
                  { key: 'me', icon: <SettingOutlined />, label: <Link to="/me" data-testid="current-user">{me.displayName}</Link> },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('layout.logout'), disabled: signingOut, onClick: () => void signOut() },
                ],
              }}
            >
              <Button type="text" icon={<UserOutlined />} aria-label={`${t('layout.account')}：${me.displayName}`} data-testid="account-menu" className={styles.headerButton} />
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Suspense fallback={null}>
          <drawer.Part
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={280}
            title={t('layout.menu')}
            styles={{ body: { padding: 0, display: 'flex', flexDirection: 'column' } }}
            data-testid="menu-drawer"
          >
            <Flex vertical gap={8} className={styles.drawerAccount}>
              <Typography.Text strong>
                <UserOutlined /> {me.displayName}
              </Typography.Text>
              {actingFor}
            </Flex>
            {menu}
            <Flex vertical gap={12} className={styles.drawerFooter}>
              <LanguageSwitch />
              <Button icon={<LogoutOutlined />} loading={signingOut} onClick={() => void signOut()} block>
                {t('layout.logout')}
              </Button>
            </Flex>
          </drawer.Part>
        </Suspense>
        {content}
      </Layout>
    );
  }

  return (
    <Layout className={styles.shell}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} theme="light" className={styles.sider} width={208}>
        <Link to="/" className={styles.brand}>
          <SafetyCertificateOutlined className={styles.brandIcon} />
          {!collapsed && <span>{t('app.name')}</span>}
        </Link>
        {menu}
      </Layout.Sider>
      <Layout>
        <Layout.Header className={styles.header}>
          <CompanyMark />
          <Space size="middle">
            {actingFor}
            <NotificationBell />
            <LanguageSwitch />
            <Tooltip title={me.username}>
              <Link to="/me" data-testid="current-user">
                <UserOutlined /> {me.displayName}
              </Link>
            </Tooltip>
            <Button icon={<LogoutOutlined />} loading={signingOut} onClick={() => void signOut()}>
              {t('layout.logout')}
            </Button>
          </Space>
        </Layout.Header>
        {content}
      </Layout>
    </Layout>
  );
}
