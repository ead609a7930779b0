import { useState } from 'react';
import { Button, Card, Switch, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Webhook } from '@henji/contracts';
import type { CreatedWebhook } from '../api/types.ts';
import { hasPermission, useMe } from '../auth/session.ts';
import { can } from '../components/can.ts';
import { DeliveryCounts } from '../components/DeliveryCounts.tsx';
import { NotFoundPage } from '../components/NotFoundPage.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryTable } from '../components/QueryTable.tsx';
import { useWebhooks } from './api.ts';
import { useWebhookActions } from './use-webhook-actions.ts';
import { WebhookActionButtons } from './WebhookActionButtons.tsx';
import { EventTags, WebhookDrawer } from './WebhookDrawer.tsx';
import { WebhookFormModal } from './WebhookFormModal.tsx';
import { WebhookSecretModal } from './WebhookSecretModal.tsx';

/** 系统集成 → Webhooks. Integrations exist only for those who manage them; the server answers 404 to anyone else. */
export function WebhooksPage() {
  const me = useMe();
  return hasPermission(me, 'system.integrations') ? <Webhooks /> : <NotFoundPage />;
}

function Webhooks() {
  const { t } = useTranslation();
  const webhooks = useWebhooks();
  const [editing, setEditing] = useState<{ webhook?: Webhook } | null>(null);
  const [secret, setSecret] = useState<CreatedWebhook | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const actions = useWebhookActions(setSecret);
  const { setActive } = actions;

  const list = webhooks.data ?? [];
  const detail = list.find((w) => w.id === detailId) ?? null;
  const edit = (webhook: Webhook) => setEditing({ webhook });

  const columns: TableColumnsType<Webhook> = [
    {
      title: t('system.webhook.name'),
      dataIndex: 'name',
      render: (name: string) => <Typography.Link data-testid="webhook-name">{name}</Typography.Link>,
    },
    {
      title: t('system.webhook.url'),
      dataIndex: 'url',
      ellipsis: true,
      render: (url: string) => <Typography.Text code>{url}</Typography.Text>,
    },
    { title: t('system.webhook.events'), dataIndex: 'events', render: (events: string[]) => <EventTags events={events} /> },
    {
      title: t('system.webhook.active'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean, webhook) => (
        <span onClick={(event) => event.stopPropagation()}>
          <Switch
            checked={active}
            disabled={!can(webhook, 'update')}
            loading={setActive.isPending && setActive.variables?.webhook.id === webhook.id}
            onChange={(next) => setActive.mutate({ webhook, active: next })}
            aria-label={t('system.webhook.active')}
          />
        </span>
      ),
    },
    { title: t('system.webhook.deliveries'), key: 'deliveries', render: (_: unknown, webhook) => <DeliveryCounts counts={webhook.deliveries} title={t('system.webhook.deliveries')} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, webhook) => <WebhookActionButtons webhook={webhook} actions={actions} onEdit={edit} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.webhooks')}
        description={t('system.webhook.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
            {t('system.webhook.create')}
          </Button>
        }
      />
      <Card>
        <QueryTable<Webhook>
          query={webhooks}
          rows={list}
          skeletonRows={4}
          emptyText={t('system.webhook.empty')}
          onOpen={(webhook) => setDetailId(webhook.id)}
          columns={columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {editing && <WebhookFormModal webhook={editing.webhook} onCreated={setSecret} onClose={() => setEditing(null)} />}
      {secret && <WebhookSecretModal created={secret} onClose={() => setSecret(null)} />}
      <WebhookDrawer
        webhook={detail}
        onClose={() => setDetailId(null)}
        extra={detail && <WebhookActionButtons webhook={detail} actions={actions} onEdit={edit} />}
      />
    </>
  );
}
