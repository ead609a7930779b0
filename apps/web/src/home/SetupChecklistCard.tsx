import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Progress, Skeleton, Tag, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SetupItem } from '@henji/contracts';
import { QueryError } from '../components/QueryError.tsx';
import { fetchSetup, homeKeys } from './api.ts';
import { orderedItems, setupPercent } from './home-logic.ts';

/** 初始化设置: what the administrator still has to set up, each item linking to the page that does it. */
export function SetupChecklistCard() {
  const { t } = useTranslation();
  const setup = useQuery({ queryKey: homeKeys.setup, queryFn: fetchSetup });

  const hint = (item: SetupItem): string => {
    const listSep = t('common.listSeparator');
    switch (item.key) {
      case 'company':
        return item.done
          ? t('firstRun.setup.hints.company')
          : t('firstRun.setup.hints.companyMissing', { what: item.missing.map((m) => t(`firstRun.setup.hints.${m === 'name' ? 'name' : 'logo'}`)).join(listSep) });
      case 'departments':
      case 'users':
        return t(`firstRun.setup.hints.${item.key}`, { count: item.count ?? 0 });
      case 'notification_channel':
        return item.done ? t('firstRun.setup.hints.notification_channel', { count: item.count ?? 0 }) : t('firstRun.setup.hints.notification_channelNone');
      case 'calendar_next_year':
        return item.done
          ? t('firstRun.setup.hints.calendar_next_yearDone', { year: item.year })
          : t('firstRun.setup.hints.calendar_next_year', { year: item.year, calendars: item.missing.join(listSep) });
      case 'application_type':
        return item.done ? t('firstRun.setup.hints.application_type', { count: item.count ?? 0 }) : t('firstRun.setup.hints.application_typeNone');
      case 'backup':
        return t('firstRun.setup.hints.backup');
    }
  };

  let body;
  if (setup.isPending) body = <Skeleton active paragraph={{ rows: 5 }} />;
  else if (setup.isError) body = <QueryError compact error={setup.error} onRetry={() => void setup.refetch()} />;
  else {
    const list = setup.data;
    body = (
      <>
        <Progress percent={setupPercent(list)} format={() => t('firstRun.setup.progress', { done: list.done, total: list.total })} style={{ marginBottom: 8 }} />
        <List
          dataSource={orderedItems(list.items)}
          renderItem={(item) => (
            <List.Item
              key={item.key}
              data-testid={`setup-${item.key}`}
              actions={[
                !item.available ? (
                  <Tag key="na">{t('firstRun.setup.notAvailable')}</Tag>
                ) : item.link ? (
                  <Link key="go" to={item.link}>
                    <Button size="small" type={item.done ? 'default' : 'primary'}>
                      {item.done ? t('firstRun.setup.review') : t('firstRun.setup.go')}
                    </Button>
                  </Link>
                ) : null,
              ]}
            >
              <List.Item.Meta
                avatar={
                  !item.available ? (
                    <MinusCircleOutlined style={{ color: '#bfbfbf', fontSize: 18 }} aria-label={t('firstRun.setup.notAvailable')} />
                  ) : item.done ? (
                    <CheckCircleFilled style={{ color: '#52c41a', fontSize: 18 }} />
                  ) : (
                    <ClockCircleOutlined style={{ color: '#faad14', fontSize: 18 }} />
                  )
                }
                title={
                  <Typography.Text type={item.available ? undefined : 'secondary'} delete={false}>
                    {t(`firstRun.setup.items.${item.key}`, { year: item.year ?? '' })}
                  </Typography.Text>
                }
                description={hint(item)}
              />
            </List.Item>
          )}
        />
      </>
    );
  }

  const complete = setup.data && setup.data.done === setup.data.total;
  return (
    <Card title={complete ? t('firstRun.setup.allDone') : t('firstRun.setup.title')} style={{ marginBottom: 16 }} data-testid="setup-checklist">
      {body}
    </Card>
  );
}
