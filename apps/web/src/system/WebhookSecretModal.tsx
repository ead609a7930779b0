import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreatedWebhook } from '../api/types.ts';

/** The one time a subscription's signing secret is visible: after creation or rotation, never again. */
export function WebhookSecretModal({ created, onClose }: { created: CreatedWebhook; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('system.webhook.secretTitle', { name: created.webhook.name })}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('system.webhook.secretDone')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('system.webhook.secretWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph code copyable={{ text: created.secret }} style={{ wordBreak: 'break-all' }} data-testid="webhook-secret">
        {created.secret}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('system.webhook.secretUsage')}</Typography.Paragraph>
    </Modal>
  );
}
