import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Col, Empty, Flex, Input, Modal, Row, Skeleton, Typography } from 'antd';
import { ApartmentOutlined, FormOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationType } from '@henji/contracts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useApplicationTypes } from './api.ts';
import { byCategory } from './catalog.ts';
import { FlowChart } from './FlowChart.tsx';

/** 申请中心: every application type one may start, each with its published flow (流程公示). */
export function CatalogPage() {
  const { t } = useTranslation();
  const types = useApplicationTypes();
  const [search, setSearch] = useState('');
  const [showing, setShowing] = useState<ApplicationType | null>(null);

  let body;
  if (types.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (types.isError) body = <QueryError error={types.error} onRetry={() => void types.refetch()} />;
  else {
    const groups = byCategory(types.data, search);
    body =
      groups.length === 0 ? (
        <Card>
          <Empty description={search ? t('applications.catalog.noMatch') : t('applications.catalog.empty')} />
        </Card>
      ) : (
        <Flex vertical gap={24}>
          {groups.map(([category, list]) => (
            <section key={category} aria-label={category}>
              <Typography.Title level={5}>{category}</Typography.Title>
              <Row gutter={[16, 16]}>
                {list.map((type) => (
                  <Col key={type.id} xs={24} md={12} xl={8}>
                    <Card
                      data-testid="catalog-card"
                      style={{ height: '100%', display: 'flex', flexDirection: 'column' }}
                      styles={{ body: { flex: 1, display: 'flex', flexDirection: 'column' } }}
                      title={type.name}
                    >
                      <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, tooltip: type.description }} style={{ flex: 1 }}>
                        {type.description || t('applications.catalog.noDescription')}
                      </Typography.Paragraph>
                      <Flex gap={8} justify="flex-end">
                        <Button icon={<ApartmentOutlined />} onClick={() => setShowing(type)}>
                          {t('applications.catalog.viewFlow')}
                        </Button>
                        <Link to={`/applications/new/${type.id}`}>
                          <Button type="primary" icon={<FormOutlined />}>
                            {t('applications.catalog.start')}
                          </Button>
                        </Link>
                      </Flex>
                    </Card>
                  </Col>
                ))}
              </Row>
            </section>
          ))}
        </Flex>
      );
  }

  return (
    <>
      <PageHeader
        title={t('applications.nav.catalog')}
        description={t('applications.catalog.description')}
        extra={
          <Input.Search
            allowClear
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={t('applications.catalog.searchPlaceholder')}
            aria-label={t('applications.catalog.searchPlaceholder')}
            style={{ width: 240 }}
          />
        }
      />
      {body}
      <Modal
        open={showing !== null}
        title={showing ? t('applications.catalog.flowTitle', { name: showing.name }) : ''}
        onCancel={() => setShowing(null)}
        width={820}
        destroyOnHidden
        footer={
          showing && (
            <Flex gap={8} justify="flex-end">
              <Button onClick={() => setShowing(null)}>{t('common.close')}</Button>
              <Link to={`/applications/new/${showing.id}`}>
                <Button type="primary" icon={<FormOutlined />}>
                  {t('applications.catalog.start')}
                </Button>
              </Link>
            </Flex>
          )
        }
      >
        {showing?.definition && (
          <>
            {showing.description && <Typography.Paragraph type="secondary">{showing.description}</Typography.Paragraph>}
            <FlowChart flow={showing.definition.flow} form={showing.definition.form} />
          </>
        )}
      </Modal>
    </>
  );
}
