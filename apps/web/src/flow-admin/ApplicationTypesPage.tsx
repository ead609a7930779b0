import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationType } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { can } from '../components/can.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryTable } from '../components/QueryTable.tsx';
import { afterChange } from '../org/api.ts';
import { FLOW_MANAGE, RequirePermission } from './admin-only.tsx';
import { APPLICATION_TYPE_SUBJECT, flowAdminKeys, updateApplicationType, useApplicationTypes } from './api.ts';
import { CreateTypeModal } from './CreateTypeModal.tsx';
import { ImportTypeModal } from './ImportTypeModal.tsx';
import { useExportYaml } from './use-export-yaml.ts';

/** 流程管理 → 申请类型: every type, active or not, with its published version. */
export function ApplicationTypesPage() {
  return (
    <RequirePermission permission={FLOW_MANAGE}>
      <ApplicationTypes />
    </RequirePermission>
  );
}

const matches = (type: ApplicationType, q: string) =>
  [type.code, type.name, type.category].some((text) => text.toLowerCase().includes(q));

function ApplicationTypes() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const types = useApplicationTypes();
  const [search, setSearch] = useState('');
  const [modal, setModal] = useState<'create' | 'import' | null>(null);
  const setActive = useSetActive();
  const exportYaml = useExportYaml();

  const q = search.trim().toLowerCase();
  const rows = useMemo(() => (types.data ?? []).filter((type) => q === '' || matches(type, q)), [types.data, q]);
  const categories = useMemo(() => [...new Set((types.data ?? []).map((type) => type.category))], [types.data]);
  const design = (type: ApplicationType) => void navigate(`/admin/application-types/${type.id}`);

  const columns: TableColumnsType<ApplicationType> = [
    { title: t('flowAdmin.type.code'), dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    {
      title: t('flowAdmin.type.name'),
      dataIndex: 'name',
      render: (name: string, type) => (
        <Link to={`/admin/application-types/${type.id}`} onClick={(event) => event.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    { title: t('flowAdmin.type.category'), dataIndex: 'category', filters: categories.map((c) => ({ text: c, value: c })), onFilter: (value, type) => type.category === value },
    {
      title: t('flowAdmin.type.publishedVersion'),
      dataIndex: 'publishedVersion',
      render: (version: number | null) =>
        version === null ? <Tag>{t('flowAdmin.type.notPublished')}</Tag> : <Tag color="blue">v{version}</Tag>,
    },
    {
      title: t('flowAdmin.type.active'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean, type) => (
        <span onClick={(event) => event.stopPropagation()}>
          <Switch
            checked={active}
            disabled={!can(type, 'update')}
            loading={setActive.isPending && setActive.variables?.type.id === type.id}
            onChange={(next) => setActive.mutate({ type, active: next })}
            aria-label={t('flowAdmin.type.active')}
          />
        </span>
      ),
    },
    {
      title: t('flowAdmin.type.builtin'),
      dataIndex: 'builtin',
      render: (builtin: boolean) => (builtin ? <Tag color="gold">{t('flowAdmin.type.builtin')}</Tag> : <Tag>{t('flowAdmin.type.custom')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, type) => (
        <Space onClick={(event) => event.stopPropagation()}>
          <Button size="small" onClick={() => design(type)}>
            {t('flowAdmin.type.design')}
          </Button>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            disabled={type.publishedVersion === null}
            loading={exportYaml.isPending && exportYaml.variables.type.id === type.id}
            onClick={() => exportYaml.mutate({ type })}
          >
            {t('flowAdmin.type.export')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('flowAdmin.nav.types')}
        description={t('flowAdmin.type.description')}
        extra={
          <>
            <Button icon={<ImportOutlined />} onClick={() => setModal('import')}>
              {t('flowAdmin.type.import')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('create')}>
              {t('flowAdmin.type.create')}
            </Button>
          </>
        }
      />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('flowAdmin.type.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          style={{ maxWidth: 320, marginBottom: 16 }}
        />
        <QueryTable<ApplicationType>
          query={types}
          rows={rows}
          skeletonRows={6}
          emptyText={q ? t('common.noMatch') : t('flowAdmin.type.empty')}
          onOpen={design}
          columns={columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {modal === 'create' && <CreateTypeModal categories={categories} onClose={() => setModal(null)} />}
      {modal === 'import' && <ImportTypeModal onClose={() => setModal(null)} />}
    </>
  );
}

function useSetActive() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  return useMutation({
    mutationFn: ({ type, active }: { type: ApplicationType; active: boolean }) => updateApplicationType(type.id, { active }),
    onSuccess: async (type) => {
      void message.success(type.active ? t('flowAdmin.type.activated') : t('flowAdmin.type.deactivated'));
      await afterChange(queryClient, flowAdminKeys.types, { type: APPLICATION_TYPE_SUBJECT, id: type.id });
    },
    onError: (error) => reportError(error),
  });
}
