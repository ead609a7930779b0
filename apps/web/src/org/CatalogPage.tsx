import { useState, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Card, Descriptions, Tag, Typography, type DescriptionsProps, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../auth/session.ts';
import { can } from '../components/can.ts';
import { DetailDrawer } from '../components/DetailDrawer.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryTable } from '../components/QueryTable.tsx';

/** What every entry of a small admin catalogue (岗位, 角色) has. */
export interface CatalogEntry {
  id: string;
  /** Fixed once created: other records and policies refer to it. */
  code: string;
  name: string;
  /** Seeded by Henji rather than added by an administrator. */
  builtin: boolean;
  allowedActions: readonly string[];
}

type Column<Entry> = TableColumnsType<Entry>[number];
type DetailItem = NonNullable<DescriptionsProps['items']>[number];

/** The columns every catalogue has, for each page to place among its own. */
export interface CatalogColumns<Entry> {
  name: Column<Entry>;
  code: Column<Entry>;
  kind: Column<Entry>;
  actions: Column<Entry>;
}

/** The detail items every catalogue has, for each page to place among its own. */
export interface CatalogDetails {
  name: DetailItem;
  code: DetailItem;
  kind: DetailItem;
}

interface CatalogPageProps<Entry extends CatalogEntry> {
  title: string;
  description: string;
  createText: string;
  emptyText: string;
  entries: UseQueryResult<Entry[]>;
  /** Display order; the server's order when absent. */
  order?: (a: Entry, b: Entry) => number;
  /** The name shown for an entry: built-in ones follow the UI language. */
  label: (entry: Entry) => string;
  subjectType: string;
  skeletonRows: number;
  /** The table's columns in order, the shared name, code, kind and actions columns placed among the page's own. */
  columns: (shared: CatalogColumns<Entry>) => TableColumnsType<Entry>;
  /** The detail drawer's items in order, likewise with the shared name, code and kind. */
  details: (entry: Entry, shared: CatalogDetails) => DetailItem[];
  /** The create form (no entry) or the edit form of one entry. */
  renderForm: (entry: Entry | undefined, onClose: () => void) => ReactNode;
}

/**
 * A small admin catalogue: a table of entries, a create and edit form for those who may manage the organisation,
 * and a detail drawer with each entry's traces. Each page states only its own columns, detail items and form.
 */
export function CatalogPage<Entry extends CatalogEntry>({
  title,
  description,
  createText,
  emptyText,
  entries,
  order,
  label,
  subjectType,
  skeletonRows,
  columns,
  details,
  renderForm,
}: CatalogPageProps<Entry>) {
  const { t } = useTranslation();
  const me = useMe();
  const [editing, setEditing] = useState<{ entry?: Entry } | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const list = order ? [...(entries.data ?? [])].sort(order) : (entries.data ?? []);
  const detail = list.find((entry) => entry.id === detailId) ?? null;

  const sharedColumns: CatalogColumns<Entry> = {
    name: {
      title: t('common.name'),
      key: 'name',
      render: (_: unknown, entry) => <Typography.Link onClick={() => setDetailId(entry.id)}>{label(entry)}</Typography.Link>,
    },
    code: { title: t('common.code'), dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    kind: {
      title: t('common.kind'),
      dataIndex: 'builtin',
      width: 120,
      render: (builtin: boolean) => (builtin ? <Tag>{t('common.builtin')}</Tag> : <Tag color="blue">{t('common.custom')}</Tag>),
    },
    actions: {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_: unknown, entry) =>
        can(entry, 'update') && (
          <Button
            type="link"
            size="small"
            onClick={(event) => {
              // The row's own click opens the detail drawer.
              event.stopPropagation();
              setEditing({ entry });
            }}
          >
            {t('common.edit')}
          </Button>
        ),
    },
  };

  return (
    <>
      <PageHeader
        title={title}
        description={description}
        extra={
          hasPermission(me, 'org.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
              {createText}
            </Button>
          )
        }
      />
      <Card>
        <QueryTable<Entry>
          query={entries}
          rows={list}
          skeletonRows={skeletonRows}
          emptyText={emptyText}
          onOpen={(entry) => setDetailId(entry.id)}
          columns={columns(sharedColumns)}
          pagination={false}
        />
      </Card>
      {editing && renderForm(editing.entry, () => setEditing(null))}
      <DetailDrawer
        title={detail ? label(detail) : ''}
        open={detail !== null}
        onClose={() => setDetailId(null)}
        subjectType={subjectType}
        subjectId={detail?.id ?? null}
      >
        {detail && (
          <Descriptions
            column={2}
            size="small"
            bordered
            items={details(detail, {
              name: { key: 'name', label: t('common.name'), children: label(detail) },
              code: { key: 'code', label: t('common.code'), children: detail.code },
              kind: { key: 'builtin', label: t('common.kind'), children: detail.builtin ? t('common.builtin') : t('common.custom') },
            })}
          />
        )}
      </DetailDrawer>
    </>
  );
}
