import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { ApartmentOutlined, AuditOutlined, SettingOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session.ts';
import { CalendarYearBanner } from '../calendar/CalendarYearBanner.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { checkpointQuery } from '../ledger/use-verification.ts';

/** 首页: a greeting, the ledger's current signed size, and the way to each area. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const checkpoint = useQuery(checkpointQuery);

  let ledger;
  if (checkpoint.isPending) ledger = <Skeleton active paragraph={{ rows: 1 }} />;
  else if (checkpoint.isError) ledger = <QueryError compact error={checkpoint.error} onRetry={() => void checkpoint.refetch()} />;
  else if (checkpoint.data === null) ledger = <Typography.Text type="secondary">{t('ledger.noCheckpoint')}</Typography.Text>;
  else
    ledger = (
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Statistic title={t('home.treeSize')} value={checkpoint.data.treeSize} />
        </Col>
        <Col xs={24} sm={12}>
          <Statistic title={t('home.lastCheckpoint')} value={formatDateTime(checkpoint.data.issuedAt)} />
        </Col>
      </Row>
    );

  const links = [
    { to: '/org/departments', icon: <ApartmentOutlined />, title: t('nav.departments'), text: t('home.links.departments') },
    { to: '/org/users', icon: <UserOutlined />, title: t('nav.users'), text: t('home.links.users') },
    { to: '/org/delegations', icon: <SwapOutlined />, title: t('nav.delegations'), text: t('home.links.delegations') },
    { to: '/ledger', icon: <AuditOutlined />, title: t('nav.ledger'), text: t('home.links.ledger') },
    { to: '/me', icon: <SettingOutlined />, title: t('nav.me'), text: t('home.links.me') },
  ];

  return (
    <>
      <PageHeader title={t('home.welcome', { name: me.displayName })} description={t('app.tagline')} />
      <CalendarYearBanner />
      <Card
        title={t('home.ledgerStatus')}
        extra={<Link to="/ledger">{t('home.openLedger')}</Link>}
        style={{ marginBottom: 16 }}
        data-testid="home-ledger-status"
      >
        {ledger}
      </Card>
      <Row gutter={[16, 16]}>
        {links.map((link) => (
          <Col key={link.to} xs={24} sm={12} lg={8}>
            <Link to={link.to} style={{ display: 'block', height: '100%' }}>
              <Card hoverable style={{ height: '100%' }}>
                <Card.Meta avatar={<span style={{ fontSize: 24, color: '#1677ff' }}>{link.icon}</span>} title={link.title} description={link.text} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
