import { useTranslation } from 'react-i18next';
import type { CreatedWebhook } from '../api/types.ts';
import { SecretOnceModal } from '../components/SecretOnceModal.tsx';

/** The one time a subscription's signing secret is visible: after creation or rotation, never again. */
export function WebhookSecretModal({ created, onClose }: { created: CreatedWebhook; onClose: () => void }) {
  const { t } = useTranslation();
  const texts = {
    title: t('system.webhook.secretTitle', { name: created.webhook.name }),
    warning: t('system.webhook.secretWarning'),
    usage: t('system.webhook.secretUsage'),
    done: t('system.webhook.secretDone'),
  };
  return <SecretOnceModal secret={created.secret} texts={texts} testId="webhook-secret" onClose={onClose} />;
}
