import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Webhook } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import type { CreatedWebhook } from '../api/types.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { afterChange } from '../org/api.ts';
import { WEBHOOK_SUBJECT, pingWebhook, rotateWebhookSecret, updateWebhook } from './api.ts';

/**
 * What can be done to a subscription from its row or its drawer: pause or resume, send a test, rotate the secret.
 * A rotation's new secret goes to `onSecret`, which shows it the one time it is available.
 */
export function useWebhookActions(onSecret: (created: CreatedWebhook) => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const refresh = (id: string) => afterChange(queryClient, queryKeys.webhooks.all, { type: WEBHOOK_SUBJECT, id });

  const setActive = useMutation({
    mutationFn: ({ webhook, active }: { webhook: Webhook; active: boolean }) => updateWebhook(webhook.id, { active }),
    onSuccess: async (saved) => {
      void message.success(saved.active ? t('system.webhook.resumed') : t('system.webhook.paused'));
      await refresh(saved.id);
    },
    onError: (error) => reportError(error),
  });

  const ping = useMutation({
    mutationFn: (webhook: Webhook) => pingWebhook(webhook.id),
    onSuccess: async (_queued, webhook) => {
      void message.success(t('system.webhook.pinged'));
      await refresh(webhook.id);
    },
    onError: (error) => reportError(error),
  });

  const rotate = useMutation({
    mutationFn: (webhook: Webhook) => rotateWebhookSecret(webhook.id),
    onSuccess: async (created) => {
      onSecret(created);
      await refresh(created.webhook.id);
    },
    onError: (error) => reportError(error),
  });

  return { setActive, ping, rotate };
}

export type WebhookActions = ReturnType<typeof useWebhookActions>;
