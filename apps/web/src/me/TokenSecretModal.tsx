import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '../api/types.ts';
import { SecretOnceModal } from '../components/SecretOnceModal.tsx';

/** The one time a token's secret is visible: the server keeps only its hash. */
export function TokenSecretModal({ created, onClose }: { created: CreatedApiToken; onClose: () => void }) {
  const { t } = useTranslation();
  const texts = {
    title: t('me.tokens.secretTitle', { name: created.token.name }),
    warning: t('me.tokens.secretWarning'),
    usage: t('me.tokens.secretUsage'),
    done: t('me.tokens.secretDone'),
  };
  return <SecretOnceModal secret={created.secret} texts={texts} testId="token-secret" onClose={onClose} />;
}
