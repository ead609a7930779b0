import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '../api/types.ts';

/** The one time a token's secret is visible: the server keeps only its hash. */
export function TokenSecretModal({ created, onClose }: { created: CreatedApiToken; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('me.tokens.secretTitle', { name: created.token.name })}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('me.tokens.secretDone')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('me.tokens.secretWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph code copyable={{ text: created.secret }} style={{ wordBreak: 'break-all' }} data-testid="token-secret">
        {created.secret}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('me.tokens.secretUsage')}</Typography.Paragraph>
    </Modal>
  );
}
