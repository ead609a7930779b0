import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../auth/session.ts';
import { CalendarYearBanner } from '../calendar/CalendarYearBanner.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { checkpointQuery } from '../ledger/use-verification.ts';
import { MyWork } from './MyWork.tsx';
import { OverviewCard } from './OverviewCard.tsx';
import { SetupChecklistCard } from './SetupChecklistCard.tsx';

/**
 * 首页 by role: administrators see the 初始化设置 checklist first; everyone sees what waits on them, their applications
 * and tracked tasks; the CEO and department heads the overview of what waits on whom; then the ledger's signed size.
 */
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

  return (
    <>
      <PageHeader title={t('home.welcome', { name: me.displayName })} description={t('app.tagline')} />
      <CalendarYearBanner />
      {hasPermission(me, 'org.manage') && <SetupChecklistCard />}
      <MyWork />
      <OverviewCard />
      <Card
        size="small"
        title={t('home.ledgerStatus')}
        extra={<Link to="/ledger">{t('home.openLedger')}</Link>}
        style={{ marginBottom: 16 }}
        data-testid="home-ledger-status"
      >
        {ledger}
      </Card>
    </>
  );
}
