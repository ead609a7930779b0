import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Space, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { NotificationChannel } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { hasPermission, useMe } from '../auth/session.ts';
import { can } from '../components/can.ts';
import { DeliveryCounts } from '../components/DeliveryCounts.tsx';
import { DetailDrawer } from '../components/DetailDrawer.tsx';
import { NotFoundPage } from '../components/NotFoundPage.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryTable } from '../components/QueryTable.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { afterChange } from '../org/api.ts';
import { CHANNEL_SUBJECT, notifyKeys, testChannel, updateChannel, useChannels } from './api.ts';
import { ChannelFormModal } from './ChannelFormModal.tsx';

/** 系统集成 → 通知渠道. Channels exist only for those who manage them; the server answers 404 to anyone else. */
export function ChannelsPage() {
  const me = useMe();
  return hasPermission(me, 'notify.manage') ? <Channels /> : <NotFoundPage />;
}

function useChannelActions() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const refresh = (id: string) => afterChange(queryClient, notifyKeys.channels, { type: CHANNEL_SUBJECT, id });

  const setActive = useMutation({
    mutationFn: ({ channel, active }: { channel: NotificationChannel; active: boolean }) => updateChannel(channel.id, { active }),
    onSuccess: async (saved) => {
      void message.success(saved.active ? t('notify.channel.resumed') : t('notify.channel.paused'));
      await refresh(saved.id);
    },
    onError: (error) => reportError(error),
  });
  const test = useMutation({
    mutationFn: (channel: NotificationChannel) => testChannel(channel.id),
    onSuccess: async (_queued, channel) => {
      void message.success(t('notify.channel.tested'));
      await Promise.all([refresh(channel.id), queryClient.invalidateQueries({ queryKey: notifyKeys.all })]);
    },
    onError: (error) => reportError(error),
  });
  return { setActive, test };
}

/** What a channel sends to, without its secrets: the server never returns them. */
function ChannelSettings({ channel }: { channel: NotificationChannel }) {
  const { t } = useTranslation();
  const { config } = channel;
  const secret = (set: boolean | undefined) => (set ? <Tag color="green">{t('notify.channel.secretSet')}</Tag> : <Tag>{t('notify.channel.secretNotSet')}</Tag>);
  if (channel.kind === 'smtp') {
    return (
      <Typography.Text>
        {config.host}:{config.port} · {config.from}
      </Typography.Text>
    );
  }
  if (channel.kind === 'dingtalk_app' || channel.kind === 'wecom_app' || channel.kind === 'feishu_app') {
    return (
      <Space size={4} wrap>
        <Typography.Text code>{config.appId}</Typography.Text>
        {config.agentId && <Typography.Text type="secondary">AgentId {config.agentId}</Typography.Text>}
        {config.baseUrl && <Typography.Text type="secondary">{config.baseUrl}</Typography.Text>}
        {secret(config.appSecretSet)}
      </Space>
    );
  }
  return (
    <Space size={4}>
      <Typography.Text code>{config.url}</Typography.Text>
      {channel.kind === 'sms' ? secret(config.tokenSet) : config.secretSet && secret(true)}
    </Space>
  );
}

function Channels() {
  const { t } = useTranslation();
  const channels = useChannels();
  const actions = useChannelActions();
  const [editing, setEditing] = useState<{ channel?: NotificationChannel } | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const list = channels.data ?? [];
  const detail = list.find((c) => c.id === detailId) ?? null;

  const buttons = (channel: NotificationChannel) => (
    <Space size={0} onClick={(event) => event.stopPropagation()}>
      {can(channel, 'update') && (
        <Button type="link" size="small" onClick={() => setEditing({ channel })}>
          {t('common.edit')}
        </Button>
      )}
      {can(channel, 'test') && (
        <Button
          type="link"
          size="small"
          loading={actions.test.isPending && actions.test.variables?.id === channel.id}
          onClick={() => actions.test.mutate(channel)}
        >
          {t('notify.channel.test')}
        </Button>
      )}
    </Space>
  );

  const columns: TableColumnsType<NotificationChannel> = [
    { title: t('notify.channel.name'), dataIndex: 'name', render: (name: string) => <Typography.Link>{name}</Typography.Link> },
    { title: t('notify.channel.kind'), dataIndex: 'kind', render: (kind: NotificationChannel['kind']) => t(`notify.channel.kinds.${kind}`) },
    { title: t('notify.channel.settings'), key: 'settings', ellipsis: true, render: (_: unknown, channel) => <ChannelSettings channel={channel} /> },
    {
      title: t('notify.channel.active'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean, channel) => (
        <span onClick={(event) => event.stopPropagation()}>
          <Switch
            checked={active}
            disabled={!can(channel, 'update')}
            loading={actions.setActive.isPending && actions.setActive.variables?.channel.id === channel.id}
            onChange={(next) => actions.setActive.mutate({ channel, active: next })}
            aria-label={t('notify.channel.active')}
          />
        </span>
      ),
    },
    {
      title: t('notify.channel.deliveries'),
      key: 'deliveries',
      render: (_: unknown, { deliveries }) => <DeliveryCounts counts={deliveries} title={t('notify.channel.deliveries')} />,
    },
    { title: t('common.actions'), key: 'actions', render: (_: unknown, channel) => buttons(channel) },
  ];

  return (
    <>
      <PageHeader
        title={t('notify.nav.channels')}
        description={t('notify.channel.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
            {t('notify.channel.create')}
          </Button>
        }
      />
      <Card>
        <QueryTable<NotificationChannel>
          query={channels}
          rows={list}
          skeletonRows={4}
          emptyText={t('notify.channel.empty')}
          onOpen={(channel) => setDetailId(channel.id)}
          columns={columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {editing && <ChannelFormModal channel={editing.channel} onClose={() => setEditing(null)} />}
      <DetailDrawer
        title={detail?.name ?? t('notify.nav.channels')}
        open={detail !== null}
        onClose={() => setDetailId(null)}
        subjectType={CHANNEL_SUBJECT}
        subjectId={detail?.id ?? null}
        extra={detail && buttons(detail)}
      >
        {detail && (
          <Descriptions
            column={2}
            size="small"
            bordered
            items={[
              { key: 'kind', label: t('notify.channel.kind'), children: t(`notify.channel.kinds.${detail.kind}`) },
              {
                key: 'active',
                label: t('common.status'),
                children: detail.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
              },
              { key: 'settings', label: t('notify.channel.settings'), span: 2, children: <ChannelSettings channel={detail} /> },
              { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(detail.createdAt) },
              { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(detail.updatedAt) },
            ]}
          />
        )}
      </DetailDrawer>
    </>
  );
}
