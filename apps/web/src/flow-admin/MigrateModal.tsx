import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Result, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary, ApplicationType, ApplicationTypeVersion, MigrationResult } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { QueryError } from '../components/QueryError.tsx';
import { afterChange } from '../org/api.ts';
import { APPLICATION_TYPE_SUBJECT, flowAdminKeys, migrateInstances, useMigrationPreview, useRunningApplications } from './api.ts';
import { incompleteForms, migrateInput, proposedNodeMap, targetsFor, unmappedNodes, waitingNodes, type NodeMap } from './migration-plan.ts';

interface MigrateModalProps {
  type: ApplicationType;
  versions: readonly ApplicationTypeVersion[];
  onClose: () => void;
}

/** The most migrations one request may carry (MigrateInstancesInput.applicationIds). */
const MAX_PER_RUN = 1000;

/** 迁移实例: move running applications from one version to another, node by node, with a reason for the ledger. */
export function MigrateModal({ type, versions, onClose }: MigrateModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const running = useRunningApplications(type.id);

  const sources = versions.filter((v) => v.runningCount > 0);
  // Applications only ever move to the version new applications use: the published one.
  const targets = versions.filter((v) => v.status === 'published');
  const published = versions.find((v) => v.status === 'published');
  const [fromId, setFromId] = useState<string | undefined>(() => [...sources].sort((a, b) => b.runningCount - a.runningCount).find((v) => v.id !== published?.id)?.id ?? sources[0]?.id);
  const [toId, setToId] = useState<string | undefined>(published?.id);
  const [nodeMap, setNodeMap] = useState<NodeMap>({});
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [reason, setReason] = useState('');
  const [migrated, setMigrated] = useState<MigrationResult | null>(null);

  const from = versions.find((v) => v.id === fromId);
  const to = versions.find((v) => v.id === toId);
  const onVersion = useMemo(
    () => (running.data?.items ?? []).filter((a: ApplicationSummary) => from && a.version === from.version),
    [running.data, from],
  );
  const selectedApps = chosen === null ? onVersion : onVersion.filter((a) => chosen.includes(a.id));
  const waiting = useMemo(() => (from ? waitingNodes(selectedApps, from.version) : []), [selectedApps, from]);

  // A new pair of versions (or newly loaded applications) starts again from the proposal: same node id where it exists.
  useEffect(() => {
    if (to && from) setNodeMap(proposedNodeMap(waitingNodes(onVersion, from.version), from.definition.flow, to.definition.flow));
  }, [from, to, onVersion]);

  const missing = from && to ? unmappedNodes(waiting, nodeMap, from.definition.flow, to.definition.flow) : [];
  const sameVersion = from !== undefined && from.id === to?.id;
  const ready = from && to && !sameVersion && selectedApps.length > 0 && selectedApps.length <= MAX_PER_RUN && missing.length === 0 && reason.trim() !== '';
  const applicationIds = chosen === null && onVersion.length <= MAX_PER_RUN ? null : selectedApps.map((a) => a.id);
  // The server's preview of the same request: which forms lack fields the target version requires.
  const preview = useMigrationPreview(
    type.id,
    from && to && !sameVersion && selectedApps.length > 0 && selectedApps.length <= MAX_PER_RUN && missing.length === 0
      ? migrateInput({ fromVersionId: from.id, toVersionId: to.id, waiting, nodeMap, reason: '', applicationIds, dryRun: true })
      : null,
  );
  const incomplete = (result: MigrationResult | undefined) => {
    const forms = incompleteForms(result, t('common.listSeparator'));
    if (forms.length === 0) return null;
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('flowAdmin.migrate.incomplete', { count: forms.length })}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {forms.map((f) => (
              <li key={f.id}>{t('flowAdmin.migrate.incompleteItem', { title: f.title, fields: f.fields })}</li>
            ))}
          </ul>
        }
      />
    );
  };

  const migrate = useMutation({
    mutationFn: (pair: { from: ApplicationTypeVersion; to: ApplicationTypeVersion }) =>
      migrateInstances(
        type.id,
        migrateInput({
          fromVersionId: pair.from.id,
          toVersionId: pair.to.id,
          waiting,
          nodeMap,
          reason,
          applicationIds,
        }),
      ),
    onSuccess: async (result) => {
      setMigrated(result);
      await Promise.all([
        afterChange(queryClient, flowAdminKeys.types, { type: APPLICATION_TYPE_SUBJECT, id: type.id }),
        queryClient.invalidateQueries({ queryKey: ['applications'] }),
      ]);
    },
    onError: (error) => reportError(error),
  });

  const versionLabel = (v: ApplicationTypeVersion) =>
    t('flowAdmin.migrate.versionOption', { version: v.version, status: t(`flowAdmin.versions.statuses.${v.status}`), running: v.runningCount });
  const targetOptions = (nodeId: string) =>
    from && to ? targetsFor(nodeId, from.definition.flow, to.definition.flow).map((n) => ({ value: n.id, label: `${n.name} (${n.id})` })) : [];

  if (migrated !== null) {
    return (
      <Modal open title={t('flowAdmin.migrate.title')} onCancel={onClose} footer={<Button type="primary" onClick={onClose}>{t('common.close')}</Button>}>
        <Result status="success" title={t('flowAdmin.migrate.done', { count: migrated.migrated })} />
        {incomplete(migrated)}
      </Modal>
    );
  }

  let body;
  if (running.isPending) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (running.isError) body = <QueryError compact error={running.error} onRetry={() => void running.refetch()} />;
  else if (onVersion.length === 0) body = <Alert type="info" showIcon title={t('flowAdmin.migrate.noneRunning')} />;
  else
    body = (
      <>
        <Form.Item label={t('flowAdmin.migrate.nodeMap')} extra={t('flowAdmin.migrate.nodeMapHelp')} validateStatus={missing.length > 0 ? 'error' : undefined} help={missing.length > 0 ? t('flowAdmin.migrate.unmapped') : undefined}>
          <Table
            rowKey="nodeId"
            size="small"
            pagination={false}
            dataSource={waiting}
            columns={[
              {
                title: t('flowAdmin.migrate.waitingAt'),
                key: 'node',
                render: (_: unknown, w) => (
                  <>
                    {w.nodeName} <Typography.Text type="secondary" code>{w.nodeId}</Typography.Text> <Tag>{t('flowAdmin.migrate.waitingCount', { count: w.count })}</Tag>
                  </>
                ),
              },
              {
                title: t('flowAdmin.migrate.continueAt'),
                key: 'target',
                render: (_: unknown, w) => (
                  <Select<string>
                    value={nodeMap[w.nodeId]}
                    status={missing.includes(w.nodeId) ? 'error' : undefined}
                    options={targetOptions(w.nodeId)}
                    onChange={(id) => setNodeMap({ ...nodeMap, [w.nodeId]: id })}
                    style={{ minWidth: 220 }}
                    data-testid={`migrate-target-${w.nodeId}`}
                  />
                ),
              },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('flowAdmin.migrate.applications')} extra={chosen === null ? t('flowAdmin.migrate.allApplications', { count: onVersion.length }) : t('flowAdmin.migrate.someApplications', { count: selectedApps.length })}>
          <Table<ApplicationSummary>
            rowKey="id"
            size="small"
            dataSource={onVersion}
            pagination={{ pageSize: 5, hideOnSinglePage: true, size: 'small' }}
            rowSelection={{
              selectedRowKeys: chosen ?? onVersion.map((a) => a.id),
              onChange: (keys) => setChosen(keys.length === onVersion.length ? null : keys.map(String)),
            }}
            columns={[
              { title: t('flowAdmin.monitor.number'), dataIndex: 'number', render: (n: string | null) => n ?? '—' },
              { title: t('flowAdmin.monitor.title'), dataIndex: 'title', ellipsis: true },
              { title: t('flowAdmin.monitor.currentNode'), key: 'nodes', render: (_: unknown, a) => a.currentNodes.map((n) => n.nodeName).join(t('common.listSeparator')) },
            ]}
          />
        </Form.Item>
      </>
    );

  return (
    <Modal
      open
      width={800}
      title={t('flowAdmin.migrate.title')}
      okText={t('flowAdmin.migrate.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !ready, loading: migrate.isPending, danger: true }}
      onOk={() => from && to && migrate.mutate({ from, to })}
      onCancel={onClose}
      mask={{ closable: !migrate.isPending }}
    >
      <Typography.Paragraph type="secondary">{t('flowAdmin.migrate.intro')}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item label={t('flowAdmin.migrate.from')} required>
          <Select<string> value={fromId} options={sources.map((v) => ({ value: v.id, label: versionLabel(v) }))} onChange={(id) => { setFromId(id); setChosen(null); }} />
        </Form.Item>
        <Form.Item label={t('flowAdmin.migrate.to')} required validateStatus={sameVersion ? 'error' : undefined} help={sameVersion ? t('flowAdmin.migrate.sameVersion') : undefined}>
          <Select<string> value={toId} options={targets.map((v) => ({ value: v.id, label: versionLabel(v) }))} onChange={setToId} />
        </Form.Item>
        {from && to && !sameVersion && body}
        {from && to && !sameVersion && incomplete(preview.data)}
        <Form.Item label={t('flowAdmin.migrate.reason')} required extra={t('flowAdmin.migrate.reasonHelp')}>
          <Input.TextArea value={reason} maxLength={500} showCount rows={3} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
