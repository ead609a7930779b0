import { Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Webhook } from '@henji/contracts';
import { can } from '../components/can.ts';
import type { WebhookActions } from './use-webhook-actions.ts';

interface WebhookActionButtonsProps {
  webhook: Webhook;
  actions: WebhookActions;
  onEdit: (webhook: Webhook) => void;
}

/** Edit, send a test and rotate the secret, as the server allows them (a paused subscription cannot be pinged). */
export function WebhookActionButtons({ webhook, actions, onEdit }: WebhookActionButtonsProps) {
  const { t } = useTranslation();
  const pinging = actions.ping.isPending && actions.ping.variables?.id === webhook.id;
  return (
    // Clicks here must not also open the detail drawer, which a table row's own click does.
    <Space size={0} onClick={(event) => event.stopPropagation()}>
      {can(webhook, 'update') && (
        <Button type="link" size="small" onClick={() => onEdit(webhook)}>
          {t('common.edit')}
        </Button>
      )}
      {can(webhook, 'ping') && (
        <Button type="link" size="small" loading={pinging} onClick={() => actions.ping.mutate(webhook)}>
          {t('system.webhook.ping')}
        </Button>
      )}
      {can(webhook, 'update') && (
        <Popconfirm
          title={t('system.webhook.confirmRotate', { name: webhook.name })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => actions.rotate.mutateAsync(webhook).catch(() => undefined)}
        >
          <Button type="link" size="small" danger>
            {t('system.webhook.rotate')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
