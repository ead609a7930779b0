import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Segmented, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Delegation } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { can } from '../components/can.ts';
import { DetailDrawer } from '../components/DetailDrawer.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryTable } from '../components/QueryTable.tsx';
import { formatDate, formatDateTime } from '../i18n/format.ts';
import { SUBJECT, fetchDelegations } from './api.ts';
import { DelegationFormModal } from './DelegationFormModal.tsx';
import { DelegationStateTag } from './DelegationStateTag.tsx';
import { RevokeDelegationModal } from './RevokeDelegationModal.tsx';
import { UserName } from './UserName.tsx';

type StateFilter = Delegation['state'] | 'all';
const STATE_FILTERS: readonly StateFilter[] = ['all', 'active', 'scheduled', 'expired', 'revoked'];

/** 代理: who may act for whom, when, and for which processes. */
export function DelegationsPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<StateFilter>('all');
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<Delegation | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const filterState = state === 'all' ? undefined : state;
  const delegations = useQuery({ queryKey: queryKeys.delegations.list(filterState), queryFn: () => fetchDelegations(filterState) });

  const list = delegations.data ?? [];
  const detail = list.find((d) => d.id === detailId) ?? null;
  const scopeTags = (scope: string[]) =>
    scope.length === 0 ? (
      <Typography.Text type="secondary">{t('org.delegation.scopeAll')}</Typography.Text>
    ) : (
      <Space size={[4, 4]} wrap>
        {scope.map((key) => (
          <Tag key={key}>{key}</Tag>
        ))}
      </Space>
    );

  const columns: TableColumnsType<Delegation> = [
    { title: t('org.delegation.principal'), dataIndex: 'principalId', render: (id: string) => <UserName id={id} /> },
    { title: t('org.delegation.delegate'), dataIndex: 'delegateId', render: (id: string) => <UserName id={id} /> },
    {
      title: t('org.delegation.period'),
      key: 'period',
      render: (_: unknown, d) => `${formatDate(d.startsOn)} ~ ${formatDate(d.endsOn)}`,
    },
    { title: t('org.delegation.scope'), dataIndex: 'scope', render: scopeTags },
    { title: t('org.delegation.reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('common.status'), dataIndex: 'state', width: 100, render: (s: Delegation['state']) => <DelegationStateTag state={s} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_: unknown, delegation) => (
        <Space size={0} onClick={(event) => event.stopPropagation()}>
          <Button type="link" size="small" onClick={() => setDetailId(delegation.id)}>
            {t('common.details')}
          </Button>
          {can(delegation, 'revoke') && (
            <Button type="link" size="small" danger onClick={() => setRevoking(delegation)}>
              {t('org.delegation.revoke')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.delegations')}
        description={t('org.delegation.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('org.delegation.create')}
          </Button>
        }
      />
      <Card>
        <Flex style={{ marginBottom: 16 }}>
          <Segmented<StateFilter>
            value={state}
            onChange={setState}
            options={STATE_FILTERS.map((s) => ({ value: s, label: s === 'all' ? t('common.all') : t(`org.delegation.state.${s}`) }))}
          />
        </Flex>
        <QueryTable<Delegation>
          query={delegations}
          rows={list}
          skeletonRows={5}
          emptyText={t('org.delegation.empty')}
          onOpen={(d) => setDetailId(d.id)}
          columns={columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {creating && <DelegationFormModal onClose={() => setCreating(false)} />}
      {revoking && <RevokeDelegationModal delegation={revoking} onClose={() => setRevoking(null)} />}
      <DetailDrawer
        title={t('org.delegation.detail')}
        open={detail !== null}
        onClose={() => setDetailId(null)}
        subjectType={SUBJECT.delegation}
        subjectId={detail?.id ?? null}
      >
        {detail && (
          <Descriptions
            column={2}
            size="small"
            bordered
            items={[
              { key: 'principal', label: t('org.delegation.principal'), children: <UserName id={detail.principalId} /> },
              { key: 'delegate', label: t('org.delegation.delegate'), children: <UserName id={detail.delegateId} /> },
              { key: 'startsOn', label: t('org.delegation.startsOn'), children: formatDate(detail.startsOn) },
              { key: 'endsOn', label: t('org.delegation.endsOn'), children: formatDate(detail.endsOn) },
              { key: 'state', label: t('common.status'), children: <DelegationStateTag state={detail.state} /> },
              { key: 'revokedAt', label: t('org.delegation.revokedAt'), children: formatDateTime(detail.revokedAt) },
              { key: 'createdBy', label: t('org.delegation.createdBy'), children: <UserName id={detail.createdById} /> },
              { key: 'scope', label: t('org.delegation.scope'), children: scopeTags(detail.scope) },
              { key: 'reason', label: t('org.delegation.reason'), span: 2, children: detail.reason },
            ]}
          />
        )}
      </DetailDrawer>
    </>
  );
}
