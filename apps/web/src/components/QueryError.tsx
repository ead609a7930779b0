import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { errorText } from '../api/error-text.ts';
import { StatusResult } from './StatusResult.tsx';

interface QueryErrorProps {
  error: unknown;
  onRetry?: () => void;
  /** Inside a card or drawer a page-sized message is too loud; an Alert fits. */
  compact?: boolean;
}

/** The error state of anything loaded from the API, with a retry where retrying can help. */
export function QueryError({ error, onRetry, compact = false }: QueryErrorProps) {
  const { t } = useTranslation();
  const text = errorText(t, error);
  const retry = onRetry && (
    <Button size={compact ? 'small' : 'middle'} onClick={onRetry}>
      {t('common.retry')}
    </Button>
  );

  if (compact) return <Alert type="error" showIcon title={text} action={retry} />;

  const status = isApiError(error) && error.status === 404 ? '404' : isApiError(error) && error.status === 403 ? '403' : 'error';
  return <StatusResult status={status} title={t('common.loadFailed')} subTitle={text} extra={retry} />;
}
