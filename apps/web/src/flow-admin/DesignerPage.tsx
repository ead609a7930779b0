import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Popconfirm, Skeleton, Space, Tabs, Tag } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition, ApplicationType, ApplicationTypeVersion } from '@henji/contracts';
import { isApiError } from '../api/client.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { can } from '../components/can.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { afterChange } from '../org/api.ts';
import { FLOW_MANAGE, RequirePermission } from './admin-only.tsx';
import { APPLICATION_TYPE_SUBJECT, flowAdminKeys, publishVersion, saveDraft, useApplicationType, useVersions } from './api.ts';
import { BasicInfoTab } from './BasicInfoTab.tsx';
import { FlowDesigner } from './FlowDesigner.tsx';
import { FormDesigner } from './FormDesigner.tsx';
import { MigrateModal } from './MigrateModal.tsx';
import { problemsFromFields, type Problem, type ProblemTarget } from './problem-path.ts';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { useDesigner } from './use-designer.ts';
import { useValidation } from './use-validation.ts';
import { VersionsTab } from './VersionsTab.tsx';

const TABS = ['basic', 'form', 'flow', 'versions'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | null): value is Tab => TABS.some((tab) => tab === value);

/** 流程管理 → 申请类型 → one type: its catalogue entry, form, flow and versions. */
export function DesignerPage() {
  return (
    <RequirePermission permission={FLOW_MANAGE}>
      <DesignerLoader />
    </RequirePermission>
  );
}

