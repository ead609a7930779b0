import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Position } from '@henji/contracts';
import { hasPermission, useMe } from '../auth/session.ts';
import { can } from '../components/can.ts';
import { DetailDrawer } from '../components/DetailDrawer.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { SUBJECT, usePositions } from './api.ts';
import { PositionFormModal } from './PositionFormModal.tsx';
import { useReferenceLabels } from './reference-labels.ts';

/** 岗位: head, director, supervisor, specialist and any added ones, by rank. */
export function PositionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const positions = usePositions();
  const labels = useReferenceLabels();
  const [editing, setEditing] = useState<{ position?: Position } | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const list = [...(positions.data ?? [])].sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
  const detail = list.find((p) => p.id === detailId) ?? null;

  const columns: TableColumnsType<Position> = [
    {
      title: t('common.name'),
      key: 'name',
      render: (_: unknown, position) => <Typography.Link onClick={() => setDetailId(position.id)}>{labels.position(position)}</Typography.Link>,
    },
    { title: t('common.code'), dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    { title: t('org.position.rank'), dataIndex: 'rank', width: 100, align: 'right' },
    { title: t('common.kind'), dataIndex: 'builtin', width: 120, render: (builtin: boolean) => (builtin ? <Tag>{t('common.builtin')}</Tag> : <Tag color="blue">{t('common.custom')}</Tag>) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_: unknown, position) =>
        can(position, 'update') && (
          <Button
            type="link"
            size="small"
            onClick={(event) => {
              event.stopPropagation();
              setEditing({ position });
            }}
          >
            {t('common.edit')}
          </Button>
        ),
    },
  ];

  let body;
  if (positions.isPending) body = <Skeleton active paragraph={{ rows: 5 }} />;
  else if (positions.isError) body = <QueryError error={positions.error} onRetry={() => void positions.refetch()} />;
  else if (list.length === 0) body = <Empty description={t('org.position.empty')} />;
  else
    body = (
      <Table<Position>
        rowKey="id"
        columns={columns}
        dataSource={list}
        pagination={false}
        onRow={(position) => ({ onClick: () => setDetailId(position.id), style: { cursor: 'pointer' } })}
      />
    );

  return (
    <>
      <PageHeader
        title={t('nav.positions')}
        description={t('org.position.description')}
        extra={
          hasPermission(me, 'org.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
              {t('org.position.create')}
            </Button>
          )
        }
      />
      <Card>{body}</Card>
      {editing && <PositionFormModal position={editing.position} onClose={() => setEditing(null)} />}
      <DetailDrawer
        title={detail ? labels.position(detail) : ''}
        open={detail !== null}
        onClose={() => setDetailId(null)}
        subjectType={SUBJECT.position}
        subjectId={detail?.id ?? null}
      >
        {detail && (
          <Descriptions
            column={2}
            size="small"
            bordered
            items={[
              { key: 'name', label: t('common.name'), children: labels.position(detail) },
              { key: 'code', label: t('common.code'), children: detail.code },
              { key: 'rank', label: t('org.position.rank'), children: detail.rank },
              { key: 'builtin', label: t('common.kind'), children: detail.builtin ? t('common.builtin') : t('common.custom') },
            ]}
          />
        )}
      </DetailDrawer>
    </>
  );
}
