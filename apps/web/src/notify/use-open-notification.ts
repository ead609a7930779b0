import { useNavigate } from 'react-router-dom';
import type { NotificationItem } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { useMarkRead } from './api.ts';
import { appPath } from './links.ts';

/** Opening a notification marks it read and goes where it points, if it points anywhere in the app. */
export function useOpenNotification(afterOpen?: () => void) {
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const reportError = useErrorReporter();
  return (item: NotificationItem) => {
    if (item.readAt === null) markRead.mutate({ ids: [item.id] }, { onError: (error) => reportError(error) });
    const path = appPath(item.link);
    if (path) {
      afterOpen?.();
      void navigate(path);
    }
  };
}