function DesignerLoader() {
  const { id = '' } = useParams();
  const type = useApplicationType(id);
  const versions = useVersions(id);
  if (type.isPending || versions.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (type.isError) return <QueryError error={type.error} onRetry={() => void type.refetch()} />;
  if (versions.isError) return <QueryError error={versions.error} onRetry={() => void versions.refetch()} />;
  return <Designer type={type.data} versions={versions.data} />;
}

function Designer({ type, versions }: { type: ApplicationType; versions: ApplicationTypeVersion[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [search, setSearch] = useSearchParams();
  const tabParam = search.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'form';
  const setTab = (next: Tab) => setSearch((params) => ({ ...Object.fromEntries(params), tab: next }), { replace: true });

  const designer = useDesigner(versions);
  const [viewing, setViewing] = useState<ApplicationTypeVersion | null>(null);
  const [selectedField, setSelectedField] = useState<number | null>(null);
  const [selectedNode, setSelectedNode] = useState<string | null>(null);
  const [publishProblems, setPublishProblems] = useState<{ problems: Problem[]; of: ApplicationDefinition } | null>(null);
  const [migrating, setMigrating] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const validation = useValidation(viewing ? null : designer.definition, type.description);

  const editable = can(type, 'update') && !viewing;
  const shown = viewing?.definition ?? designer.definition;
  const draft = versions.find((v) => v.status === 'draft');
  // Problems from a refused publish stand until the definition changes; the live check takes over from there.
  const problems = publishProblems && publishProblems.of === designer.definition ? publishProblems.problems : validation.problems;

  const refresh = () => afterChange(queryClient, flowAdminKeys.types, { type: APPLICATION_TYPE_SUBJECT, id: type.id });

  const save = useMutation({
    mutationFn: (definition: ApplicationDefinition) => saveDraft(type.id, definition).then((version) => ({ version, definition })),
    onSuccess: async ({ definition }) => {
      designer.markSaved(definition);
      void message.success(t('flowAdmin.designer.draftSaved'));
      await refresh();
    },
    onError: (error) => reportError(error),
  });

  const publish = useMutation({
    mutationFn: async (definition: ApplicationDefinition) => {
      // What is published is what the designer shows: unsaved edits are saved as the draft first.
      let version = draft;
      if (!version || designer.dirty) {
        version = await saveDraft(type.id, definition);
        designer.markSaved(definition);
      }
      return publishVersion(type.id, version.id);
    },
    onSuccess: async (version) => {
      setPublishProblems(null);
      void message.success(t('flowAdmin.designer.published', { version: version.version }));
      await refresh();
    },
    onError: (error, definition) => {
      const found = isApiError(error) && error.status === 400 ? problemsFromFields(error.fieldErrors) : [];
      if (found.length === 0) return reportError(error);
      setPublishProblems({ problems: found, of: definition });
      void message.error(t('flowAdmin.designer.publishFailed'));
    },
  });

  const open = (target: ProblemTarget) => {
    if (target.area === 'node') {
      setSelectedNode(target.nodeId);
      setTab('flow');
    } else if (target.area === 'field') {
      setSelectedField(target.index);
      setTab('form');
    } else if (target.area === 'form') setTab('form');
    else {
      setSettingsOpen(true);
      setTab('flow');
    }
  };

  if (!shown) return <Skeleton active paragraph={{ rows: 10 }} />;
  const onChange = editable ? designer.setDefinition : undefined;
  const base = designer.base;

  const status = viewing ? (
    <Alert
      type="warning"
      showIcon
      title={t('flowAdmin.designer.viewing', { version: viewing.version })}
      action={
        <Space>
          {can(type, 'update') && (
            <Button
              size="small"
              onClick={() => {
                designer.setDefinition(viewing.definition);
                setViewing(null);
                void message.info(t('flowAdmin.designer.useAsDraftDone', { version: viewing.version }));
              }}
            >
              {t('flowAdmin.designer.useAsDraft')}
            </Button>
          )}
          <Button size="small" type="primary" onClick={() => setViewing(null)}>
            {t('flowAdmin.designer.backToDraft')}
          </Button>
        </Space>
      }
    />
  ) : (
    <Flex gap={12} align="flex-start" vertical>
      {base && (
        <Space>
          <Tag color={base.status === 'draft' ? 'orange' : 'green'}>
            {base.status === 'draft'
              ? t('flowAdmin.designer.editingDraft', { version: base.version })
              : t('flowAdmin.designer.editingNew', { version: base.version })}
          </Tag>
          {designer.dirty && <Tag color="red">{t('flowAdmin.designer.unsaved')}</Tag>}
        </Space>
      )}
      <div style={{ width: '100%' }}>
        <ProblemsPanel definition={shown} problems={problems} checking={validation.checking} error={validation.error} onOpen={open} />
        {!viewing &&
          validation.warnings.map((w) => (
            <Alert key={`${w.path}:${w.message}`} type="warning" showIcon style={{ marginTop: 8 }} data-testid="definition-warning" message={w.message} />
          ))}
      </div>
    </Flex>
  );

  return (
    <>
      <PageHeader
        title={type.name}
        description={
          <Space size={4}>
            <Link to="/admin/application-types">
              <ArrowLeftOutlined /> {t('flowAdmin.designer.back')}
            </Link>
            <Tag>{type.code}</Tag>
            {type.publishedVersion === null ? <Tag>{t('flowAdmin.type.notPublished')}</Tag> : <Tag color="blue">v{type.publishedVersion}</Tag>}
            {!type.active && <Tag color="default">{t('common.inactive')}</Tag>}
          </Space>
        }
        extra={
          editable && (
            <>
              <Button icon={<SaveOutlined />} disabled={!designer.dirty} loading={save.isPending} onClick={() => designer.definition && save.mutate(designer.definition)}>
                {t('flowAdmin.designer.saveDraft')}
              </Button>
              {can(type, 'publish') && (
              <Popconfirm
                title={t('flowAdmin.designer.publish')}
                description={<div style={{ maxWidth: 360 }}>{t('flowAdmin.designer.publishConfirm')}</div>}
                okText={t('flowAdmin.designer.publish')}
                cancelText={t('common.cancel')}
                onConfirm={() => designer.definition && publish.mutate(designer.definition)}
                disabled={!designer.dirty && !draft}
              >
                <Button type="primary" icon={<CloudUploadOutlined />} loading={publish.isPending} disabled={!designer.dirty && !draft}>
                  {t('flowAdmin.designer.publish')}
                </Button>
              </Popconfirm>
              )}
            </>
          )
        }
      />
      <div style={{ marginBottom: 16 }}>{status}</div>
      <Tabs
        activeKey={tab}
        onChange={(key) => isTab(key) && setTab(key)}
        items={[
          { key: 'basic', label: t('flowAdmin.designer.tabs.basic'), children: <BasicInfoTab type={type} /> },
          {
            key: 'form',
            label: t('flowAdmin.designer.tabs.form'),
            children: <FormDesigner definition={shown} onChange={onChange} selected={selectedField} onSelect={setSelectedField} problems={viewing ? [] : problems} />,
          },
          {
            key: 'flow',
            label: t('flowAdmin.designer.tabs.flow'),
            children: (
              <FlowDesigner
                definition={shown}
                onChange={onChange}
                selected={selectedNode}
                onSelect={setSelectedNode}
                problems={viewing ? [] : problems}
                settingsOpen={settingsOpen}
                onSettingsOpen={setSettingsOpen}
              />
            ),
          },
          {
            key: 'versions',
            label: t('flowAdmin.designer.tabs.versions'),
            children: (
              <VersionsTab
                type={type}
                versions={versions}
                viewingId={viewing?.id ?? null}
                onView={(version) => {
                  setViewing(version);
                  setTab('flow');
                }}
                onMigrate={() => setMigrating(true)}
              />
            ),
          },
        ]}
      />
      {migrating && <MigrateModal type={type} versions={versions} onClose={() => setMigrating(false)} />}
    </>
  );
}
